package io.fpolab.ui.paint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.analysis.ActionShape;
import io.fpolab.analysis.probe.Histogram2D;
import java.awt.Color;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The GridWorld action distribution: a box that holds the samples wherever they are, the y density with its
 * marked peaks beside the heatmap and the 3 × 3 move grid, laid out without overlaps at the sizes the lab
 * draws it.
 */
class GridActionPainterTest {
    private static final Path OUT = Path.of(System.getProperty("fpolab.tmp", "target/test-tmp"), "paint");

    /** Actions around (cx, ±cy) — half up, half down when {@code bimodal} — with spread {@code s}. */
    static float[] sample(int n, double cx, double cy, double s, boolean bimodal, long seed) {
        Random r = new Random(seed);
        float[] xy = new float[2 * n];
        for (int i = 0; i < n; i++) {
            xy[2 * i] = (float) (cx + r.nextGaussian() * s);
            xy[2 * i + 1] = (float) ((bimodal && i % 2 == 1 ? -cy : cy) + r.nextGaussian() * s);
        }
        return xy;
    }

    private static GridActionPainter grid(float[] xy) {
        return assertInstanceOf(GridActionPainter.class,
                ActionPlots.distribution("run", "cell (12, 12)", xy, 2, true, 1, false));
    }

    private static double inside(Histogram2D h) {
        return 1 - (double) h.outside() / h.total();
    }

    @Test
    void theBoxHoldsAWideBimodalSample() {
        // Modes at ±1.8 with spread 0.5: a fixed ±2 box cut off a third of each.
        Histogram2D h = grid(sample(10_000, 0, 1.8, 0.5, true, 1)).data().heatmap().histogram();
        assertTrue(inside(h) >= 0.99, "inside " + inside(h));
        assertEquals(-h.hi(), h.lo(), "symmetric about 0");
    }

    @Test
    void theBoxFollowsSamplesFarFromTheCentre() throws Exception {
        // Next to a goal the actions sit around y = 3: the fixed box showed "100 % outside".
        GridActionPainter p = grid(sample(10_000, 0.1, 3, 0.4, false, 2));
        Histogram2D h = p.data().heatmap().histogram();
        assertTrue(inside(h) >= 0.99, "inside " + inside(h));
        assertTrue(h.hi() >= 3, "box ±" + h.hi());
        BufferedImage img = Export.image(p, 1000, 700, 1.0);
        Rectangle2D heat = p.layout(1000, 700).heatmap();
        Point2D mode = new Point2D.Double(heat.getX() + heat.getWidth() * (0.1 - h.lo()) / (h.hi() - h.lo()),
                heat.getMaxY() - heat.getHeight() * (3 - h.lo()) / (h.hi() - h.lo()));
        assertTrue(new Color(img.getRGB((int) mode.getX(), (int) mode.getY())).getGreen() > 150,
                "the mode at y = 3 is drawn bright inside the box");
    }

    @Test
    void aTightSampleStillShowsTheMoveBoundariesWithRoom() {
        Histogram2D h = grid(sample(10_000, 0, 0, 0.02, false, 3)).data().heatmap().histogram();
        assertEquals(ActionPlots.GRID_MIN_RANGE, h.hi());
        assertEquals(0, h.outside());
    }

    @Test
    void aSharedBoxIsUsedUnlessTheSamplesNeedALargerOne() {
        float[] tight = sample(10_000, 0, 0, 0.2, false, 8);
        GridActionPainter wide = assertInstanceOf(GridActionPainter.class,
                ActionPlots.distribution("a", null, tight, 2, true, 1, false, 4));
        assertEquals(4, wide.data().heatmap().histogram().hi());
        float[] far = sample(10_000, 0, 3, 0.4, false, 9);
        GridActionPainter own = assertInstanceOf(GridActionPainter.class,
                ActionPlots.distribution("b", null, far, 2, true, 1, false, 1.5));
        assertEquals(ActionPlots.range(far, 2, true), own.data().heatmap().histogram().hi());
        assertTrue(inside(own.data().heatmap().histogram()) >= 0.99);
    }

    @Test
    void controlHeatmapsAndOneDimensionalHistogramsHoldTheirSamplesToo() {
        float[] far = sample(10_000, -5, 6, 0.5, false, 4);
        ActionHeatmap control = ActionPlots.heatmap("c", null, far, 2, false, true, "");
        assertTrue(inside(control.histogram()) >= 0.99, "control heatmap inside " + inside(control.histogram()));
        float[] ys = new float[10_000];
        for (int i = 0; i < ys.length; i++) {
            ys[i] = far[2 * i + 1];
        }
        Histogram1D h1 = Histogram1D.of("1-D", null, ys, 1, 0, 60, 1, "a");
        int counted = java.util.Arrays.stream(h1.counts()).sum();
        assertTrue(counted >= 0.99 * ys.length, "1-D histogram holds " + counted);
    }

    @Test
    void aBimodalSampleShowsTwoBrightMoveCellsAndTwoMarkedPeaks() throws Exception {
        float[] xy = sample(10_000, 0, 1.1, 0.3, true, 5);
        GridActionPainter p = grid(xy);
        Export.png(p, OUT.resolve("grid-actions-bimodal.png"), 1000, 700);
        BufferedImage img = Export.image(p, 1000, 700, 1.0);
        GridActionPainter.Layout l = p.layout(1000, 700);
        double[][] moves = ActionShape.moveGrid(xy);
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                Rectangle2D c = l.cell(dx, dy);
                // Just inside the cell's top-left corner, clear of its labels.
                int rgb = img.getRGB((int) (c.getX() + c.getWidth() * 0.1), (int) (c.getY() + c.getHeight() * 0.1));
                PaintersTest.assertColor(Colormaps.viridis(Math.sqrt(moves[dy + 1][dx + 1])), rgb, "move cell " + dx + ", " + dy);
            }
        }
        assertTrue(moves[2][1] > 0.4 && moves[0][1] > 0.4, "up and down take most of the samples");
        ActionShape.Modes modes = p.data().yModes();
        assertTrue(modes.twoPeaks(), modes.toString());
        for (double[] peak : new double[][] {{modes.peakUp(), modes.peakUpAt()}, {modes.peakDown(), modes.peakDownAt()}}) {
            Point2D at = l.densityPoint(peak[0], peak[1]);
            assertTrue(l.density().contains(at), "peak inside the density strip");
            PaintersTest.assertColor(Colormaps.ACCENT, img.getRGB((int) Math.round(at.getX()), (int) Math.round(at.getY())),
                    "marker at the peak y = " + peak[1]);
        }
        Point2D valley = l.densityPoint(modes.valley(), modes.valleyAt());
        PaintersTest.assertColor(Colormaps.ACCENT, img.getRGB((int) Math.round(valley.getX() + 1), (int) Math.round(valley.getY())),
                "marker at the valley");
        assertEquals(l.heatmap().getY(), l.density().getY(), 1e-9, "the density shares the heatmap's y axis");
        assertEquals(l.heatmap().getHeight(), l.density().getHeight(), 1e-9);
    }

    @Test
    void theCurveIsDrawnInTheDensityStrip() {
        GridActionPainter p = grid(sample(10_000, 0, 1.1, 0.3, true, 6));
        BufferedImage img = Export.image(p, 640, 480, 1.0);
        Rectangle2D strip = p.layout(640, 480).density();
        int curve = 0;
        Color ink = Colormaps.viridis(0.25);
        for (int y = (int) strip.getY() + 2; y < strip.getMaxY() - 2; y++) {
            for (int x = (int) strip.getX() + 2; x < strip.getMaxX() - 2; x++) {
                Color c = new Color(img.getRGB(x, y));
                if (Math.abs(c.getRed() - ink.getRed()) + Math.abs(c.getGreen() - ink.getGreen())
                        + Math.abs(c.getBlue() - ink.getBlue()) < 30) {
                    curve++;
                }
            }
        }
        assertTrue(curve > strip.getHeight(), "curve pixels: " + curve);
    }

    @Test
    void partsDoNotOverlapAndStayInsideThePanel() {
        GridActionPainter p = grid(sample(10_000, 0, 1.1, 0.3, true, 7));
        for (int[] size : new int[][] {{1000, 700}, {640, 480}, {500, 650}, {1000, 325}, {450, 800}, {1600, 1000}}) {
            GridActionPainter.Layout l = p.layout(size[0], size[1]);
            List<Rectangle2D> parts = List.of(l.heatmap(), l.density(), l.moves(), l.colorbar());
            String at = size[0] + "×" + size[1];
            for (int i = 0; i < parts.size(); i++) {
                Rectangle2D a = parts.get(i);
                assertTrue(a.getX() >= 0 && a.getY() >= 0 && a.getMaxX() <= size[0] && a.getMaxY() <= size[1],
                        "part " + i + " inside the panel at " + at + ": " + a);
                for (int j = i + 1; j < parts.size(); j++) {
                    assertFalse(a.intersects(parts.get(j)), "parts " + i + " and " + j + " overlap at " + at);
                }
            }
            assertTrue(l.heatmap().getWidth() >= 0.28 * Math.min(size[0], size[1]), "heatmap large enough at " + at);
        }
    }
}
