package io.fpolab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.ExperimentConfig.Algorithm;
import io.fpolab.core.math.Rng;
import io.fpolab.core.nn.Activation;
import io.fpolab.core.nn.Nd;
import io.fpolab.core.nn.ParamSet;
import io.fpolab.core.policy.FlowNet;
import io.fpolab.core.policy.TimeEmbedding;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The exact log-likelihood of a flow: closed-form Gaussian pushforwards and the network's divergence. */
class ExactLikelihoodTest {
    /**
     * A network with no hidden layer is one linear layer, so {@code v = A x + c τ + β} with
     * {@code A_ki = s·W[obs+i][k]}, {@code c_k = s·W[τ][k]}, {@code β_k = s·(obs·W[0][k] + b_k)}: x_1 is Gaussian with
     * mean {@code m = Σ_k A^k/k! (β/(k+1) + c/((k+1)(k+2)))} and covariance {@code M Mᵀ}, {@code M = e^A}, so
     * {@code log p(a) = −log 2π − ½|M⁻¹(a − m)|² − tr A}. The series are summed here independently of the ODE.
     */
    @Test
    void aFieldLinearInXGivesTheClosedFormGaussianPushforward() {
        double s = 0.8;
        // Rows: obs, x_0, x_1, τ; columns: the two outputs. Then the biases.
        double[] w = {
            0.5, -0.3,
            0.4, -0.9,
            1.1, 0.2,
            0.7, -0.6,
        };
        double[] bias = {0.25, -0.15};
        FlowNet net = linearNet(s, w, bias);
        float obs = 1.3f;
        double[][] a = {{s * w[2], s * w[4]}, {s * w[3], s * w[5]}};
        double[] c = {s * w[6], s * w[7]};
        double[] beta = {s * (obs * w[0] + bias[0]), s * (obs * w[1] + bias[1])};
        double[][] m = new double[2][2];
        double[] mean = new double[2];
        double[][] power = {{1, 0}, {0, 1}};
        double factorial = 1;
        for (int k = 0; k < 40; k++) {
            if (k > 0) {
                power = mul(power, a);
                factorial *= k;
            }
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    m[i][j] += power[i][j] / factorial;
                    mean[i] += power[i][j] / factorial * (beta[j] / (k + 1) + c[j] / ((k + 1.0) * (k + 2)));
                }
            }
        }
        double det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
        VelocityField field = FlowField.of(net).at(new float[] {obs}, 0);
        for (double[] action : new double[][] {{0.3, -0.2}, {2.5, 1.7}, {-1.9, 0.4}}) {
            double r0 = action[0] - mean[0];
            double r1 = action[1] - mean[1];
            double z0 = (m[1][1] * r0 - m[0][1] * r1) / det;
            double z1 = (-m[1][0] * r0 + m[0][0] * r1) / det;
            double expected = -Math.log(2 * Math.PI) - 0.5 * (z0 * z0 + z1 * z1) - (a[0][0] + a[1][1]);
            ExactLikelihood.Result r = ExactLikelihood.logDensity(field, action, ExactLikelihood.DEFAULT_STEPS);
            assertEquals(expected, r.logDensity(), 1e-6, "log p at " + action[0] + ", " + action[1]);
            assertEquals(z0, r.noise()[0], 1e-6, "the path starts at M⁻¹(a − m)");
            assertEquals(z1, r.noise()[1], 1e-6);
            assertEquals(a[0][0] + a[1][1], r.divergenceIntegral(), 1e-9, "∫ div v dτ = tr A");
        }
    }

    private static FlowNet linearNet(double scale, double[] w, double[] bias) {
        FlowNet net = new FlowNet(1, 2, List.of(), Activation.TANH, TimeEmbedding.RAW, scale, DataType.DOUBLE);
        ParamSet params = new ParamSet(DataType.DOUBLE, List.of(net.mlp()));
        double[] flat = new double[w.length + bias.length];
        System.arraycopy(w, 0, flat, 0, w.length);
        System.arraycopy(bias, 0, flat, w.length, bias.length);
        params.params().assign(Nd.matrix(flat, 1, flat.length, DataType.DOUBLE));
        return net;
    }

    private static double[][] mul(double[][] x, double[][] y) {
        double[][] out = new double[2][2];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                out[i][j] = x[i][0] * y[0][j] + x[i][1] * y[1][j];
            }
        }
        return out;
    }

    /**
     * The double-precision copy computes what the network computes (ND4J in double; its sinusoidal τ features are
     * rounded to float, hence the tolerance), and its forward-mode divergence matches central differences of the
     * velocity.
     */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void theFieldIsTheNetworkAndItsDivergenceMatchesFiniteDifferences(Activation activation) {
        int obsDim = 3;
        int actDim = 3;
        FlowNet net = new FlowNet(obsDim, actDim, List.of(16, 12), activation, TimeEmbedding.SINUSOIDAL, 0.7,
                DataType.DOUBLE);
        new ParamSet(DataType.DOUBLE, List.of(net.mlp()));
        Rng rng = new Rng(11);
        net.mlp().init(rng, 1.0);
        for (int trial = 0; trial < 5; trial++) {
            float[] obs = new float[obsDim];
            double[] x = new double[actDim];
            for (int i = 0; i < obsDim; i++) {
                obs[i] = (float) rng.uniform(-1, 1);
            }
            for (int i = 0; i < actDim; i++) {
                x[i] = rng.uniform(-2, 2);
            }
            double tau = rng.nextDouble();
            VelocityField field = FlowField.of(net).at(obs, 0);
            double[] v = new double[actDim];
            double div = field.velocity(x, tau, v);

            INDArray o = Nd.matrix(obs, 1, obsDim, DataType.DOUBLE);
            double[] ref = Nd.doubles(net.velocityAt(o, Nd.matrix(x, 1, actDim, DataType.DOUBLE), tau));
            for (int k = 0; k < actDim; k++) {
                assertEquals(ref[k], v[k], 1e-5 * (1 + Math.abs(ref[k])), activation + " v_" + k);
            }
            double h = 1e-5;
            double numeric = 0;
            double[] plus = new double[actDim];
            double[] minus = new double[actDim];
            for (int k = 0; k < actDim; k++) {
                double[] xp = x.clone();
                double[] xm = x.clone();
                xp[k] += h;
                xm[k] -= h;
                field.velocity(xp, tau, plus);
                field.velocity(xm, tau, minus);
                numeric += (plus[k] - minus[k]) / (2 * h);
            }
            double rel = Math.abs(div - numeric) / Math.max(1e-3, Math.abs(div) + Math.abs(numeric));
            assertTrue(rel < 1e-5, activation + ": forward-mode divergence " + div + ", central differences " + numeric);
        }
    }

    @Test
    void halvingTheStepsBarelyMovesTheLogDensityOfANetworkFlow() {
        FlowNet net = new FlowNet(2, 2, List.of(32, 32), Activation.SILU, TimeEmbedding.SINUSOIDAL, 1.0, DataType.DOUBLE);
        new ParamSet(DataType.DOUBLE, List.of(net.mlp()));
        net.mlp().init(new Rng(3), 1.0);
        VelocityField field = FlowField.of(net).at(new float[] {0.2f, -0.4f}, 0);
        double[] a = {0.6, -1.1};
        double fine = ExactLikelihood.logDensity(field, a, 512).logDensity();
        double coarse = ExactLikelihood.logDensity(field, a, 256).logDensity();
        assertEquals(fine, coarse, 1e-8, "RK4 has converged at the default step count");
        assertTrue(Math.abs(fine - ExactLikelihood.logDensity(field, a, 2).logDensity()) > 1e-4,
                "two steps are visibly off, so the comparison above can fail");
    }

    @Test
    void refusesPoliciesWithoutAnOdeDensityAndWideActions() {
        IllegalArgumentException dppo = assertThrows(IllegalArgumentException.class,
                () -> ExactLikelihood.requireSupported(Algorithm.DPPO, 2));
        assertTrue(dppo.getMessage().contains("dppo") && dppo.getMessage().contains("allowed: fpo"), dppo.getMessage());
        IllegalArgumentException gauss = assertThrows(IllegalArgumentException.class,
                () -> ExactLikelihood.requireSupported(Algorithm.GAUSSIAN_PPO, 1));
        assertTrue(gauss.getMessage().contains("gaussian_ppo"), gauss.getMessage());
        IllegalArgumentException wide = assertThrows(IllegalArgumentException.class,
                () -> ExactLikelihood.requireSupported(Algorithm.FPO, 7));
        assertTrue(wide.getMessage().contains("7 dimensions") && wide.getMessage().contains("allowed: 1..6"),
                wide.getMessage());
        ExactLikelihood.requireSupported(Algorithm.FPO, 6);
    }
}
