package io.fpolab.core.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FlowRatioTest {
    /** Two transitions × two pairs; the second pair of each has a loss difference far beyond ±3. */
    private final double[] lossOld = {0.5, 40.0, 0.7, 0.2};
    private final double[] lossNew = {0.4, 0.3, 0.9, 9.0};

    @Test
    void perSampleRatiosAreClampedBeforeExpAndClampedPairsGetNoGradient() {
        double[] logRatio = new double[4];
        FlowRatio.logRatio(RatioMode.PER_SAMPLE, lossNew, lossOld, 2, 1.0, 3.0, logRatio);
        assertArrayEquals(new double[] {0.1, 3.0, -0.2, -3.0}, logRatio, 1e-12);

        double[] grad = new double[4];
        FlowRatio.backward(RatioMode.PER_SAMPLE, lossNew, lossOld, 2, 1.0, 3.0, logRatio,
                new double[] {1, 1, 1, 1}, grad);
        // d(log ρ)/dℓ_θ = −1 inside the clamp, 0 where the clamp holds.
        assertArrayEquals(new double[] {-1, 0, -1, 0}, grad, 0);
    }

    @Test
    void anInfiniteClampKeepsThePlainDifferenceAsDppoNeeds() {
        double[] logRatio = new double[4];
        FlowRatio.logRatio(RatioMode.PER_SAMPLE, lossNew, lossOld, 2, 2.0, Double.POSITIVE_INFINITY, logRatio);
        assertEquals(2.0 * (40.0 - 0.3), logRatio[1], 1e-12);
        double[] grad = new double[4];
        FlowRatio.backward(RatioMode.PER_SAMPLE, lossNew, lossOld, 2, 2.0, Double.POSITIVE_INFINITY, logRatio,
                new double[] {1, 1, 1, 1}, grad);
        assertArrayEquals(new double[] {-2, -2, -2, -2}, grad, 0);
    }
}
