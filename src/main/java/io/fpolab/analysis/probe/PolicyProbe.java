package io.fpolab.analysis.probe;

import io.fpolab.analysis.GridAnalysis;
import io.fpolab.core.math.Rng;
import io.fpolab.core.nn.Nd;
import io.fpolab.core.policy.DppoPolicy;
import io.fpolab.core.policy.FlowNet;
import io.fpolab.core.policy.FlowPolicy;
import io.fpolab.core.policy.Policy;
import io.fpolab.core.policy.Sampler;
import io.fpolab.env.grid.GridWorldVecEnv;
import io.fpolab.train.Trainer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Action samples and denoising paths of a trainer's policy at one GridWorld cell or one raw
 * observation. Call on the trainer thread.
 */
public final class PolicyProbe {
    /** Grid lines per axis of the flow view's deformed grid, and points per line. */
    static final int GRID_LINES = 13;
    static final int GRID_POINTS = 49;
    static final double GRID_HALF = 3.0;
    private PolicyProbe() {
    }

    /** {@code n} raw actions at GridWorld cell (x, y), rows of 2. */
    public static float[] gridSamples(Trainer t, int x, int y, int n, boolean eval, Rng rng) {
        return new GridAnalysis(t).actionSamples(x, y, n, eval, rng);
    }

    /** {@code n} raw actions at one raw (unnormalized) observation, rows of actDim. */
    public static float[] samplesAt(Trainer t, float[] rawObs, int n, boolean eval, Rng rng) {
        return t.sampleActions(repeat(t, rawObs, n), n, rng, eval);
    }

    /** The raw observation of GridWorld cell (x, y) in the trainer's current layout. */
    public static float[] gridObservation(Trainer t, int x, int y) {
        float[] o = new float[2];
        GridWorldVecEnv.obsOf(((GridWorldVecEnv) t.env()).layout(), x, y, o, 0);
        return o;
    }

    /**
     * Denoising paths of {@code n} samples and of a regular grid at one raw observation: the data of
     * the flow view. Flow policies integrate the grid with their own sampler (Euler–Maruyama without
     * its noise, i.e. the mean flow); a Gaussian policy's grid moves on straight lines to μ + σ·g.
     */
    public static FlowPaths flowAt(Trainer t, float[] rawObs, int n, boolean eval, Rng rng, String title) {
        Policy p = t.policy();
        int ad = p.actDim();
        float[] obs = repeat(t, rawObs, n);
        float[][] path = new float[p.pathLength()][];
        p.sample(obs, n, rng, eval, path);
        int dims = Math.min(2, ad);
        float[][] samples = new float[path.length][];
        for (int k = 0; k < path.length; k++) {
            samples[k] = firstDims(path[k], ad, dims);
        }
        FlowNet net = p instanceof FlowPolicy fp ? fp.net() : p instanceof DppoPolicy dp ? dp.net() : null;
        float[][][] grid;
        String subtitle;
        if (net != null) {
            Sampler s = eval ? t.config().flow().evalSampler() : samplerOf(t);
            Sampler drift = s == Sampler.EULER_MARUYAMA ? Sampler.EULER : s;
            grid = flowGrid(t, net, rawObs, ad, dims, drift, rng);
            subtitle = (eval ? "eval" : "rollout") + " sampler " + name(s) + ", K = " + t.config().flow().steps()
                    + (s == Sampler.EULER_MARUYAMA ? " (grid: mean flow without noise)" : "");
        } else {
            grid = gaussianGrid(path, ad, dims);
            subtitle = "Gaussian policy: a = μ + σ·ε";
        }
        double range = Math.min(6, Math.max(3, Histogram2D.autoRange(samples[samples.length - 1], dims, 0,
                dims > 1 ? 1 : 0)));
        return new FlowPaths(title, subtitle, dims, ad, samples, grid, range, net == null);
    }

    private static Sampler samplerOf(Trainer t) {
        return t.policy() instanceof DppoPolicy ? Sampler.EULER_MARUYAMA : t.config().flow().sampler();
    }

    private static String name(Sampler s) {
        return switch (s) {
            case EULER -> "Euler";
            case MIDPOINT -> "midpoint";
            case EULER_MARUYAMA -> "Euler–Maruyama";
        };
    }

    private static float[][][] flowGrid(Trainer t, FlowNet net, float[] rawObs, int ad, int dims, Sampler sampler,
            Rng rng) {
        float[] start = gridStart(dims);
        int rows = start.length / dims;
        float[] x0 = new float[rows * ad];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(start, r * dims, x0, r * ad, dims);
        }
        INDArray obs = Nd.matrix(repeat(t, rawObs, rows), rows, net.obsDim(), net.dataType());
        int steps = t.config().flow().steps();
        float[][] path = new float[steps + 1][];
        net.sample(obs, Nd.matrix(x0, rows, ad, net.dataType()), sampler, steps, 0.0, rng, path);
        float[][][] grid = new float[steps + 1][][];
        for (int k = 0; k <= steps; k++) {
            grid[k] = splitLines(firstDims(path[k], ad, dims), dims);
        }
        return grid;
    }

    /** Starting points: for 2-D, GRID_LINES horizontal then GRID_LINES vertical lines; for 1-D, evenly spaced points. */
    static float[] gridStart(int dims) {
        if (dims == 1) {
            int n = 25;
            float[] p = new float[n];
            for (int i = 0; i < n; i++) {
                p[i] = (float) (-GRID_HALF + 2 * GRID_HALF * i / (n - 1));
            }
            return p;
        }
        float[] p = new float[2 * GRID_LINES * GRID_POINTS * 2];
        int k = 0;
        for (int dir = 0; dir < 2; dir++) {
            for (int l = 0; l < GRID_LINES; l++) {
                double v = -GRID_HALF + 2 * GRID_HALF * l / (GRID_LINES - 1);
                for (int i = 0; i < GRID_POINTS; i++) {
                    double s = -GRID_HALF + 2 * GRID_HALF * i / (GRID_POINTS - 1);
                    p[k++] = (float) (dir == 0 ? s : v);
                    p[k++] = (float) (dir == 0 ? v : s);
                }
            }
        }
        return p;
    }

    private static float[][] splitLines(float[] pts, int dims) {
        if (dims == 1) {
            return new float[][] {pts};
        }
        float[][] lines = new float[2 * GRID_LINES][];
        int per = GRID_POINTS * 2;
        for (int l = 0; l < lines.length; l++) {
            lines[l] = java.util.Arrays.copyOfRange(pts, l * per, (l + 1) * per);
        }
        return lines;
    }

    /**
     * A Gaussian policy maps noise affinely, a = μ + σ·ε per dimension; μ and σ are recovered from the
     * sampled (ε, a) pairs by least squares, and the grid goes on straight lines g → μ + σ·g.
     */
    private static float[][][] gaussianGrid(float[][] path, int ad, int dims) {
        float[] eps = path[0];
        float[] act = path[1];
        int n = eps.length / ad;
        double[] mu = new double[dims];
        double[] sigma = new double[dims];
        for (int d = 0; d < dims; d++) {
            double me = 0;
            double ma = 0;
            for (int i = 0; i < n; i++) {
                me += eps[i * ad + d];
                ma += act[i * ad + d];
            }
            me /= n;
            ma /= n;
            double cov = 0;
            double var = 0;
            for (int i = 0; i < n; i++) {
                double e = eps[i * ad + d] - me;
                cov += e * (act[i * ad + d] - ma);
                var += e * e;
            }
            sigma[d] = var > 0 ? cov / var : 0;
            mu[d] = ma - sigma[d] * me;
        }
        float[] start = gridStart(dims);
        float[] end = new float[start.length];
        for (int i = 0; i < start.length; i++) {
            int d = i % dims;
            end[i] = (float) (mu[d] + sigma[d] * start[i]);
        }
        return new float[][][] {splitLines(start, dims), splitLines(end, dims)};
    }

    private static float[] firstDims(float[] rows, int ad, int dims) {
        if (ad == dims) {
            return rows;
        }
        int n = rows.length / ad;
        float[] out = new float[n * dims];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows, i * ad, out, i * dims, dims);
        }
        return out;
    }

    private static float[] repeat(Trainer t, float[] rawObs, int rows) {
        int od = rawObs.length;
        float[] obs = new float[rows * od];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(rawObs, 0, obs, r * od, od);
        }
        return t.normalize(obs, rows);
    }
}
