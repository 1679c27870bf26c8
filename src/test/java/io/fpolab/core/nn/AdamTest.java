package io.fpolab.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fpolab.core.math.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class AdamTest {
    /** PyTorch's Adam in double precision, for a parameter vector and a sequence of gradients. */
    private static double[] reference(double[] p0, double[][] grads, double lr) {
        double[] p = p0.clone();
        double[] m = new double[p.length];
        double[] v = new double[p.length];
        for (int t = 1; t <= grads.length; t++) {
            double[] g = grads[t - 1];
            for (int i = 0; i < p.length; i++) {
                m[i] = Adam.BETA1 * m[i] + (1 - Adam.BETA1) * g[i];
                v[i] = Adam.BETA2 * v[i] + (1 - Adam.BETA2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(Adam.BETA1, t));
                double vHat = v[i] / (1 - Math.pow(Adam.BETA2, t));
                p[i] -= lr * mHat / (Math.sqrt(vHat) + Adam.EPS);
            }
        }
        return p;
    }

    private static void matchesReference(DataType dtype, double tolerance) {
        Mlp net = new Mlp(3, List.of(16), 2, Activation.TANH, dtype);
        ParamSet ps = new ParamSet(dtype, List.of(net));
        net.init(new Rng(1), 1.0);
        Adam adam = new Adam(ps);
        int n = (int) ps.size();
        double[] p0 = ps.params().toDoubleVector();
        Rng rng = new Rng(2);
        double[][] grads = new double[25][n];
        for (double[] g : grads) {
            for (int i = 0; i < n; i++) {
                g[i] = rng.nextGaussian() * (i % 7 == 0 ? 1e-3 : 1);
            }
        }
        for (double[] g : grads) {
            for (int i = 0; i < n; i++) {
                ps.grads().putScalar(0, i, g[i]);
            }
            adam.step(1e-2);
        }
        double[] want = reference(p0, grads, 1e-2);
        double[] got = ps.params().toDoubleVector();
        for (int i = 0; i < n; i++) {
            assertEquals(want[i], got[i], tolerance, "parameter " + i);
        }
        assertEquals(25, adam.stepCount());
    }

    @Test
    void floatUpdateMatchesPyTorchAdam() {
        // Steps of lr = 0.01 over 25 iterations: float rounding stays far below one step.
        matchesReference(DataType.FLOAT, 2e-6);
    }

    @Test
    void doubleUpdateMatchesPyTorchAdam() {
        matchesReference(DataType.DOUBLE, 1e-12);
    }
}
