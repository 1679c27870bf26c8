package io.fpolab.analysis;

import io.fpolab.core.nn.Activation;
import io.fpolab.core.nn.Mlp;
import io.fpolab.core.policy.FlowNet;

/**
 * A flow policy's velocity network {@code v_θ(obs, x, τ)} copied into double precision and evaluated in plain
 * Java, with the exact divergence {@code tr ∂v/∂x} by forward-mode differentiation: one tangent per action
 * dimension is pushed through the layers beside the activations, so the Jacobian's diagonal is exact up to
 * rounding (no finite differences). That is what {@link ExactLikelihood} integrates, a few thousand evaluations
 * per action, for which ND4J's per-call overhead would dominate and float rounding would show.
 *
 * <p>The copy is taken when {@link #of} is called: later training steps do not change it, which is how θ_old
 * and θ are held side by side. The network is the one {@link FlowNet} defines: input row
 * {@code [obs, x, τ features]}, hidden layers with the network's activation, linear output times
 * {@code outputScale}.
 */
public final class FlowField {
    private final FlowNet net;
    private final int obsDim;
    private final int actDim;
    private final int[] sizes;
    private final double[][] w;
    private final double[][] b;
    private final Activation activation;
    private final double scale;

    private FlowField(FlowNet net) {
        this.net = net;
        Mlp mlp = net.mlp();
        this.obsDim = net.obsDim();
        this.actDim = net.actDim();
        this.sizes = mlp.layerSizes();
        int layers = sizes.length - 1;
        this.w = new double[layers][];
        this.b = new double[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = mlp.weights(l);
            b[l] = mlp.biases(l);
        }
        this.activation = mlp.activation();
        this.scale = net.outputScale();
    }

    /** A double-precision copy of {@code net}'s current parameters. */
    public static FlowField of(FlowNet net) {
        return new FlowField(net);
    }

    public int obsDim() {
        return obsDim;
    }

    public int actDim() {
        return actDim;
    }

    /**
     * The velocity field at one state: row {@code row} of {@code obs} ({@code [rows·obsDim]}, observations as the
     * policy sees them, i.e. normalized where the run normalizes). Each call gives a field with its own buffers.
     */
    public VelocityField at(float[] obs, int row) {
        return new AtState(obs, row);
    }

    /** v and div v at one state; the observation's share of the first layer is computed once. */
    private final class AtState implements VelocityField {
        private final double[] first;
        private final double[] features;
        private final double[] z;
        private final double[] z2;
        private final double[][] t;
        private final double[][] t2;

        AtState(float[] obs, int row) {
            int width = 0;
            for (int s : sizes) {
                width = Math.max(width, s);
            }
            features = new double[sizes[0] - obsDim - actDim];
            z = new double[width];
            z2 = new double[width];
            t = new double[actDim][width];
            t2 = new double[actDim][width];
            int fanOut = sizes[1];
            first = b[0].clone();
            for (int i = 0; i < obsDim; i++) {
                double o = obs[row * obsDim + i];
                int r = i * fanOut;
                for (int j = 0; j < fanOut; j++) {
                    first[j] += o * w[0][r + j];
                }
            }
        }

        @Override
        public int dim() {
            return actDim;
        }

        @Override
        public double velocity(double[] x, double tau, double[] vOut) {
            net.timeFeatures(tau, features, 0);
            int fanOut = sizes[1];
            double[] w0 = w[0];
            double[] zc = z;
            double[] zn = z2;
            double[][] tc = t;
            double[][] tn = t2;
            System.arraycopy(first, 0, zc, 0, fanOut);
            for (int i = 0; i < actDim; i++) {
                int r = (obsDim + i) * fanOut;
                double xi = x[i];
                // ∂z/∂x_i of the first layer is its weight row.
                System.arraycopy(w0, r, tc[i], 0, fanOut);
                for (int j = 0; j < fanOut; j++) {
                    zc[j] += xi * w0[r + j];
                }
            }
            for (int k = 0; k < features.length; k++) {
                int r = (obsDim + actDim + k) * fanOut;
                double f = features[k];
                for (int j = 0; j < fanOut; j++) {
                    zc[j] += f * w0[r + j];
                }
            }
            for (int l = 1; l < sizes.length - 1; l++) {
                int n = sizes[l];
                for (int j = 0; j < n; j++) {
                    double g = activate(zc, j);
                    for (int i = 0; i < actDim; i++) {
                        tc[i][j] *= g;
                    }
                }
                int m = sizes[l + 1];
                double[] wl = w[l];
                System.arraycopy(b[l], 0, zn, 0, m);
                for (int i = 0; i < actDim; i++) {
                    java.util.Arrays.fill(tn[i], 0, m, 0.0);
                }
                for (int p = 0; p < n; p++) {
                    int r = p * m;
                    double h = zc[p];
                    for (int j = 0; j < m; j++) {
                        zn[j] += h * wl[r + j];
                    }
                    for (int i = 0; i < actDim; i++) {
                        double ti = tc[i][p];
                        if (ti != 0) {
                            double[] out = tn[i];
                            for (int j = 0; j < m; j++) {
                                out[j] += ti * wl[r + j];
                            }
                        }
                    }
                }
                double[] swap = zc;
                zc = zn;
                zn = swap;
                double[][] swapT = tc;
                tc = tn;
                tn = swapT;
            }
            double div = 0;
            for (int k = 0; k < actDim; k++) {
                vOut[k] = scale * zc[k];
                div += tc[k][k];
            }
            return scale * div;
        }

        /** Replaces the pre-activation {@code z[j]} by its activation and returns the activation's slope there. */
        private double activate(double[] zs, int j) {
            double v = zs[j];
            switch (activation) {
                case RELU -> {
                    zs[j] = v > 0 ? v : 0;
                    return v > 0 ? 1 : 0;
                }
                case TANH -> {
                    double h = Math.tanh(v);
                    zs[j] = h;
                    return 1 - h * h;
                }
                case SILU -> {
                    double s = 1 / (1 + Math.exp(-v));
                    zs[j] = v * s;
                    return s * (1 + v * (1 - s));
                }
                default -> throw new IllegalStateException("unknown activation " + activation);
            }
        }
    }
}
