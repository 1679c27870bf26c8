package io.fpolab.ui.paint;

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

    /**
     * A symmetric range [−R, R] that holds 99.5 % of the points on both axes, at least [−2, 2] (the
     * GridWorld's interesting range) and rounded up to a half unit.
     */
    public static double autoRange(float[] points, int dims, int dx, int dy) {
        int n = points.length / dims;
        if (n == 0) {
            return 2;
        }
        double[] abs = new double[2 * n];
        for (int i = 0; i < n; i++) {
            abs[2 * i] = Math.abs(points[i * dims + dx]);
            abs[2 * i + 1] = Math.abs(points[i * dims + dy]);
        }
        java.util.Arrays.sort(abs);
        double q = abs[Math.min(abs.length - 1, (int) (0.995 * abs.length))];
        return Math.max(2, Math.ceil(q * 1.05 * 2) / 2);
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
