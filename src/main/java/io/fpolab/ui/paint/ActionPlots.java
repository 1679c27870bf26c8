package io.fpolab.ui.paint;

import io.fpolab.analysis.ActionShape;
import io.fpolab.analysis.probe.Histogram2D;

/** Builds the right distribution painter for a batch of sampled actions. */
public final class ActionPlots {
    /** Bins per axis of the 2-D heatmap. */
    public static final int BINS = 80;

    /** Width over height of one continuous-action plot as drawn (a square heatmap with its colour bar). */
    public static final double ASPECT = 1.25;

    /**
     * Smallest half side of a GridWorld heatmap: the move boundaries at ±0.5 and the clip at ±1 stay in view
     * with room around them, even when every sample sits at the centre.
     */
    public static final double GRID_MIN_RANGE = 1.5;

    private ActionPlots() {
    }

    /** Width over height that {@code plot} (made here) fills best: compare mode and exports lay pairs out by it. */
    public static double aspect(Painter plot) {
        return plot instanceof GridActionPainter ? GridActionPainter.ASPECT : ASPECT;
    }

    /**
     * A heatmap of the first two action dimensions (a histogram for 1-D actions); for GridWorld the heatmap
     * with the y density and the move outcomes ({@link GridActionPainter}). Every box holds at least 99.5 %
     * of the samples.
     *
     * @param samples  raw actions, rows of {@code actDim}
     * @param gridMoves true for GridWorld: box at least ±{@value #GRID_MIN_RANGE}, move boundaries, moves
     * @param bound    the env's action bound (1-D histograms mark it), NaN for none
     * @param preTanh  the env applies tanh to these actions: the axes say so, and no bound is marked (the
     *                 policy's raw action has none; ±2 is already tanh 0.96)
     */
    public static Painter distribution(String title, String subtitle, float[] samples, int actDim, boolean gridMoves,
            double bound, boolean preTanh) {
        return distribution(title, subtitle, samples, actDim, gridMoves, bound, preTanh, Double.NaN);
    }

    /**
     * {@link #distribution(String, String, float[], int, boolean, double, boolean)} with a 2-D box of half side
     * {@code range} — at least {@link #range} of these samples, so that two compared runs share one box — or
     * its own box for NaN. 1-D histograms keep their own range.
     */
    public static Painter distribution(String title, String subtitle, float[] samples, int actDim, boolean gridMoves,
            double bound, boolean preTanh, double range) {
        String suffix = preTanh ? " before tanh" : "";
        if (actDim == 1) {
            return new Histogram1DPainter(Histogram1D.of(title, subtitle, samples, 1, 0, 60,
                    preTanh ? Double.NaN : bound, "action" + suffix));
        }
        double own = range(samples, actDim, gridMoves, bound);
        double r = Double.isNaN(range) ? own : Math.max(range, own);
        if (gridMoves && actDim == 2) {
            return new GridActionPainter(GridActions.of(title, subtitle, samples, r));
        }
        return new ActionHeatmapPainter(heatmap(title, subtitle, samples, actDim, gridMoves, true, suffix, r));
    }

    /**
     * Half side of the square box that holds 99.5 % of the first two dimensions of {@code samples}: at least
     * ±{@value #GRID_MIN_RANGE} for GridWorld (the move boundaries with room), ±2 otherwise.
     */
    public static double range(float[] samples, int actDim, boolean gridMoves) {
        return Histogram2D.autoRange(samples, actDim, 0, Math.min(1, actDim - 1), gridMoves ? GRID_MIN_RANGE : 2);
    }

    /**
     * As {@link #range(float[], int, boolean)}, but a control task's samples that all lie within the action bound
     * (always so after the env's tanh, whose bound is 1) get the box of the bound with a 5 % margin: the action space
     * fills the picture instead of a quarter of a ±2 box.
     */
    public static double range(float[] samples, int actDim, boolean gridMoves, double bound) {
        if (!gridMoves && bound > 0 && Double.isFinite(bound) && within(samples, actDim, bound)) {
            return BOUND_MARGIN * bound;
        }
        return range(samples, actDim, gridMoves);
    }

    /** Margin of a box drawn around the action bound. */
    static final double BOUND_MARGIN = 1.05;

    private static boolean within(float[] samples, int actDim, double bound) {
        int dy = Math.min(1, actDim - 1);
        for (int i = 0; i + actDim <= samples.length; i += actDim) {
            if (!(Math.abs(samples[i]) <= bound) || !(Math.abs(samples[i + dy]) <= bound)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The heatmap data of the first two dimensions of {@code samples}, over a box holding 99.5 % of them.
     *
     * @param gridMoves  dashed move boundaries at ±0.5 and a box of at least ±{@value #GRID_MIN_RANGE}
     *                   (±2 otherwise)
     * @param axisSuffix appended to both axis names (e.g. " before tanh"), or empty
     */
    public static ActionHeatmap heatmap(String title, String subtitle, float[] samples, int actDim, boolean gridMoves,
            boolean colorbar, String axisSuffix) {
        return heatmap(title, subtitle, samples, actDim, gridMoves, colorbar, axisSuffix,
                range(samples, actDim, gridMoves));
    }

    private static ActionHeatmap heatmap(String title, String subtitle, float[] samples, int actDim, boolean gridMoves,
            boolean colorbar, String axisSuffix, double r) {
        Histogram2D h = Histogram2D.of(samples, actDim, 0, 1, BINS, -r, r);
        return new ActionHeatmap(title, subtitle, h, gridMoves,
                (actDim > 2 ? "action[0]" : "action x") + axisSuffix,
                (actDim > 2 ? "action[1]" : "action y") + axisSuffix, colorbar);
    }

    /** Fractions of GridWorld moves per axis after the env's {@code rint(clip(a, −1, 1))}. */
    public static MoveSummary moves(float[] xy) {
        double[][] p = ActionShape.moveGrid(xy);
        return new MoveSummary(sum(p[2]), sum(p[1]), sum(p[0]), p[0][2] + p[1][2] + p[2][2],
                p[0][1] + p[1][1] + p[2][1], p[0][0] + p[1][0] + p[2][0]);
    }

    private static double sum(double[] row) {
        return row[0] + row[1] + row[2];
    }
}
