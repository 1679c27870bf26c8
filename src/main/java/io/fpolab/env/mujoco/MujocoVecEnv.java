package io.fpolab.env.mujoco;

import io.fpolab.core.math.Rng;
import io.fpolab.env.EnvSpec;
import io.fpolab.env.control.PhysicsVecEnv;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A {@link PhysicsVecEnv} whose physics is MuJoCo itself: one model, one {@code mjData} per env, stepped
 * in a loop. It keeps the contract of the pure-Java tasks (state {@code [qpos, qvel, target]}, auto-reset,
 * time limit, {@link #setState}, {@link #saveState}), so the trainer, the evaluator and checkpoints treat
 * it like any other task.
 *
 * <p>The {@code mjData} is the physics; the base class's state array mirrors its qpos and qvel after every
 * reset and step. When the mirror was overwritten from outside ({@link #setState}, {@link #restoreState},
 * {@link #setJointState}, {@link #setTarget}) the next step, reward or sensor-based observation first
 * writes it into the {@code mjData} and runs {@code mj_forward}. A task's target (its per-episode goal,
 * which moves nothing) lives in the state only: the model is shared by all envs, so it cannot hold one
 * target per env. A control step is dm_control's ({@code Physics.step(n_sub_steps)} with its default
 * legacy stepping): {@code mj_step2} on the quantities the previous {@code mj_step1} computed,
 * {@code n − 1} × {@code mj_step}, then {@code mj_step1}, so that positions, velocities and position- and
 * velocity-stage sensors are those of the new state when the reward reads them.
 *
 * <p>A model with a free joint has more positions than velocities (its orientation is a quaternion); such a
 * task names its velocities apart ({@link PhysicsVecEnv#velocities()}). Holds native memory: {@link #close()} frees it (a dropped env is also freed once unreachable).
 */
public abstract class MujocoVecEnv extends PhysicsVecEnv {
    private final MujocoPhysics physics;
    private final int nq;
    private final int nv;
    private final int targetDim;
    private final int stateDim;
    private final int substeps;
    private final double[] mirror;
    /** The model's geoms without their pose, and the joints of the motors (−1: a servo, or not on a hinge or slide). */
    private final MujocoGeometry.Geom[] geomShapes;
    private final int[] motorJoints;
    private final boolean[] motorSlides;
    /** The site ids of {@link #strings()}, looked up on the first {@link #geometry} call. */
    private int[][] stringSites;

    /**
     * A task without a target whose control step is one physics step (dm_control's default control
     * timestep).
     *
     * @param model  class-path resource of the MJCF model
     * @param joints names of the model's joints, in its qpos order (checked against the model's size)
     */
    protected MujocoVecEnv(EnvSpec spec, int numEnvs, List<String> joints, String model) {
        this(spec, numEnvs, joints, 0, model, 0);
    }

    /**
     * @param targetDim       values of the task's target after qpos and qvel in a state
     * @param model           class-path resource of the MJCF model
     * @param controlTimestep the task's control timestep in seconds, a whole multiple of the model's timestep
     *                        (dm_control's {@code compute_n_steps}); 0 for one physics step per control step
     */
    protected MujocoVecEnv(EnvSpec spec, int numEnvs, List<String> joints, int targetDim, String model,
            double controlTimestep) {
        this(spec, numEnvs, joints, joints, targetDim, model, controlTimestep);
    }

    /**
     * A task whose model has a free joint: {@code positions} names qpos, {@code velocities} names qvel, in the
     * model's order; otherwise as above.
     */
    protected MujocoVecEnv(EnvSpec spec, int numEnvs, List<String> positions, List<String> velocities,
            int targetDim, String model, double controlTimestep) {
        super(spec, numEnvs, positions, velocities, targetDim);
        this.physics = new MujocoPhysics(model, numEnvs);
        this.nq = positions.size();
        this.nv = velocities.size();
        if (physics.nq() != nq || physics.nv() != nv || physics.nu() != spec.actDim()) {
            physics.close();
            throw new IllegalStateException(model + " has nq " + physics.nq() + ", nv " + physics.nv() + ", nu "
                    + physics.nu() + "; " + spec.id() + " expects " + nq + ", " + nv + ", " + spec.actDim());
        }
        this.substeps = controlTimestep == 0 ? 1 : subSteps(controlTimestep, physics.timestep());
        if (substeps < 1) {
            physics.close();
            throw new IllegalStateException(spec.id() + "'s control timestep " + controlTimestep
                    + " s is not a whole multiple of " + model + "'s timestep " + physics.timestep() + " s");
        }
        this.targetDim = targetDim;
        this.stateDim = nq + nv + targetDim;
        this.mirror = new double[numEnvs * stateDim];
        Arrays.fill(mirror, Double.NaN);
        this.geomShapes = new MujocoGeometry.Geom[physics.ngeom()];
        double[] none = new double[9];
        for (int g = 0; g < geomShapes.length; g++) {
            int depth = 0;
            for (int b = physics.geomBody(g); b != 0; b = physics.bodyParent(b)) {
                depth++;
            }
            geomShapes[g] = new MujocoGeometry.Geom(physics.geomName(g), MujocoGeometry.Type.of(physics.geomType(g)),
                    depth, physics.geomSize(g), new double[3], none);
        }
        this.motorJoints = new int[physics.nu()];
        this.motorSlides = new boolean[physics.nu()];
        for (int k = 0; k < physics.nu(); k++) {
            // Only a plain motor's control is a torque or a push to draw; a servo's (the fish's) is a set point.
            int j = physics.actuatorIsMotor(k) ? physics.actuatorJoint(k) : -1;
            int type = j >= 0 ? physics.jointType(j) : -1;
            motorJoints[k] = type == Mujoco.Layout.JNT_HINGE || type == Mujoco.Layout.JNT_SLIDE ? j : -1;
            motorSlides[k] = type == Mujoco.Layout.JNT_SLIDE;
        }
    }

    /**
     * The task's strings for its drawing: each the names of the sites a spatial tendon passes through, in order
     * (MuJoCo draws such a tendon as straight lines between them). None unless a task says otherwise.
     */
    protected List<List<String>> strings() {
        return List.of();
    }

    /**
     * Shapes env {@code i}'s drawing shows besides the model's geoms: the task's per-episode target, which lives in
     * the env's state because the model is shared by all envs. None unless a task says otherwise.
     */
    protected List<MujocoGeometry.Geom> targetShapes(int i) {
        return List.of();
    }

    /** A sphere of the world body (depth 0) at {@code (x, y, z)}, for {@link #targetShapes}. */
    protected static MujocoGeometry.Geom sphere(String name, double radius, double x, double y, double z) {
        return new MujocoGeometry.Geom(name, MujocoGeometry.Type.SPHERE, 0, new double[] {radius, 0, 0},
                new double[] {x, y, z}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
    }

    /** How the task is best looked at; the side view fixed on the model unless a task says otherwise. */
    protected MujocoGeometry.View view() {
        return MujocoGeometry.View.SIDE;
    }

    /**
     * The shapes and poses of env {@code i}'s geoms in its current state ({@link #state(int)}, also one that was
     * set from outside), and where its motors' hinges are: what a drawing of the task is made from.
     */
    public final MujocoGeometry geometry(int i) {
        double[] s = state(i);
        sync(i, s, 0);
        int ngeom = geomShapes.length;
        double[] xpos = new double[3 * ngeom];
        double[] xmat = new double[9 * ngeom];
        physics.readGeomXpos(i, xpos);
        physics.readGeomXmat(i, xmat);
        List<MujocoGeometry.Geom> geoms = new ArrayList<>(ngeom);
        for (int g = 0; g < ngeom; g++) {
            MujocoGeometry.Geom shape = geomShapes[g];
            geoms.add(new MujocoGeometry.Geom(shape.name(), shape.type(), shape.depth(), shape.size(),
                    Arrays.copyOfRange(xpos, 3 * g, 3 * g + 3), Arrays.copyOfRange(xmat, 9 * g, 9 * g + 9)));
        }
        geoms.addAll(targetShapes(i));
        double[] anchors = new double[3 * physics.njnt()];
        double[] axes = new double[3 * physics.njnt()];
        physics.readJointAnchors(i, anchors);
        physics.readJointAxes(i, axes);
        List<MujocoGeometry.Motor> motors = new ArrayList<>();
        for (int k = 0; k < physics.nu(); k++) {
            int j = motorJoints[k];
            if (j >= 0) {
                // A slide joint's anchor stays where the body was before the joint moved it; its push acts on the body.
                double[] at = motorSlides[k] ? bodyPosition(i, physics.jointBody(j))
                        : Arrays.copyOfRange(anchors, 3 * j, 3 * j + 3);
                motors.add(new MujocoGeometry.Motor(k, at, Arrays.copyOfRange(axes, 3 * j, 3 * j + 3), motorSlides[k]));
            }
        }
        if (stringSites == null) {
            stringSites = strings().stream()
                    .map(names -> names.stream().mapToInt(physics::siteId).toArray()).toArray(int[][]::new);
        }
        List<double[]> strings = new ArrayList<>();
        for (int[] sites : stringSites) {
            double[] path = new double[3 * sites.length];
            for (int k = 0; k < sites.length; k++) {
                for (int axis = 0; axis < 3; axis++) {
                    path[3 * k + axis] = physics.sitePosition(i, sites[k], axis);
                }
            }
            strings.add(path);
        }
        return new MujocoGeometry(geoms, motors, physics.extent(), physics.center(), view(), strings);
    }

    private double[] bodyPosition(int i, int body) {
        return new double[] {physics.bodyPosition(i, body, 0), physics.bodyPosition(i, body, 1),
            physics.bodyPosition(i, body, 2)};
    }

    /**
     * dm_control's {@code compute_n_steps} ({@code dm_control/rl/control.py}): the physics steps per control
     * step, or 0 when the control timestep is smaller than the physics timestep or their ratio is more than
     * 1e-8 from a whole number.
     */
    static int subSteps(double controlTimestep, double physicsTimestep) {
        double n = controlTimestep / physicsTimestep;
        long rounded = Math.round(n);
        return controlTimestep >= physicsTimestep && Math.abs(n - rounded) <= 1e-8 ? (int) rounded : 0;
    }

    /** Physics steps per control step. */
    public final int substeps() {
        return substeps;
    }

    /** Seconds per control step: {@link #substeps()} × the model's timestep. */
    public final double controlTimestep() {
        return substeps * physics.timestep();
    }

    /** The MuJoCo model and data of all envs, for the task's reset and reward. */
    protected final MujocoPhysics physics() {
        return physics;
    }

    /**
     * Puts env {@code i}'s {@code mjData} in the first state of a new episode, as the task's
     * {@code initialize_episode} does, with randomness from {@code rng}, and draws its target
     * ({@link #initializeTarget}) if it has one. Ends with the data's position- and velocity-dependent
     * quantities computed ({@code mj_step1} or {@code mj_forward}).
     */
    protected abstract void initializeEpisode(int i, Rng rng);

    /** Sets value {@code k} of env {@code i}'s target for the episode {@link #initializeEpisode} starts. */
    protected final void initializeTarget(int i, int k, double value) {
        mirror[i * stateDim + nq + nv + Objects.checkIndex(k, targetDim)] = value;
    }

    /** Value {@code k} of the target of the state env {@code i}'s {@code mjData} holds. */
    protected final double target(int i, int k) {
        return mirror[i * stateDim + nq + nv + Objects.checkIndex(k, targetDim)];
    }

    /**
     * Makes the {@code mjData} of the env whose state is {@code s[off ..]} hold that state (nothing to do
     * after a reset or step), for an observation that reads sensors, and returns the env's index.
     */
    protected final int syncedEnv(double[] s, int off) {
        int i = off / stateDim;
        sync(i, s, off);
        return i;
    }

    /** The reward of env {@code i}'s current {@code mjData}, whose sensors are up to date. */
    protected abstract double reward(int i);

    @Override
    protected final void resetState(double[] s, int off, Rng rng) {
        int i = off / stateDim;
        initializeEpisode(i, rng);
        pull(i, s, off);
    }

    @Override
    protected final double advance(double[] s, int off, double[] a) {
        int i = off / stateDim;
        sync(i, s, off);
        physics.writeCtrl(i, a);
        physics.step2(i);
        for (int k = 1; k < substeps; k++) {
            physics.step(i);
        }
        physics.step1(i);
        pull(i, s, off);
        return reward(i);
    }

    /** The reward of env {@code i}'s current state, as a step ending in it would return it. */
    public final double currentReward(int i) {
        double[] s = state(i);
        sync(i, s, 0);
        return reward(i);
    }

    /**
     * Writes the state {@code s[off ..]} into env {@code i}'s {@code mjData} and recomputes what depends on
     * it, unless the data already holds it.
     */
    private void sync(int i, double[] s, int off) {
        if (Arrays.equals(s, off, off + stateDim, mirror, i * stateDim, (i + 1) * stateDim)) {
            return;
        }
        physics.writeQpos(i, s, off);
        physics.writeQvel(i, s, off + nq);
        physics.forward(i);
        System.arraycopy(s, off, mirror, i * stateDim, stateDim);
    }

    /** Reads env {@code i}'s qpos and qvel into {@code s[off ..]} and the mirror, and its target into {@code s}. */
    private void pull(int i, double[] s, int off) {
        physics.readQpos(i, s, off);
        physics.readQvel(i, s, off + nq);
        System.arraycopy(s, off, mirror, i * stateDim, nq + nv);
        System.arraycopy(mirror, i * stateDim + nq + nv, s, off + nq + nv, targetDim);
    }

    /**
     * MuJoCo does not let a bad number (NaN, infinity, a huge acceleration) through: it resets the simulation to the
     * model's initial pose and counts a warning, so the state stays finite but is no longer the motion.
     */
    @Override
    public final String instability(int i) {
        String[] what = {"qpos", "qvel", "qacc"};
        int[] kinds = {Mujoco.Layout.WARN_BADQPOS, Mujoco.Layout.WARN_BADQVEL, Mujoco.Layout.WARN_BADQACC};
        for (int k = 0; k < kinds.length; k++) {
            if (physics.warnings(i, kinds[k]) > 0) {
                return "MuJoCo found a bad number in " + what[k] + " and reset the simulation";
            }
        }
        return null;
    }

    /** Frees the MuJoCo model and data; the env cannot step afterwards. Idempotent. */
    @Override
    public void close() {
        physics.close();
    }
}
