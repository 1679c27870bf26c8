package io.fpolab.env.control;

import io.fpolab.core.math.Rng;

/**
 * dm_control {@code point_mass-easy}: a 0.3 kg mass on two perpendicular damped slides, pushed by a
 * force of 0.1·u per axis towards a target at the origin.
 *
 * <p>Dynamics per axis, semi-implicit Euler with implicit damping (b = 1), h = 0.02:
 * {@code v' = (0.3·v + h·0.1·u)/(0.3 + h)}, {@code x' = x + h·v'}. The slides' limits ±0.29 are hard
 * stops: a position past a limit is put back on it and an outward velocity zeroed (the axes are
 * uncoupled, so this is the exact inelastic impact; MuJoCo's soft limit would let the mass sink a
 * little into the stop). Reward {@code near·small_control} with
 * {@code near = tol(d, [0, 0.015], margin 0.015)} and
 * {@code small_control = (4 + mean_i max(0, 1 − u_i²))/5}. State and observation {@code [x, y, ẋ, ẏ]};
 * reset x, y ~ U(−0.29, 0.29), velocities 0.
 */
final class PointMass extends PhysicsVecEnv {
    static final double H = 0.02;
    static final double MASS = 0.3;
    static final double DAMPING = 1.0;
    static final double GEAR = 0.1;
    static final double LIMIT = 0.29;
    static final double TARGET_SIZE = 0.015;

    PointMass(int numEnvs) {
        super(dmControlSpec("point_mass-easy", 4, 2), numEnvs, 4);
    }

    @Override
    protected void resetState(double[] s, int off, Rng rng) {
        s[off] = rng.uniform(-LIMIT, LIMIT);
        s[off + 1] = rng.uniform(-LIMIT, LIMIT);
        s[off + 2] = 0;
        s[off + 3] = 0;
    }

    @Override
    protected double advance(double[] s, int off, double[] a) {
        for (int axis = 0; axis < 2; axis++) {
            double v = (MASS * s[off + 2 + axis] + H * GEAR * a[axis]) / (MASS + H * DAMPING);
            double x = s[off + axis] + H * v;
            if (Math.abs(x) > LIMIT) {
                x = Math.copySign(LIMIT, x);
                if (v * x > 0) {
                    v = 0;
                }
            }
            s[off + axis] = x;
            s[off + 2 + axis] = v;
        }
        return reward(s, off, a);
    }

    static double reward(double[] s, int off, double[] u) {
        double near = Rewards.tolerance(Math.hypot(s[off], s[off + 1]), 0, TARGET_SIZE, TARGET_SIZE);
        double control = (Rewards.smallControl(u[0]) + Rewards.smallControl(u[1])) / 2;
        return near * (4 + control) / 5;
    }

    @Override
    protected void observe(double[] s, int off, float[] out, int o) {
        for (int j = 0; j < 4; j++) {
            out[o + j] = (float) s[off + j];
        }
    }
}
