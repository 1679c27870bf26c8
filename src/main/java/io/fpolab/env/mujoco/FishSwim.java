package io.fpolab.env.mujoco;

import io.fpolab.core.math.Rng;
import io.fpolab.env.EnvSpec;
import io.fpolab.env.control.Rewards;
import java.util.List;

/**
 * dm_control {@code fish-swim} in MuJoCo (google-deepmind/dm_control, {@code dm_control/suite/fish.py} and
 * {@code fish.xml}): a fish, free to move in 3-D through a fluid without gravity, swims its mouth into a target
 * sphere while keeping upright.
 *
 * <p>Model: {@code fish.xml} next to this class; a free root joint (qpos: position, then orientation as a
 * quaternion w, x, y, z; qvel: linear then angular velocity) and seven hinges, so 14 positions and 13 velocities;
 * five position actuators with controls in [−1, 1] (tail, tail twist, the fins' flap through a tendon, and each
 * fin's pitch); MuJoCo's fluid forces with density 5000; timestep 0.004 s, ten physics steps per control step
 * ({@code _CONTROL_TIMESTEP = .04}), 1000 control steps per episode ({@code _DEFAULT_TIME_LIMIT = 40} s).
 *
 * <p>Episode start ({@code Swim.initialize_episode} inside the reset context: {@code mj_resetData} before,
 * {@code mj_forward} after): the orientation a normalised vector of four standard normal draws, the seven hinges'
 * angles (in the order of {@link #HINGES}) uniform in [−0.2, 0.2], then the target's x and y uniform in
 * [−0.4, 0.4] and z in [0.1, 0.3]. dm_control moves the model's target geom; here each env keeps its target in its
 * state ({@code [qpos (14), qvel (13), targetX, targetY, targetZ]}), since all envs share one model.
 *
 * <p>Observation (24), dm_control's dict in its order: {@code joint_angles} (7, the hinges' qpos), {@code upright}
 * (the torso's {@code xmat zz}), {@code target} (3: the mouth-to-target vector in the mouth's frame) and
 * {@code velocity} (qvel, 13). Reward: {@code (7 in_target + (upright + 1) / 2) / 8} with {@code in_target =
 * tolerance(|mouth_to_target|, bounds=(0, r), margin=2r)} (Gaussian, 0.1 at the margin), r the mouth's radius
 * plus the target's (0.005 + 0.04).
 */
public final class FishSwim extends MujocoVecEnv {
    public static final String ID = "fish-swim";
    /** {@code _CONTROL_TIMESTEP} of fish.py, seconds. */
    public static final double CONTROL_TIMESTEP = 0.04;
    /** {@code _DEFAULT_TIME_LIMIT} of fish.py (40 s) in control steps. */
    public static final int MAX_STEPS = 1000;
    /** The target's radius ({@code size=".04"} of fish.xml's target geom, which the model here leaves out). */
    public static final double TARGET_RADIUS = 0.04;
    /** {@code _JOINTS} of fish.py: the hinges, in qpos order. */
    public static final List<String> HINGES = List.of("tail1", "tail_twist", "tail2", "finright_roll",
            "finright_pitch", "finleft_roll", "finleft_pitch");
    /** The generalized positions: the free joint's position and quaternion, then the hinges. */
    public static final List<String> POSITIONS = List.of("root_x", "root_y", "root_z", "root_qw", "root_qx",
            "root_qy", "root_qz", "tail1", "tail_twist", "tail2", "finright_roll", "finright_pitch", "finleft_roll",
            "finleft_pitch");
    /** The generalized velocities: the free joint's linear and angular velocity, then the hinges. */
    public static final List<String> VELOCITIES = List.of("root_vx", "root_vy", "root_vz", "root_wx", "root_wy",
            "root_wz", "tail1", "tail_twist", "tail2", "finright_roll", "finright_pitch", "finleft_roll",
            "finleft_pitch");
    /** The ranges of the hinges' start angles and of the target's coordinates ({@code Swim.initialize_episode}). */
    public static final double HINGE_RANGE = 0.2;
    public static final double TARGET_XY = 0.4;
    public static final double TARGET_Z_LOW = 0.1;
    public static final double TARGET_Z_HIGH = 0.3;
    /** Half the width of the top view's window, metres. */
    static final double VIEW_HALF_WIDTH = 0.6;
    static final int OBS_DIM = 24;
    static final int ACT_DIM = 5;
    private static final int FREE_POSITIONS = 7;

    private final int torso;
    private final int mouth;
    /** The mouth's radius plus the target's: the distance within which the mouth is in the target. */
    private final double radii;
    private final double[] qpos;
    private final double[] toTarget = new double[3];

    public FishSwim(int numEnvs) {
        super(new EnvSpec(ID, OBS_DIM, ACT_DIM, MAX_STEPS, MAX_STEPS, 1.0), numEnvs, POSITIONS, VELOCITIES, 3,
                "fish.xml", CONTROL_TIMESTEP);
        MujocoPhysics p = physics();
        this.torso = p.bodyId("torso");
        this.mouth = p.geomId("mouth");
        this.radii = p.geomSize(mouth)[0] + TARGET_RADIUS;
        this.qpos = new double[p.nq()];
    }

    /**
     * From above, fixed on the arena: targets are drawn within ±0.4 m of the fish's start in x and y, so a window
     * ±{@link #VIEW_HALF_WIDTH} m wide shows every target with the fish around it.
     */
    @Override
    protected MujocoGeometry.View view() {
        return new MujocoGeometry.View(MujocoGeometry.Plane.XY, null, Double.NaN, VIEW_HALF_WIDTH);
    }

    @Override
    protected List<MujocoGeometry.Geom> targetShapes(int i) {
        return List.of(sphere("target", TARGET_RADIUS, target(i, 0), target(i, 1), target(i, 2)));
    }

    @Override
    protected void initializeEpisode(int i, Rng rng) {
        MujocoPhysics p = physics();
        p.resetData(i);
        p.readQpos(i, qpos, 0);
        double norm = 0;
        for (int k = 3; k < FREE_POSITIONS; k++) {
            qpos[k] = rng.nextGaussian();
            norm += qpos[k] * qpos[k];
        }
        norm = Math.sqrt(norm);
        for (int k = 3; k < FREE_POSITIONS; k++) {
            qpos[k] /= norm;
        }
        for (int k = FREE_POSITIONS; k < qpos.length; k++) {
            qpos[k] = rng.uniform(-HINGE_RANGE, HINGE_RANGE);
        }
        initializeTarget(i, 0, rng.uniform(-TARGET_XY, TARGET_XY));
        initializeTarget(i, 1, rng.uniform(-TARGET_XY, TARGET_XY));
        initializeTarget(i, 2, rng.uniform(TARGET_Z_LOW, TARGET_Z_HIGH));
        p.writeQpos(i, qpos, 0);
        p.forward(i);
    }

    /** {@code upright}: the world z component of the torso's z axis ({@code xmat['torso', 'zz']}). */
    private double upright(int i) {
        return physics().bodyOrientation(i, torso, 8);
    }

    /**
     * {@code mouth_to_target}: the target minus the mouth's centre, in the mouth's frame ({@code d · R}, d the world
     * offset as a row vector and R the mouth's {@code geom_xmat}), into {@link #toTarget}.
     */
    private void mouthToTarget(int i) {
        MujocoPhysics p = physics();
        double dx = target(i, 0) - p.geomPosition(i, mouth, 0);
        double dy = target(i, 1) - p.geomPosition(i, mouth, 1);
        double dz = target(i, 2) - p.geomPosition(i, mouth, 2);
        for (int c = 0; c < 3; c++) {
            toTarget[c] = dx * p.geomOrientation(i, mouth, c) + dy * p.geomOrientation(i, mouth, 3 + c)
                    + dz * p.geomOrientation(i, mouth, 6 + c);
        }
    }

    @Override
    protected double reward(int i) {
        mouthToTarget(i);
        double distance = Math.sqrt(toTarget[0] * toTarget[0] + toTarget[1] * toTarget[1] + toTarget[2] * toTarget[2]);
        return swimReward(distance, upright(i), radii);
    }

    /**
     * {@code Swim.get_reward}: {@code (7 in_target + (upright + 1) / 2) / 8}, {@code in_target} dm_control's Gaussian
     * {@code tolerance(distance, bounds=(0, radii), margin=2 radii)}.
     */
    static double swimReward(double distance, double upright, double radii) {
        double inTarget = Rewards.tolerance(distance, 0, radii, 2 * radii);
        return (7 * inTarget + 0.5 * (upright + 1)) / 8;
    }

    @Override
    protected void observe(double[] s, int off, float[] out, int o) {
        int i = syncedEnv(s, off);
        int nq = POSITIONS.size();
        for (int k = FREE_POSITIONS; k < nq; k++) {
            out[o + k - FREE_POSITIONS] = (float) s[off + k];
        }
        out[o + 7] = (float) upright(i);
        mouthToTarget(i);
        for (int c = 0; c < 3; c++) {
            out[o + 8 + c] = (float) toTarget[c];
        }
        for (int k = 0; k < VELOCITIES.size(); k++) {
            out[o + 11 + k] = (float) s[off + nq + k];
        }
    }
}
