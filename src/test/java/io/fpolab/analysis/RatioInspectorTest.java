package io.fpolab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.ExperimentConfig.Algorithm;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.core.TestConfigs;
import io.fpolab.core.math.Rng;
import io.fpolab.core.policy.FlowPolicy;
import io.fpolab.core.policy.Policies;
import io.fpolab.core.policy.Policy;
import io.fpolab.core.rl.RatioMode;
import io.fpolab.env.Envs;
import io.fpolab.train.PolicyFactory;
import io.fpolab.train.Trainer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;

/** FPO's ratio against the exact likelihood ratio. */
class RatioInspectorTest {
    private static final int OBS = 3;
    private static final int ACT = 2;
    private static final int BATCH = 40;

    private static ExperimentConfig config(RatioMode mode) {
        return TestConfigs.with(TestConfigs.base(Algorithm.FPO), "flow.ratio", mode);
    }

    private static FlowPolicy policy(ExperimentConfig cfg, long seed) {
        return (FlowPolicy) PolicyFactory.create(cfg, OBS, ACT, DataType.FLOAT, new Rng(seed));
    }

    /** Observations, then actions sampled by {@code p} there, after which p holds its θ_old pairs and losses. */
    private static float[][] rollout(FlowPolicy p) {
        Rng rng = new Rng(6);
        float[] obs = new float[BATCH * OBS];
        for (int i = 0; i < obs.length; i++) {
            obs[i] = (float) rng.uniform(-1, 1);
        }
        float[] act = new float[BATCH * ACT];
        p.beginRollout(BATCH);
        p.sampleForRollout(obs, BATCH, null, rng, act, 0);
        p.finishRollout(obs, act, BATCH, rng);
        return new float[][] {obs, act};
    }

    @Test
    void exactRatioIsOneForAnUnchangedPolicy() {
        ExperimentConfig cfg = config(RatioMode.MEAN_EXP);
        FlowPolicy old = policy(cfg, 5);
        FlowPolicy same = policy(cfg, 9);
        same.params().params().assign(old.params().params());
        float[][] data = rollout(old);
        int[] idx = Policies.range(0, BATCH);
        double[] lo = ExactLikelihood.logDensities(FlowField.of(old.net()), data[0], data[1], idx, 64);
        double[] ln = ExactLikelihood.logDensities(FlowField.of(same.net()), data[0], data[1], idx, 64);
        for (int k = 0; k < BATCH; k++) {
            assertTrue(Double.isFinite(lo[k]), "finite log-density");
            assertEquals(0.0, ln[k] - lo[k], 1e-9, "log-ratio of transition " + k);
        }
        // A moved parameter moves the log-densities: the comparison above can fail.
        same.params().params().putScalar(0, 0, same.params().params().getDouble(0, 0) + 0.5);
        double[] moved = ExactLikelihood.logDensities(FlowField.of(same.net()), data[0], data[1], idx, 64);
        double largest = 0;
        for (int k = 0; k < BATCH; k++) {
            largest = Math.max(largest, Math.abs(moved[k] - lo[k]));
        }
        assertTrue(largest > 1e-6, "a changed policy changes the exact log-ratio: " + largest);
    }

    @ParameterizedTest
    @EnumSource(RatioMode.class)
    void fpoRatioIsExactlyOneForAnUnchangedPolicyOnTheStoredPairs(RatioMode mode) {
        FlowPolicy p = policy(config(mode), 5);
        float[][] data = rollout(p);
        double[] log = p.logRatios(data[0], data[1], Policies.range(0, BATCH));
        assertEquals(BATCH * p.unitsPerTransition(), log.length);
        for (double v : log) {
            assertEquals(0.0, v, 0.0, mode + ": θ = θ_old on the same (τ, ε)");
        }
    }

    /** After a change of θ the log-ratios are the ones the update's surrogate sees: its ratio mean agrees. */
    @ParameterizedTest
    @EnumSource(RatioMode.class)
    void fpoLogRatiosAreTheOnesTheUpdateComputes(RatioMode mode) {
        FlowPolicy p = policy(config(mode), 5);
        float[][] data = rollout(p);
        FlowPolicy other = policy(config(mode), 8);
        p.params().params().addi(other.params().params().mul(0.05));
        int[] idx = Policies.range(0, BATCH);
        double[] log = p.logRatios(data[0], data[1], idx);
        double mean = Arrays.stream(log).map(Math::exp).average().orElseThrow();
        float[] adv = new float[BATCH];
        Arrays.fill(adv, 1f);
        Policy.UpdateStats s = p.lossAndGrad(data[0], data[1], idx, adv, 0.2);
        assertEquals(s.ratioMean(), mean, 1e-9, mode + ": mean ρ");
        assertTrue(Arrays.stream(log).anyMatch(v -> Math.abs(v) > 1e-6), "θ moved, so the ratio did");
    }

    @Test
    void anUnchangedPolicyAgreesEverywhere() {
        ExperimentConfig cfg = config(RatioMode.MEAN_EXP);
        FlowPolicy p = policy(cfg, 5);
        float[][] data = rollout(p);
        int[] idx = {0, 7, 13, 21};
        double[] fpo = p.logRatios(data[0], data[1], Policies.range(0, BATCH));
        double[] picked = new double[idx.length];
        for (int k = 0; k < idx.length; k++) {
            picked[k] = fpo[idx[k]];
        }
        FlowField f = FlowField.of(p.net());
        RatioInspector.Report r = RatioInspector.compare(f, f, data[0], data[1], idx, picked, 0.2, 32, false, k -> { });
        RatioInspector.Summary s = r.summary();
        assertEquals(4, s.samples());
        assertEquals(1.0, s.clipAgreement(), 0.0);
        assertEquals(0.0, s.exactOutside(), 0.0);
        assertEquals(1.0, s.meanExactRatio(), 0.0);
        assertEquals(1.0, s.meanFpoRatio(), 0.0);
        assertTrue(Double.isNaN(s.pearson()), "no spread, no correlation");
        assertEquals(7, r.samples().get(1).index());
    }

    @Test
    void summaryCountsTheClipBandAndCorrelatesLogRatios() {
        double clip = 0.2;
        // log 1.25 = 0.223 is outside [0.8, 1.2]; log 1.1 = 0.095 inside; log 0.7 = −0.357 outside.
        List<RatioInspector.Sample> samples = List.of(
                sample(0, Math.log(1.25), Math.log(1.1), clip),
                sample(1, Math.log(1.1), Math.log(1.1), clip),
                sample(2, Math.log(0.7), Math.log(0.75), clip),
                sample(3, 0.0, Math.log(1.3), clip));
        RatioInspector.Summary s = RatioInspector.summarize(samples, clip, 64, Double.NaN);
        assertEquals(0.5, s.clipAgreement(), 1e-12, "samples 1 and 2 agree, 0 and 3 do not");
        assertEquals(0.5, s.exactOutside(), 1e-12);
        assertEquals(0.5, s.fpoOutside(), 1e-12);
        assertEquals((1.25 + 1.1 + 0.7 + 1.0) / 4, s.meanExactRatio(), 1e-12);
        double[] e = {Math.log(1.25), Math.log(1.1), Math.log(0.7), 0};
        double[] f = {Math.log(1.1), Math.log(1.1), Math.log(0.75), Math.log(1.3)};
        assertEquals(pearsonByHand(e, f), s.pearson(), 1e-12);
        assertEquals(1.0, RatioInspector.pearson(e, Arrays.stream(e).map(v -> 3 * v - 1).toArray()), 1e-12);
    }

    private static RatioInspector.Sample sample(int i, double exact, double fpo, double clip) {
        return new RatioInspector.Sample(i, 0, exact, exact, fpo, RatioInspector.outside(exact, clip),
                RatioInspector.outside(fpo, clip));
    }

    private static double pearsonByHand(double[] x, double[] y) {
        int n = x.length;
        double sx = 0;
        double sy = 0;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sx += x[i];
            sy += y[i];
            sxy += x[i] * y[i];
            sxx += x[i] * x[i];
            syy += y[i] * y[i];
        }
        return (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
    }

    @Test
    void inspectionComparesTheCheckpointWithThePolicyOneIterationLater() {
        ExperimentConfig cfg = config(RatioMode.MEAN_EXP);
        Trainer trainer = new Trainer(cfg, Envs.create(cfg.env()));
        trainer.iterate();
        float[] before = io.fpolab.core.nn.Nd.floats(trainer.policy().params().params());
        RatioInspector.Inspection r = RatioInspector.inspect(trainer, 30, 4, 32, true, k -> { });
        assertEquals(1, r.iteration());
        assertEquals(2, trainer.iteration());
        assertEquals(RatioInspector.rolloutSize(cfg), r.rolloutSize());
        List<RatioInspector.Sample> s = r.report().samples();
        assertEquals(30, s.size());
        for (int k = 1; k < s.size(); k++) {
            assertTrue(s.get(k).index() > s.get(k - 1).index(), "distinct transitions in rollout order");
        }
        assertTrue(s.stream().anyMatch(x -> Math.abs(x.exactLogRatio()) > 1e-6), "θ is not θ_old");
        // θ_old's field is the checkpoint's: a fresh field of those parameters gives the same log-densities.
        FlowPolicy old = (FlowPolicy) PolicyFactory.create(cfg, trainer.policy().obsDim(), trainer.policy().actDim(),
                DataType.FLOAT, new Rng(1));
        old.params().params().assign(org.nd4j.linalg.factory.Nd4j.createFromArray(before).reshape(1, before.length));
        Trainer.RolloutBatch batch = trainer.lastRollout();
        double lo = ExactLikelihood.logDensities(FlowField.of(old.net()), batch.obs(), batch.act(),
                new int[] {s.get(0).index()}, 32)[0];
        assertEquals(lo, s.get(0).exactLogOld(), 0.0);
        assertEquals(RatioInspector.inspect(new Trainer(cfg, Envs.create(cfg.env())), 30, 4, 32, true, k -> { })
                .report().samples().get(0).index(), s.get(0).index(), "the seed alone picks the transitions");
    }

    @Test
    void aCopyLeavesTheRunAloneAndGivesTheFiguresOfTheRunItself() {
        ExperimentConfig cfg = config(RatioMode.MEAN_EXP);
        Trainer trainer = new Trainer(cfg, Envs.create(cfg.env()));
        trainer.iterate();
        io.fpolab.train.Checkpoint saved = io.fpolab.train.Checkpoint.capture(trainer, "");
        RatioInspector.Inspection copy = RatioInspector.inspectCopy(cfg, saved, 25, 2, 32, false, k -> { });
        assertEquals(1, trainer.iteration(), "the run did not move");
        RatioInspector.Inspection own = RatioInspector.inspect(trainer, 25, 2, 32, true, k -> { });
        assertEquals(own.report().samples(), copy.report().samples(), "same continuation, same figures, any threads");
    }

    @Test
    void aFinishedRunGetsOneIterationMoreWithALaterSchedule() {
        ExperimentConfig cfg = config(RatioMode.MEAN_EXP);
        int batch = RatioInspector.rolloutSize(cfg);
        long total = cfg.ppo().totalSteps();
        assertEquals(cfg, RatioInspector.withOneMoreIteration(cfg, 3), "budget left: unchanged");
        int done = (int) ((total + batch - 1) / batch);
        assertEquals((done + 1L) * batch, RatioInspector.withOneMoreIteration(cfg, done).ppo().totalSteps());
    }

    @Test
    void inspectionRefusesGaussianRuns() {
        ExperimentConfig cfg = TestConfigs.base(Algorithm.GAUSSIAN_PPO);
        Trainer trainer = new Trainer(cfg, Envs.create(cfg.env()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RatioInspector.inspect(trainer, 10, 0, 32, false, k -> { }));
        assertTrue(e.getMessage().contains("gaussian_ppo") && e.getMessage().contains("allowed: fpo"), e.getMessage());
    }
}
