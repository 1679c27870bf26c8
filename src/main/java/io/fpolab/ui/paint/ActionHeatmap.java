package io.fpolab.ui.paint;

/**
 * What {@link ActionHeatmapPainter} draws: the 2-D histogram of sampled actions, labels, and for
 * GridWorld the move fractions and the ±0.5 move boundaries.
 *
 * @param moves            move fractions after the env's rounding, or null (continuous tasks)
 * @param moveBoundaries   draw dashed lines at ±0.5 where the env's rounding changes the move
 * @param colorbar         draw the colour bar (off for small multiples)
 */
public record ActionHeatmap(String title, String subtitle, Histogram2D histogram, MoveSummary moves,
        boolean moveBoundaries, String xLabel, String yLabel, boolean colorbar) {
}
