package io.fpolab.analysis.probe;

/**
 * The denoising paths behind the flow view (paper's Figure 1, centre): sampled actions and a regular
 * grid of starting points carried along by the flow from τ = 0 (noise) to τ = 1 (actions).
 *
 * @param dims    1 or 2 action dimensions shown
 * @param actDim  the policy's action dimensions (the first {@code dims} are shown)
 * @param samples {@code samples[k]} holds x_k of every sample ({@code [n·dims]}), k = 0 … K
 * @param grid    {@code grid[k][line]} is one grid line at step k as interleaved (x, y) points; for
 *                1-D actions {@code grid[k][0]} holds the positions of the grid points
 * @param range   half-width of the plotted action box [−range, range]
 * @param straight true for a Gaussian policy, whose "path" is the straight line from ε to μ + σε
 */
public record FlowPaths(String title, String subtitle, int dims, int actDim, float[][] samples, float[][][] grid,
        double range, boolean straight) {
    /** Number of integration steps K. */
    public int steps() {
        return samples.length - 1;
    }

    /** Sample positions at flow time τ, linearly interpolated between the integration steps. */
    public float[] samplesAt(double tau) {
        return interpolate(samples, tau);
    }

    /** Grid line {@code line} at flow time τ. */
    public float[] gridLineAt(int line, double tau) {
        float[][] track = new float[grid.length][];
        for (int k = 0; k < grid.length; k++) {
            track[k] = grid[k][line];
        }
        return interpolate(track, tau);
    }

    public int gridLines() {
        return grid.length == 0 ? 0 : grid[0].length;
    }

    private static float[] interpolate(float[][] steps, double tau) {
        int k = steps.length - 1;
        double pos = Math.max(0, Math.min(1, tau)) * k;
        int i = Math.min(k - 1, (int) Math.floor(pos));
        if (k == 0) {
            return steps[0].clone();
        }
        double f = pos - i;
        float[] a = steps[i];
        float[] b = steps[i + 1];
        float[] out = new float[a.length];
        for (int j = 0; j < a.length; j++) {
            out[j] = (float) (a[j] + (b[j] - a[j]) * f);
        }
        return out;
    }
}
