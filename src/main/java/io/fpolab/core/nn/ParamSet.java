package io.fpolab.core.nn;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The trainable parameters of one or more modules packed into one flat vector {@code [1, n]}, with
 * a gradient vector of the same layout. Optimizers, clipping and checkpoints work on the flat arrays.
 */
public final class ParamSet {
    /** Something with parameters that can live as views inside a flat vector. */
    public interface Module {
        long numParams();

        /** Makes this module's parameters views of {@code params}/{@code grads} starting at {@code offset}. */
        void bind(INDArray params, INDArray grads, long offset);
    }

    private final INDArray params;
    private final INDArray grads;

    public ParamSet(DataType dtype, List<? extends Module> modules) {
        long n = 0;
        for (Module m : modules) {
            n += m.numParams();
        }
        params = Nd4j.create(dtype, 1, n);
        grads = Nd4j.create(dtype, 1, n);
        long off = 0;
        for (Module m : modules) {
            m.bind(params, grads, off);
            off += m.numParams();
        }
    }

    public INDArray params() {
        return params;
    }

    public INDArray grads() {
        return grads;
    }

    public long size() {
        return params.length();
    }

    /**
     * Scales gradients so their global L2 norm is at most {@code maxNorm} (PyTorch's
     * {@code clip_grad_norm_}); returns the norm before clipping. {@code maxNorm <= 0} only measures.
     */
    public double clipGradNorm(double maxNorm) {
        double norm = grads.norm2Number().doubleValue();
        if (maxNorm > 0 && norm > maxNorm) {
            grads.muli(maxNorm / (norm + 1e-6));
        }
        return norm;
    }

    /** True when every parameter is finite. */
    public boolean allFinite() {
        return Double.isFinite(params.sumNumber().doubleValue());
    }
}
