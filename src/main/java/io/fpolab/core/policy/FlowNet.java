package io.fpolab.core.policy;

import io.fpolab.core.math.Rng;
import io.fpolab.core.nn.Activation;
import io.fpolab.core.nn.Mlp;
import io.fpolab.core.nn.Nd;
import io.fpolab.core.nn.Scratch;
import io.fpolab.core.nn.Workspaces;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The velocity field {@code v_θ(obs, x_τ, τ)} of a flow policy and its samplers (algorithm.md §1:
 * τ = 0 is noise, τ = 1 is data; sampling integrates {@code dx/dτ = v} from x_0 = ε).
 *
 * <p>Input row: {@code [obs (obsDim), x (actDim), τ features]} where the τ features are τ itself
 * (RAW) or {@code [cos τ, cos 2τ, cos 4τ, cos 8τ, sin τ, sin 2τ, sin 4τ, sin 8τ]} (SINUSOIDAL).
 * The network output is multiplied by {@code outputScale}.
 */
public final class FlowNet {
    /** Scratch slots of rowLosses and backwardRows (see {@link Scratch}). */
    private static final Scratch.Floats OUTPUT = new Scratch.Floats();
    private static final Scratch.Doubles RESIDUAL = new Scratch.Doubles();
    private static final Scratch.Floats GRADIENT = new Scratch.Floats();

    /** Frequencies of the sinusoidal τ embedding: τ, 2τ, 4τ, 8τ (powers of two, see {@link #sinusoidal}). */
    private static final int FREQUENCIES = 4;

    private final int obsDim;
    private final int actDim;
    private final TimeEmbedding embedding;
    private final double outputScale;
    private final Mlp mlp;

    public FlowNet(int obsDim, int actDim, List<Integer> hidden, Activation activation, TimeEmbedding embedding,
            double outputScale, DataType dtype) {
        this.obsDim = obsDim;
        this.actDim = actDim;
        this.embedding = embedding;
        this.outputScale = outputScale;
        this.mlp = new Mlp(obsDim + actDim + timeFeatures(embedding), hidden, actDim, activation, dtype);
    }

    static int timeFeatures(TimeEmbedding embedding) {
        return embedding == TimeEmbedding.RAW ? 1 : 2 * FREQUENCIES;
    }

    public Mlp mlp() {
        return mlp;
    }

    public int obsDim() {
        return obsDim;
    }

    public int actDim() {
        return actDim;
    }

    public DataType dataType() {
        return mlp.dataType();
    }

    public TimeEmbedding timeEmbedding() {
        return embedding;
    }

    /** The factor the network's output is multiplied by to give the velocity. */
    public double outputScale() {
        return outputScale;
    }

    /** Width of a network input row: observation, action and τ features. */
    public int inputWidth() {
        return mlp.inputSize();
    }

    /**
     * Writes the τ features of the network input ({@code [τ]} or the sinusoidal embedding) at
     * {@code out[at..]} in double precision: the same definition the training rows use, for analyses that
     * evaluate the network in double.
     */
    public void timeFeatures(double tau, double[] out, int at) {
        if (embedding == TimeEmbedding.RAW) {
            out[at] = tau;
        } else {
            sinusoidal(tau, null, out, at);
        }
    }

    /**
     * Network input rows, row-major {@code [R, inputWidth]}, from {@code [obs, x]} rows ({@code obsX}, row-major
     * {@code [R, obsDim+actDim]}) and τ ({@code [R]}).
     */
    public float[] input(float[] obsX, float[] tau, int rows) {
        return input(obsX, tau, rows, new float[rows * inputWidth()]);
    }

    /** {@link #input(float[], float[], int)} written into {@code in} ({@code rows · inputWidth()} values). */
    public float[] input(float[] obsX, float[] tau, int rows, float[] in) {
        int w = obsDim + actDim;
        int width = w + timeFeatures(embedding);
        if (in.length != rows * width) {
            throw new IllegalArgumentException(in.length + " values for " + rows + " input rows of " + width);
        }
        for (int r = 0; r < rows; r++) {
            System.arraycopy(obsX, r * w, in, r * width, w);
        }
        if (embedding == TimeEmbedding.RAW) {
            for (int r = 0; r < rows; r++) {
                in[r * width + w] = tau[r];
            }
        } else {
            for (int r = 0; r < rows; r++) {
                sinusoidal(tau[r], in, r * width + w);
            }
        }
        return in;
    }

    /**
     * Writes {@code [cos τ, cos 2τ, cos 4τ, cos 8τ, sin τ, …, sin 8τ]} at {@code out[at..]}: cos/sin of τ,
     * then the double-angle formulas. The one definition of the embedding, for training rows and sampling.
     */
    private static void sinusoidal(double tau, float[] out, int at) {
        sinusoidal(tau, out, null, at);
    }

    /** {@link #sinusoidal(double, float[], int)} into whichever of {@code floats} and {@code doubles} is not null. */
    private static void sinusoidal(double tau, float[] floats, double[] doubles, int at) {
        int half = FREQUENCIES;
        double c = cos(tau);
        double s = sin(tau);
        for (int i = 0; i < half; i++) {
            if (floats != null) {
                floats[at + i] = (float) c;
                floats[at + half + i] = (float) s;
            } else {
                doubles[at + i] = c;
                doubles[at + half + i] = s;
            }
            double c2 = c * c - s * s;
            s = 2 * s * c;
            c = c2;
        }
    }

    /** cos x: Taylor series through x¹² for flow times in [−1, 1] (error &lt; 2e-11, ~10× faster than Math.cos). */
    static double cos(double x) {
        if (Math.abs(x) > 1) {
            return Math.cos(x);
        }
        double x2 = x * x;
        return 1 + x2 * (-1.0 / 2 + x2 * (1.0 / 24 + x2 * (-1.0 / 720 + x2 * (1.0 / 40320
                + x2 * (-1.0 / 3628800 + x2 * (1.0 / 479001600))))));
    }

    /** sin x: Taylor series through x¹³ for flow times in [−1, 1] (error &lt; 2e-12). */
    static double sin(double x) {
        if (Math.abs(x) > 1) {
            return Math.sin(x);
        }
        double x2 = x * x;
        return x * (1 + x2 * (-1.0 / 6 + x2 * (1.0 / 120 + x2 * (-1.0 / 5040 + x2 * (1.0 / 362880
                + x2 * (-1.0 / 39916800 + x2 * (1.0 / 6227020800L)))))));
    }

    /** The input for {@code obs}, {@code x} and one τ shared by all rows, in a single concatenation. */
    private INDArray input(INDArray obs, INDArray x, double tau) {
        long n = obs.rows();
        if (embedding == TimeEmbedding.RAW) {
            return Nd4j.hstack(obs, x, Nd4j.valueArrayOf(new long[] {n, 1}, tau, dataType()));
        }
        float[] features = new float[2 * FREQUENCIES];
        sinusoidal(tau, features, 0);
        INDArray row = Nd.matrix(features, 1, features.length, dataType());
        return Nd4j.hstack(obs, x, row.repeat(0, n));
    }

    /** Velocity for a prepared input; caches activations when {@code cache} is given. */
    public INDArray velocity(INDArray input, Mlp.Cache cache) {
        INDArray v = mlp.forward(input, cache);
        return outputScale == 1.0 ? v : v.muli(outputScale);
    }

    /** Back-propagates dL/dv (consumed) into the network's gradients. */
    public void backward(Mlp.Cache cache, INDArray dVelocity) {
        mlp.backward(cache, outputScale == 1.0 ? dVelocity : dVelocity.muli(outputScale), false);
    }

    /**
     * Integrates from τ = 0 to 1 for each row of {@code obs} ({@code [n, obsDim]}).
     *
     * @param x0    starting points {@code [n, actDim]} (ε, or zeros for the zero-noise start); modified
     * @param noise per-step σ for {@link Sampler#EULER_MARUYAMA} ({@code x += v/K + σ·ξ})
     * @param path  if not null, receives K+1 arrays {@code [n·actDim]}: x_0 … x_K
     * @return x_1 as {@code [n, actDim]}
     */
    public INDArray sample(INDArray obs, INDArray x0, Sampler sampler, int steps, double noise, Rng rng,
            float[][] path) {
        int n = (int) obs.rows();
        INDArray x = x0;
        double h = 1.0 / steps;
        if (path != null) {
            path[0] = Nd.floats(x);
        }
        for (int k = 0; k < steps; k++) {
            double tau = k * h;
            // Each step's temporaries live in a nested workspace, recycled at the next step; x itself is
            // updated in place, so it stays where the caller allocated it.
            Workspaces.run("sampler-step", () -> {
                INDArray v = velocityAt(obs, x, tau);
                switch (sampler) {
                    case EULER -> x.addi(v.muli(h));
                    case MIDPOINT -> {
                        INDArray mid = x.add(v.muli(h / 2));
                        x.addi(velocityAt(obs, mid, tau + h / 2).muli(h));
                    }
                    case EULER_MARUYAMA -> {
                        x.addi(v.muli(h));
                        if (noise > 0) {
                            x.addi(gaussian(rng, n, noise));
                        }
                    }
                }
            });
            if (path != null) {
                path[k + 1] = Nd.floats(x);
            }
        }
        return x;
    }

    /** v_θ(obs, x, τ) for one τ shared by all rows. */
    public INDArray velocityAt(INDArray obs, INDArray x, double tau) {
        return velocity(input(obs, x, tau), null);
    }

    /** The sampler's starting point x_0 for {@code n} rows: the given noise, or fresh N(0, I) if it is null. */
    INDArray source(float[] noise, Rng rng, int n) {
        return noise == null ? gaussian(rng, n, 1.0) : Nd.matrix(noise, n, actDim, dataType());
    }

    /** {@code [n, actDim]} standard normal values times {@code scale}, drawn from {@code rng}. */
    public INDArray gaussian(Rng rng, int n, double scale) {
        float[] e = new float[n * actDim];
        rng.fillGaussian(e);
        INDArray g = Nd.matrix(e, n, actDim, dataType());
        return scale == 1.0 ? g : g.muli(scale);
    }

    /**
     * Per-row CFM losses {@code ℓ_r = w_r · mean_d (v̂_rd − U_rd)²} for {@code rows} input rows (from
     * {@link #input}) and targets {@code U} ({@code [rows·actDim]}). Returns the residual {@code v̂ − U} (needed by
     * {@link #backwardRows}); writes ℓ into {@code lossOut}. Residual and losses are computed in Java from one
     * copy of the output, with the network's own precision (float arithmetic for float networks, the same
     * operations ND4J would do), so no ND4J call is spent on them. The residual is a scratch array of this thread,
     * valid until its next call of this method ({@link Scratch}).
     */
    public double[] rowLosses(float[] input, int rows, float[] target, double[] weight, Mlp.Cache cache,
            double[] lossOut) {
        INDArray out = mlp.forward(input, rows, cache);
        double[] err = RESIDUAL.zeroed(rows * actDim);
        Nd.read(out, OUTPUT.zeroed(rows * actDim), err);
        boolean single = dataType() == DataType.FLOAT;
        float scale = (float) outputScale;
        for (int r = 0; r < rows; r++) {
            double sq = 0;
            for (int d = 0; d < actDim; d++) {
                int i = r * actDim + d;
                double e;
                if (single) {
                    float v = outputScale == 1.0 ? (float) err[i] : (float) err[i] * scale;
                    e = v - target[i];
                } else {
                    e = err[i] * outputScale - target[i];
                }
                err[i] = e;
                sq += e * e;
            }
            lossOut[r] = weight[r] * sq / actDim;
        }
        return err;
    }

    /** Given dL/dℓ_r per row, back-propagates {@code dℓ_r/dv̂ = w_r·2(v̂ − U)/actDim} through the network. */
    public void backwardRows(Mlp.Cache cache, double[] err, double[] weight, double[] gradRows) {
        int rows = gradRows.length;
        if (dataType() == DataType.FLOAT) {
            // The float products the double path below would round to, written straight as floats.
            float[] dv = GRADIENT.zeroed(rows * actDim);
            float scale = (float) outputScale;
            for (int r = 0; r < rows; r++) {
                double c = gradRows[r] * weight[r] * 2.0 / actDim;
                for (int d = 0; d < actDim; d++) {
                    int i = r * actDim + d;
                    float g = (float) err[i] * (float) c;
                    dv[i] = outputScale == 1.0 ? g : g * scale;
                }
            }
            mlp.backward(cache, Nd.matrix(dv, rows, actDim, DataType.FLOAT), false);
            return;
        }
        double[] dv = new double[rows * actDim];
        for (int r = 0; r < rows; r++) {
            double c = gradRows[r] * weight[r] * 2.0 / actDim;
            for (int d = 0; d < actDim; d++) {
                int i = r * actDim + d;
                dv[i] = err[i] * c * outputScale;
            }
        }
        mlp.backward(cache, Nd.matrix(dv, rows, actDim, dataType()), false);
    }
}
