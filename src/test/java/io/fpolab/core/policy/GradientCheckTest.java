package io.fpolab.core.policy;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fpolab.config.ExperimentConfig.*;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.core.TestConfigs;
import io.fpolab.core.math.Rng;
import io.fpolab.core.nn.Activation;
import io.fpolab.core.rl.RatioMode;
import io.fpolab.core.rl.TrustRegion;
import io.fpolab.train.PolicyFactory;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Central-difference gradient checks in double precision (DL4J style): relative error
 * {@code |a−n|/(|a|+|n|)} below 1e-5, with an absolute floor for tiny gradients.
 */
class GradientCheckTest {
    private static final int BATCH = 6;
    private static final int OBS = 3;
    private static final int ACT = 2;

    static Stream<Arguments> flowVariants() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (CfmLoss loss : CfmLoss.values()) {
            for (RatioMode ratio : RatioMode.values()) {
                for (TrustRegion tr : TrustRegion.values()) {
                    b.add(Arguments.of(loss, ratio, tr, TimeEmbedding.RAW));
                }
            }
        }
        b.add(Arguments.of(CfmLoss.EPS_MSE, RatioMode.MEAN_EXP, TrustRegion.PPO_CLIP, TimeEmbedding.SINUSOIDAL));
        return b.build();
    }

    @ParameterizedTest(name = "FPO {0} {1} {2} {3}")
    @MethodSource("flowVariants")
    void flowPolicyGradientMatchesFiniteDifferences(CfmLoss loss, RatioMode ratio, TrustRegion tr, TimeEmbedding emb) {
        ExperimentConfig base = TestConfigs.base(Algorithm.FPO);
        ExperimentConfig cfg = TestConfigs.with(base, "flow.lossMode", loss, "flow.ratio", ratio, "flow.trustRegion", tr,
                "flow.timeEmbedding", emb);
        check(PolicyFactory.create(cfg, OBS, ACT, DataType.DOUBLE, new Rng(1)));
    }

    /** The anchor (not in the paper) adds weight × mean row loss; its gradient must match too. */
    @org.junit.jupiter.api.Test
    void cfmAnchorAddsItsWeightedLossAndGradient() {
        ExperimentConfig base = TestConfigs.base(Algorithm.FPO);
        ExperimentConfig cfg = TestConfigs.with(base, "flow.lossMode", CfmLoss.EPS_MSE, "flow.ratio",
                RatioMode.PER_SAMPLE, "flow.trustRegion", TrustRegion.ASPO, "flow.timeEmbedding", TimeEmbedding.SINUSOIDAL,
                "flow.cfmAnchor", 0.7);
        check(PolicyFactory.create(cfg, OBS, ACT, DataType.DOUBLE, new Rng(3)));
    }

    @ParameterizedTest(name = "Gaussian {0} {1}")
    @MethodSource("gaussianVariants")
    void gaussianPolicyGradientMatchesFiniteDifferences(StdMode std, GaussianEntropy entropy) {
        ExperimentConfig base = TestConfigs.base(Algorithm.GAUSSIAN_PPO);
        // A large bonus weight so that the entropy term's gradient is not lost next to the ratio's.
        double coef = entropy == GaussianEntropy.SQUASHED ? 0.8 : 0.05;
        ExperimentConfig cfg = TestConfigs.with(base, "gaussian.std", std, "gaussian.initStd", 0.6,
                "gaussian.tanhSquash", true, "gaussian.entropyCoef", coef, "gaussian.entropy", entropy,
                "gaussian.evalMean", false);
        check(PolicyFactory.create(cfg, OBS, ACT, DataType.DOUBLE, new Rng(2)));
    }

    static Stream<Arguments> gaussianVariants() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (StdMode std : StdMode.values()) {
            for (GaussianEntropy entropy : GaussianEntropy.values()) {
                b.add(Arguments.of(std, entropy));
            }
        }
        return b.build();
    }

    @Test
    void dppoPolicyGradientMatchesFiniteDifferences() {
        check(PolicyFactory.create(TestConfigs.base(Algorithm.DPPO), OBS, ACT, DataType.DOUBLE, new Rng(3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void everyActivationBackpropagatesCorrectly(Activation act) {
        ExperimentConfig base = TestConfigs.base(Algorithm.FPO);
        ExperimentConfig cfg = TestConfigs.with(base, "actor.hidden", java.util.List.of(7, 5), "actor.activation", act);
        check(PolicyFactory.create(cfg, OBS, ACT, DataType.DOUBLE, new Rng(4)));
    }

    static Stream<Activation> activations() {
        return Stream.of(Activation.values());
    }

    /** Rollout on random data, move θ away from θ_old, then compare analytic and numeric gradients. */
    private static void check(Policy policy) {
        Rng rng = new Rng(42);
        float[] obs = new float[BATCH * OBS];
        for (int i = 0; i < obs.length; i++) {
            obs[i] = (float) rng.uniform(-1, 1);
        }
        float[] act = new float[BATCH * ACT];
        policy.beginRollout(BATCH);
        policy.sampleForRollout(obs, BATCH, null, rng, act, 0);
        policy.finishRollout(obs, act, BATCH, rng);

        INDArray p = policy.params().params();
        for (int j = 0; j < p.length(); j++) {
            p.putScalar(0, j, p.getDouble(0, j) + 0.05 * rng.nextGaussian());
        }
        int[] idx = {0, 1, 2, 3, 4, 5};
        float[] adv = {1.0f, -0.5f, 0.8f, -1.2f, 0.3f, -0.1f};
        double clip = 10.0; // wide enough that no unit sits on a clip kink
        policy.lossAndGrad(obs, act, idx, adv, clip);
        double[] analytic = policy.params().grads().toDoubleVector();

        double h = 1e-6;
        StringBuilder failures = new StringBuilder();
        for (int j = 0; j < p.length(); j++) {
            double orig = p.getDouble(0, j);
            p.putScalar(0, j, orig + h);
            double up = policy.lossAndGrad(obs, act, idx, adv, clip).policyLoss();
            p.putScalar(0, j, orig - h);
            double down = policy.lossAndGrad(obs, act, idx, adv, clip).policyLoss();
            p.putScalar(0, j, orig);
            double numeric = (up - down) / (2 * h);
            double a = analytic[j];
            double rel = Math.abs(a - numeric) / Math.max(Math.abs(a) + Math.abs(numeric), 1e-12);
            if (rel > 1e-5 && Math.abs(a - numeric) > 1e-8) {
                failures.append(String.format("param %d: analytic %.8g numeric %.8g rel %.2g%n", j, a, numeric, rel));
            }
        }
        if (failures.length() > 0) {
            fail(policy.getClass().getSimpleName() + " gradient mismatch:\n" + failures);
        }
        assertTrue(p.length() > 0);
    }
}
