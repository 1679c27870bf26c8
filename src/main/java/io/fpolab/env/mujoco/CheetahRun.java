package io.fpolab.env.mujoco;

import io.fpolab.core.math.Rng;
import io.fpolab.env.EnvSpec;
import java.util.List;

/**
 * dm_control {@code cheetah-run} in MuJoCo (google-deepmind/dm_control, {@code dm_control/suite/cheetah.py}
 * and {@code cheetah.xml}): a planar cheetah whose reward is its forward speed.
 *
 * <p>Model: {@code cheetah.xml} next to this class, dm_control's physics without the visuals; nine joints
 * (rootx, rootz, rooty free; bthigh, bshin, bfoot, fthigh, fshin, ffoot limited hinges), six motors with
 * controls in [−1, 1], timestep 0.01 s, one physics step per control step (the suite's default control
 * timestep), 1000 steps per episode ({@code _DEFAULT_TIME_LIMIT = 10} s).
 *
 * <p>Episode start ({@code Cheetah.initialize_episode}): {@code mj_resetData}, {@code mj_forward} (the
 * reset context of dm_control's {@code Physics}), each limited joint's position drawn uniformly from its
 * range (in joint order), then 200 physics steps with zero control to let the body settle
 * ({@code physics.step(nstep=200)}: {@code mj_step2}, 199 × {@code mj_step}, {@code mj_step1}), and time
 * set back to 0.
 *
 * <p>Observation (17): {@code qpos[1:]} (8 values, every position but rootx, for translational
 * invariance) then {@code qvel} (9). Reward: {@code tolerance(speed, bounds=(10, ∞), margin=10,
 * value_at_margin=0, sigmoid='linear')} = {@code clip(speed / 10, 0, 1)}, where speed is the x component
 * of the {@code torso_subtreelinvel} sensor (the velocity of the whole body's centre of mass).
 */
public final class CheetahRun extends MujocoVecEnv {
    public static final String ID = "cheetah-run";
    /** {@code _RUN_SPEED} of cheetah.py: the speed from which the reward is 1. */
    public static final double RUN_SPEED = 10;
    /** Physics steps that let a randomly posed cheetah settle before the episode starts. */
    public static final int SETTLE_STEPS = 200;
    public static final List<String> JOINTS = List.of("rootx", "rootz", "rooty", "bthigh", "bshin", "bfoot",
            "fthigh", "fshin", "ffoot");
    static final int OBS_DIM = 17;
    static final int ACT_DIM = 6;

    private final int speedSensor;
    private final int[] limited;
    private final double[][] ranges;
    private final double[] qpos;

    public CheetahRun(int numEnvs) {
        super(new EnvSpec(ID, OBS_DIM, ACT_DIM, 1000, 1000.0, 1.0), numEnvs, JOINTS, "cheetah.xml");
        MujocoPhysics p = physics();
        this.speedSensor = p.sensorAddress("torso_subtreelinvel");
        this.limited = java.util.stream.IntStream.range(0, p.njnt()).filter(p::jointLimited).toArray();
        this.ranges = new double[limited.length][];
        for (int k = 0; k < limited.length; k++) {
            ranges[k] = p.jointRange(limited[k]);
        }
        this.qpos = new double[p.nq()];
    }

    /** From the side, following the torso: the cheetah runs metres away within an episode. */
    @Override
    protected MujocoGeometry.View view() {
        return new MujocoGeometry.View(MujocoGeometry.Plane.XZ, "torso");
    }

    @Override
    protected void initializeEpisode(int i, Rng rng) {
        MujocoPhysics p = physics();
        p.resetData(i);
        p.forward(i);
        p.readQpos(i, qpos, 0);
        // Every joint has one position, so joint k's qpos address is k (cheetah.py asserts nq == njnt).
        for (int k = 0; k < limited.length; k++) {
            qpos[limited[k]] = rng.uniform(ranges[k][0], ranges[k][1]);
        }
        p.writeQpos(i, qpos, 0);
        p.step2(i);
        for (int k = 1; k < SETTLE_STEPS; k++) {
            p.step(i);
        }
        p.step1(i);
        p.setTime(i, 0);
    }

    @Override
    protected double reward(int i) {
        return runReward(speed(i));
    }

    /** The forward speed of env {@code i}'s current mjData: the x velocity of the body's centre of mass. */
    private double speed(int i) {
        return physics().sensor(i, speedSensor);
    }

    /**
     * dm_control's {@code tolerance(speed, bounds=(10, inf), margin=10, value_at_margin=0,
     * sigmoid='linear')}: 1 from {@link #RUN_SPEED} on; below, {@code 1 − d} with d the distance to 10 over
     * the margin 10, and 0 once d reaches 1.
     */
    public static double runReward(double speed) {
        if (speed >= RUN_SPEED) {
            return 1.0;
        }
        double d = (RUN_SPEED - speed) / RUN_SPEED;
        return d < 1 ? 1 - d : 0.0;
    }

    @Override
    protected void observe(double[] s, int off, float[] out, int o) {
        for (int k = 1; k < 9; k++) {
            out[o + k - 1] = (float) s[off + k];
        }
        for (int k = 0; k < 9; k++) {
            out[o + 8 + k] = (float) s[off + 9 + k];
        }
    }
}
