package io.fpolab.env.control;

import io.fpolab.core.math.Rng;

/**
 * dm_control {@code pendulum-swingup}: a damped pendulum with a torque too weak to lift it directly
 * (|u| ≤ 1 &lt; m·g·l = 4.905), so the policy must pump energy.
 *
 * <p>Dynamics, θ = 0 upright: {@code I·θ̈ = m·g·l·sin θ − b·θ̇ + u}, integrated as MuJoCo's Euler does,
 * semi-implicitly with implicit damping: {@code (I + h·b)·θ̇' = I·θ̇ + h·(m·g·l·sin θ + u)},
 * {@code θ' = θ + h·θ̇'}, h = 0.02. Reward 1 when cos θ ≥ cos 8°, else 0. State {@code [θ, θ̇]};
 * observation {@code [cos θ, sin θ, θ̇]}; reset θ ~ U(−π, π), θ̇ = 0.
 */
final class PendulumSwingup extends PhysicsVecEnv {
    static final double H = 0.02;
    static final double INERTIA = 0.251;
    static final double MGL = 1.0 * 9.81 * 0.5;
    static final double DAMPING = 0.1;
    static final double COS_BOUND = Math.cos(Math.toRadians(8));

    private final double damping;

    PendulumSwingup(int numEnvs) {
        this(numEnvs, DAMPING);
    }

    /** With a chosen hinge damping (0 lets tests check energy conservation). */
    PendulumSwingup(int numEnvs, double damping) {
        super(dmControlSpec("pendulum-swingup", 3, 1), numEnvs, 2);
        this.damping = damping;
    }

    @Override
    protected void resetState(double[] s, int off, Rng rng) {
        s[off] = rng.uniform(-Math.PI, Math.PI);
        s[off + 1] = 0;
    }

    @Override
    protected double advance(double[] s, int off, double[] a) {
        double th = s[off];
        double w = (INERTIA * s[off + 1] + H * (MGL * Math.sin(th) + a[0])) / (INERTIA + H * damping);
        s[off] = th + H * w;
        s[off + 1] = w;
        return reward(s, off);
    }

    static double reward(double[] s, int off) {
        return Rewards.tolerance(Math.cos(s[off]), COS_BOUND, 1.0, 0.0);
    }

    @Override
    protected void observe(double[] s, int off, float[] out, int o) {
        out[o] = (float) Math.cos(s[off]);
        out[o + 1] = (float) Math.sin(s[off]);
        out[o + 2] = (float) s[off + 1];
    }
}
