package io.fpolab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.config.SampleConfigs;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ActionShapeTest {

    /** {@code n} 2-D actions: x ~ N(0, 0.3²), y from a mixture of N(±m, s²) with weight {@code wUp} on +m. */
    private static float[] mixture(int n, double m, double s, double wUp, long seed) {
        Random r = new Random(seed);
        float[] xy = new float[2 * n];
        for (int i = 0; i < n; i++) {
            xy[2 * i] = (float) (0.3 * r.nextGaussian());
            xy[2 * i + 1] = (float) ((r.nextDouble() < wUp ? m : -m) + s * r.nextGaussian());
        }
        return xy;
    }

    @Test
    void moveGridCountsTheNineOutcomesAfterRounding() {
        // (x, y) → (dx, dy): (0.6, 0.6) up-right, (-0.4, 0.5) stay-x and rint(0.5) = 0 stay-y, (-2, -0.51) down-left.
        float[] xy = {0.6f, 0.6f, -0.4f, 0.5f, -2f, -0.51f, 0.6f, 0.6f};
        double[][] p = ActionShape.moveGrid(xy);
        assertEquals(0.5, p[2][2], 1e-12, "up-right");
        assertEquals(0.25, p[1][1], 1e-12, "stay (0.5 rounds half to even: 0)");
        assertEquals(0.25, p[0][0], 1e-12, "down-left");
        double total = 0;
        for (double[] row : p) {
            for (double v : row) {
                total += v;
            }
        }
        assertEquals(1, total, 1e-12);
    }

    @Test
    void densityIntegratesToOneAndMatchesAGaussian() {
        float[] xy = mixture(200_000, 0, 0.5, 1, 1);
        ActionShape.Density d = ActionShape.density(xy, 2, 1);
        double sum = 0;
        for (int k = 0; k < d.size(); k++) {
            sum += d.at(k) * d.step();
        }
        assertEquals(1, sum, 1e-3);
        // Kernel smoothing widens N(0, 0.5²) to N(0, 0.5² + 0.1²): peak 1/(√(2π)·0.51).
        double expected = 1 / (Math.sqrt(2 * Math.PI) * Math.sqrt(0.25 + 0.01));
        assertEquals(expected, d.max(), 0.02 * expected);
    }

    @Test
    void twoSeparatedModesAreTwoPeaksWithADeepValley() {
        ActionShape.Modes m = ActionShape.yModes(mixture(50_000, 1.2, 0.25, 0.5, 2));
        assertTrue(m.twoPeaks(), m.toString());
        assertEquals(1.2, m.peakUpAt(), 0.1);
        assertEquals(-1.2, m.peakDownAt(), 0.1);
        assertTrue(m.valley() < 0.05 * m.peakUp(), m.toString());
        assertEquals(0, m.valleyAt(), 0.3);
    }

    @Test
    void oneBlobOrARidgeWithASmearIsNotTwoPeaks() {
        ActionShape.Modes blob = ActionShape.yModes(mixture(50_000, 0, 0.7, 1, 3));
        assertFalse(blob.twoPeaks(), "one blob at 0: " + blob);
        assertEquals(0, blob.peakUp(), 1e-12, "its maximum is at 0, not above +0.5");
        // Modes at ±0.6 with spread 0.4 overlap: the valley is well above half the peaks.
        ActionShape.Modes overlap = ActionShape.yModes(mixture(50_000, 0.6, 0.4, 0.5, 4));
        assertFalse(overlap.twoPeaks(), "overlapping modes: " + overlap);
        // One mode only (all up): no peak below −0.5.
        ActionShape.Modes one = ActionShape.yModes(mixture(50_000, 1.2, 0.25, 1, 5));
        assertFalse(one.twoPeaks(), one.toString());
        assertEquals(0, one.peakDown(), 1e-12);
        assertTrue(Double.isNaN(one.valley()));
    }

    @Test
    void gridWorldSummaryReportsThePeaksOfTheSaddleDensity() {
        ExperimentConfig c = SampleConfigs.load("gridworld-fpo-fast.json");
        for (String[] kv : new String[][] {{"env.numEnvs", "8"}, {"ppo.stepsPerEnv", "16"}, {"ppo.minibatches", "2"},
            {"ppo.epochs", "1"}, {"flow.nMc", "2"}, {"eval.episodes", "10"}, {"ppo.totalSteps", "128"}}) {
            c = ConfigSchema.withOverride(c, kv[0], kv[1]);
        }
        TinyRuns.Trained run = TinyRuns.trainToEnd(c);
        @SuppressWarnings("unchecked")
        Map<String, Object> saddle = (Map<String, Object>) RunSummary.of(run.trainer(), run.last()).get("saddle");
        for (String key : new String[] {"move_up", "move_down", "move_stay", "y_peak_up", "y_peak_down"}) {
            assertTrue(saddle.get(key) instanceof Double, key + " in " + saddle);
        }
        assertTrue(saddle.containsKey("y_valley"), saddle.toString());
        // An untrained flow samples close to N(0, I) at every cell: one blob, its peak at 0.
        assertEquals(0.0, (Double) saddle.get("y_peak_up"), 1e-12, saddle.toString());
    }
}
