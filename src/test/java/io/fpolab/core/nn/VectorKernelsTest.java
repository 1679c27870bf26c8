package io.fpolab.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.core.math.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

class VectorKernelsTest {
    @Test
    void theTestJvmRunsTheVectorKernels() {
        // Surefire adds the module like the jar's launcher does; without it these tests would test nothing.
        assertTrue(VectorKernels.ENABLED, "jdk.incubator.vector is missing from the test JVM");
    }

    @Test
    void forwardAndBackwardMatchNd4jOnViewsWithTailsAndOffsets() {
        // 37 rows × 5 columns: 185 elements, not a multiple of any vector length, so the scalar tail runs.
        for (int rows : new int[] {37, 8192}) {
            INDArray block = Nd4j.randn(DataType.FLOAT, new long[] {rows, 6}).mul(4).dup('f');
            // Columns 1..5 of a column-major matrix: a dense view that starts at a non-zero offset.
            INDArray z = block.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 6));
            INDArray sig = Nd4j.createUninitialized(DataType.FLOAT, new long[] {rows, 5}, 'f');
            INDArray out = Nd4j.valueArrayOf(new long[] {rows, 6}, 7f).dup('f');
            INDArray h = out.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 6));
            assertTrue(VectorKernels.usable(z, sig, h));
            VectorKernels.forward(z, sig, h);

            INDArray s = Transforms.sigmoid(z, true);
            assertClose(s, sig, 1e-6);
            assertClose(z.mul(s), h, 1e-5);
            assertEquals(7.0 * rows, out.getColumn(0).sumNumber().doubleValue(), 1e-9, "wrote outside the view");

            INDArray dh = Nd4j.randn(DataType.FLOAT, new long[] {rows, 5}).dup('f');
            INDArray expected = dh.mul(s.rsub(1.0).mul(z).add(1.0).mul(s));
            VectorKernels.backward(dh, z, sig);
            assertClose(expected, dh, 1e-5);
        }
    }

    @Test
    void expIsWithinTwoUlpOfMathExpOverTheUsedRange() {
        for (int i = 0; i <= 200_000; i++) {
            float x = -87f + 175f * i / 200_000;
            double want = Math.exp(x);
            float got = VectorKernels.exp(x);
            assertTrue(Math.abs(got - want) <= 2 * Math.ulp((float) want), "exp(" + x + ") = " + got + ", want " + want);
        }
        assertEquals(Float.MIN_NORMAL, VectorKernels.exp(-1000f), Float.MIN_NORMAL, "clamped below");
        assertTrue(Float.isFinite(VectorKernels.exp(1000f)), "clamped above");
    }

    /**
     * The kernels give the same bits interpreted ({@code -Xint}: the Vector API's Java fallback) as
     * compiled by C2 here after warming up. The Vector API's own EXP did not (SVML vs Math.exp), which
     * made training runs depend on JIT timing.
     */
    @Test
    void sameBitsInterpretedAndCompiled() throws Exception {
        // Enough calls for C2 to compile the loops with the Vector API intrinsics (~1 s).
        for (int i = 0; i < 3000; i++) {
            VectorKernelsDigest.digest();
        }
        String compiled = VectorKernelsDigest.digest();
        java.util.List<String> cmd = java.util.List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xint", "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                VectorKernelsDigest.class.getName());
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String interpreted = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "child did not finish");
        assertEquals(compiled, interpreted);
    }

    @Test
    void adamStepsGiveTheScalarLoopsBitsOverManyStepsWithATail() {
        // 1,003 elements: not a multiple of any vector length, so the tail runs too. Gradients span zeros, tiny and
        // large values, so sqrt, the division and eps all matter somewhere.
        int n = 1003;
        Rng rng = new Rng(5);
        INDArray[] vec = {Nd4j.create(DataType.FLOAT, 1, n), Nd4j.create(DataType.FLOAT, 1, n),
            Nd4j.zeros(DataType.FLOAT, 1, n), Nd4j.zeros(DataType.FLOAT, 1, n)};
        for (int i = 0; i < n; i++) {
            vec[0].putScalar(0, i, rng.nextGaussian());
        }
        java.nio.ByteBuffer[] ref = new java.nio.ByteBuffer[4];
        for (int k = 0; k < 4; k++) {
            ref[k] = java.nio.ByteBuffer.allocate(n * Float.BYTES).order(java.nio.ByteOrder.nativeOrder());
        }
        for (int i = 0; i < n; i++) {
            ref[0].putFloat(i * Float.BYTES, vec[0].getFloat(0, i));
        }
        for (int t = 1; t <= 40; t++) {
            for (int i = 0; i < n; i++) {
                double scale = i % 11 == 0 ? 0 : i % 5 == 0 ? 1e-7 : i % 3 == 0 ? 1e4 : 1;
                float g = (float) (rng.nextGaussian() * scale);
                vec[1].putScalar(0, i, g);
                ref[1].putFloat(i * Float.BYTES, g);
            }
            float sqrtBc2 = (float) Math.sqrt(1 - Math.pow(Adam.BETA2, t));
            float step = (float) (3e-3 / (1 - Math.pow(Adam.BETA1, t)));
            float b1 = (float) Adam.BETA1;
            float b2 = (float) Adam.BETA2;
            VectorKernels.adam(vec[0], vec[1], vec[2], vec[3], b1, b2, 1 - b1, (float) (1 - Adam.BETA2), sqrtBc2, step,
                    (float) Adam.EPS);
            for (int i = 0; i < n; i++) {
                VectorKernels.adamElement(ref[0], ref[1], ref[2], ref[3], i * Float.BYTES, b1, b2, 1 - b1,
                        (float) (1 - Adam.BETA2), sqrtBc2, step, (float) Adam.EPS);
            }
        }
        String[] names = {"θ", "∇θ", "m", "v"};
        for (int k : new int[] {0, 2, 3}) {
            for (int i = 0; i < n; i++) {
                assertEquals(Float.floatToRawIntBits(ref[k].getFloat(i * Float.BYTES)),
                        Float.floatToRawIntBits(vec[k].getFloat(0, i)), names[k] + " element " + i);
            }
        }
    }

    @Test
    void refusesArraysWhoseElementsAreNotInOneOrder() {
        INDArray f = Nd4j.rand(DataType.FLOAT, new long[] {8, 4}).dup('f');
        INDArray c = Nd4j.rand(DataType.FLOAT, new long[] {8, 4}).dup('c');
        assertFalse(VectorKernels.usable(f, c), "mixed memory orders");
        assertFalse(VectorKernels.usable(f, f.get(NDArrayIndex.interval(0, 4), NDArrayIndex.all())), "lengths differ");
        assertFalse(VectorKernels.usable(f, f.get(NDArrayIndex.interval(0, 8, 2), NDArrayIndex.all()).dup('f')), "lengths");
        INDArray strided = Nd4j.rand(DataType.FLOAT, new long[] {16, 4}).dup('f')
                .get(NDArrayIndex.interval(0, 2, 16), NDArrayIndex.all());
        assertFalse(VectorKernels.usable(strided, f), "every other row is not one block");
        assertFalse(VectorKernels.usable(f.castTo(DataType.DOUBLE), f.castTo(DataType.DOUBLE)), "double");
    }

    @Test
    void floatSiluNetworkMatchesTheDoublePrecisionPath() {
        // FLOAT runs the vector kernels, DOUBLE the ND4J ops: same weights, same outputs and gradients.
        int in = 7;
        int out = 2;
        int rows = 301;
        Mlp f = new Mlp(in, List.of(32, 32), out, Activation.SILU, DataType.FLOAT);
        Mlp d = new Mlp(in, List.of(32, 32), out, Activation.SILU, DataType.DOUBLE);
        ParamSet pf = new ParamSet(DataType.FLOAT, List.of(f));
        ParamSet pd = new ParamSet(DataType.DOUBLE, List.of(d));
        f.init(new Rng(3), 1.0);
        pd.params().assign(pf.params().castTo(DataType.DOUBLE));

        INDArray x = Nd4j.randn(DataType.DOUBLE, new long[] {rows, in}).mul(2);
        INDArray dOut = Nd4j.randn(DataType.DOUBLE, new long[] {rows, out});
        Mlp.Cache cf = f.newCache();
        Mlp.Cache cd = d.newCache();
        INDArray yf = f.forward(x.castTo(DataType.FLOAT), cf);
        INDArray yd = d.forward(x, cd);
        assertClose(yd.castTo(DataType.FLOAT), yf, 1e-4);
        assertClose(yd.castTo(DataType.FLOAT), f.forward(x.castTo(DataType.FLOAT)), 1e-4);

        INDArray gxf = f.backward(cf, dOut.castTo(DataType.FLOAT), true);
        INDArray gxd = d.backward(cd, dOut.dup(), true);
        assertClose(gxd.castTo(DataType.FLOAT), gxf, 1e-3);
        assertClose(pd.grads().castTo(DataType.FLOAT), pf.grads(), 1e-3);
    }

    private static void assertClose(INDArray expected, INDArray actual, double tol) {
        assertEquals(expected.length(), actual.length());
        double scale = Math.max(1.0, expected.amaxNumber().doubleValue());
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff <= tol * scale, "max difference " + diff + " > " + tol * scale);
    }
}
