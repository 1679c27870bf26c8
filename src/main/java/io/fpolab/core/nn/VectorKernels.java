package io.fpolab.core.nn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.bytedeco.javacpp.BytePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SiLU forward and backward as one fused SIMD pass each over ND4J float arrays, with the JDK Vector API, and
 * ReLU's, which replace one ND4J op (two for its gradient) each; at the small minibatches of the classroom
 * presets an ND4J call's fixed cost (~20–40 µs) is what the update mostly pays.
 *
 * <p>Why: ND4J's sigmoid computes {@code exp} one element at a time (~2 ns each), and the SiLU
 * derivative takes five more elementwise ops; together they cost more than the layer's three GEMMs on the
 * paper's 32-wide actor. One vectorised pass reads and writes each element once.
 *
 * <p>{@code exp} is computed here from additions, multiplications, FMAs and bit shifts (Cephes' single
 * precision range reduction and polynomial, ~1 ulp), not with the Vector API's {@code EXP}: that one is
 * Intel's SVML once C2 has compiled the loop but {@code Math.exp} per lane before, and the two differ in
 * the last bit — which made training runs depend on when the JIT kicked in. Basic IEEE operations give
 * the same bits interpreted, compiled, in a vector lane or in the scalar tail, so runs stay bit-identical.
 *
 * <p>Only usable when the JVM was started with {@code --add-modules jdk.incubator.vector} (the jar's
 * launcher, {@code mvn javafx:run} and the tests do this); {@link #usable} says so, and callers fall back
 * to ND4J ops otherwise. The vector code sits in a nested class that loads only when a kernel runs. SiLU arrays must be float and dense in one memory
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

    /** In place: {@code h ← h < 0 ? 0 : h}, exactly ND4J's ReLU (−0 and NaN pass through unchanged). */
    static void relu(INDArray h) {
        Vec.relu(bytes(h), (int) h.length());
    }

    /** In place: {@code dh ← dh·(h > 0 ? 1 : 0)}, exactly ND4J's {@code dh.muli(step(h))}. */
    static void reluBackward(INDArray dh, INDArray h) {
        Vec.reluBackward(bytes(dh), bytes(h), (int) dh.length());
    }

    /** The kernels on raw native-order float buffers (what the INDArray methods call; tests use it too). */
    static void forward(ByteBuffer z, ByteBuffer sigmoid, ByteBuffer h, int n) {
        Vec.forward(z, sigmoid, h, n);
    }

    static void backward(ByteBuffer dh, ByteBuffer z, ByteBuffer sigmoid, int n) {
        Vec.backward(dh, z, sigmoid, n);
    }

    /**
     * One Adam step in place over the floats of the dense arrays θ ({@code p}), ∇θ ({@code g}), m and v: in SIMD
     * lanes when the vector module is present, else element by element ({@link #adamElement}). The lanes do the
     * element's float operations in the same order with no fused multiply-adds, so both give the same bits (IEEE
     * {@code sqrt} and division are exact in a lane as in a scalar). Usable without the module: the lanes' class
     * loads only when they run.
     */
    static void adam(INDArray p, INDArray g, INDArray m, INDArray v, float b1, float b2, float c1, float c2,
            float sqrtBc2, float step, float eps) {
        ByteBuffer pb = bytes(p);
        ByteBuffer gb = bytes(g);
        ByteBuffer mb = bytes(m);
        ByteBuffer vb = bytes(v);
        int n = (int) p.length();
        if (ENABLED) {
            Vec.adam(pb, gb, mb, vb, n, b1, b2, c1, c2, sqrtBc2, step, eps);
            return;
        }
        for (int i = 0; i < n; i++) {
            adamElement(pb, gb, mb, vb, i * Float.BYTES, b1, b2, c1, c2, sqrtBc2, step, eps);
        }
    }

    /** Adam's update of one element, as PyTorch orders it in float arithmetic (the reference of the lanes). */
    static void adamElement(ByteBuffer p, ByteBuffer g, ByteBuffer m, ByteBuffer v, int at, float b1, float b2,
            float c1, float c2, float sqrtBc2, float step, float eps) {
        float gi = g.getFloat(at);
        float mi = m.getFloat(at) * b1 + gi * c1;
        float vi = v.getFloat(at) * b2 + gi * gi * c2;
        m.putFloat(at, mi);
        v.putFloat(at, vi);
        p.putFloat(at, p.getFloat(at) - mi / ((float) Math.sqrt(vi) / sqrtBc2 + eps) * step);
    }

    // Cephes expf: e^x = 2^n · e^r, n = round(x·log2 e), r = x − n·ln 2 (ln 2 split in two), e^r by a
    // degree-5 polynomial; inputs clamped so 2^n stays a normal float.
    private static final float EXP_MAX = 88.3762626647949f;
    private static final float EXP_MIN = -87.3365447504f;
    private static final float LOG2E = 1.44269504088896341f;
    private static final float ROUND = 12582912f; // 1.5·2^23: adding it rounds to an integer in the low bits
    private static final int ROUND_BITS = 0x4B400000;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float P0 = 1.9875691500e-4f;
    private static final float P1 = 1.3981999507e-3f;
    private static final float P2 = 8.3334519073e-3f;
    private static final float P3 = 4.1665795894e-2f;
    private static final float P4 = 1.6666665459e-1f;
    private static final float P5 = 5.0000001201e-1f;

    /** The same e^x as the vector loop, one element: bit-identical to a lane's result. */
    static float exp(float x) {
        x = Math.min(EXP_MAX, Math.max(EXP_MIN, x));
        float t = Math.fma(x, LOG2E, ROUND);
        float n = t - ROUND;
        int bits = Float.floatToRawIntBits(t) - ROUND_BITS;
        float r = Math.fma(n, -LN2_HI, x);
        r = Math.fma(n, -LN2_LO, r);
        float p = Math.fma(P0, r, P1);
        p = Math.fma(p, r, P2);
        p = Math.fma(p, r, P3);
        p = Math.fma(p, r, P4);
        p = Math.fma(p, r, P5);
        float e = Math.fma(p, r * r, r) + 1f;
        return e * Float.intBitsToFloat((bits + 127) << 23);
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
        private static final FloatVector NEG_LN2_HI = FloatVector.broadcast(S, -LN2_HI);
        private static final FloatVector NEG_LN2_LO = FloatVector.broadcast(S, -LN2_LO);
        private static final FloatVector C0 = FloatVector.broadcast(S, P0);
        private static final FloatVector C1 = FloatVector.broadcast(S, P1);
        private static final FloatVector C2 = FloatVector.broadcast(S, P2);
        private static final FloatVector C3 = FloatVector.broadcast(S, P3);
        private static final FloatVector C4 = FloatVector.broadcast(S, P4);
        private static final FloatVector C5 = FloatVector.broadcast(S, P5);

        static void forward(ByteBuffer z, ByteBuffer sig, ByteBuffer h, int n) {
            FloatVector one = FloatVector.broadcast(S, 1f);
            int i = 0;
            for (int end = S.loopBound(n); i < end; i += S.length()) {
                int at = i * Float.BYTES;
                FloatVector zv = FloatVector.fromByteBuffer(S, z, at, ORDER);
                FloatVector s = one.div(exp(zv.neg()).add(one));
                if (sig != null) {
                    s.intoByteBuffer(sig, at, ORDER);
                }
                zv.mul(s).intoByteBuffer(h, at, ORDER);
            }
            for (; i < n; i++) {
                int at = i * Float.BYTES;
                float zi = z.getFloat(at);
                float s = 1f / (VectorKernels.exp(-zi) + 1f);
                if (sig != null) {
                    sig.putFloat(at, s);
                }
                h.putFloat(at, zi * s);
            }
        }

        /** {@link VectorKernels#exp} on every lane, with the same operations in the same order. */
        static FloatVector exp(FloatVector x) {
            x = x.max(EXP_MIN).min(EXP_MAX);
            FloatVector t = x.fma(LOG2E, ROUND);
            FloatVector n = t.sub(ROUND);
            IntVector bits = ((IntVector) t.reinterpretAsInts()).sub(ROUND_BITS);
            FloatVector r = n.fma(NEG_LN2_HI, x);
            r = n.fma(NEG_LN2_LO, r);
            FloatVector p = C0.fma(r, C1);
            p = p.fma(r, C2);
            p = p.fma(r, C3);
            p = p.fma(r, C4);
            p = p.fma(r, C5);
            FloatVector e = p.fma(r.mul(r), r).add(1f);
            return e.mul(bits.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
        }

        static void relu(ByteBuffer h, int n) {
            FloatVector zero = FloatVector.zero(S);
            int i = 0;
            for (int end = S.loopBound(n); i < end; i += S.length()) {
                int at = i * Float.BYTES;
                FloatVector v = FloatVector.fromByteBuffer(S, h, at, ORDER);
                v.blend(zero, v.lt(zero)).intoByteBuffer(h, at, ORDER);
            }
            for (; i < n; i++) {
                int at = i * Float.BYTES;
                if (h.getFloat(at) < 0f) {
                    h.putFloat(at, 0f);
                }
            }
        }

        static void reluBackward(ByteBuffer dh, ByteBuffer h, int n) {
            FloatVector zero = FloatVector.zero(S);
            FloatVector one = FloatVector.broadcast(S, 1f);
            int i = 0;
            for (int end = S.loopBound(n); i < end; i += S.length()) {
                int at = i * Float.BYTES;
                FloatVector hv = FloatVector.fromByteBuffer(S, h, at, ORDER);
                FloatVector g = FloatVector.fromByteBuffer(S, dh, at, ORDER);
                g.mul(zero.blend(one, hv.compare(VectorOperators.GT, zero))).intoByteBuffer(dh, at, ORDER);
            }
            for (; i < n; i++) {
                int at = i * Float.BYTES;
                dh.putFloat(at, dh.getFloat(at) * (h.getFloat(at) > 0f ? 1f : 0f));
            }
        }

        static void adam(ByteBuffer p, ByteBuffer g, ByteBuffer m, ByteBuffer v, int n, float b1, float b2,
                float c1, float c2, float sqrtBc2, float step, float eps) {
            int i = 0;
            for (int end = S.loopBound(n); i < end; i += S.length()) {
                int at = i * Float.BYTES;
                FloatVector gv = FloatVector.fromByteBuffer(S, g, at, ORDER);
                FloatVector mv = FloatVector.fromByteBuffer(S, m, at, ORDER).mul(b1).add(gv.mul(c1));
                FloatVector vv = FloatVector.fromByteBuffer(S, v, at, ORDER).mul(b2).add(gv.mul(gv).mul(c2));
                mv.intoByteBuffer(m, at, ORDER);
                vv.intoByteBuffer(v, at, ORDER);
                FloatVector pv = FloatVector.fromByteBuffer(S, p, at, ORDER);
                pv.sub(mv.div(vv.sqrt().div(sqrtBc2).add(eps)).mul(step)).intoByteBuffer(p, at, ORDER);
            }
            for (; i < n; i++) {
                adamElement(p, g, m, v, i * Float.BYTES, b1, b2, c1, c2, sqrtBc2, step, eps);
            }
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
