package io.fpolab.ui.paint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.analysis.probe.FlowPaths;
import io.fpolab.analysis.probe.GridScene.Trajectory;
import io.fpolab.analysis.probe.GridScene;
import io.fpolab.analysis.probe.Histogram2D;
import io.fpolab.analysis.probe.SystemFrame;
import io.fpolab.env.control.ControlSuite;
import io.fpolab.env.grid.GridLayout;
import io.fpolab.env.grid.GridLayouts;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/** Painters draw what their data says, at known pixels, headless; PNGs land in target/test-tmp/paint for a look. */
class PaintersTest {
    private static final Path OUT = Path.of(System.getProperty("fpolab.tmp", "target/test-tmp"), "paint");

    private static BufferedImage render(Painter p, int w, int h, String name) throws Exception {
        Export.png(p, OUT.resolve(name + ".png"), w, h);
        return Export.image(p, w, h, 1.0);
    }

    /** Centre pixel of a grid cell, found through the painter's own click mapping. */
    private static int[] cellCentre(GridWorldPainter p, int cell, int w, int h) {
        long sx = 0;
        long sy = 0;
        long n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (p.cellAt(x + 0.5, y + 0.5, w, h) == cell) {
                    sx += x;
                    sy += y;
                    n++;
                }
            }
        }
        assertTrue(n > 0, "cell " + cell + " not on the canvas");
        return new int[] {(int) (sx / n), (int) (sy / n)};
    }

    /** The pixel {@code rgb} is {@code expected} up to antialiasing (channel differences summing to ≤ 12). */
    static void assertColor(Color expected, int rgb, String what) {
        Color c = new Color(rgb);
        int d = Math.abs(c.getRed() - expected.getRed()) + Math.abs(c.getGreen() - expected.getGreen())
                + Math.abs(c.getBlue() - expected.getBlue());
        assertTrue(d <= 12, what + ": expected " + expected + " but was " + c);
    }

    @Test
    void goalDeathAndWallCellsArePaintedInTheirColours() throws Exception {
        GridLayout l = GridLayouts.twoBands().toBuilder().wall(5, 12).death(6, 12, -10).build();
        GridWorldPainter p = new GridWorldPainter(GridScene.of(l, -1));
        BufferedImage img = render(p, 500, 500, "grid-cells");
        int[] goal = cellCentre(p, l.cellIndex(12, 24), 500, 500);
        assertColor(Colormaps.goal(20, 20), img.getRGB(goal[0], goal[1]), "goal cell (12, 24)");
        int[] wall = cellCentre(p, l.cellIndex(5, 12), 500, 500);
        assertColor(Colormaps.WALL, img.getRGB(wall[0], wall[1]), "wall cell");
        int[] death = cellCentre(p, l.cellIndex(6, 12), 500, 500);
        assertColor(Colormaps.DEATH, img.getRGB(death[0], death[1]), "death cell");
        int[] empty = cellCentre(p, l.cellIndex(12, 12), 500, 500);
        assertColor(Colormaps.EMPTY, img.getRGB(empty[0], empty[1]), "empty cell");
        assertTrue(wall[0] < empty[0] && goal[1] < empty[1], "y grows upward: the top goal band is drawn above");
    }

    @Test
    void upwardActionsDrawArrowsInTheUpDirectionColour() throws Exception {
        GridLayout l = GridLayouts.twoBands();
        float[] field = new float[l.cellCount() * 2];
        for (int c = 0; c < l.cellCount(); c++) {
            field[2 * c + 1] = 1f;
        }
        GridWorldPainter p = new GridWorldPainter(new GridScene("up", null, l, field, null, List.of(), List.of(), -1,
                null));
        BufferedImage img = render(p, 600, 640, "grid-field-up");
        int arrows = countColourOnMap(img, p, Colormaps.direction(Math.PI / 2));
        assertTrue(arrows > 21 * 25 * 10, "about 21×25 up-coloured arrows, found " + arrows + " pixels");
        assertEquals(0, countColourOnMap(img, p, Colormaps.direction(-Math.PI / 2)), "no down-coloured pixels");
    }

    @Test
    void policyArrowheadsAreWideEnoughToSeeAndTheArrowsHaveAKey() throws Exception {
        GridLayout l = GridLayouts.twoBands();
        float[] field = new float[l.cellCount() * 2];
        for (int c = 0; c < l.cellCount(); c++) {
            field[2 * c + 1] = 1f;
        }
        GridWorldPainter p = new GridWorldPainter(new GridScene("Policy field", "one sampled action per cell", l, field,
                null, List.of(), List.of(), -1, null));
        // About the GridWorld view's canvas in a 1280 × 800 window.
        BufferedImage img = render(p, 1000, 640, "grid-field-key");
        Color up = Colormaps.direction(Math.PI / 2);
        int[] centre = cellCentre(p, l.cellIndex(12, 12), 1000, 640);
        int widest = 0;
        for (int y = centre[1] - 15; y <= centre[1] + 15; y++) {
            int run = 0;
            for (int x = centre[0] - 15; x <= centre[0] + 15; x++) {
                run = (img.getRGB(x, y) & 0xFFFFFF) == (up.getRGB() & 0xFFFFFF) ? run + 1 : 0;
                widest = Math.max(widest, run);
            }
        }
        assertTrue(widest >= 6, "arrowhead " + widest + " px wide");
        // The key under the map shows every direction's colour: down-coloured pixels although all arrows point up.
        assertTrue(countColour(img, Colormaps.direction(-Math.PI / 2)) > 0, "the key's compass");
        assertTrue(countColourOnMap(img, p, Colormaps.direction(-Math.PI / 2)) == 0);
    }

    @Test
    void flowFrameHasAKeyToItsColours() throws Exception {
        FlowPaths paths = syntheticFlow();
        FlowFramePainter p = new FlowFramePainter(paths, 1.0);
        BufferedImage img = render(p, 700, 600, "flow-key");
        // The samples are translucent; only the key's dots have the pure mode colours, in a row under the plot.
        for (Color c : new Color[] {Colormaps.region(0), Colormaps.region(1), new Color(0x8A8F98)}) {
            int n = 0;
            int lowest = 0;
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    if ((img.getRGB(x, y) & 0xFFFFFF) == (c.getRGB() & 0xFFFFFF)) {
                        n++;
                        lowest = Math.max(lowest, y);
                    }
                }
            }
            assertTrue(n >= 20 && lowest > 540, c + ": " + n + " key pixels, lowest at y = " + lowest);
        }
    }

    @Test
    void heatmapOfSamplesAtOneOneLightsTheUpperRightBin() throws Exception {
        float[] xy = new float[2 * 10_000];
        java.util.Arrays.fill(xy, 1.01f);
        ActionHeatmap data = ActionPlots.heatmap("all at (1, 1)", null, xy, 2, true, true, "");
        assertEquals(10_000, data.histogram().countAt(1.01, 1.01));
        assertEquals("action x", data.xLabel());
        assertEquals("action y before tanh",
                ActionPlots.heatmap("t", null, xy, 2, false, true, " before tanh").yLabel());
        assertEquals(1.0, ActionPlots.moves(xy).up());
        ActionHeatmapPainter p = new ActionHeatmapPainter(data);
        BufferedImage img = render(p, 640, 560, "heatmap-one-bin");
        java.awt.geom.Rectangle2D plot = p.plotArea(640, 560);
        Histogram2D h = data.histogram();
        double binCentre = h.lo() + (Math.floor((1.01 - h.lo()) / (h.hi() - h.lo()) * h.bins()) + 0.5)
                * (h.hi() - h.lo()) / h.bins();
        double f = (binCentre - h.lo()) / (h.hi() - h.lo());
        int bx = (int) (plot.getX() + plot.getWidth() * f);
        int by = (int) (plot.getMaxY() - plot.getHeight() * f);
        assertColor(Colormaps.viridis(1), img.getRGB(bx, by), "the (1, 1) bin");
        assertColor(Colormaps.viridis(0), img.getRGB(bx, (int) plot.getCenterY() + 30), "an empty bin");
    }

    @Test
    void heatmapHasAColourBarFromDarkToBrightRightOfThePlot() throws Exception {
        float[] xy = new float[2 * 10_000];
        java.util.Arrays.fill(xy, 1.01f);
        ActionHeatmapPainter p = new ActionHeatmapPainter(ActionPlots.heatmap("bar", null, xy, 2, true, true, ""));
        BufferedImage img = render(p, 640, 560, "heatmap-colour-bar");
        java.awt.geom.Rectangle2D bar = PaintKit.colorbarRect(p.plotArea(640, 560), PaintKit.baseSize(640, 560));
        int x = (int) bar.getCenterX();
        assertColor(Colormaps.viridis(1), img.getRGB(x, (int) bar.getY() + 3), "the top of the colour bar");
        assertColor(Colormaps.viridis(0), img.getRGB(x, (int) bar.getMaxY() - 3), "the bottom of the colour bar");
        assertTrue(bar.getWidth() >= 12, "bar " + bar.getWidth() + " px wide");
    }

    @Test
    void heatmapColourBarIsALibraryLegendOverTheDataAndGrowsInPresentationMode() {
        float[] xy = GridActionPainterTest.sample(10_000, 0.5, 1.2, 0.4, true, 11);
        ActionHeatmapPainter p = new ActionHeatmapPainter(ActionPlots.heatmap("bar", null, xy, 2, false, true, ""));
        int max = p.data().histogram().max();
        assertTrue(max > 10, "max count " + max);
        org.jfree.chart.title.PaintScaleLegend normal = p.colorbar(PaintStyle.LIGHT, PaintKit.baseSize(640, 560), true);
        // The bar spans 0 … the fullest bin, in √ units, and its top is the colour of that bin.
        assertEquals(0, normal.getScale().getLowerBound());
        assertEquals(Math.sqrt(max), normal.getScale().getUpperBound(), 1e-12);
        assertEquals(0, normal.getAxis().getLowerBound());
        assertEquals(Math.sqrt(max), normal.getAxis().getUpperBound(), 1e-12);
        assertEquals(Colormaps.viridis(1), normal.getScale().getPaint(Math.sqrt(max)));
        assertEquals(Colormaps.viridis(0), normal.getScale().getPaint(0));
        // Its ticks read in counts: the tick at √ unit 3 says 9.
        assertEquals("9", ((org.jfree.chart.axis.NumberAxis) normal.getAxis()).getNumberFormatOverride().format(3.0));
        PaintStyle presentation = PaintStyle.of(false, true);
        org.jfree.chart.title.PaintScaleLegend large = p.colorbar(presentation,
                PaintKit.baseSize(presentation, 640, 560), true);
        float before = normal.getAxis().getTickLabelFont().getSize2D();
        float after = large.getAxis().getTickLabelFont().getSize2D();
        assertTrue(after >= 2 * before, "colour bar tick labels " + before + " → " + after);
        assertEquals(PaintStyle.of(true, false).ink(),
                p.colorbar(PaintStyle.of(true, false), 12, true).getAxis().getTickLabelPaint(), "dark theme: light ink");
    }

    @Test
    void heatmapAxesAreTheLibrarysOverTheBoxWithTheMoveBoundariesMarked() {
        float[] xy = GridActionPainterTest.sample(10_000, 0, 1.1, 0.3, true, 12);
        ActionHeatmapPainter grid = new ActionHeatmapPainter(ActionPlots.heatmap("g", null, xy, 2, true, true, ""));
        Histogram2D h = grid.data().histogram();
        java.awt.geom.Rectangle2D area = grid.plotArea(640, 560);
        org.jfree.chart.plot.XYPlot normal = grid.chart(PaintStyle.LIGHT, area, PaintKit.baseSize(640, 560));
        assertEquals(h.lo(), normal.getDomainAxis().getLowerBound());
        assertEquals(h.hi(), normal.getDomainAxis().getUpperBound());
        assertEquals(h.hi(), normal.getRangeAxis().getUpperBound());
        assertEquals(List.of(-0.5, 0.5), normal.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND).stream()
                .map(m -> ((org.jfree.chart.plot.ValueMarker) m).getValue()).toList(), "move boundaries across x");
        assertEquals(2, normal.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND).size(), "and across y");
        PaintStyle presentation = PaintStyle.of(true, true);
        org.jfree.chart.plot.XYPlot large = grid.chart(presentation, area, PaintKit.baseSize(presentation, 640, 560));
        assertTrue(large.getDomainAxis().getTickLabelFont().getSize2D()
                >= 2 * normal.getDomainAxis().getTickLabelFont().getSize2D(), "presentation mode doubles tick labels");
        assertEquals(presentation.ink(), large.getRangeAxis().getTickLabelPaint());
        ActionHeatmapPainter control = new ActionHeatmapPainter(ActionPlots.heatmap("c", null, xy, 2, false, true, ""));
        assertEquals(null, control.chart(PaintStyle.LIGHT, area, 12).getDomainMarkers(
                org.jfree.chart.ui.Layer.FOREGROUND), "no move boundaries on a control task's heatmap");
    }

    @Test
    void actionsWithinTheirBoundFillABoxOfThatBoundAndOthersKeepTheirOwn() {
        // tanh of spread-out Gaussians: every sample within ±1, many near the edges.
        float[] squashed = new float[2 * 5000];
        java.util.Random rnd = new java.util.Random(3);
        for (int i = 0; i < squashed.length; i++) {
            squashed[i] = (float) Math.tanh(2 * rnd.nextGaussian());
        }
        assertEquals(1.05, ActionPlots.range(squashed, 2, false, 1.0), 1e-12, "after tanh: the action space, 5 % more");
        assertEquals(2.0, ActionPlots.range(squashed, 2, false, Double.NaN), 1e-12, "no bound: at least ±2");
        float[] beyond = squashed.clone();
        beyond[7] = 1.3f;
        assertEquals(2.0, ActionPlots.range(beyond, 2, false, 1.0), 1e-12, "a sample past the bound: the sample box");
        assertEquals(ActionPlots.range(squashed, 2, true), ActionPlots.range(squashed, 2, true, 1.0), 1e-12,
                "GridWorld keeps its move box");
    }

    @Test
    void verticalTextLeavesTheTransformAsItFoundIt() {
        // On screen the painters once drew through FXGraphics2D, whose create()d copies share one GraphicsContext:
        // everything after the first rotated label (colour bar, move fractions) was lost.
        java.awt.Graphics2D g = new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB).createGraphics();
        g.translate(3, 4);
        java.awt.geom.AffineTransform before = g.getTransform();
        PaintKit.verticalText(g, "label", 20, 20);
        assertEquals(before, g.getTransform());
        g.dispose();
    }

    @Test
    void histogramOfOneDimensionalActionsIsDrawn() throws Exception {
        Random r = new Random(1);
        float[] a = new float[10_000];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (r.nextGaussian() * 0.3 + (i % 2 == 0 ? -1 : 1));
        }
        BufferedImage img = render(ActionPlots.distribution("1-D action", "two modes", a, 1, false, 1.0, false),
                640, 420, "histogram-1d");
        assertTrue(countColour(img, new Color(0x3B6FD8)) > 2000, "bars drawn");
    }

    @Test
    void flowFrameChangesWithTau() throws Exception {
        FlowPaths paths = syntheticFlow();
        BufferedImage a = render(new FlowFramePainter(paths, 0.0), 600, 600, "flow-tau0");
        BufferedImage b = render(new FlowFramePainter(paths, 1.0), 600, 600, "flow-tau1");
        render(new FlowFramePainter(paths, 0.5), 600, 600, "flow-tau05");
        assertNotEquals(hash(a), hash(b));
    }

    @Test
    void trajectoriesAreColouredByOutcomeWithLegend() throws Exception {
        GridLayout l = GridLayouts.twoBands();
        List<Trajectory> ts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int[] up = new int[13];
            int[] down = new int[13];
            for (int k = 0; k < 13; k++) {
                up[k] = l.cellIndex(12, 12 + k);
                down[k] = l.cellIndex(12, 12 - k);
            }
            ts.add(Trajectory.of(i % 2 == 0 ? up : down, l));
        }
        assertEquals(1, ts.get(0).outcome());
        assertEquals(0, ts.get(1).outcome());
        float[] values = new float[l.cellCount()];
        for (int c = 0; c < l.cellCount(); c++) {
            values[c] = (float) Math.abs(l.cellY(c) - 12);
        }
        render(new GridWorldPainter(new GridScene("Rollouts", null, l, null, values, ts, List.of(l.cellIndex(12, 12)),
                l.cellIndex(12, 12), "20 episodes")), 700, 760, "grid-trajectories");
    }

    @Test
    void everyControlSystemHasADrawing() throws Exception {
        for (String id : ControlSuite.ids()) {
            var env = ControlSuite.create(id, 1);
            env.reset(new io.fpolab.core.math.Rng(3));
            double[] a = new double[env.spec().actDim()];
            java.util.Arrays.fill(a, 0.7);
            SystemFrame f = new SystemFrame(id, id, env.state(0), a, 1.25, 42.5, Double.NaN);
            BufferedImage img = render(new SystemPainter(f), 640, 420, "system-" + id);
            assertTrue(nonWhite(img) > 2000, id + " draws something");
        }
    }

    @Test
    void aMujocoTaskIsDrawnFromItsProjection() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.fpolab.env.mujoco.Mujoco.available(),
                () -> "MuJoCo is not usable here: " + io.fpolab.env.mujoco.Mujoco.problem());
        try (var env = io.fpolab.env.mujoco.MujocoSuite.create("cheetah-run", 1)) {
            io.fpolab.core.math.Rng rng = new io.fpolab.core.math.Rng(4);
            env.reset(rng);
            double[] a = {0.8, -0.6, 0.3, -0.9, 0.5, 1.0};
            float[] act = new float[6];
            for (int t = 0; t < 120; t++) {
                for (int k = 0; k < 6; k++) {
                    act[k] = (float) Math.sin(t * 0.25 + k);
                }
                env.step(act, rng);
            }
            var drawing = io.fpolab.analysis.probe.GeometryProjection.of(env.geometry(0));
            SystemFrame f = new SystemFrame("cheetah-run", "cheetah-run", env.state(0), a, 1.2, 31.4, Double.NaN,
                    List.of(), drawing);
            SystemPainter p = new SystemPainter(f);
            for (boolean dark : new boolean[] {false, true}) {
                BufferedImage img = Export.image(p, PaintStyle.of(dark, false), 640, 420, 1, 640, 420,
                        BufferedImage.TYPE_INT_RGB);
                javax.imageio.ImageIO.write(img, "png", Files.createDirectories(OUT)
                        .resolve("system-cheetah-run" + (dark ? "-dark" : "") + ".png").toFile());
                assertTrue(blue(img) > 1500, "thighs and feet drawn in the link blue: " + blue(img));
                assertTrue(countColour(img, new Color(dark ? 0xC5CDD8 : 0x2F3A4A)) > 1500,
                        "torso, head and shins drawn in the body colour");
                assertTrue(countColour(img, new Color(0xE66101)) > 100, "torques drawn as orange arcs");
            }
        }
    }

    @Test
    void ballInCupIsDrawnWithItsStringAndThePushOnTheCup() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.fpolab.env.mujoco.Mujoco.available(),
                () -> "MuJoCo is not usable here: " + io.fpolab.env.mujoco.Mujoco.problem());
        try (var env = io.fpolab.env.mujoco.MujocoSuite.create("ball_in_cup-catch", 1)) {
            env.reset(new io.fpolab.core.math.Rng(4));
            var drawing = io.fpolab.analysis.probe.GeometryProjection.of(env.geometry(0));
            Color action = new Color(0xE66101);
            int[] orange = new int[2];
            for (int k = 0; k < 2; k++) {
                double[] a = k == 0 ? new double[] {0, 0} : new double[] {1, 0.5};
                SystemFrame f = new SystemFrame("ball_in_cup-catch", "ball_in_cup-catch", env.state(0), a, 0, 0,
                        Double.NaN, List.of(), drawing);
                BufferedImage img = Export.image(new SystemPainter(f), PaintStyle.of(false, false), 640, 420, 1, 640,
                        420, BufferedImage.TYPE_INT_RGB);
                javax.imageio.ImageIO.write(img, "png", Files.createDirectories(OUT)
                        .resolve("system-ball_in_cup-catch-" + k + ".png").toFile());
                // The legend's arrow is orange in both; the push on the cup only with an action.
                orange[k] = countColour(img, action);
            }
            assertTrue(orange[1] > orange[0] + 50, "the push drawn as an orange arrow: " + orange[0] + " → "
                    + orange[1] + " orange pixels");
        }
    }

    @Test
    void theFishAndTheFingerAreDrawnWithTheirEpisodesTarget() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.fpolab.env.mujoco.Mujoco.available(),
                () -> "MuJoCo is not usable here: " + io.fpolab.env.mujoco.Mujoco.problem());
        for (String id : List.of("fish-swim", "finger-turn_easy")) {
            try (var env = io.fpolab.env.mujoco.MujocoSuite.create(id, 1)) {
                env.reset(new io.fpolab.core.math.Rng(5));
                double[] far = id.equals("fish-swim") ? new double[] {0.35, 0.3, 0.2} : new double[] {-0.2, 0.55};
                int[] green = new int[2];
                for (int k = 0; k < 2; k++) {
                    if (k == 1) {
                        env.setTarget(0, far);
                    }
                    var drawing = io.fpolab.analysis.probe.GeometryProjection.of(env.geometry(0));
                    SystemFrame f = new SystemFrame(id, id, env.state(0), new double[env.spec().actDim()], 0, 0,
                            Double.NaN, List.of(), drawing);
                    BufferedImage img = Export.image(new SystemPainter(f), PaintStyle.of(false, false), 640, 420, 1,
                            640, 420, BufferedImage.TYPE_INT_RGB);
                    javax.imageio.ImageIO.write(img, "png", Files.createDirectories(OUT)
                            .resolve("system-" + id + "-" + k + ".png").toFile());
                    green[k] = targetGreen(img, 0, img.getWidth());
                }
                assertTrue(green[0] > 300 && green[1] > 300, id + ": the target drawn in green, " + green[0] + " and "
                        + green[1] + " pixels");
            }
        }
    }

    /** Pixels of columns [x0, x1) in the target's green (0x1B9E77, also half-transparent over a light ground). */
    private static int targetGreen(BufferedImage img, int x0, int x1) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = x0; x < x1; x++) {
                Color c = new Color(img.getRGB(x, y));
                n += c.getGreen() - c.getRed() > 50 && c.getGreen() > c.getBlue() + 15 ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void theForkDrawingShowsTheWallGapsAndBothRoutesInTheirColours() throws Exception {
        // Three mirrored pairs of paths from the symmetry point: up-right then back to the goal, and its mirror image.
        List<double[]> paths = new ArrayList<>();
        for (int pair = 0; pair < 3; pair++) {
            for (int side : new int[] {1, -1}) {
                var env = ControlSuite.create("fork-easy", 1);
                env.reset(new io.fpolab.core.math.Rng(pair));
                double[] p = java.util.Arrays.copyOf(env.state(0), 2);
                for (int t = 0; t < 28; t++) {
                    double ax = t < 8 ? 1 : t < 14 ? 0.2 : -1;
                    env.stepPhysics(0, new double[] {side * ax, t < 8 ? 0.6 : 1});
                    p = java.util.Arrays.copyOf(p, p.length + 2);
                    p[p.length - 2] = env.state(0)[0];
                    p[p.length - 1] = env.state(0)[1];
                }
                paths.add(p);
            }
        }
        assertEquals(1, SystemPainter.route(paths.get(0)));
        assertEquals(-1, SystemPainter.route(paths.get(1)));
        assertEquals(0, SystemPainter.route(new double[] {0, -0.2, 0.01, -0.1}));
        double[] last = paths.get(paths.size() - 1);
        SystemFrame f = new SystemFrame("fork-easy", "fork-easy", new double[] {last[last.length - 2], last[last.length - 1], 0, 0},
                new double[] {-0.6, 0.8}, 1.4, 21.3, 24.0, paths);
        BufferedImage img = render(new SystemPainter(f), 640, 560, "system-fork-routes");
        assertTrue(gold(img) > 300, "left-gap paths drawn in gold: " + gold(img));
        assertTrue(blue(img) > 300, "right-gap paths drawn in blue: " + blue(img));
    }

    /** Pixels of a gold hue (the left route, also where drawn faintly), not the orange of the action arrow. */
    private static int gold(BufferedImage img) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                Color p = new Color(img.getRGB(x, y));
                n += p.getRed() - p.getBlue() > 60 && p.getGreen() - p.getBlue() > 40 && p.getRed() - p.getGreen() < 60 ? 1 : 0;
            }
        }
        return n;
    }

    /** Pixels of a blue hue (the right route). */
    private static int blue(BufferedImage img) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                Color p = new Color(img.getRGB(x, y));
                n += p.getBlue() - p.getRed() > 50 && p.getBlue() - p.getGreen() > 30 ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void svgExportIsWellFormedXml() throws Exception {
        String svg = Export.svg(new FlowFramePainter(syntheticFlow(), 0.3), 500, 500);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        var doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        Path file = OUT.resolve("flow.svg");
        Export.svg(new FlowFramePainter(syntheticFlow(), 0.3), file, 500, 500);
        assertTrue(Files.size(file) > 1000);
    }

    /** Gaussian noise that splits into two modes at y = ±1, plus a grid that follows the same map. */
    static FlowPaths syntheticFlow() {
        Random r = new Random(7);
        int n = 4000;
        int k = 10;
        float[][] s = new float[k + 1][2 * n];
        for (int i = 0; i < n; i++) {
            s[0][2 * i] = (float) r.nextGaussian();
            s[0][2 * i + 1] = (float) r.nextGaussian();
        }
        for (int j = 1; j <= k; j++) {
            double t = (double) j / k;
            for (int i = 0; i < n; i++) {
                s[j][2 * i] = (float) (s[0][2 * i] * (1 - 0.8 * t));
                double y0 = s[0][2 * i + 1];
                s[j][2 * i + 1] = (float) ((1 - t) * y0 + t * (Math.signum(y0) * 1.0 + 0.15 * y0));
            }
        }
        float[][][] grid = new float[k + 1][26][];
        for (int j = 0; j <= k; j++) {
            double t = (double) j / k;
            for (int line = 0; line < 26; line++) {
                float[] pts = new float[98];
                double v = -3 + 6.0 * (line % 13) / 12;
                for (int i = 0; i < 49; i++) {
                    double u = -3 + 6.0 * i / 48;
                    double x = line < 13 ? u : v;
                    double y = line < 13 ? v : u;
                    pts[2 * i] = (float) (x * (1 - 0.8 * t));
                    pts[2 * i + 1] = (float) ((1 - t) * y + t * (Math.tanh(3 * y) + 0.15 * y));
                }
                grid[j][line] = pts;
            }
        }
        return new FlowPaths("synthetic flow", "two modes", 2, 2, s, grid, 3, false);
    }

    private static int nonWhite(BufferedImage img) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    n++;
                }
            }
        }
        return n;
    }

    private static int countColourOnMap(BufferedImage img, GridWorldPainter p, Color c) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (p.cellAt(x + 0.5, y + 0.5, img.getWidth(), img.getHeight()) >= 0
                        && (img.getRGB(x, y) & 0xFFFFFF) == (c.getRGB() & 0xFFFFFF)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static int countColour(BufferedImage img, Color c) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == (c.getRGB() & 0xFFFFFF)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static long hash(BufferedImage img) {
        long h = 0;
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                h = h * 31 + img.getRGB(x, y);
            }
        }
        return h;
    }

    /** A PNG or SVG export that does not fit on its disk leaves no partial file (the atomic writer). */
    @Test
    void anExportThatDoesNotFitLeavesNoPartialFile() throws Exception {
        java.nio.file.Path mount = java.nio.file.Files.createDirectories(OUT.resolve("small-disk"));
        org.junit.jupiter.api.Assumptions.assumeTrue(io.fpolab.SmallDisk.mount(mount, "16k"),
                "mounting a 16 kB tmpfs needs root and mount(8); skipped here");
        try {
            Painter big = (g, w, h) -> {
                for (int i = 0; i < 2000; i++) {
                    g.setColor(new java.awt.Color(i * 7919 % 0xFFFFFF));
                    g.fillRect(i % 97 * 10, i / 97 * 10, 9, 9);
                }
            };
            assertThrows(java.io.IOException.class, () -> Export.png(big, mount.resolve("big.png"), 1000, 1000));
            assertThrows(java.io.IOException.class, () -> Export.svg(big, mount.resolve("big.svg"), 1000, 1000));
            try (java.util.stream.Stream<java.nio.file.Path> left = java.nio.file.Files.list(mount)) {
                assertEquals(java.util.List.of(), left.toList(), "a partial file was left");
            }
        } finally {
            io.fpolab.SmallDisk.unmount(mount);
        }
    }
}
