package io.fpolab.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.config.SampleConfigs;
import io.fpolab.core.math.Rng;
import io.fpolab.train.IterationStats;
import io.fpolab.train.Trainer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fork task's measure: the route split from the symmetry point and the two conditions read off it. */
class ForkEvaluatorTest {

    /**
     * A scripted driver: below the wall it steers to the middle of the gap on its side of x = 0 (on the
     * symmetry line itself the side is {@code left} with probability {@code pLeft}), above it to the goal.
     */
    private static ForkEvaluator.Actor driver(double pLeft, Rng rng) {
        return (obs, n) -> {
            float[] a = new float[2 * n];
            for (int i = 0; i < n; i++) {
                float x = obs[4 * i];
                float y = obs[4 * i + 1];
                double side = x != 0 ? Math.signum(x) : rng.uniform(0, 1) < pLeft ? -1 : 1;
                double tx = y < 0 ? side * 0.2 : 0;
                double ty = y < 0 ? 0.05 : 0.2;
                a[2 * i] = (float) Math.max(-1, Math.min(1, 20 * (tx - x)));
                a[2 * i + 1] = (float) Math.max(-1, Math.min(1, 20 * (ty - y)));
            }
            return a;
        };
    }

    @Test
    void aDriverThatAlwaysGoesRightTakesTheRightGapEveryTime() {
        assertArrayEquals(new double[] {0, 1, 0}, ForkEvaluator.routes(driver(0, new Rng(1)), 50, new Rng(2)), 0);
        assertArrayEquals(new double[] {1, 0, 0}, ForkEvaluator.routes(driver(1, new Rng(1)), 50, new Rng(2)), 0);
    }

    @Test
    void aCoinFlipAtTheSymmetryPointSplitsTheRoutes() {
        double[] split = ForkEvaluator.routes(driver(0.5, new Rng(3)), 400, new Rng(4));
        assertEquals(1, split[0] + split[1] + split[2], 1e-12);
        assertEquals(0, split[2], 0, "every episode passes a gap");
        assertTrue(split[0] > 0.4 && split[0] < 0.6, "left " + split[0]);
    }

    @Test
    void aDriverThatPushesIntoTheMiddleOfTheWallPassesNoGap() {
        ForkEvaluator.Actor up = (obs, n) -> {
            float[] a = new float[2 * n];
            for (int i = 0; i < n; i++) {
                a[2 * i + 1] = 1;
            }
            return a;
        };
        assertArrayEquals(new double[] {0, 0, 1}, ForkEvaluator.routes(up, 10, new Rng(5)), 0);
    }

    @Test
    void theConditionsFollowTheThresholds() {
        Map<String, Double> m = new HashMap<>(Map.of("fork_left", 0.35, "fork_right", 0.62, "x_peak_left", 1.0,
                "x_peak_right", 1.5, "x_valley", 0.4));
        assertTrue(ForkEvaluator.twoRoutes(m));
        assertFalse(ForkEvaluator.committed(m));
        m.put("x_valley", 0.6);
        assertFalse(ForkEvaluator.twoRoutes(m), "valley above half the smaller peak");
        m.put("x_valley", 0.4);
        m.put("fork_left", 0.29);
        assertFalse(ForkEvaluator.twoRoutes(m), "left under 30 %");
        m.put("fork_left", 0.05);
        m.put("fork_right", 0.9);
        assertTrue(ForkEvaluator.committed(m));
        m.put("fork_right", 0.89);
        assertFalse(ForkEvaluator.committed(m));
        assertFalse(ForkEvaluator.twoRoutes(Map.of()));
    }

    @Test
    void aForkRunsSummaryHasTheForkBlock() {
        ExperimentConfig c = SampleConfigs.load("fork-fpo.json");
        for (String[] kv : new String[][] {{"env.numEnvs", "4"}, {"ppo.minibatches", "2"}, {"ppo.epochs", "1"},
            {"eval.episodes", "6"}, {"ppo.totalSteps", "160"}}) {
            c = ConfigSchema.withOverride(c, kv[0], kv[1]);
        }
        TinyRuns.Trained run = TinyRuns.trainToEnd(c);
        Trainer trainer = run.trainer();
        IterationStats last = run.last();
        assertEquals(ForkEvaluator.KEYS, Evaluators.keys(trainer.env()));
        assertTrue(last.evaluation().keySet().containsAll(ForkEvaluator.KEYS), last.evaluation().toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> fork = (Map<String, Object>) RunSummary.of(trainer, last).get("fork");
        double sum = (Double) fork.get("left") + (Double) fork.get("right") + (Double) fork.get("none");
        assertEquals(1, sum, 1e-12);
        assertTrue(fork.containsKey("two_routes") && fork.containsKey("committed"), fork.toString());
    }
}
