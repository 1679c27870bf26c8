package io.fpolab.core.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fpolab.core.math.Rng;
import org.junit.jupiter.api.Test;

class GaeTest {
    /**
     * Reference GAE from the definition, one env at a time: A_t = Σ_l (γλ)^l δ_{t+l} up to the end of
     * the episode or rollout, with δ bootstrapped from 0 (terminated), V(finalObs) (truncated) or
     * V(s_{t+1}) (otherwise, V(s_T) at the rollout's end).
     */
    private static double reference(int t, int e, int steps, int envs, float[] r, float[] v, boolean[] term,
            boolean[] trunc, float[] tv, float[] last, double g, double l) {
        double adv = 0;
        double w = 1;
        for (int k = t; k < steps; k++) {
            int i = k * envs + e;
            double next = term[i] ? 0 : trunc[i] ? tv[i] : k == steps - 1 ? last[e] : v[i + envs];
            adv += w * (r[i] + g * next - v[i]);
            if (term[i] || trunc[i]) {
                break;
            }
            w *= g * l;
        }
        return adv;
    }

    @Test
    void vectorizedSweepEqualsThePerEnvDefinition() {
        int steps = 37;
        int envs = 5;
        Rng rng = new Rng(9);
        int n = steps * envs;
        float[] r = new float[n];
        float[] v = new float[n];
        float[] tv = new float[n];
        boolean[] term = new boolean[n];
        boolean[] trunc = new boolean[n];
        for (int i = 0; i < n; i++) {
            r[i] = (float) rng.nextGaussian();
            v[i] = (float) rng.nextGaussian();
            tv[i] = (float) rng.nextGaussian();
            double u = rng.nextDouble();
            term[i] = u < 0.08;
            trunc[i] = !term[i] && u < 0.14;
        }
        float[] last = {0.3f, -1f, 2f, 0f, 0.5f};
        float[] adv = new float[n];
        float[] ret = new float[n];
        Gae.compute(steps, envs, r, v, term, trunc, tv, last, 0.99, 0.95, adv, ret);
        for (int t = 0; t < steps; t++) {
            for (int e = 0; e < envs; e++) {
                int i = t * envs + e;
                double expected = reference(t, e, steps, envs, r, v, term, trunc, tv, last, 0.99, 0.95);
                assertEquals(expected, adv[i], 1e-4, "t=" + t + " e=" + e);
                assertEquals(adv[i] + v[i], ret[i], 1e-5);
            }
        }
    }

    @Test
    void terminationBootstrapsZeroButTruncationBootstrapsTheFinalValue() {
        float[] r = {1f, 1f};
        float[] v = {0f, 0f};
        float[] tv = {0f, 10f};
        float[] adv = new float[2];
        float[] ret = new float[2];
        // one step, two envs: env 0 terminated, env 1 truncated with V(finalObs) = 10
        Gae.compute(1, 2, r, v, new boolean[] {true, false}, new boolean[] {false, true}, tv, new float[] {5f, 5f},
                0.9, 0.95, adv, ret);
        assertEquals(1.0, adv[0], 1e-6);
        assertEquals(1.0 + 0.9 * 10, adv[1], 1e-6);
    }

    @Test
    void normalizationCentresAndScalesToUnitStd() {
        float[] x = {9f, 1f, 3f, 5f, 7f, 9f};  // only [1, 5) is touched: mean 4, unbiased std √(20/3)
        double std = Math.sqrt(20.0 / 3.0);
        assertEquals(std, Gae.std(x, 1, 5), 1e-12);
        Gae.normalize(x, 1, 5);
        assertEquals(-3 / std, x[1], 1e-6);
        assertEquals(1 / std, x[3], 1e-6);
        assertEquals(9f, x[0]);
        assertEquals(9f, x[5]);
        assertEquals(1.0, Gae.std(x, 1, 5), 1e-6);
        assertEquals(0.0, Gae.std(x, 2, 3));
    }
}
