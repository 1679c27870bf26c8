package io.fpolab.analysis.probe;

/**
 * Counts of 2-D points in {@code bins × bins} equal cells over [lo, hi]²; points outside are counted
 * in {@code outside}. {@code counts[row * bins + col]}, row 0 at y = lo.
 */
public record Histogram2D(int bins, double lo, double hi, int[] counts, int total, int outside) {
    /** The histogram of dims {@code dx} and {@code dy} of {@code points} (rows of {@code dims} floats). */
    public static Histogram2D of(float[] points, int dims, int dx, int dy, int bins, double lo, double hi) {
        int[] counts = new int[bins * bins];
        int n = points.length / dims;
        int outside = 0;
        double scale = bins / (hi - lo);
        for (int i = 0; i < n; i++) {
            double x = points[i * dims + dx];
            double y = points[i * dims + dy];
            int c = (int) Math.floor((x - lo) * scale);
            int r = (int) Math.floor((y - lo) * scale);
            if (c < 0 || c >= bins || r < 0 || r >= bins || Double.isNaN(x) || Double.isNaN(y)) {
                outside++;
            } else {
                counts[r * bins + c]++;
            }
        }
        return new Histogram2D(bins, lo, hi, counts, n, outside);
    }

    /** Share of the points {@link #autoRange} keeps inside its box. */
    public static final double COVERAGE = 0.995;

    /** {@link #autoRange(float[], int, int, int, double)} at least [−2, 2] (the control tasks' box). */
    public static double autoRange(float[] points, int dims, int dx, int dy) {
        return autoRange(points, dims, dx, dy, 2);
    }

    /**
     * The half side R of the square [−R, R]² that holds {@value #COVERAGE} of the points: a point is inside
     * when both its coordinates are, so the range is a quantile of max(|x|, |y|) per point — a quantile of
     * the coordinates pooled would let a far mode on one axis fall out. Grown by 5 % and rounded up to a half
     * unit, at least {@code min}. Points with a non-finite coordinate cannot be drawn and are not counted.
     */
    public static double autoRange(float[] points, int dims, int dx, int dy, double min) {
        int n = points.length / dims;
        double[] reach = new double[n];
        int finite = 0;
        for (int i = 0; i < n; i++) {
            double r = Math.max(Math.abs(points[i * dims + dx]), Math.abs(points[i * dims + dy]));
            if (Double.isFinite(r)) {
                reach[finite++] = r;
            }
        }
        return rangeCovering(reach, finite, min);
    }

    /** Smallest half-unit R ≥ {@code min} with R > 1.05 × the {@value #COVERAGE} quantile of {@code reach[0..n)}. */
    public static double rangeCovering(double[] reach, int n, double min) {
        if (n == 0) {
            return min;
        }
        java.util.Arrays.sort(reach, 0, n);
        double q = reach[Math.min(n - 1, (int) (COVERAGE * n))];
        // Strictly beyond q: a point exactly on the upper edge falls outside the last bin.
        return Math.max(min, (Math.floor(q * 1.05 * 2) + 1) / 2);
    }

    /** Largest bin count. */
    public int max() {
        int m = 0;
        for (int c : counts) {
            m = Math.max(m, c);
        }
        return m;
    }

    /** Count of the bin containing (x, y), 0 outside. */
    public int countAt(double x, double y) {
        int c = (int) Math.floor((x - lo) * bins / (hi - lo));
        int r = (int) Math.floor((y - lo) * bins / (hi - lo));
        return c < 0 || c >= bins || r < 0 || r >= bins ? 0 : counts[r * bins + c];
    }
}
