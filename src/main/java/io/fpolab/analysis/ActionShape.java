package io.fpolab.analysis;

import io.fpolab.env.grid.GridWorldVecEnv;
import java.util.Map;

/**
 * The shape of sampled GridWorld actions at one cell, in the terms a class reads off a picture: the
 * nine move outcomes after the env's mapping {@code rint(clip(a, −1, 1))}, and the density of the
 * y component with its two peaks and the valley between them. The density of one component works for any
 * action ({@link #density}); the fork task reads its x-force the same way ({@code ForkEvaluator}).
 *
 * <p>The density is a Gaussian kernel estimate with a fixed bandwidth of {@value #BANDWIDTH} action
 * units (a fifth of the distance from a move boundary at ±0.5 to the centre), evaluated on a grid of
 * step {@value #STEP} over [{@value #LO}, {@value #HI}] and normalised over all samples (samples
 * outside the grid count in the total). A fixed bandwidth keeps runs comparable: a data-driven rule
 * (Silverman's) widens with the spread of a bimodal sample and would smooth its valley away.
 */
public final class ActionShape {
    /** Kernel bandwidth of a component's density, in action units. */
    public static final double BANDWIDTH = 0.1;
    /** Grid step of the density. */
    public static final double STEP = 0.02;
    /** Lower end of the density grid. */
    public static final double LO = -4;
    /** Upper end of the density grid. */
    public static final double HI = 4;
    /**
     * A peak counts as "up" above this value, as "down" below its negative (GridWorld's move boundary; the fork
     * task's left and right peaks use the same edge).
     */
    public static final double MODE_EDGE = 0.5;
    /**
     * A local maximum counts as a peak only if it reaches this fraction of the highest density: the few
     * far-out samples of a tail make bumps of their own, which are no mode.
     */
    public static final double MIN_PEAK = 0.1;

    private ActionShape() {
    }

    /**
     * Probabilities of the nine moves: {@code p[dy + 1][dx + 1]} for dy, dx ∈ {−1, 0, 1} (dy = +1 is up).
     *
     * @param xy raw 2-D actions, rows {@code [x, y]}
     */
    public static double[][] moveGrid(float[] xy) {
        int n = xy.length / 2;
        double[][] p = new double[3][3];
        for (int i = 0; i < n; i++) {
            p[GridWorldVecEnv.axisMove(xy[2 * i + 1]) + 1][GridWorldVecEnv.axisMove(xy[2 * i]) + 1]++;
        }
        for (double[] row : p) {
            for (int j = 0; j < 3; j++) {
                row[j] /= Math.max(1, n);
            }
        }
        return p;
    }

    /**
     * Density of one action component on the grid {@code LO + k·STEP}.
     *
     * @param samples rows of {@code dims} values
     * @param axis    which component
     */
    public static Density density(float[] samples, int dims, int axis) {
        int points = (int) Math.round((HI - LO) / STEP) + 1;
        int n = samples.length / dims;
        // Bin first (at the grid step), then convolve the counts with the kernel: O(points · kernel width).
        double[] counts = new double[points];
        for (int i = 0; i < n; i++) {
            double v = samples[i * dims + axis];
            if (Double.isFinite(v)) {
                int k = (int) Math.round((v - LO) / STEP);
                if (k >= 0 && k < points) {
                    counts[k]++;
                }
            }
        }
        int reach = (int) Math.ceil(4 * BANDWIDTH / STEP);
        double[] kernel = new double[2 * reach + 1];
        double norm = 1 / (Math.sqrt(2 * Math.PI) * BANDWIDTH * Math.max(1, n));
        for (int j = -reach; j <= reach; j++) {
            double u = j * STEP / BANDWIDTH;
            kernel[j + reach] = norm * Math.exp(-0.5 * u * u);
        }
        double[] d = new double[points];
        for (int k = 0; k < points; k++) {
            if (counts[k] == 0) {
                continue;
            }
            for (int j = -reach; j <= reach; j++) {
                int t = k + j;
                if (t >= 0 && t < points) {
                    d[t] += counts[k] * kernel[j + reach];
                }
            }
        }
        return new Density(LO, STEP, d);
    }

    /** The values of {@code keys} in an evaluation, in order, or null when any is missing. */
    static double[] values(Map<String, Double> evaluation, String... keys) {
        double[] v = new double[keys.length];
        for (int i = 0; i < keys.length; i++) {
            Double x = evaluation.get(keys[i]);
            if (x == null) {
                return null;
            }
            v[i] = x;
        }
        return v;
    }

    /**
     * Two peaks, one above +0.5 and one below −0.5 (heights {@code up}, {@code down}; 0 where there is none),
     * with the {@code valley} between them at most half the smaller one.
     */
    public static boolean twoPeaks(double up, double down, double valley) {
        return up > 0 && down > 0 && valley <= 0.5 * Math.min(up, down);
    }

    /** The y-marginal of 2-D GridWorld actions and its modes. */
    public static Modes yModes(float[] xy) {
        return density(xy, 2, 1).modes();
    }

    /**
     * A density on the grid {@code lo + k·step}.
     *
     * @param values density per action unit at each grid point
     */
    public record Density(double lo, double step, double[] values) {
        public double at(int k) {
            return values[k];
        }

        public double x(int k) {
            return lo + k * step;
        }

        public int size() {
            return values.length;
        }

        public double max() {
            double m = 0;
            for (double v : values) {
                m = Math.max(m, v);
            }
            return m;
        }

        /**
         * The highest local maximum above {@code +MODE_EDGE} and below {@code −MODE_EDGE} that reaches
         * {@code MIN_PEAK} of the highest density, and the lowest density between the two (a plateau counts
         * as a maximum where it starts).
         */
        public Modes modes() {
            int up = -1;
            int down = -1;
            double least = MIN_PEAK * max();
            for (int k = 1; k < values.length - 1; k++) {
                boolean peak = values[k] > 0 && values[k] >= least && values[k] >= values[k - 1]
                        && values[k] > values[k + 1];
                if (!peak) {
                    continue;
                }
                if (x(k) > MODE_EDGE && (up < 0 || values[k] > values[up])) {
                    up = k;
                } else if (x(k) < -MODE_EDGE && (down < 0 || values[k] > values[down])) {
                    down = k;
                }
            }
            double valley = Double.NaN;
            double valleyAt = Double.NaN;
            if (up >= 0 && down >= 0) {
                int low = down;
                for (int k = down; k <= up; k++) {
                    if (values[k] < values[low]) {
                        low = k;
                    }
                }
                valley = values[low];
                valleyAt = x(low);
            }
            return new Modes(up < 0 ? 0 : values[up], up < 0 ? Double.NaN : x(up), down < 0 ? 0 : values[down],
                    down < 0 ? Double.NaN : x(down), valley, valleyAt);
        }
    }

    /**
     * Peaks of a y-marginal density.
     *
     * @param peakUp     density at the highest local maximum above +0.5 (0 if there is none)
     * @param peakUpAt   its position (NaN if none)
     * @param peakDown   density at the highest local maximum below −0.5 (0 if none)
     * @param peakDownAt its position (NaN if none)
     * @param valley     lowest density between the two peaks (NaN unless both exist)
     * @param valleyAt   its position
     */
    public record Modes(double peakUp, double peakUpAt, double peakDown, double peakDownAt, double valley,
            double valleyAt) {
        /** Two peaks, one above +0.5 and one below −0.5, with the valley at most half the smaller one. */
        public boolean twoPeaks() {
            return ActionShape.twoPeaks(peakUp, peakDown, valley);
        }
    }
}
