package io.fpolab.analysis.probe;

import io.fpolab.analysis.probe.SystemDrawing.Disc;
import io.fpolab.analysis.probe.SystemDrawing.Floor;
import io.fpolab.analysis.probe.SystemDrawing.Force;
import io.fpolab.analysis.probe.SystemDrawing.Polygon;
import io.fpolab.analysis.probe.SystemDrawing.Segment;
import io.fpolab.analysis.probe.SystemDrawing.Shape;
import io.fpolab.analysis.probe.SystemDrawing.Tone;
import io.fpolab.analysis.probe.SystemDrawing.Torque;
import io.fpolab.analysis.probe.SystemDrawing.Window;
import io.fpolab.env.mujoco.MujocoGeometry;
import io.fpolab.env.mujoco.MujocoGeometry.Geom;
import io.fpolab.env.mujoco.MujocoGeometry.Motor;
import io.fpolab.env.mujoco.MujocoGeometry.Plane;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Projects a MuJoCo task's geometry onto the plane the task chose, as an orthographic camera would see it: the
 * side view x–z (x to the right, z up, looking along +y) or the top view x–y (y up, looking down). Each geom
 * becomes the outline of its projection: a capsule a thick segment with round ends, a sphere a disc, a box, a
 * cylinder or an ellipsoid the convex hull of its projected corners or surface points; a floor plane becomes the
 * ground line of a side view or the arena of a top view. Shapes are ordered far to near, so nearer ones cover
 * farther ones. The window is sized by the model's extent (or the task's width) and follows the task's followed geom,
 * if any.
 */
public final class GeometryProjection {
    /** Half the window's width, in model extents: the body with room around it to move. */
    static final double HALF_WIDTH = 0.6;
    /** Height of a side view's window, in model extents, from just under the floor. */
    static final double SIDE_HEIGHT = 0.65;
    /** How far below the floor a side view starts, in model extents (room for the ground's ticks). */
    static final double BELOW_FLOOR = 0.1;
    /** Room above a view's {@link MujocoGeometry.View#top() top}, in model extents. */
    static final double TOP_ROOM = 0.05;
    /** A torque's arc radius, in model extents. */
    static final double TORQUE_RADIUS = 0.05;
    /** Points sampled around a cylinder's rim or an ellipsoid's circles of latitude. */
    private static final int ROUND = 24;
    /** Size standing in for an infinite plane, in model extents. */
    private static final double INFINITE = 50;

    private GeometryProjection() {
    }

    /** The drawing of {@code geometry} from the task's own view. */
    public static SystemDrawing of(MujocoGeometry geometry) {
        Plane plane = geometry.view().plane();
        double e = geometry.extent();
        List<Geom> ordered = new ArrayList<>(geometry.geoms());
        ordered.sort(Comparator.comparingDouble((Geom g) -> far(plane, g.pos())).reversed());
        List<Shape> shapes = new ArrayList<>();
        Floor floor = null;
        for (Geom g : ordered) {
            if (g.type() == MujocoGeometry.Type.PLANE) {
                Floor f = plane(g, plane, e, shapes);
                if (f != null && (floor == null || f.level() > floor.level())) {
                    floor = f;
                }
            } else {
                shape(g, plane, tone(g), shapes);
            }
        }
        List<Torque> torques = new ArrayList<>();
        List<Force> forces = new ArrayList<>();
        for (Motor m : geometry.motors()) {
            if (m.slide()) {
                // A push shows when its axis lies mostly in the drawing's plane.
                double du = u(plane, m.axis());
                double dv = v(plane, m.axis());
                double inPlane = Math.hypot(du, dv);
                if (inPlane > 0.5) {
                    forces.add(new Force(m.actuator(), u(plane, m.anchor()), v(plane, m.anchor()), du / inPlane,
                            dv / inPlane));
                }
                continue;
            }
            // The drawing's anticlockwise direction is the axis pointing at the viewer: −y in the side view, +z on top.
            double toViewer = plane == Plane.XZ ? -m.axis()[1] : m.axis()[2];
            if (Math.abs(toViewer) > 0.5) {
                torques.add(new Torque(m.actuator(), u(plane, m.anchor()), v(plane, m.anchor()), Math.signum(toViewer)));
            }
        }
        List<double[]> strings = new ArrayList<>();
        for (double[] path : geometry.strings()) {
            double[] line = new double[2 * (path.length / 3)];
            for (int k = 0; k < line.length / 2; k++) {
                double[] p = {path[3 * k], path[3 * k + 1], path[3 * k + 2]};
                line[2 * k] = u(plane, p);
                line[2 * k + 1] = v(plane, p);
            }
            strings.add(line);
        }
        return new SystemDrawing(shapes, floor, torques, window(geometry, floor), TORQUE_RADIUS * e, strings, forces);
    }

    /** The part of the plane to show: around the followed geom if any, else around the model's centre. */
    private static Window window(MujocoGeometry geometry, Floor floor) {
        Plane plane = geometry.view().plane();
        double e = geometry.extent();
        double cu = u(plane, geometry.center());
        double cv = v(plane, geometry.center());
        String follow = geometry.view().follow();
        if (follow != null) {
            Geom g = geometry.geoms().stream().filter(x -> x.name().equals(follow)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the model has no geom '" + follow + "' to follow"));
            cu = u(plane, g.pos());
            if (plane == Plane.XY) {
                cv = v(plane, g.pos());
            }
        }
        double hw = Double.isNaN(geometry.view().halfWidth()) ? HALF_WIDTH * e : geometry.view().halfWidth();
        if (plane == Plane.XZ && floor != null) {
            // A tall model's window grows as a whole (its room under the floor and its width too) to hold its top.
            double top = geometry.view().top() + TOP_ROOM * e;
            double above = (SIDE_HEIGHT - BELOW_FLOOR) * e;
            double scale = Double.isNaN(top) ? 1 : Math.max(1, (top - floor.level()) / above);
            double lo = floor.level() - BELOW_FLOOR * e * scale;
            return new Window(cu - hw * scale, cu + hw * scale, lo, lo + SIDE_HEIGHT * e * scale);
        }
        double hh = plane == Plane.XZ ? SIDE_HEIGHT * e / 2 : hw;
        return new Window(cu - hw, cu + hw, cv - hh, cv + hh);
    }

    /** The colour class of a non-plane geom: scenery, target, or body and link alternating down the tree. */
    static Tone tone(Geom g) {
        if (g.name().toLowerCase(Locale.ROOT).startsWith("target")) {
            return Tone.TARGET;
        }
        if (g.depth() == 0) {
            return Tone.STATIC;
        }
        return g.depth() % 2 == 1 ? Tone.BODY : Tone.LINK;
    }

    /** Adds a non-plane geom's projection to {@code out}; meshes and height fields are left out. */
    private static void shape(Geom g, Plane plane, Tone tone, List<Shape> out) {
        double[] p = g.pos();
        double[] s = g.size();
        switch (g.type()) {
            case SPHERE -> out.add(new Disc(u(plane, p), v(plane, p), s[0], tone));
            case CAPSULE -> {
                double[] a = point(g, 0, 0, s[1]);
                double[] b = point(g, 0, 0, -s[1]);
                out.add(new Segment(u(plane, a), v(plane, a), u(plane, b), v(plane, b), s[0], tone));
            }
            case BOX -> {
                List<double[]> corners = new ArrayList<>();
                for (int k = 0; k < 8; k++) {
                    corners.add(point(g, (k & 1) == 0 ? -s[0] : s[0], (k & 2) == 0 ? -s[1] : s[1],
                            (k & 4) == 0 ? -s[2] : s[2]));
                }
                out.add(new Polygon(hull(plane, corners), tone));
            }
            case CYLINDER -> {
                List<double[]> rim = new ArrayList<>();
                for (int k = 0; k < ROUND; k++) {
                    double t = 2 * Math.PI * k / ROUND;
                    for (double h : new double[] {-s[1], s[1]}) {
                        rim.add(point(g, s[0] * Math.cos(t), s[0] * Math.sin(t), h));
                    }
                }
                out.add(new Polygon(hull(plane, rim), tone));
            }
            case ELLIPSOID -> {
                List<double[]> surface = new ArrayList<>();
                for (int i = 0; i <= ROUND / 2; i++) {
                    double phi = Math.PI * i / (ROUND / 2) - Math.PI / 2;
                    for (int k = 0; k < ROUND; k++) {
                        double t = 2 * Math.PI * k / ROUND;
                        surface.add(point(g, s[0] * Math.cos(phi) * Math.cos(t), s[1] * Math.cos(phi) * Math.sin(t),
                                s[2] * Math.sin(phi)));
                    }
                }
                out.add(new Polygon(hull(plane, surface), tone));
            }
            default -> {
                // a mesh or height field has no shape in the geom's sizes; left out of the drawing
            }
        }
    }

    /**
     * A plane geom: the floor of a side view (returned), the arena of a top view (a polygon), or, seen edge-on at
     * a slant, a thin wall. A plane facing a side view's camera is a backdrop and left out.
     */
    private static Floor plane(Geom g, Plane plane, double extent, List<Shape> out) {
        double[] n = {g.axis(2, 0), g.axis(2, 1), g.axis(2, 2)};
        double hx = g.size()[0] > 0 ? g.size()[0] : INFINITE * extent;
        double hy = g.size()[1] > 0 ? g.size()[1] : INFINITE * extent;
        double toViewer = plane == Plane.XZ ? n[1] : n[2];
        if (Math.abs(toViewer) > 0.9) {
            if (plane == Plane.XY) {
                List<double[]> corners = new ArrayList<>();
                for (int k = 0; k < 4; k++) {
                    corners.add(point(g, (k & 1) == 0 ? -hx : hx, (k & 2) == 0 ? -hy : hy, 0));
                }
                out.add(new Polygon(hull(plane, corners), Tone.GROUND));
            }
            return null;
        }
        if (plane == Plane.XZ && Math.abs(n[2]) > 0.9) {
            double[] a = point(g, -hx, 0, 0);
            double[] b = point(g, hx, 0, 0);
            return new Floor(g.pos()[2], Math.min(a[0], b[0]), Math.max(a[0], b[0]));
        }
        // Edge-on: the plane's trace is the in-plane direction perpendicular to its projected normal.
        double nu = u(plane, n);
        double nv = v(plane, n);
        double len = Math.hypot(nu, nv);
        double du = -nv / len;
        double dv = nu / len;
        double half = Math.max(hx, hy);
        double pu = u(plane, g.pos());
        double pv = v(plane, g.pos());
        out.add(new Segment(pu - du * half, pv - dv * half, pu + du * half, pv + dv * half, 0.004 * extent, Tone.STATIC));
        return null;
    }

    /** The world point at local coordinates (a, b, c) of geom {@code g}. */
    private static double[] point(Geom g, double a, double b, double c) {
        double[] p = g.pos();
        double[] out = new double[3];
        for (int r = 0; r < 3; r++) {
            out[r] = p[r] + g.axis(0, r) * a + g.axis(1, r) * b + g.axis(2, r) * c;
        }
        return out;
    }

    /** Horizontal drawing coordinate of a world point: x in both views. */
    static double u(Plane plane, double[] p) {
        return p[0];
    }

    /** Vertical drawing coordinate of a world point: z from the side, y from the top. */
    static double v(Plane plane, double[] p) {
        return plane == Plane.XZ ? p[2] : p[1];
    }

    /** Distance from the viewer along the viewing direction (up to a constant): y from the side, −z from the top. */
    private static double far(Plane plane, double[] p) {
        return plane == Plane.XZ ? p[1] : -p[2];
    }

    /** The convex hull of the points' projections, anticlockwise, as {@code [x0, y0, …]} (Andrew's monotone chain). */
    static double[] hull(Plane plane, List<double[]> points) {
        double[][] pts = points.stream().map(p -> new double[] {u(plane, p), v(plane, p)})
                .sorted(Comparator.<double[]>comparingDouble(q -> q[0]).thenComparingDouble(q -> q[1]))
                .toArray(double[][]::new);
        int n = pts.length;
        double[][] h = new double[2 * n][];
        int k = 0;
        for (int i = 0; i < n; i++) {
            while (k >= 2 && cross(h[k - 2], h[k - 1], pts[i]) <= 0) {
                k--;
            }
            h[k++] = pts[i];
        }
        for (int i = n - 2, lower = k + 1; i >= 0; i--) {
            while (k >= lower && cross(h[k - 2], h[k - 1], pts[i]) <= 0) {
                k--;
            }
            h[k++] = pts[i];
        }
        int size = Math.max(1, k - 1);
        double[] xy = new double[2 * size];
        for (int i = 0; i < size; i++) {
            xy[2 * i] = h[i][0];
            xy[2 * i + 1] = h[i][1];
        }
        return xy;
    }

    private static double cross(double[] o, double[] a, double[] b) {
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    }
}
