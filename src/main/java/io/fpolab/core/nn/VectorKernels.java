package io.fpolab.core.nn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.bytedeco.javacpp.BytePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Elementwise math that ND4J does one element at a time, as SIMD loops with the JDK Vector API: SiLU
 * forward and backward as one fused pass each over ND4J float arrays, and sin/cos of a Java array.
 *
 * <p>Why: ND4J's sigmoid computes {@code exp} one element at a time (~2 ns each), and the SiLU
 * derivative takes five more elementwise ops; together they cost more than the layer's three GEMMs on the
 * paper's 32-wide actor. One vectorised pass (SIMD {@code exp}) reads and writes each element once.
 *
 * <p>Only usable when the JVM was started with {@code --add-modules jdk.incubator.vector} (the jar's
 * launcher, {@code mvn javafx:run} and the tests do this); {@link #usable} says so, and callers fall back
 * to ND4J ops otherwise ({@link #sinCos} falls back to {@link Math} itself). The vector code sits in a
 * nested class that loads only when a kernel runs. SiLU arrays must be float and dense in one memory
 * order (any view with unit element stride, like a column-major block of columns).
 */
public final class VectorKernels {
    private VectorKernels() {
    }

    /** Whether the vector module is present and the kernels are not switched off with {@code -Dfpolab.vector=false}. */
    public static final boolean ENABLED = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equalsIgnoreCase(System.getProperty("fpolab.vector"));

    /** True when the kernels may run on these arrays (all float, same length and order, each one dense block). */
    static boolean usable(INDArray... arrays) {
        if (!ENABLED) {
            return false;
        }
        long n = arrays[0].length();
        char order = arrays[0].ordering();
        for (INDArray a : arrays) {
            if (a.dataType() != DataType.FLOAT || a.length() != n || n > Integer.MAX_VALUE / 4
                    || a.ordering() != order || !dense(a)) {
                return false;
            }
        }
        return true;
    }

    /** A rank-2 array whose elements fill one block of memory in its own order (column- or row-major). */
    private static boolean dense(INDArray a) {
        if (a.rank() != 2) {
            return false;
        }
        long[] st = a.stride();
        return a.ordering() == 'f' ? st[0] == 1 && st[1] == a.rows() : st[1] == 1 && st[0] == a.columns();
    }

    /** {@code σ = sigmoid(z)} (skipped when {@code sigmoid} is null) and {@code h = z·σ}. */
    static void forward(INDArray z, INDArray sigmoid, INDArray h) {
        Vec.forward(bytes(z), sigmoid == null ? null : bytes(sigmoid), bytes(h), (int) z.length());
    }

    /** In place: {@code dh ← dh·σ·(1 + z·(1 − σ))}, the gradient through SiLU. */
    static void backward(INDArray dh, INDArray z, INDArray sigmoid) {
        Vec.backward(bytes(dh), bytes(z), bytes(sigmoid), (int) dh.length());
    }

    /** {@code cos[i] = cos(x[i])}, {@code sin[i] = sin(x[i])} for {@code i < n}, to float precision. */
    public static void sinCos(float[] x, int n, float[] cos, float[] sin) {
        int i = ENABLED ? Vec.sinCos(x, n, cos, sin) : 0;
        for (; i < n; i++) {
            cos[i] = (float) Math.cos(x[i]);
            sin[i] = (float) Math.sin(x[i]);
        }
    }

    /** The array's memory (its view offset included) as a native-order byte buffer. */
    private static ByteBuffer bytes(INDArray a) {
        int n = (int) a.length() * Float.BYTES;
        return new BytePointer(a.data().addressPointer()).position(0).limit(n).capacity(n).asByteBuffer()
                .order(ByteOrder.nativeOrder());
    }

    /** The loops; a nested class so nothing from the vector module loads until a kernel first runs. */
    private static final class Vec {
        private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
        private static final ByteOrder ORDER = ByteOrder.nativeOrder();

        static void forward(ByteBuffer z, ByteBuffer sig, ByteBuffer h, int n) {
            FloatVector one = FloatVector.broadcast(S, 1f);
            int i = 0;
            for (int end = S.loopBound(n); i < end; i += S.length()) {
                int at = i * Float.BYTES;
                FloatVector zv = FloatVector.fromByteBuffer(S, z, at, ORDER);
                FloatVector s = one.div(zv.neg().lanewise(VectorOperators.EXP).add(one));
                if (sig != null) {
                    s.intoByteBuffer(sig, at, ORDER);
                }
                zv.mul(s).intoByteBuffer(h, at, ORDER);
            }
            for (; i < n; i++) {
                int at = i * Float.BYTES;
                float zi = z.getFloat(at);
                float s = (float) (1.0 / (1.0 + Math.exp(-zi)));
                if (sig != null) {
                    sig.putFloat(at, s);
                }
                h.putFloat(at, zi * s);
            }
        }

        /** Fills whole vectors; returns how many elements it did (the caller finishes the tail). */
        static int sinCos(float[] x, int n, float[] cos, float[] sin) {
            int i = 0;
            for (int end = S.loopBound(n); i < end; i += S.length()) {
                FloatVector v = FloatVector.fromArray(S, x, i);
                v.lanewise(VectorOperators.COS).intoArray(cos, i);
                v.lanewise(VectorOperators.SIN).intoArray(sin, i);
            }
            return i;
        }

        static void backward(ByteBuffer dh, ByteBuffer z, ByteBuffer sig, int n) {
            FloatVector one = FloatVector.broadcast(S, 1f);
            int i = 0;
            for (int end = S.loopBound(n); i < end; i += S.length()) {
                int at = i * Float.BYTES;
                FloatVector s = FloatVector.fromByteBuffer(S, sig, at, ORDER);
                FloatVector zv = FloatVector.fromByteBuffer(S, z, at, ORDER);
                FloatVector g = FloatVector.fromByteBuffer(S, dh, at, ORDER);
                // σ·(1 + z·(1 − σ))
                FloatVector d = one.sub(s).mul(zv).add(one).mul(s);
                g.mul(d).intoByteBuffer(dh, at, ORDER);
            }
            for (; i < n; i++) {
                int at = i * Float.BYTES;
                float s = sig.getFloat(at);
                dh.putFloat(at, dh.getFloat(at) * s * (1f + z.getFloat(at) * (1f - s)));
            }
        }
    }
}
