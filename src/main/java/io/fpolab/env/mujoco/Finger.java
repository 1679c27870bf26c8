package io.fpolab.env.mujoco;

import io.fpolab.core.math.Rng;
import io.fpolab.env.EnvSpec;
import java.util.List;

/**
 * dm_control's finger domain in MuJoCo (google-deepmind/dm_control, {@code dm_control/suite/finger.py} and
 * {@code finger.xml}): a planar two-joint finger that flicks a free-spinning body (the spinner) about its
 * hinge. Its tasks differ in the goal: {@link FingerSpin} spins the body, {@link FingerTurn} turns its tip
 * into a target.
 *
 * <p>Model: {@code finger.xml} next to this class, dm_control's physics without the visuals: joints
 * proximal and distal (limited to ±110°, damping 2.5; the proximal one's {@code ref} is −90°, so qpos −π/2
 * hangs the finger straight down) and the spinner's unlimited hinge (damping 0.5, friction loss 0.1), two
 * motors with gears 30 and 15 and controls in [−1, 1], no gravity, timestep 0.01 s. A control step is
 * {@link #CONTROL_TIMESTEP} = 0.02 s, two physics steps; an episode is {@link #TIME_LIMIT} = 20 s, 1000
 * control steps.
 *
 * <p>Episode start ({@code _set_random_joint_angles}, after the reset context's {@code mj_resetData} and
 * {@code mj_forward}): up to {@link #MAX_ATTEMPTS} times, every joint's position drawn (in joint order: a
 * limited joint uniformly in its range, the unlimited hinge uniformly in [−π, π];
 * {@code randomize_limited_and_rotational_joints} of {@code dm_control/suite/utils/randomizers.py}) and
 * {@code mj_forward} run, until no two geoms touch ({@code ncon == 0}); velocities stay 0.
 *
 * <p>Observation, dm_control's dict flattened in its order: position (4: the proximal and distal angles,
 * then the spinner's tip relative to its hinge, x and z), velocity (3: proximal, distal, hinge) and touch
 * (2: {@code log1p} of the touchtop and touchbottom sensors), all read from the model's sensors as
 * dm_control reads them; {@link FingerTurn} adds its target's observations.
 */
public abstract sealed class Finger extends MujocoVecEnv permits FingerSpin, FingerTurn {
    /** {@code _CONTROL_TIMESTEP} of finger.py, in seconds. */
    public static final double CONTROL_TIMESTEP = 0.02;
    /** {@code _DEFAULT_TIME_LIMIT} of finger.py, in seconds. */
    public static final double TIME_LIMIT = 20;
    /** {@code max_attempts} of finger.py's {@code _set_random_joint_angles}. */
    public static final int MAX_ATTEMPTS = 1000;
    /** The model's joints, in qpos order. */
    public static final List<String> JOINTS = List.of("proximal", "distal", "hinge");
    static final int ACT_DIM = 2;
    /** Observation values every finger task has: position 4, velocity 3, touch 2. */
    static final int BASE_OBS_DIM = 9;

    private final int proximal;
    private final int distal;
    private final int proximalVelocity;
    private final int distalVelocity;
    private final int hingeVelocity;
    private final int tip;
    private final int spinner;
    private final int touchTop;
    private final int touchBottom;
    private final boolean[] limited;
    private final double[][] ranges;
    private final double[] qpos;

    Finger(String id, int obsDim, int numEnvs, int targetDim) {
        super(new EnvSpec(id, obsDim, ACT_DIM, (int) Math.round(TIME_LIMIT / CONTROL_TIMESTEP), 1000.0, 1.0), numEnvs,
                JOINTS, targetDim, "finger.xml", CONTROL_TIMESTEP);
        MujocoPhysics p = physics();
        this.proximal = p.sensorAddress("proximal");
        this.distal = p.sensorAddress("distal");
        this.proximalVelocity = p.sensorAddress("proximal_velocity");
        this.distalVelocity = p.sensorAddress("distal_velocity");
        this.hingeVelocity = p.sensorAddress("hinge_velocity");
        this.tip = p.sensorAddress("tip");
        this.spinner = p.sensorAddress("spinner");
        this.touchTop = p.sensorAddress("touchtop");
        this.touchBottom = p.sensorAddress("touchbottom");
        int njnt = p.njnt();
        this.limited = new boolean[njnt];
        this.ranges = new double[njnt][];
        for (int j = 0; j < njnt; j++) {
            limited[j] = p.jointLimited(j);
            ranges[j] = limited[j] ? p.jointRange(j) : new double[] {-Math.PI, Math.PI};
        }
        this.qpos = new double[p.nq()];
    }

    /**
     * From the side, tall enough for the finger raised straight up: its hinge at z 0.4 ({@code finger.xml}, body
     * "proximal") plus its reach of 0.371 (distal body at 0.18, fingertip capsule to 0.161, radius 0.03).
     */
    @Override
    protected MujocoGeometry.View view() {
        return new MujocoGeometry.View(MujocoGeometry.Plane.XZ, null, 0.78);
    }

    /**
     * {@code _set_random_joint_angles}: draws joint positions until the finger and the spinner do not touch,
     * each draw followed by {@code mj_forward} (dm_control's {@code after_reset}), so the data ends computed.
     * Every joint is a hinge with one qpos value, so joint j's qpos address is j.
     *
     * @throws IllegalStateException when {@link #MAX_ATTEMPTS} draws all collide (dm_control's RuntimeError)
     */
    final void setRandomJointAngles(int i, Rng rng) {
        MujocoPhysics p = physics();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            for (int j = 0; j < qpos.length; j++) {
                qpos[j] = rng.uniform(ranges[j][0], ranges[j][1]);
            }
            p.writeQpos(i, qpos, 0);
            p.forward(i);
            if (p.ncon(i) == 0) {
                return;
            }
        }
        throw new IllegalStateException(spec().id() + " found no collision-free state after " + MAX_ATTEMPTS + " attempts");
    }

    /** The spinner's hinge velocity ({@code hinge_velocity} sensor; negative turns the tip from +z towards +x). */
    final double hingeVelocity(int i) {
        return physics().sensor(i, hingeVelocity);
    }

    /** {@code tip_position}: value {@code axis} (0 for x, 2 for z) of the spinner's tip relative to its hinge. */
    final double tipPosition(int i, int axis) {
        return physics().sensor(i, tip + axis) - spinner(i, axis);
    }

    /** Value {@code axis} (0 for x, 2 for z) of the spinner body's position ({@code spinner} sensor). */
    final double spinner(int i, int axis) {
        return physics().sensor(i, spinner + axis);
    }

    /** Writes position, velocity and touch of env {@code i}'s current data into {@code out[o ..]}. */
    final void observeBase(int i, float[] out, int o) {
        MujocoPhysics p = physics();
        out[o] = (float) p.sensor(i, proximal);
        out[o + 1] = (float) p.sensor(i, distal);
        out[o + 2] = (float) tipPosition(i, 0);
        out[o + 3] = (float) tipPosition(i, 2);
        out[o + 4] = (float) p.sensor(i, proximalVelocity);
        out[o + 5] = (float) p.sensor(i, distalVelocity);
        out[o + 6] = (float) hingeVelocity(i);
        out[o + 7] = (float) Math.log1p(p.sensor(i, touchTop));
        out[o + 8] = (float) Math.log1p(p.sensor(i, touchBottom));
    }
}
