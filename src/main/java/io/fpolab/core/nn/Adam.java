package io.fpolab.core.nn;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam over one {@link ParamSet}, matching PyTorch's update with bias correction:
 * {@code θ ← θ − lr·m̂/(sqrt(v̂) + eps)}, {@code m̂ = m/(1−β1^t)}, {@code v̂ = v/(1−β2^t)}.
 *
 * <p>For float parameters the update is one Java loop over views of the native buffers: the lab's networks
 * have a few thousand parameters, where ten ND4J element-wise calls (~40 µs each) cost far more than the
 * arithmetic, and a PPO update takes thousands of steps.
 */
public final class Adam {
    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPS = 1e-8;

    private final ParamSet params;
    private final INDArray m;
    private final INDArray v;
    /** Views of the native buffers of θ, ∇θ, m and v when all are float, else null. */
    private final FloatBuffer[] views;
    private long t;

    public Adam(ParamSet params) {
        this.params = params;
        m = Nd4j.zerosLike(params.params());
        v = Nd4j.zerosLike(params.params());
        views = params.params().dataType() == DataType.FLOAT ? new FloatBuffer[] {view(params.params()),
            view(params.grads()), view(m), view(v)} : null;
    }

    /** The float buffer behind a contiguous array, or null if ND4J gives no direct view. */
    private static FloatBuffer view(INDArray a) {
        if (a.offset() != 0 || a.length() != a.data().length()) {
            return null;
        }
        FloatBuffer b = a.data().asNioFloat();
        return b.isDirect() && b.capacity() == a.length() ? b : null;
    }

    /** One update with learning rate {@code lr} using the current gradients. */
    public void step(double lr) {
        t++;
        if (views != null && views[0] != null && views[1] != null && views[2] != null && views[3] != null) {
            stepFloat(lr);
            return;
        }
        INDArray g = params.grads();
        m.muli(BETA1).addi(g.mul(1 - BETA1));
        v.muli(BETA2).addi(g.mul(g).muli(1 - BETA2));
        double bc1 = 1 - Math.pow(BETA1, t);
        double bc2 = 1 - Math.pow(BETA2, t);
        INDArray denom = Transforms.sqrt(v, true).divi(Math.sqrt(bc2)).addi(EPS);
        params.params().subi(m.div(denom).muli(lr / bc1));
    }

    /**
     * The same update in one pass over the float buffers (float arithmetic, as ND4J's ops do it): SIMD lanes when
     * the vector module is present ({@link VectorKernels#adam}, the same bits), else this scalar loop. The critic of
     * the paper's control presets has 265k parameters, where the scalar loop took ~0.6–1 ms a minibatch, as long as
     * the minibatch's gradients on one thread, and all of it after the threads have joined.
     */
    private void stepFloat(double lr) {
        FloatBuffer p = views[0];
        FloatBuffer g = views[1];
        FloatBuffer mb = views[2];
        FloatBuffer vb = views[3];
        float b1 = (float) BETA1;
        float b2 = (float) BETA2;
        float c1 = (float) (1 - BETA1);
        float c2 = (float) (1 - BETA2);
        float sqrtBc2 = (float) Math.sqrt(1 - Math.pow(BETA2, t));
        float step = (float) (lr / (1 - Math.pow(BETA1, t)));
        float eps = (float) EPS;
        if (VectorKernels.ENABLED) {
            VectorKernels.adam(params.params(), params.grads(), m, v, b1, b2, c1, c2, sqrtBc2, step, eps);
            return;
        }
        int n = p.capacity();
        for (int i = 0; i < n; i++) {
            float gi = g.get(i);
            float mi = mb.get(i) * b1 + gi * c1;
            float vi = vb.get(i) * b2 + gi * gi * c2;
            mb.put(i, mi);
            vb.put(i, vi);
            p.put(i, p.get(i) - mi / ((float) Math.sqrt(vi) / sqrtBc2 + eps) * step);
        }
    }

    public INDArray firstMoment() {
        return m;
    }

    public INDArray secondMoment() {
        return v;
    }

    public long stepCount() {
        return t;
    }

    /** Restores state saved from {@link #firstMoment()}, {@link #secondMoment()} and {@link #stepCount()}. */
    public void restore(float[] first, float[] second, long steps) {
        m.assign(Nd4j.createFromArray(first).reshape(m.shape()).castTo(m.dataType()));
        v.assign(Nd4j.createFromArray(second).reshape(v.shape()).castTo(v.dataType()));
        t = steps;
    }
}
