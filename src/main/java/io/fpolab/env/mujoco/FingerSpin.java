package io.fpolab.env.mujoco;

import io.fpolab.core.math.Rng;

/**
 * dm_control {@code finger-spin} ({@code Spin} in {@code dm_control/suite/finger.py}): spin the body, tip
 * first towards +x, at least {@link #SPIN_VELOCITY} rad/s. The model and observation are {@link Finger}'s
 * (9 values).
 *
 * <p>{@code Spin.initialize_episode} lowers the hinge's damping to {@link #HINGE_DAMPING} in the model
 * (from the XML's 0.5), so that a flicked body keeps spinning; it sets the same value at every episode,
 * so this env sets it once, when it loads its model, before any step. (It also hides the target and tip
 * sites, which only rendering sees.) Then the episode starts as every
 * finger episode does ({@link Finger}). Reward: {@code float(hinge_velocity <= -15)}, sparse.
 */
public final class FingerSpin extends Finger {
    public static final String ID = "finger-spin";
    /** {@code _SPIN_VELOCITY} of finger.py (rad/s): spinning at least this fast the right way earns 1. */
    public static final double SPIN_VELOCITY = 15.0;
    /** The hinge damping {@code Spin.initialize_episode} sets ({@code dof_damping['hinge'] = .03}). */
    public static final double HINGE_DAMPING = 0.03;
    static final int OBS_DIM = BASE_OBS_DIM;

    public FingerSpin(int numEnvs) {
        super(ID, OBS_DIM, numEnvs, 0);
        MujocoPhysics p = physics();
        // One value per joint, so the hinge joint's degree of freedom has the joint's index.
        p.setDofDamping(p.jointId("hinge"), HINGE_DAMPING);
    }

    @Override
    protected void initializeEpisode(int i, Rng rng) {
        MujocoPhysics p = physics();
        p.resetData(i);
        p.forward(i);
        setRandomJointAngles(i, rng);
    }

    @Override
    protected double reward(int i) {
        return spinReward(hingeVelocity(i));
    }

    /** {@code Spin.get_reward}: 1 when the hinge turns at −{@link #SPIN_VELOCITY} rad/s or faster, else 0. */
    public static double spinReward(double hingeVelocity) {
        return hingeVelocity <= -SPIN_VELOCITY ? 1.0 : 0.0;
    }

    @Override
    protected void observe(double[] s, int off, float[] out, int o) {
        observeBase(syncedEnv(s, off), out, o);
    }
}
