package io.fpolab.env.control;

import io.fpolab.core.math.Rng;
import io.fpolab.env.EnvSpec;
import java.util.List;

/**
 * Gymnasium {@code Pendulum-v1} (id {@code gym-pendulum}): the classic torque-limited swing-up with a
 * quadratic cost, 200 steps.
 *
 * <p>With u clipped to ±2, θ = 0 upright and dt = 0.05:
 * {@code θ̇' = clip(θ̇ + (3g/(2l)·sin θ + 3/(m·l²)·u)·dt, −8, 8)} (g = 10, m = l = 1),
 * {@code θ' = θ + θ̇'·dt}. Reward {@code −(wrap(θ)² + 0.1·θ̇² + 0.001·u²)} of the pre-step state.
 * State {@code [θ, θ̇]} (θ unwrapped, as in Gymnasium); observation {@code [cos θ, sin θ, θ̇]};
 * reset θ ~ U(−π, π), θ̇ ~ U(−1, 1). Its action bound is Gymnasium's ±2, not 1.
 */
final class GymPendulum extends PhysicsVecEnv {
    static final double DT = 0.05;
    static final double MAX_TORQUE = 2.0;
    static final double MAX_SPEED = 8.0;
    static final double G = 10.0;

    GymPendulum(int numEnvs) {
        super(new EnvSpec("gym-pendulum", 3, 1, 200, Double.NaN, MAX_TORQUE), numEnvs, List.of("theta"), 0);
    }

    @Override
    protected void resetState(double[] s, int off, Rng rng) {
        s[off] = rng.uniform(-Math.PI, Math.PI);
        s[off + 1] = rng.uniform(-1, 1);
    }

    @Override
    protected double advance(double[] s, int off, double[] a) {
        double th = s[off];
        double thdot = s[off + 1];
        double u = a[0];
        double wrapped = wrap(th);
        double cost = wrapped * wrapped + 0.1 * thdot * thdot + 0.001 * u * u;
        double w = thdot + (1.5 * G * Math.sin(th) + 3.0 * u) * DT;
        w = Math.max(-MAX_SPEED, Math.min(MAX_SPEED, w));
        s[off] = th + w * DT;
        s[off + 1] = w;
        return -cost;
    }

    /** Gymnasium's {@code angle_normalize}: {@code ((x + π) mod 2π) − π} with a non-negative modulo. */
    static double wrap(double x) {
        double twoPi = 2 * Math.PI;
        double m = (x + Math.PI) % twoPi;
        if (m < 0) {
            m += twoPi;
        }
        return m - Math.PI;
    }

    @Override
    protected void observe(double[] s, int off, float[] out, int o) {
        out[o] = (float) Math.cos(s[off]);
        out[o + 1] = (float) Math.sin(s[off]);
        out[o + 2] = (float) s[off + 1];
    }
}
