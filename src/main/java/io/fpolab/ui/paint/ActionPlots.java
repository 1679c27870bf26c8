package io.fpolab.ui.paint;

import io.fpolab.env.grid.GridWorldVecEnv;

/** Builds the right distribution painter for a batch of sampled actions. */
public final class ActionPlots {
    /** Bins per axis of the 2-D heatmap. */
    public static final int BINS = 80;

    private ActionPlots() {
    }

    /** Width over height of one action plot as drawn (a square heatmap with its colour bar). */
    public static final double ASPECT = 1.25;

    /**
     * A heatmap of the first two action dimensions (a histogram for 1-D actions).
     *
     * @param samples  raw actions, rows of {@code actDim}
     * @param gridMoves true for GridWorld: fixed [−2, 2]² box, move boundaries and move fractions
     * @param bound    the env's action bound (1-D histograms mark it), NaN for none
     * @param preTanh  the env applies tanh to these actions: the axes say so, and no bound is marked (the
     *                 policy's raw action has none; ±2 is already tanh 0.96)
     */
    public static Painter distribution(String title, String subtitle, float[] samples, int actDim, boolean gridMoves,
            double bound, boolean preTanh) {
        String suffix = preTanh ? " before tanh" : "";
        if (actDim == 1) {
            return new Histogram1DPainter(Histogram1D.of(title, subtitle, samples, 1, 0, 60,
                    preTanh ? Double.NaN : bound, "action" + suffix));
        }
        return new ActionHeatmapPainter(heatmap(title, subtitle, samples, actDim, gridMoves, true, suffix));
    }

    /**
     * The heatmap data of the first two dimensions of {@code samples}.
     *
     * @param axisSuffix appended to both axis names (e.g. " before tanh"), or empty
     */
    public static ActionHeatmap heatmap(String title, String subtitle, float[] samples, int actDim, boolean gridMoves,
            boolean colorbar, String axisSuffix) {
        double r = gridMoves ? 2 : Histogram2D.autoRange(samples, actDim, 0, 1);
        Histogram2D h = Histogram2D.of(samples, actDim, 0, 1, BINS, -r, r);
        MoveSummary moves = gridMoves ? moves(samples) : null;
        return new ActionHeatmap(title, subtitle, h, moves, gridMoves,
                (actDim > 2 ? "action[0]" : "action x") + axisSuffix,
                (actDim > 2 ? "action[1]" : "action y") + axisSuffix, colorbar);
    }

    /** Fractions of GridWorld moves per axis after the env's {@code rint(clip(a, −1, 1))}. */
    public static MoveSummary moves(float[] xy) {
        int n = xy.length / 2;
        int[] cx = new int[3];
        int[] cy = new int[3];
        for (int i = 0; i < n; i++) {
            cx[GridWorldVecEnv.axisMove(xy[2 * i]) + 1]++;
            cy[GridWorldVecEnv.axisMove(xy[2 * i + 1]) + 1]++;
        }
        double d = Math.max(1, n);
        return new MoveSummary(cy[2] / d, cy[1] / d, cy[0] / d, cx[2] / d, cx[1] / d, cx[0] / d);
    }
}
