package io.fpolab.core.nn;

import io.fpolab.core.math.Rng;
import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Swish;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A fully connected network {@code in → hidden… → out} (linear output) on ND4J, with a hand-written
 * backward pass. Weights and gradients are views into flat parameter/gradient vectors owned by a
 * {@link ParamSet}, so an optimizer, gradient clipping and checkpoints each touch one array.
 *
 * <p>Shapes: input {@code [rows, in]}, output {@code [rows, out]}; {@code W_l} is {@code [fanIn, fanOut]}
 * and a layer computes {@code h_l = act(h_{l-1}·W_l + b_l)}.
 *
 * <p>Biases ride along in the matrix products: each layer's bias row is stored right after its weights,
 * so {@code [W_l; b_l]} is one {@code [fanIn+1, fanOut]} view, and each layer input carries a trailing
 * column of ones. One GEMM then gives {@code h·W + b} forward and both weight and bias gradients
 * backward. Layer inputs are column-major so that the ones column is a contiguous block and the
 * activations beside it form a contiguous view that GEMM and the activation write straight into.
 */
public final class Mlp implements ParamSet.Module {
    /** Ones for the bias columns, see {@link #ones(int)}. */
    private static volatile float[] ones = new float[0];
    /** The first layer's packed input in {@link #forward(float[], int, Cache)}: copied into ND4J at once. */
    private static final Scratch.Floats PACKED = new Scratch.Floats();

    private final int[] sizes;
    private final Activation activation;
    private final DataType dtype;
    private final INDArray[] w;
    private final INDArray[] b;
    private final INDArray[] wb;
    private final INDArray[] gwb;

    /** Activations of one forward pass, kept for {@link #backward}. */
    public static final class Cache {
        /** Layer inputs with their ones column, {@code [rows, fanIn+1]}, column-major. */
        final INDArray[] inputs;
        /** SiLU only: pre-activations z and σ(z), which its derivative needs; else null. */
        final INDArray[] pre;
        final INDArray[] sigmoid;

        Cache(int layers) {
            inputs = new INDArray[layers];
            pre = new INDArray[layers];
            sigmoid = new INDArray[layers];
        }
    }

    public Mlp(int in, java.util.List<Integer> hidden, int out, Activation activation, DataType dtype) {
        sizes = new int[hidden.size() + 2];
        sizes[0] = in;
        for (int i = 0; i < hidden.size(); i++) {
            sizes[i + 1] = hidden.get(i);
        }
        sizes[sizes.length - 1] = out;
        this.activation = activation;
        this.dtype = dtype;
        int layers = sizes.length - 1;
        w = new INDArray[layers];
        b = new INDArray[layers];
        wb = new INDArray[layers];
        gwb = new INDArray[layers];
    }

    public int inputSize() {
        return sizes[0];
    }

    public int outputSize() {
        return sizes[sizes.length - 1];
    }

    public int layers() {
        return sizes.length - 1;
    }

    public DataType dataType() {
        return dtype;
    }

    public Activation activation() {
        return activation;
    }

    /** Layer widths {@code [in, hidden…, out]} (a copy). */
    public int[] layerSizes() {
        return sizes.clone();
    }

    /**
     * A double-precision copy of layer {@code l}'s weights, row-major {@code [fanIn, fanOut]}, for
     * analyses that evaluate the network outside ND4J (exact likelihoods need its Jacobian in double).
     */
    public double[] weights(int l) {
        return Nd.doubles(w[l]);
    }

    /** A double-precision copy of layer {@code l}'s biases ({@code [fanOut]}). */
    public double[] biases(int l) {
        return Nd.doubles(b[l]);
    }

    @Override
    public long numParams() {
        long n = 0;
        for (int l = 0; l < layers(); l++) {
            n += (long) sizes[l] * sizes[l + 1] + sizes[l + 1];
        }
        return n;
    }

    @Override
    public void bind(INDArray params, INDArray grads, long offset) {
        long off = offset;
        for (int l = 0; l < layers(); l++) {
            int fanIn = sizes[l];
            int fanOut = sizes[l + 1];
            w[l] = view(params, off, fanIn, fanOut);
            wb[l] = view(params, off, fanIn + 1, fanOut);
            gwb[l] = view(grads, off, fanIn + 1, fanOut);
            off += (long) fanIn * fanOut;
            b[l] = view(params, off, 1, fanOut);
            off += fanOut;
        }
    }

    private static INDArray view(INDArray flat, long off, int rows, int cols) {
        return flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(off, off + (long) rows * cols)).reshape('c', rows, cols);
    }

    /**
     * PyTorch's default {@code nn.Linear} init: weights and biases uniform in ±1/sqrt(fanIn); the
     * output layer's weights and biases are further multiplied by {@code outputGain} (small gains start
     * a policy near zero output).
     */
    public void init(Rng rng, double outputGain) {
        for (int l = 0; l < layers(); l++) {
            double bound = 1.0 / Math.sqrt(sizes[l]);
            double gain = l == layers() - 1 ? outputGain : 1.0;
            w[l].assign(uniform(rng, sizes[l] * sizes[l + 1], bound * gain).reshape(sizes[l], sizes[l + 1]));
            b[l].assign(uniform(rng, sizes[l + 1], bound * gain).reshape(1, sizes[l + 1]));
        }
    }

    private INDArray uniform(Rng rng, int n, double bound) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.uniform(-bound, bound);
        }
        return Nd4j.createFromArray(v).castTo(dtype);
    }

    /** Output bias of layer {@code l} (used to offset a softplus std head). */
    public INDArray bias(int l) {
        return b[l];
    }

    /** Forward pass without caching (sampling, evaluation). */
    public INDArray forward(INDArray x) {
        return forward(x, null);
    }

    /** Forward pass; fills {@code cache} (if not null) for {@link #backward}. */
    public INDArray forward(INDArray x, Cache cache) {
        long rows = x.rows();
        INDArray in = withOnes(rows, sizes[0]);
        activations(in, sizes[0]).assign(x);
        return layers(in, rows, cache);
    }

    /**
     * Forward pass from Java rows ({@code x} row-major {@code [rows, in]}), written straight into the first
     * layer's input with its ones column in one copy: two ND4J calls fewer than {@link #forward(INDArray, Cache)}.
     */
    public INDArray forward(float[] x, int rows, Cache cache) {
        int in = sizes[0];
        if (x.length != (long) rows * in) {
            throw new IllegalArgumentException(x.length + " values for " + rows + " rows of " + in);
        }
        if (dtype != DataType.FLOAT) {
            return forward(Nd.matrix(x, rows, in, dtype), cache);
        }
        float[] packed = PACKED.zeroed(rows * (in + 1));
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < in; c++) {
                packed[c * rows + r] = x[r * in + c];
            }
        }
        Arrays.fill(packed, in * rows, packed.length, 1f);
        INDArray first = Nd4j.createUninitialized(DataType.FLOAT, new long[] {rows, in + 1}, 'f');
        ((FloatPointer) first.data().pointer()).put(packed);
        return layers(first, rows, cache);
    }

    /** The layers from the first one's input {@code in} ({@code [rows, in+1]}, column-major, ones last). */
    private INDArray layers(INDArray in, long rows, Cache cache) {
        for (int l = 0; l < layers(); l++) {
            if (cache != null) {
                cache.inputs[l] = in;
            }
            int fanOut = sizes[l + 1];
            if (l == layers() - 1) {
                // GEMM with beta 0 overwrites every element: no need to zero the output first.
                INDArray out = Nd4j.createUninitialized(dtype, rows, fanOut);
                Nd4j.gemm(in, wb[l], out, false, false, 1.0, 0.0);
                return out;
            }
            INDArray next = withOnes(rows, fanOut);
            INDArray h = activations(next, fanOut);
            if (activation == Activation.SILU) {
                INDArray z = Nd4j.createUninitialized(dtype, new long[] {rows, fanOut}, 'f');
                Nd4j.gemm(in, wb[l], z, false, false, 1.0, 0.0);
                if (cache == null) {
                    if (VectorKernels.usable(z, h)) {
                        VectorKernels.forward(z, null, h);
                    } else {
                        Nd4j.getExecutioner().exec(new Swish(z, h));
                    }
                } else {
                    // silu(z) = z·σ(z); keeping σ(z) saves the backward pass its own exp (the costliest op here).
                    INDArray sig = Nd4j.createUninitialized(dtype, new long[] {rows, fanOut}, 'f');
                    if (VectorKernels.usable(z, sig, h)) {
                        VectorKernels.forward(z, sig, h);
                    } else {
                        Nd4j.getExecutioner().exec(new Sigmoid(z, sig));
                        z.mul(sig, h);
                    }
                    cache.pre[l] = z;
                    cache.sigmoid[l] = sig;
                }
            } else {
                // ReLU and tanh derivatives follow from the outputs, so activate in place.
                Nd4j.gemm(in, wb[l], h, false, false, 1.0, 0.0);
                if (activation == Activation.RELU) {
                    if (VectorKernels.usable(h)) {
                        VectorKernels.relu(h);
                    } else {
                        Transforms.relu(h, false);
                    }
                } else {
                    Transforms.tanh(h, false);
                }
            }
            in = next;
        }
        throw new IllegalStateException("a network has at least one layer");
    }

    /** At least {@code n} ones, shared read-only by all threads (grown by replacing it, never written after). */
    private static float[] ones(int n) {
        float[] o = ones;
        if (o.length < n) {
            o = new float[Math.max(n, 2 * o.length)];
            Arrays.fill(o, 1f);
            ones = o;
        }
        return o;
    }

    /** An uninitialised column-major {@code [rows, cols+1]} matrix whose last column is ones. */
    private INDArray withOnes(long rows, int cols) {
        INDArray m = Nd4j.createUninitialized(dtype, new long[] {rows, cols + 1}, 'f');
        if (dtype == DataType.FLOAT && rows <= Integer.MAX_VALUE) {
            // The ones column is the last block of a column-major matrix: one copy instead of an ND4J call.
            new FloatPointer(m.data().pointer()).position(rows * cols).put(ones((int) rows), 0, (int) rows);
        } else {
            m.getColumn(cols).assign(1.0);
        }
        return m;
    }

    /** The first {@code cols} columns of a layer input: a contiguous column-major view. */
    private static INDArray activations(INDArray withOnes, int cols) {
        return withOnes.get(NDArrayIndex.all(), NDArrayIndex.interval(0, cols));
    }

    /** A fresh cache sized for this network. */
    public Cache newCache() {
        return new Cache(layers());
    }

    /**
     * Backward pass: writes dLoss/dθ into the gradient views (overwriting) and returns dLoss/dInput
     * when {@code needInputGrad}, else null.
     *
     * @param dOut dLoss/dOutput, {@code [rows, out]}; consumed (may be modified in place)
     */
    public INDArray backward(Cache cache, INDArray dOut, boolean needInputGrad) {
        INDArray dz = dOut;
        for (int l = layers() - 1; l >= 0; l--) {
            if (l < layers() - 1) {
                dz = activationGrad(l, cache, dz);
            }
            // [h, 1]ᵀ·dz: the weight gradient and, in its last row, the bias gradient (column sums of dz).
            Nd4j.gemm(cache.inputs[l], dz, gwb[l], true, false, 1.0, 0.0);
            if (l > 0 || needInputGrad) {
                INDArray dh = Nd4j.createUninitialized(dtype, new long[] {dz.rows(), sizes[l]}, 'f');
                Nd4j.gemm(dz, w[l], dh, false, true, 1.0, 0.0);
                dz = dh;
            } else {
                dz = null;
            }
        }
        return dz;
    }

    /**
     * dL/dz = dL/dh ⊙ act'(z) for hidden layer {@code l}, in place on {@code dh} (column-major, like the
     * cached activations). SiLU and ReLU use one vectorised pass when {@link VectorKernels} can run; otherwise,
     * like tanh, plain elementwise ops: measured here, ND4J's fused gradient ops (ThresholdReluBp,
     * TanhDerivative, SwishDerivative) were 1.3–20× slower.
     */
    private INDArray activationGrad(int l, Cache cache, INDArray dh) {
        INDArray h = activations(cache.inputs[l + 1], sizes[l + 1]);
        return switch (activation) {
            // relu(z) > 0 exactly where z > 0
            case RELU -> {
                if (VectorKernels.usable(dh, h)) {
                    VectorKernels.reluBackward(dh, h);
                    yield dh;
                }
                yield dh.muli(Transforms.step(h, true));
            }
            // tanh' = 1 − tanh²
            case TANH -> dh.muli(h.mul(h).rsubi(1.0));
            case SILU -> {
                INDArray s = cache.sigmoid[l];
                if (VectorKernels.usable(dh, cache.pre[l], s)) {
                    VectorKernels.backward(dh, cache.pre[l], s);
                    yield dh;
                }
                // silu'(z) = s·(1 + z·(1 − s))
                yield dh.muli(s.rsub(1.0).muli(cache.pre[l]).addi(1.0).muli(s));
            }
        };
    }

    @Override
    public String toString() {
        return "Mlp" + Arrays.toString(sizes) + " " + activation;
    }
}
