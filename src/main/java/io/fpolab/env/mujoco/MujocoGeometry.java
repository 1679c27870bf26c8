package io.fpolab.env.mujoco;

import java.util.List;

/**
 * The geometry of one MuJoCo simulation at one moment, in world coordinates (metres, z up): every geom's shape,
 * size, position and orientation, and where the motors' hinges are. A MuJoCo task's state (qpos, qvel) says
 * nothing about its shapes, so this is what a drawing of any MuJoCo task is made from. Immutable: the arrays are
 * copies that nobody writes.
 *
 * @param geoms  every geom of the model, in model order
 * @param motors the actuators that drive a hinge or a slide joint, in actuator order
 * @param extent the model's spatial extent ({@code stat.extent}): the size a view of the whole model needs
 * @param center the centre of the model in its initial pose ({@code stat.center}, x, y, z)
 * @param view    how the task is best looked at
 * @param strings the task's strings (spatial tendons between sites), each the points of its path as
 *                {@code [x0, y0, z0, x1, y1, z1, …]}
 */
public record MujocoGeometry(List<Geom> geoms, List<Motor> motors, double extent, double[] center, View view,
        List<double[]> strings) {

    public MujocoGeometry {
        geoms = List.copyOf(geoms);
        motors = List.copyOf(motors);
        center = center.clone();
        strings = strings.stream().map(double[]::clone).toList();
    }

    /** A model without strings. */
    public MujocoGeometry(List<Geom> geoms, List<Motor> motors, double extent, double[] center, View view) {
        this(geoms, motors, extent, center, view, List.of());
    }

    /** The geom types MuJoCo has ({@code mjtGeom}, in its order); a drawing knows all but the last three. */
    public enum Type {
        PLANE, HFIELD, SPHERE, CAPSULE, ELLIPSOID, CYLINDER, BOX, MESH, OTHER;

        static Type of(int mjtGeom) {
            Type[] all = values();
            return mjtGeom >= 0 && mjtGeom < all.length - 1 ? all[mjtGeom] : OTHER;
        }
    }

    /** The plane a drawing projects onto: the side view x–z (z up) or the top view x–y (y up). */
    public enum Plane { XZ, XY }

    /**
     * How a task is looked at.
     *
     * @param plane  the projection plane
     * @param follow the name of a geom the view follows (along x in the side view, in x and y in the top
     *               view), for a body that runs away; null for a fixed view of the model's centre
     * @param top    the highest height, in metres, a side view must show: where the task's bodies can reach above
     *               the height its extent gives (MuJoCo's {@code stat.extent} is measured in the initial pose, so a
     *               finger pointing down or a ball hanging under its cup makes it short); NaN for the extent's
     * @param halfWidth half the window's width in metres, for a task whose targets lie beyond the window the model's
     *                  extent gives (fish swims to targets up to 0.4 m away in x and y); NaN for the extent's
     */
    public record View(Plane plane, String follow, double top, double halfWidth) {
        /** The side view, fixed on the model. */
        public static final View SIDE = new View(Plane.XZ, null);

        /** A view whose window is sized by the model's extent alone. */
        public View(Plane plane, String follow) {
            this(plane, follow, Double.NaN);
        }

        /** A view whose width is the model extent's and whose side window reaches {@code top}. */
        public View(Plane plane, String follow, double top) {
            this(plane, follow, top, Double.NaN);
        }
    }

    /**
     * One geom.
     *
     * @param name   its name in the model ("" if none)
     * @param type   its shape
     * @param depth  how deep its body sits in the kinematic tree: 0 for the world (fixed scenery), 1 for a body
     *               attached to the world, 2 for that body's children, …
     * @param size   MuJoCo's three size parameters (sphere: radius; capsule and cylinder: radius, half-length;
     *               box and ellipsoid: half-sizes; plane: half-sizes in x and y, 0 meaning infinite)
     * @param pos    its centre ({@code geom_xpos})
     * @param mat    its orientation, row-major ({@code geom_xmat}): column k is its local axis k in world coordinates
     */
    public record Geom(String name, Type type, int depth, double[] size, double[] pos, double[] mat) {
        public Geom {
            size = size.clone();
            pos = pos.clone();
            mat = mat.clone();
        }

        /** World coordinate {@code row} (0 x, 1 y, 2 z) of local axis {@code axis}. */
        public double axis(int axis, int row) {
            return mat[3 * row + axis];
        }
    }

    /**
     * A motor on a hinge or a slide joint.
     *
     * @param actuator its index in the action vector
     * @param anchor   where it acts, in world coordinates: a hinge's anchor, or the origin of the body a slide moves
     * @param axis     the joint's axis in world coordinates: a positive action (for a positive gear) turns the child
     *                 body about it, right-handed, or pushes it along it
     * @param slide    whether the joint slides rather than turns
     */
    public record Motor(int actuator, double[] anchor, double[] axis, boolean slide) {
        public Motor {
            anchor = anchor.clone();
            axis = axis.clone();
        }

        /** A motor on a hinge. */
        public Motor(int actuator, double[] anchor, double[] axis) {
            this(actuator, anchor, axis, false);
        }
    }
}
