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
