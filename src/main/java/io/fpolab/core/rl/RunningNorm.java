package io.fpolab.core.rl;

/**
 * Running mean and variance of observations (Chan et al.'s parallel Welford merge, exact for any
 * batch split), used to normalize observations as {@code clip((o − μ)/sqrt(σ² + 1e-8), ±10)}.
 */
public final class RunningNorm {
    private static final double CLIP = 10.0;
    private final int dim;
    private final double[] mean;
    private final double[] m2;
    private double count;

    public RunningNorm(int dim) {
        this.dim = dim;
        mean = new double[dim];
        m2 = new double[dim];
    }

    public int dim() {
        return dim;
    }

    public double count() {
        return count;
    }

    /** Merges {@code rows} observations stored row-major in {@code data}. */
    public void update(float[] data, int rows) {
        if (rows == 0) {
            return;
        }
        double[] bMean = new double[dim];
        double[] bM2 = new double[dim];
        for (int r = 0; r < rows; r++) {
            for (int d = 0; d < dim; d++) {
                bMean[d] += data[r * dim + d];
            }
        }
        for (int d = 0; d < dim; d++) {
            bMean[d] /= rows;
        }
        for (int r = 0; r < rows; r++) {
            for (int d = 0; d < dim; d++) {
                double e = data[r * dim + d] - bMean[d];
                bM2[d] += e * e;
            }
        }
        double total = count + rows;
        for (int d = 0; d < dim; d++) {
            double delta = bMean[d] - mean[d];
            mean[d] += delta * rows / total;
            m2[d] += bM2[d] + delta * delta * count * rows / total;
        }
        count = total;
    }

    public double mean(int d) {
        return mean[d];
    }

    /** Population variance (0 before any data). */
    public double variance(int d) {
        return count > 0 ? m2[d] / count : 0.0;
    }

    /** Normalizes {@code rows} observations from {@code in} into {@code out} (may be the same array). */
    public void normalize(float[] in, float[] out, int rows) {
        for (int r = 0; r < rows; r++) {
            for (int d = 0; d < dim; d++) {
                int i = r * dim + d;
                double std = count > 0 ? Math.sqrt(variance(d) + 1e-8) : 1.0;
                double z = (in[i] - mean[d]) / std;
                out[i] = (float) Math.max(-CLIP, Math.min(CLIP, z));
            }
        }
    }

    /** State for checkpoints: {@code [count, mean…, m2…]}. */
    public double[] state() {
        double[] s = new double[1 + 2 * dim];
        s[0] = count;
        System.arraycopy(mean, 0, s, 1, dim);
        System.arraycopy(m2, 0, s, 1 + dim, dim);
        return s;
    }

    public void restore(double[] s) {
        if (s.length != 1 + 2 * dim) {
            throw new IllegalArgumentException("normalizer state has " + s.length + " values, expected " + (1 + 2 * dim));
        }
        count = s[0];
        System.arraycopy(s, 1, mean, 0, dim);
        System.arraycopy(s, 1 + dim, m2, 0, dim);
    }
}
