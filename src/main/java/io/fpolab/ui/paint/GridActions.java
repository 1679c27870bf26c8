package io.fpolab.ui.paint;

import io.fpolab.analysis.ActionShape;
import io.fpolab.analysis.probe.Histogram2D;

/**
 * What {@link GridActionPainter} draws for sampled GridWorld actions at one cell: the heatmap, the nine
 * move outcomes after the env's rounding and the y-marginal density with its peaks and valley.
 *
 * @param moves    {@link ActionShape#moveGrid}: {@code moves[dy + 1][dx + 1]}, dy = +1 is up
 * @param yDensity {@link ActionShape#density} of the y component
 * @param yModes   its peaks above +0.5 and below −0.5 and the valley between them
 */
public record GridActions(ActionHeatmap heatmap, double[][] moves, ActionShape.Density yDensity,
        ActionShape.Modes yModes) {
    /** The picture of raw 2-D actions {@code xy} (rows {@code [x, y]}) in a heatmap over [−range, range]². */
    public static GridActions of(String title, String subtitle, float[] xy, double range) {
        Histogram2D h = Histogram2D.of(xy, 2, 0, 1, ActionPlots.BINS, -range, range);
        ActionShape.Density d = ActionShape.density(xy, 2, 1);
        return new GridActions(new ActionHeatmap(title, subtitle, h, true, "action x", "action y", true),
                ActionShape.moveGrid(xy), d, d.modes());
    }
}
