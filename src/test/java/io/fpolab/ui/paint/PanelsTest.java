package io.fpolab.ui.paint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A compared pair of plots is exported side by side in a wide image and one above the other in a tall one. */
class PanelsTest {
    private static Painter fill(Color c) {
        return (g, w, h) -> {
            g.setColor(c);
            g.fillRect(0, 0, w, h);
        };
    }

    @Test
    void fittedPanelsStackInATallImageAndSitSideBySideInAWideOne() {
        Painter pair = Panels.fitted(List.of(fill(Color.RED), fill(Color.BLUE)), ActionPlots.ASPECT);
        BufferedImage tall = Export.image(pair, 400, 800, 1.0);
        assertEquals(Color.RED.getRGB(), tall.getRGB(390, 10));
        assertEquals(Color.BLUE.getRGB(), tall.getRGB(10, 790), "second plot below the first");
        BufferedImage wide = Export.image(pair, 1200, 520, 1.0);
        assertEquals(Color.RED.getRGB(), wide.getRGB(10, 510));
        assertEquals(Color.BLUE.getRGB(), wide.getRGB(1190, 10), "second plot beside the first");
    }

    @Test
    void comparedGridWorldDistributionsAreArrangedSoTheirHeatmapsAreTheLarger() {
        Painter p = ActionPlots.distribution("run", "cell (12, 12)",
                GridActionPainterTest.sample(10_000, 0, 1.1, 0.3, true, 1), 2, true, 1, false);
        GridActionPainter grid = (GridActionPainter) p;
        double aspect = ActionPlots.aspect(p);
        assertEquals(GridActionPainter.ASPECT, aspect);
        // Plot areas of the action-distribution view from a small window to a large export.
        for (int[] size : new int[][] {{1000, 650}, {750, 650}, {1270, 480}, {700, 780}, {900, 700}, {1200, 700},
            {1600, 600}, {800, 600}, {1600, 1200}}) {
            int w = size[0];
            int h = size[1];
            double beside = grid.layout(w / 2, h).heatmap().getWidth();
            double below = grid.layout(w, h / 2).heatmap().getWidth();
            boolean stacked = Panels.stackIsLarger(w, h, 2, aspect);
            double chosen = stacked ? below : beside;
            assertTrue(chosen >= 0.95 * Math.max(beside, below), w + "×" + h + ": " + (stacked ? "stacked" : "side by side")
                    + " draws the heatmaps " + chosen + " px, the other way " + (stacked ? beside : below));
        }
    }
}
