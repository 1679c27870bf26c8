package io.fpolab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fpolab.core.math.Rng;
import org.junit.jupiter.api.Test;

class CorrelatedNoiseTest {
    @Test
    void everyStepIsStandardNormalAndSuccessiveStepsCorrelateByRho() {
        int size = 64;
        int steps = 3000;
        CorrelatedNoise noise = new CorrelatedNoise(0.9, size);
        Rng rng = new Rng(1);
        float[] prev = noise.next(rng).clone(); // next() reuses its buffer
        double s = 0;
        double ss = 0;
        double lag = 0;
        long n = 0;
        for (int t = 1; t < steps; t++) {
            float[] cur = noise.next(rng);
            for (int i = 0; i < size; i++) {
                s += cur[i];
                ss += cur[i] * cur[i];
                lag += cur[i] * prev[i];
                n++;
            }
            prev = cur.clone();
        }
        // ~192k draws with an effective sample size of ~10k (ρ = 0.9): tolerances of several standard errors.
        assertEquals(0.0, s / n, 0.05, "mean");
        assertEquals(1.0, ss / n, 0.05, "variance");
        assertEquals(0.9, lag / ss, 0.01, "lag-1 correlation");
    }

    @Test
    void theFirstStepIsAlreadyStationaryAndSavedStateContinuesTheProcess() {
        CorrelatedNoise a = new CorrelatedNoise(0.5, 8);
        Rng ra = new Rng(3);
        float[] first = a.next(ra);
        float[] xi = new float[8];
        new Rng(3).fillGaussian(xi);
        assertArrayEquals(xi, first, "the first step is plain N(0, 1) noise");
        a.next(ra);
        double[] saved = a.saveState();
        Rng rb = Rng.fromState(ra.state());
        CorrelatedNoise b = new CorrelatedNoise(0.5, 8);
        b.restoreState(saved);
        assertArrayEquals(a.next(ra), b.next(rb));
        assertThrows(IllegalArgumentException.class, () -> b.restoreState(new double[3]));
        assertThrows(IllegalArgumentException.class, () -> new CorrelatedNoise(1.0, 8));
        assertThrows(IllegalArgumentException.class, () -> new CorrelatedNoise(0.0, 8));
    }
}
