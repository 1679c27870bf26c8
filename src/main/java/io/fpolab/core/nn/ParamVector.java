package io.fpolab.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** A free parameter vector {@code [1, n]} (e.g. a Gaussian policy's state-independent log-std). */
public final class ParamVector implements ParamSet.Module {
    private final int n;
    private INDArray value;
    private INDArray grad;

    public ParamVector(int n) {
        this.n = n;
    }

    @Override
    public long numParams() {
        return n;
    }

    @Override
    public void bind(INDArray params, INDArray grads, long offset) {
        value = params.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + n)).reshape('c', 1, n);
        grad = grads.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + n)).reshape('c', 1, n);
    }

    public INDArray value() {
        return value;
    }

    public INDArray grad() {
        return grad;
    }
}
