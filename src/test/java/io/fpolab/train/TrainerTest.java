package io.fpolab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig.*;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.core.TestConfigs;
import io.fpolab.core.policy.StdMode;
import io.fpolab.env.Envs;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;

class TrainerTest {
    static ExperimentConfig banditConfig(Algorithm algorithm, long seed) {
        return TestConfigs.with(TestConfigs.base(algorithm), "name", "bandit", "seed", seed,
                "actor.hidden", List.of(32, 32), "critic.hidden", List.of(32, 32),
                "flow.steps", 8, "flow.samplerNoise", 0.0, "flow.nMc", 16,
                "gaussian.std", StdMode.LEARNED, "gaussian.initStd", 0.5, "dppo.sigma", 0.1,
                "ppo.totalSteps", 40 * 256, "ppo.stepsPerEnv", 8, "ppo.epochs", 4, "ppo.minibatches", 4,
                "ppo.lr", 3e-3, "ppo.criticLr", 3e-3);
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void learnsTheBanditWithinATinyBudget(Algorithm algorithm) {
        Trainer trainer = new Trainer(banditConfig(algorithm, 0), new BanditEnv(32));
        double first = Double.NaN;
        double last = Double.NaN;
        while (!trainer.isDone()) {
            IterationStats s = trainer.iterate();
            if (Double.isNaN(first)) {
                first = s.returnMean();
            }
            last = s.returnMean();
        }
        // Random N(0,1) actions score about 1 − (1 + 0.25) ≈ −0.25; the optimum is 1.
        assertTrue(last > 0.9, algorithm + ": final mean return " + last + " (first " + first + ")");
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void correlatedNoiseCarriesEachEnvsExplorationFromOneStepToTheNext(Algorithm algorithm) {
        // Lag-1 correlation of one env's actions over steps that saw the same observation: independent noise
        // leaves them uncorrelated, ρ = 0.99 makes successive actions nearly repeat (the policy is untrained,
        // so the noise is most of the action).
        for (double rho : new double[] {0.0, 0.99}) {
            ExperimentConfig cfg = ConfigSchema.withOverride(banditConfig(algorithm, 4), "ppo.noiseCorrelation",
                    Double.toString(rho));
            BanditEnv env = new BanditEnv(32);
            new Trainer(cfg, env).iterate();
            double sxy = 0, sxx = 0, syy = 0, sx = 0, sy = 0;
            int pairs = 0;
            for (int t = 0; t + 1 < env.actionLog.size(); t++) {
                for (int e = 0; e < 32; e++) {
                    if (env.obsLog.get(t)[e] != env.obsLog.get(t + 1)[e]) {
                        continue;
                    }
                    double x = env.actionLog.get(t)[e];
                    double y = env.actionLog.get(t + 1)[e];
                    sx += x;
                    sy += y;
                    sxy += x * y;
                    sxx += x * x;
                    syy += y * y;
                    pairs++;
                }
            }
            double cov = sxy / pairs - sx / pairs * sy / pairs;
            double corr = cov / Math.sqrt((sxx / pairs - sx * sx / pairs / pairs) * (syy / pairs - sy * sy / pairs / pairs));
            assertTrue(pairs > 60, "pairs " + pairs);
            if (rho == 0) {
                assertTrue(Math.abs(corr) < 0.25, algorithm + " independent noise: lag-1 correlation " + corr);
            } else {
                assertTrue(corr > 0.8, algorithm + " ρ = 0.99: lag-1 correlation " + corr);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void sameSeedGivesBitIdenticalMetrics(Algorithm algorithm) {
        double[][] a = run(banditConfig(algorithm, 7), 3);
        double[][] b = run(banditConfig(algorithm, 7), 3);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], "iteration " + i);
        }
        double[][] c = run(banditConfig(algorithm, 8), 3);
        assertTrue(!Arrays.equals(a[2], c[2]), "a different seed should change the metrics");
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void targetKlStopsTheUpdateOnceThePolicyHasMoved(Algorithm algorithm) {
        // 4 epochs × 4 minibatches = 16 optimizer steps per iteration without the target.
        Trainer free = new Trainer(banditConfig(algorithm, 3), new BanditEnv(32));
        free.iterate();
        assertEquals(16, free.actorOptimizer().stepCount());
        // The first minibatch sees θ = θ_old (KL 0) and steps; the second already measures a KL above a
        // tiny target, so the iteration stops there: one step per iteration.
        ExperimentConfig tiny = ConfigSchema.withOverride(banditConfig(algorithm, 3), "ppo.targetKl", "1e-9");
        Trainer stopped = new Trainer(tiny, new BanditEnv(32));
        stopped.iterate();
        stopped.iterate();
        assertEquals(2, stopped.actorOptimizer().stepCount());
        assertEquals(2, stopped.criticOptimizer().stepCount());
        // A generous target never stops a sane update.
        ExperimentConfig loose = ConfigSchema.withOverride(banditConfig(algorithm, 3), "ppo.targetKl", "5");
        Trainer unstopped = new Trainer(loose, new BanditEnv(32));
        unstopped.iterate();
        assertEquals(16, unstopped.actorOptimizer().stepCount());
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void advantageStdFloorShrinksOnlyThePolicysStepWhenAdvantagesAreQuiet(Algorithm algorithm) {
        double plain = policyStepAfterOneIteration(banditConfig(algorithm, 5));
        // The bandit's advantages spread far less than 1e6: the policy's step shrinks by ~1e-6 or more.
        double quiet = policyStepAfterOneIteration(
                ConfigSchema.withOverride(banditConfig(algorithm, 5), "ppo.advantageStdFloor", "1e6"));
        // A floor far below the spread changes nothing.
        double loud = policyStepAfterOneIteration(
                ConfigSchema.withOverride(banditConfig(algorithm, 5), "ppo.advantageStdFloor", "1e-9"));
        assertTrue(plain > 1e-3, "plain step " + plain);
        assertTrue(quiet < plain * 1e-4, "quiet step " + quiet + " vs " + plain);
        assertEquals(plain, loud, 0.0);
        // The learning_rate metric is the rate the policy stepped with: the schedule's rate × σ_A / floor.
        ExperimentConfig floored =
                ConfigSchema.withOverride(banditConfig(algorithm, 5), "ppo.advantageStdFloor", "1e6");
        IterationStats s = new Trainer(floored, new BanditEnv(32)).iterate();
        assertTrue(s.advantageStd() > 0 && s.advantageStd() < 1e6, "advantage std " + s.advantageStd());
        assertEquals(floored.ppo().lr() * s.advantageStd() / 1e6, s.learningRate(), 1e-9 * s.learningRate());
    }

    /** Largest change of any policy parameter over one iteration (the critic still learns either way). */
    private static double policyStepAfterOneIteration(ExperimentConfig cfg) {
        Trainer t = new Trainer(cfg, new BanditEnv(32));
        INDArray before = t.policy().params().params().dup();
        INDArray criticBefore = t.criticParams().params().dup();
        t.iterate();
        assertTrue(t.criticParams().params().sub(criticBefore).amaxNumber().doubleValue() > 1e-4);
        return t.policy().params().params().sub(before).amaxNumber().doubleValue();
    }

    @Test
    void warmupScheduleRisesThenDecaysToZero() {
        ExperimentConfig b = banditConfig(Algorithm.GAUSSIAN_PPO, 0);
        ExperimentConfig cfg = ConfigSchema.withOverride(b, "ppo.lrSchedule", "warmup_linear");
        cfg = ConfigSchema.withOverride(cfg, "ppo.totalSteps", Integer.toString(20 * 256));
        Trainer t = new Trainer(cfg, new BanditEnv(32));
        double[] lr = new double[20];
        for (int i = 0; i < 20; i++) {
            lr[i] = t.iterate().learningRate();
        }
        double peak = cfg.ppo().lr();
        assertTrue(lr[0] < lr[1] && lr[1] <= peak + 1e-12, java.util.Arrays.toString(lr));
        assertEquals(peak, java.util.Arrays.stream(lr).max().getAsDouble(), 1e-12);
        assertTrue(lr[19] < 0.1 * peak && lr[19] > 0, java.util.Arrays.toString(lr));
        for (int i = 3; i < 20; i++) {
            assertTrue(lr[i] < lr[i - 1], "decays after warm-up: " + java.util.Arrays.toString(lr));
        }
    }

    /** Metrics without the timing columns. */
    static double[][] run(ExperimentConfig cfg, int iterations) {
        Trainer t = new Trainer(cfg, new BanditEnv(32));
        double[][] out = new double[iterations][];
        for (int i = 0; i < iterations; i++) {
            IterationStats s = t.iterate();
            out[i] = new double[] {s.envSteps(), s.returnMean(), s.policyLoss(), s.valueLoss(), s.ratioMean(),
                s.ratioMin(), s.ratioMax(), s.clipFraction(), s.approxKl(), s.explainedVariance(), s.cfmLoss(),
                s.gradNorm()};
        }
        return out;
    }

    /** Iterations (1-based) in which episodes ended, with their count; asserts every counted episode is whole. */
    private static Map<Integer, Integer> episodeEnds(boolean stagger) {
        ExperimentConfig cfg = TestConfigs.base(Algorithm.GAUSSIAN_PPO);
        String[][] sets = {{"env.id", "cartpole-balance"}, {"env.numEnvs", "8"}, {"ppo.stepsPerEnv", "100"},
                {"ppo.epochs", "1"}, {"ppo.minibatches", "1"}, {"env.staggerStarts", String.valueOf(stagger)}};
        for (String[] kv : sets) {
            cfg = ConfigSchema.withOverride(cfg, kv[0], kv[1]);
        }
        Trainer trainer = new Trainer(cfg, Envs.create(cfg.env()));
        Map<Integer, Integer> ends = new TreeMap<>();
        for (int it = 1; it <= 21; it++) {
            IterationStats s = trainer.iterate();
            if (s.episodes() > 0) {
                assertEquals(1000.0, s.lengthMean(), "iteration " + it + ": only whole 1000-step episodes count");
                ends.put(it, s.episodes());
            }
        }
        return ends;
    }

    @Test
    void staggeredStartsSpreadEpisodeEndsAndLeaveTheCutEpisodesOutOfTheReturn() {
        // 8 envs × 100 steps per iteration: without staggering all 8 episodes end in iterations 10 and 20.
        assertEquals(Map.of(10, 8, 20, 8), episodeEnds(false));
        Map<Integer, Integer> staggered = episodeEnds(true);
        assertTrue(staggered.size() >= 4, "whole episodes end in iterations " + staggered);
        int total = staggered.values().stream().mapToInt(Integer::intValue).sum();
        // Each env's cut first episode is not counted; its next one (ending within 2,000 steps) is.
        assertTrue(total >= 8 && total <= 16, total + " whole episodes in " + staggered);
    }
}
