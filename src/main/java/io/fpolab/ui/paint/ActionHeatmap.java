package io.fpolab.ui.paint;

import io.fpolab.analysis.probe.Histogram2D;

/**
 * What {@link ActionHeatmapPainter} draws: the 2-D histogram of sampled actions and its labels.
 *
 * @param moveBoundaries   draw dashed lines at ±0.5 where the GridWorld's rounding changes the move
 * @param colorbar         draw the colour bar and the "outside the box" note (off for small multiples)
 */
public record ActionHeatmap(String title, String subtitle, Histogram2D histogram, boolean moveBoundaries,
        String xLabel, String yLabel, boolean colorbar) {
}
