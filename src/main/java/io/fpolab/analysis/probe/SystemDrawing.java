package io.fpolab.analysis.probe;

import java.util.List;

/**
 * A flat drawing of a system in world coordinates of its projection plane (metres, second coordinate up):
 * filled shapes in painting order, the floor, the motors and the window to show. It is what the System view
 * draws of a MuJoCo task, whose state alone does not say what the body looks like; {@link GeometryProjection}
 * makes it from the task's geometry, so the painter needs no knowledge of the task.
 *
 * @param shapes  the bodies and scenery, farthest first
 * @param floor   the ground line of a side view, or null
 * @param torques the motors on hinges, each to be drawn as a torque of its action
 * @param window  the part of the plane to show
 * @param torqueRadius radius of a torque's arc (metres)
 * @param strings the strings (tendons), each a polyline {@code [x0, y0, x1, y1, …]} to be drawn thin behind the
 *                shapes
 * @param forces  the motors on slide joints, each to be drawn as an arrow of its action
 */
public record SystemDrawing(List<Shape> shapes, Floor floor, List<Torque> torques, Window window, double torqueRadius,
        List<double[]> strings, List<Force> forces) {

    public SystemDrawing {
        shapes = List.copyOf(shapes);
        torques = List.copyOf(torques);
        forces = List.copyOf(forces);
        strings = strings.stream().map(double[]::clone).toList();
    }

    /** What a shape is, for its colour: the painter picks the colours, in the style of the other drawings. */
    public enum Tone {
        /** A floor or arena surface. */
        GROUND,
        /** Fixed scenery other than the floor (geoms of the world body). */
        STATIC,
        /** A moving body: the root of a chain and every second link from it. */
        BODY,
        /** A moving body between two {@link #BODY} links. */
        LINK,
        /** What the task wants reached (a geom named "target…"). */
        TARGET
    }

    /** A filled shape. */
    public sealed interface Shape permits Segment, Disc, Polygon {
        Tone tone();
    }

    /** A capsule seen from the side: the segment between its end centres, widened by {@code radius} (round ends). */
    public record Segment(double x0, double y0, double x1, double y1, double radius, Tone tone) implements Shape {
    }

    /** A sphere, or a capsule seen end-on. */
    public record Disc(double x, double y, double radius, Tone tone) implements Shape {
    }

    /** A convex outline {@code [x0, y0, x1, y1, …]}, anticlockwise: a box, cylinder, ellipsoid or plane patch. */
    public record Polygon(double[] xy, Tone tone) implements Shape {
        public Polygon {
            xy = xy.clone();
        }
    }

    /** The ground of a side view: a horizontal line at height {@code level} from {@code xlo} to {@code xhi}. */
    public record Floor(double level, double xlo, double xhi) {
    }

    /**
     * A motor on a hinge at (x, y) driven by action {@code actuator}; {@code sign} is +1 when a positive action
     * turns the child body anticlockwise in the drawing, −1 when clockwise.
     */
    public record Torque(int actuator, double x, double y, double sign) {
    }

    /**
     * A motor on a slide joint anchored at (x, y) driven by action {@code actuator}: a positive action pushes along
     * the unit direction (dx, dy) of the drawing.
     */
    public record Force(int actuator, double x, double y, double dx, double dy) {
    }

    /** The rectangle of the plane to show, to be fitted into the drawing area with its aspect kept. */
    public record Window(double xlo, double xhi, double ylo, double yhi) {
    }
}
