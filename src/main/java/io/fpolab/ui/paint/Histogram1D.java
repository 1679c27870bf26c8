package io.fpolab.ui.paint;

import io.fpolab.analysis.probe.Histogram2D;

/**
 * What {@link Histogram1DPainter} draws: samples of a 1-D action binned over [lo, hi].
 *
 * @param counts  samples per bin; bin i covers {@code [lo + i·w, lo + (i+1)·w)}
 * @param bounds  action bounds to mark (the env clips there), or NaN for none
 */
public record Histogram1D(String title, String subtitle, double lo, double hi, int[] counts, int total,
        double bounds, String xLabel) {
    /** Bins {@code values[i·stride + offset]} into {@code bins} bins over a range covering 99.5 % of them (at least ±2). */
    public static Histogram1D of(String title, String subtitle, float[] values, int stride, int offset, int bins,
            double bounds, String xLabel) {
        int n = values.length / stride;
        double[] abs = new double[n];
        int finite = 0;
        for (int i = 0; i < n; i++) {
            double a = Math.abs(values[i * stride + offset]);
            if (Double.isFinite(a)) {
                abs[finite++] = a;
            }
        }
        double r = Histogram2D.rangeCovering(abs, finite, 2);
        int[] counts = new int[bins];
        for (int i = 0; i < n; i++) {
            int b = (int) Math.floor((values[i * stride + offset] + r) / (2 * r) * bins);
            if (b >= 0 && b < bins) {
                counts[b]++;
            }
        }
        return new Histogram1D(title, subtitle, -r, r, counts, n, bounds, xLabel);
    }
}
