package io.fpolab.analysis.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fpolab.analysis.probe.SystemDrawing.Disc;
import io.fpolab.analysis.probe.SystemDrawing.Polygon;
import io.fpolab.analysis.probe.SystemDrawing.Segment;
import io.fpolab.analysis.probe.SystemDrawing.Tone;
import io.fpolab.env.mujoco.MujocoGeometry;
import io.fpolab.env.mujoco.MujocoGeometry.Geom;
import io.fpolab.env.mujoco.MujocoGeometry.Motor;
import io.fpolab.env.mujoco.MujocoGeometry.Plane;
import io.fpolab.env.mujoco.MujocoGeometry.Type;
import io.fpolab.env.mujoco.MujocoGeometry.View;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The projection of MuJoCo geometry onto a task's plane, on hand-made geometry (no MuJoCo needed). */
class GeometryProjectionTest {
    private static final double[] IDENTITY = {1, 0, 0, 0, 1, 0, 0, 0, 1};

    /** Rotation about +y by {@code a}, row-major. */
    private static double[] aboutY(double a) {
        double c = Math.cos(a);
        double s = Math.sin(a);
        return new double[] {c, 0, s, 0, 1, 0, -s, 0, c};
    }

    private static Geom geom(String name, Type type, int depth, double[] size, double[] pos, double[] mat) {
        return new Geom(name, type, depth, size, pos, mat);
    }

    @Test
    void fromTheSideAFloorIsALineAndShapesAreOutlinedFarToNear() {
        List<Geom> geoms = List.of(
                geom("floor", Type.PLANE, 0, new double[] {5, 1, 0.1}, new double[] {1, 0, 0.2}, IDENTITY),
                geom("near", Type.SPHERE, 1, new double[] {0.1, 0, 0}, new double[] {0, -0.3, 1}, IDENTITY),
                geom("far", Type.BOX, 2, new double[] {0.2, 0.1, 0.1}, new double[] {0.5, 0.4, 1}, aboutY(Math.PI / 4)),
                geom("arm", Type.CAPSULE, 3, new double[] {0.05, 0.3, 0}, new double[] {-1, 0, 1}, aboutY(Math.PI / 2)),
                geom("target", Type.SPHERE, 0, new double[] {0.05, 0, 0}, new double[] {0, 0, 2}, IDENTITY));
        MujocoGeometry geo = new MujocoGeometry(geoms,
                List.of(new Motor(1, new double[] {-1, 0, 1}, new double[] {0, 1, 0})), 2, new double[] {0, 0, 1},
                new View(Plane.XZ, "arm"));
        SystemDrawing d = GeometryProjection.of(geo);
        assertEquals(0.2, d.floor().level(), 0);
        assertEquals(-4, d.floor().xlo(), 1e-12);
        assertEquals(6, d.floor().xhi(), 1e-12);
        // Farthest (largest y) first: the box, then the ones at y = 0, the sphere at y = −0.3 last.
        assertInstanceOf(Polygon.class, d.shapes().get(0));
        assertEquals(Tone.LINK, d.shapes().get(0).tone());
        Disc near = assertInstanceOf(Disc.class, d.shapes().get(3));
        assertEquals(Tone.BODY, near.tone());
        assertEquals(0.1, near.radius(), 0);
        // A box turned 45° about y: a square standing on a corner, 0.2·√2 (and 0.1·√2) from its centre.
        double[] xy = ((Polygon) d.shapes().get(0)).xy();
        assertEquals(8, xy.length);
        double top = Double.NEGATIVE_INFINITY;
        for (int k = 1; k < xy.length; k += 2) {
            top = Math.max(top, xy[k]);
        }
        assertEquals(1 + 0.3 / Math.sqrt(2), top, 1e-12);
        // A capsule along local z, turned 90° about y, lies along x.
        Segment arm = (Segment) d.shapes().stream().filter(s -> s instanceof Segment).findFirst().orElseThrow();
        assertEquals(0.6, Math.abs(arm.x1() - arm.x0()), 1e-12);
        assertEquals(0, arm.y1() - arm.y0(), 1e-12);
        assertEquals(Tone.TARGET, d.shapes().stream().filter(s -> s instanceof Disc x && x.radius() == 0.05)
                .findFirst().orElseThrow().tone());
        // A positive torque about +y (into the picture) turns clockwise; the window follows the arm along x.
        assertEquals(-1, d.torques().get(0).sign(), 0);
        assertEquals(1, d.torques().get(0).actuator());
        // 0.6 extents either side of the arm, from 0.1 extents under the floor up to 0.65 extents over that.
        assertWindow(-1 - 1.2, -1 + 1.2, 0.0, 1.3, d.window());
    }

    @Test
    void aSideViewWithATopAboveItsExtentGrowsAsAWholeToShowItAndStringsAreProjected() {
        List<Geom> geoms = List.of(
                geom("floor", Type.PLANE, 0, new double[] {1, 1, 0.1}, new double[] {0, 0, 0}, IDENTITY),
                geom("ball", Type.SPHERE, 1, new double[] {0.1, 0, 0}, new double[] {0, 0, 1.5}, IDENTITY));
        MujocoGeometry low = new MujocoGeometry(geoms, List.of(), 2, new double[] {0, 0, 1},
                new View(Plane.XZ, null, 1));
        // A top under the extent's height (1.1 above the floor) changes nothing.
        assertWindow(-1.2, 1.2, -0.2, 1.1, GeometryProjection.of(low).window());
        MujocoGeometry tall = new MujocoGeometry(geoms, List.of(), 2, new double[] {0, 0, 1},
                new View(Plane.XZ, null, 2.1), List.of(new double[] {0, 0, 1.5, 0.3, 0.7, 2.0}));
        // 2.1 + 0.05 extents of room = 2.2 above the floor, twice the 1.1 the extent gives: all twice as large.
        SystemDrawing d = GeometryProjection.of(tall);
        assertWindow(-2.4, 2.4, -0.4, 2.2, d.window());
        // A string's points seen from the side: x and z.
        assertArrayEquals(new double[] {0, 1.5, 0.3, 2.0}, d.strings().get(0), 0);
    }

    @Test
    void aSlidingMotorIsAPushAlongItsAxisWhenTheAxisLiesInThePlane() {
        List<Geom> geoms = List.of(
                geom("floor", Type.PLANE, 0, new double[] {1, 1, 0.1}, new double[] {0, 0, 0}, IDENTITY),
                geom("cup", Type.SPHERE, 1, new double[] {0.1, 0, 0}, new double[] {0.2, 0, 0.6}, IDENTITY));
        double[] at = {0.2, 0, 0.6};
        SystemDrawing d = GeometryProjection.of(new MujocoGeometry(geoms, List.of(
                new Motor(0, at, new double[] {1, 0, 0}, true),
                new Motor(1, at, new double[] {0, 0, -1}, true),
                new Motor(2, at, new double[] {0, 1, 0}, true)), 1, new double[] {0, 0, 0.5}, View.SIDE));
        assertEquals(List.of(new SystemDrawing.Force(0, 0.2, 0.6, 1, 0), new SystemDrawing.Force(1, 0.2, 0.6, 0, -1)),
                d.forces(), "x and −z in the side view; a push along y, into the picture, is left out");
        assertEquals(List.of(), d.torques());
    }

    @Test
    void fromTheTopAFloorIsAnArenaAndAnUprightCapsuleIsADot() {
        List<Geom> geoms = List.of(
                geom("floor", Type.PLANE, 0, new double[] {0.3, 0.2, 0.1}, new double[] {0, 0, 0}, IDENTITY),
                geom("post", Type.CAPSULE, 1, new double[] {0.02, 0.1, 0}, new double[] {0.1, 0.05, 0.1}, IDENTITY),
                geom("can", Type.CYLINDER, 1, new double[] {0.05, 0.1, 0}, new double[] {-0.1, 0, 0.1}, IDENTITY));
        SystemDrawing d = GeometryProjection.of(new MujocoGeometry(geoms,
                List.of(new Motor(0, new double[] {0, 0, 0}, new double[] {0, 0, 1})), 0.4, new double[] {0, 0, 0},
                new View(Plane.XY, null)));
        assertNull(d.floor());
        Polygon arena = assertInstanceOf(Polygon.class, d.shapes().get(0));
        assertEquals(Tone.GROUND, arena.tone());
        assertArrayEquals(new double[] {-0.3, -0.2, 0.3, -0.2, 0.3, 0.2, -0.3, 0.2}, arena.xy(), 1e-12);
        Segment post = (Segment) d.shapes().stream().filter(s -> s instanceof Segment).findFirst().orElseThrow();
        assertEquals(post.x0(), post.x1(), 0);
        assertEquals(0.05, post.y0(), 1e-12);
        Polygon can = (Polygon) d.shapes().get(d.shapes().size() - 1);
        double left = Double.POSITIVE_INFINITY;
        for (int k = 0; k < can.xy().length; k += 2) {
            left = Math.min(left, can.xy()[k]);
        }
        assertEquals(-0.15, left, 1e-12);
        assertEquals(1, d.torques().get(0).sign(), 0);
        assertWindow(-0.24, 0.24, -0.24, 0.24, d.window());
        SystemDrawing wide = GeometryProjection.of(new MujocoGeometry(geoms, List.of(), 0.4, new double[] {0, 0.1, 0},
                new View(Plane.XY, null, Double.NaN, 0.6)));
        assertWindow(-0.6, 0.6, -0.5, 0.7, wide.window());
    }

    private static void assertWindow(double xlo, double xhi, double ylo, double yhi, SystemDrawing.Window w) {
        assertArrayEquals(new double[] {xlo, xhi, ylo, yhi}, new double[] {w.xlo(), w.xhi(), w.ylo(), w.yhi()}, 1e-12,
                w.toString());
    }
}
