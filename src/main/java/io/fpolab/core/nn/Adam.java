package io.fpolab.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam over one {@link ParamSet}, matching PyTorch's update with bias correction:
 * {@code θ ← θ − lr·m̂/(sqrt(v̂) + eps)}, {@code m̂ = m/(1−β1^t)}, {@code v̂ = v/(1−β2^t)}.
 */
public final class Adam {
    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPS = 1e-8;

    private final ParamSet params;
    private final INDArray m;
    private final INDArray v;
    private long t;

    public Adam(ParamSet params) {
        this.params = params;
        m = Nd4j.zerosLike(params.params());
        v = Nd4j.zerosLike(params.params());
    }

    /** One update with learning rate {@code lr} using the current gradients. */
    public void step(double lr) {
        t++;
        INDArray g = params.grads();
        m.muli(BETA1).addi(g.mul(1 - BETA1));
        v.muli(BETA2).addi(g.mul(g).muli(1 - BETA2));
        double bc1 = 1 - Math.pow(BETA1, t);
        double bc2 = 1 - Math.pow(BETA2, t);
        INDArray denom = Transforms.sqrt(v, true).divi(Math.sqrt(bc2)).addi(EPS);
        params.params().subi(m.div(denom).muli(lr / bc1));
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
