package io.fpolab.train;

import io.fpolab.core.math.Rng;

/**
 * The training envs' sampling noise when {@code ppo.noiseCorrelation} ρ is above 0: one AR(1) process per
 * component, {@code ε_t = ρ·ε_{t−1} + √(1−ρ²)·ξ_t} with {@code ξ_t ~ N(0, 1)}, started from its stationary
 * distribution. Every {@code ε_t} is N(0, 1), so the policy's action distribution in a state does not change;
 * only successive steps of one env share their exploration direction for ~1/(1−ρ) steps.
 */
final class CorrelatedNoise {
    private final double rho;
    private final double fresh;
    private final float[] state;
    private final float[] xi;
    private boolean started;

    CorrelatedNoise(double rho, int size) {
        if (!(rho > 0 && rho < 1)) {
            throw new IllegalArgumentException("noise correlation must be in (0, 1), got " + rho);
        }
        this.rho = rho;
        this.fresh = Math.sqrt(1 - rho * rho);
        this.state = new float[size];
        this.xi = new float[size];
    }

    /**
     * Advances the process one step and returns its state: this object's own buffer (no allocation in the
     * rollout loop), valid until the next call and not to be modified.
     */
    float[] next(Rng rng) {
        rng.fillGaussian(xi);
        for (int i = 0; i < state.length; i++) {
            state[i] = started ? (float) (rho * state[i] + fresh * xi[i]) : xi[i];
        }
        started = true;
        return state;
    }

    /** {@code [started, ε…]} for checkpoints. */
    double[] saveState() {
        double[] s = new double[state.length + 1];
        s[0] = started ? 1 : 0;
        for (int i = 0; i < state.length; i++) {
            s[i + 1] = state[i];
        }
        return s;
    }

    void restoreState(double[] s) {
        if (s.length != state.length + 1) {
            throw new IllegalArgumentException("noise state has " + (s.length - 1) + " values, expected "
                    + state.length);
        }
        started = s[0] != 0;
        for (int i = 0; i < state.length; i++) {
            state[i] = (float) s[i + 1];
        }
    }
}
