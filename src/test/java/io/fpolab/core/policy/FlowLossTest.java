package io.fpolab.core.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig.Algorithm;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.core.TestConfigs;
import io.fpolab.core.math.Rng;
import io.fpolab.core.nn.Activation;
import io.fpolab.core.nn.Nd;
import io.fpolab.core.rl.RatioMode;
import io.fpolab.core.rl.TrustRegion;
import io.fpolab.train.PolicyFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class FlowLossTest {
    @Test
    void sinusoidalInputHoldsCosinesThenSinesOfTauTimesOneTwoFourEight() {
        FlowNet net = new FlowNet(2, 1, java.util.List.of(8), Activation.SILU,
                TimeEmbedding.SINUSOIDAL, 1.0, DataType.FLOAT);
        int rows = 37;
        float[] obsX = new float[rows * 3];
        float[] tau = new float[rows];
        for (int r = 0; r < rows; r++) {
            tau[r] = r / (float) rows;
            obsX[3 * r] = r;
            obsX[3 * r + 2] = -r;
        }
        float[] in = net.input(obsX, tau, rows);
        double[] freq = {1, 2, 4, 8};
        for (int r = 0; r < rows; r++) {
            int at = r * 11;
            assertEquals(r, in[at], 0.0);
            assertEquals(-r, in[at + 2], 0.0);
            for (int i = 0; i < 4; i++) {
                assertEquals(Math.cos(freq[i] * tau[r]), in[at + 3 + i], 2e-6, "cos " + freq[i] + "τ");
                assertEquals(Math.sin(freq[i] * tau[r]), in[at + 7 + i], 2e-6, "sin " + freq[i] + "τ");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void ratioIsExactlyOneWhenPolicyUnchanged(Algorithm algorithm) {
        Policy p = PolicyFactory.create(TestConfigs.base(algorithm), 3, 2, DataType.FLOAT, new Rng(5));
        int batch = 40;
        Rng rng = new Rng(6);
        float[] obs = new float[batch * 3];
        for (int i = 0; i < obs.length; i++) {
            obs[i] = (float) rng.uniform(-1, 1);
        }
        float[] act = new float[batch * 2];
        p.beginRollout(batch);
        p.sampleForRollout(obs, batch, null, rng, act, 0);
        p.finishRollout(obs, act, batch, rng);
        // The whole batch in rollout order: the same arithmetic as θ_old's, so ρ is exactly 1.
        int[] all = Policies.range(0, batch);
        float[] ones = new float[batch];
        java.util.Arrays.fill(ones, 1f);
        Policy.UpdateStats s = p.lossAndGrad(obs, act, all, ones, 0.2);
        assertEquals(1.0, s.ratioMin(), 0.0);
        assertEquals(1.0, s.ratioMax(), 0.0);
        assertEquals(0.0, s.clipFraction(), 0.0);
        // A shuffled minibatch meets GEMM kernels of another size; float32 rounding may then move ρ by ~1e-9.
        int[] idx = {17, 3, 29, 0, 11, 38, 5};
        float[] adv = {1, -1, 0.5f, 2, -0.3f, 0.1f, 1};
        Policy.UpdateStats m = p.lossAndGrad(obs, act, idx, adv, 0.2);
        assertEquals(1.0, m.ratioMin(), 1e-6);
        assertEquals(1.0, m.ratioMax(), 1e-6);
        assertEquals(0.0, m.clipFraction(), 0.0);
    }

    @Test
    void actionClipBoundsEverySampledActionAndThePathsEndAndOffLeavesThemFree() {
        ExperimentConfig base = TestConfigs.base(Algorithm.FPO);
        int rows = 200;
        float[] obs = new float[rows * 3];
        for (String clip : new String[] {"0", "0.5"}) {
            ExperimentConfig cfg = ConfigSchema.withOverride(base, "flow.actionClip", clip);
            Policy p = PolicyFactory.create(cfg, 3, 2, DataType.FLOAT, new Rng(5));
            for (boolean eval : new boolean[] {false, true}) {
                float[][] path = new float[p.pathLength()][];
                float[] act = p.sample(obs, rows, new Rng(8), eval, path);
                assertArrayEquals(act, path[path.length - 1], "the drawn denoising path ends at the action taken");
                double max = 0;
                for (float a : act) {
                    max = Math.max(max, Math.abs(a));
                }
                if (clip.equals("0")) {
                    assertTrue(max > 1.5, "unclipped samples reach past 1.5: " + max);
                } else {
                    assertEquals(0.5, max, 0.0, "clipped samples reach exactly the bound");
                }
            }
        }
    }

    @Test
    void epsMseEqualsTauSquaredTimesUMseFromThePredictedNoise() {
        FlowPolicy p = (FlowPolicy) PolicyFactory.create(TestConfigs.with(TestConfigs.base(Algorithm.FPO),
                "flow.lossMode", CfmLoss.EPS_MSE, "flow.ratio", RatioMode.MEAN_EXP, "flow.trustRegion",
                TrustRegion.PPO_CLIP, "flow.timeEmbedding", TimeEmbedding.RAW), 2, 2, DataType.DOUBLE, new Rng(8));
        Rng rng = new Rng(3);
        int rows = 50;
        for (int r = 0; r < rows; r++) {
            double tau = rng.nextDouble();
            double[] obs = {rng.uniform(-1, 1), rng.uniform(-1, 1)};
            double[] a = {rng.nextGaussian(), rng.nextGaussian()};
            double[] eps = {rng.nextGaussian(), rng.nextGaussian()};
            double[] xt = {(1 - tau) * eps[0] + tau * a[0], (1 - tau) * eps[1] + tau * a[1]};
            INDArray v = p.net().velocityAt(Nd.matrix(obs, 1, 2, DataType.DOUBLE), Nd.matrix(xt, 1, 2, DataType.DOUBLE),
                    tau);
            double[] vh = Nd.doubles(v);
            // ε̂ = x_τ − τ·v̂ (the paper's ε-prediction), compared with τ²·mean((v̂ − u)²).
            double epsErr = 0;
            double uErr = 0;
            for (int d = 0; d < 2; d++) {
                double epsHat = xt[d] - tau * vh[d];
                epsErr += (eps[d] - epsHat) * (eps[d] - epsHat) / 2;
                double u = a[d] - eps[d];
                uErr += (vh[d] - u) * (vh[d] - u) / 2;
            }
            assertEquals(epsErr, FlowPolicy.weight(CfmLoss.EPS_MSE, tau) * uErr, 1e-12);
            double dataHatErr = 0;
            for (int d = 0; d < 2; d++) {
                double aHat = xt[d] + (1 - tau) * vh[d];
                dataHatErr += (a[d] - aHat) * (a[d] - aHat) / 2;
            }
            assertEquals(dataHatErr, FlowPolicy.weight(CfmLoss.DATA_MSE, tau) * uErr, 1e-12);
        }
    }

    @Test
    void ppoObjectiveClipsOnlyInTheDirectionTheAdvantageFavours() {
        double[] grad = new double[4];
        // ρ = 1.5 with A > 0 is clipped (no gradient); ρ = 1.5 with A < 0 is not; ρ = 0.5 the reverse.
        double[] logRatio = {Math.log(1.5), Math.log(1.5), Math.log(0.5), Math.log(0.5)};
        float[] adv = {1, -1, 1, -1};
        var res = io.fpolab.core.rl.PpoObjective.evaluate(logRatio, adv, 1, 0.2, TrustRegion.PPO_CLIP, grad);
        assertEquals(0.0, grad[0], 0.0);
        assertEquals(1.5 / 4, grad[1], 1e-12);
        assertEquals(-0.5 / 4, grad[2], 1e-12);
        assertEquals(0.0, grad[3], 0.0);
        // L = −mean(min(ρA, clip(ρ)A)) = −(1.2 − 1.5 + 0.5 − 0.8)/4
        assertEquals(-(1.2 - 1.5 + 0.5 - 0.8) / 4, res.loss(), 1e-12);
        assertEquals(1.0, res.clipFraction(), 0.0);
    }
}
