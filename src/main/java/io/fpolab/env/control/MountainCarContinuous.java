package io.fpolab.env.control;

import io.fpolab.core.math.Rng;
import io.fpolab.env.EnvSpec;
import java.util.List;

/**
 * Gymnasium {@code MountainCarContinuous-v0} (id {@code mountain-car-continuous}): an underpowered car
 * in a valley that must rock back and forth to reach the flag at x = 0.45; 999 steps.
 *
 * <p>{@code v' = clip(v + clip(a, −1, 1)·0.0015 − 0.0025·cos(3x), −0.07, 0.07)}, {@code x' = clip(x + v',
 * −1.2, 0.6)}, and v' = 0 when the car sits on the left wall moving left. The episode terminates when
 * {@code x' ≥ 0.45 and v' ≥ 0} (Gymnasium's goal velocity is 0). Reward {@code 100·terminated − 0.1·a²}
 * with the raw, unclipped action, so this env sees actions before any clipping. State and observation
 * {@code [x, v]}; reset x ~ U(−0.6, −0.4), v = 0.
 */
final class MountainCarContinuous extends PhysicsVecEnv {
    static final double POWER = 0.0015;
    static final double MAX_SPEED = 0.07;
    static final double MIN_POSITION = -1.2;
    static final double MAX_POSITION = 0.6;
    static final double GOAL_POSITION = 0.45;

    MountainCarContinuous(int numEnvs) {
        super(new EnvSpec("mountain-car-continuous", 2, 1, 999, Double.NaN, 1.0), numEnvs, List.of("position"), 0);
    }

    @Override
    protected boolean clipsActions() {
        return false;
    }

    @Override
    protected void resetState(double[] s, int off, Rng rng) {
        s[off] = rng.uniform(-0.6, -0.4);
        s[off + 1] = 0;
    }

    @Override
    protected double advance(double[] s, int off, double[] a) {
        double x = s[off];
        double force = Math.max(-1, Math.min(1, a[0]));
        double v = s[off + 1] + force * POWER - 0.0025 * Math.cos(3 * x);
        v = Math.max(-MAX_SPEED, Math.min(MAX_SPEED, v));
        x = Math.max(MIN_POSITION, Math.min(MAX_POSITION, x + v));
        if (x == MIN_POSITION && v < 0) {
            v = 0;
        }
        s[off] = x;
        s[off + 1] = v;
        return (terminated(s, off) ? 100.0 : 0.0) - 0.1 * a[0] * a[0];
    }

    @Override
    protected boolean terminated(double[] s, int off) {
        return s[off] >= GOAL_POSITION && s[off + 1] >= 0;
    }

    @Override
    protected void observe(double[] s, int off, float[] out, int o) {
        out[o] = (float) s[off];
        out[o + 1] = (float) s[off + 1];
    }
}
