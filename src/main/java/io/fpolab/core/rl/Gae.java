package io.fpolab.core.rl;

/**
 * Generalized advantage estimation over a rollout of {@code steps × envs} transitions, stored
 * time-major ({@code index = t·envs + e}).
 *
 * <p>Bootstrapping: a terminated transition's successor is worth 0; a truncated one's is worth
 * {@code V(finalObs)} ({@code truncValue}); the last step of the rollout bootstraps with
 * {@code lastValue = V(obs_T)}. The trace is cut at every episode end.
 * {@code δ_t = r_t + γ·V_next − V_t}, {@code A_t = δ_t + γλ·(1 − done_t)·A_{t+1}}, returns {@code R = A + V}.
 */
public final class Gae {
    private Gae() {
    }

    /**
     * @param rewards    r_t (already scaled)
     * @param values     V(s_t)
     * @param terminated episode ended in a terminal state at t
     * @param truncated  episode was cut by the time limit at t
     * @param truncValue V(finalObs_t), read where truncated
     * @param lastValue  V(s_T) per env, for the rollout's last step
     * @param advOut     advantages (written)
     * @param retOut     value targets A + V (written)
     */
    public static void compute(int steps, int envs, float[] rewards, float[] values, boolean[] terminated,
            boolean[] truncated, float[] truncValue, float[] lastValue, double gamma, double lambda,
            float[] advOut, float[] retOut) {
        // Vectorized over envs: one backward sweep over time carrying every env's running advantage.
        double[] carry = new double[envs];
        for (int t = steps - 1; t >= 0; t--) {
            int row = t * envs;
            for (int e = 0; e < envs; e++) {
                int i = row + e;
                double nextValue;
                double continuing;
                if (terminated[i]) {
                    nextValue = 0;
                    continuing = 0;
                } else if (truncated[i]) {
                    nextValue = truncValue[i];
                    continuing = 0;
                } else if (t == steps - 1) {
                    nextValue = lastValue[e];
                    continuing = 0;
                } else {
                    nextValue = values[i + envs];
                    continuing = 1;
                }
                double delta = rewards[i] + gamma * nextValue - values[i];
                carry[e] = delta + gamma * lambda * continuing * carry[e];
                advOut[i] = (float) carry[e];
                retOut[i] = (float) (carry[e] + values[i]);
            }
        }
    }

    /** Unbiased standard deviation of {@code x[from, to)} (0 for fewer than two values). */
    public static double std(float[] x, int from, int to) {
        return to - from <= 1 ? 0 : std(x, from, to, mean(x, from, to));
    }

    /** Normalizes {@code x[from, to)} to zero mean and unit std (unbiased std + 1e-8, as {@code torch.std}). */
    public static void normalize(float[] x, int from, int to) {
        if (to - from <= 1) {
            return;
        }
        double mean = mean(x, from, to);
        double std = std(x, from, to, mean) + 1e-8;
        for (int i = from; i < to; i++) {
            x[i] = (float) ((x[i] - mean) / std);
        }
    }

    private static double std(float[] x, int from, int to, double mean) {
        double var = 0;
        for (int i = from; i < to; i++) {
            var += (x[i] - mean) * (x[i] - mean);
        }
        return Math.sqrt(var / (to - from - 1));
    }

    private static double mean(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += x[i];
        }
        return sum / (to - from);
    }
}
