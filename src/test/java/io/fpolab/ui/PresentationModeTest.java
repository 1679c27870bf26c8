package io.fpolab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.train.TrainingRun.State;
import io.fpolab.ui.charts.ChartStyle;
import io.fpolab.ui.charts.MetricsChartView;
import io.fpolab.ui.paint.PaintKit;
import io.fpolab.ui.paint.PaintStyle;
import io.fpolab.ui.views.PainterCanvas;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Pane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Presentation mode and the dark theme on a projector-sized window: chart text doubles, the side panel
 * folds away and comes back, nothing is cut to "…" or pushed out of the window, and painted views go dark.
 */
class PresentationModeTest extends LabWindowFixture {
    private Stage stage() {
        return FxToolkit.toolkitContext().getRegisteredStage();
    }

    /** Trains a GridWorld run for a few iterations and shows it in the GridWorld tab. */
    private PainterCanvas trainedGridWorld() throws Exception {
        LabFixture.fastFigure1(view, Map.of("ppo.totalSteps", "640"));
        LabFixture.fxRun(() -> view.runs().start(view.panel().config()));
        LabFixture.waitFor(240, () -> view.runs().selected().state() == State.FINISHED);
        // A short name: the figure title must fit the panel at twice the size (a longer one is drawn smaller).
        LabFixture.fx(() -> view.rename(view.runs().selected(), "FPO · gridworld · s0"))
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        selectTab("tab-gridworld");
        PainterCanvas canvas = LabFixture.fx(() -> (PainterCanvas) stage().getScene().lookup("#gridCanvas"));
        LabFixture.waitFor(30, () -> canvas.painter() != null && canvas.paints() > 0);
        return canvas;
    }

    private void selectTab(String id) throws Exception {
        LabFixture.fxRun(() -> {
            for (Tab t : view.viewArea().getTabs()) {
                if (id.equals(t.getId())) {
                    view.viewArea().getSelectionModel().select(t);
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void setWindow(int width, int height, boolean presentation, boolean dark) throws Exception {
        LabFixture.fxRun(() -> {
            view.setDarkTheme(dark);
            view.setPresentation(presentation);
            // Set the size after entering presentation mode: headless, full screen keeps the size it is given.
            stage().setWidth(width);
            stage().setHeight(height);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits until {@code canvas} shows an image painted at its current size in its current style. */
    private static BufferedImage paintedImage(PainterCanvas canvas) throws Exception {
        LabFixture.waitFor(30, () -> canvas.paints() > 0 && canvas.paintedStyle().equals(canvas.style()));
        // Let a paint for a resize that was still in flight finish.
        long paints;
        do {
            paints = LabFixture.fx(canvas::paints);
            Thread.sleep(400);
            WaitForAsyncUtils.waitForFxEvents();
        } while (LabFixture.fx(canvas::paints) != paints);
        return SwingFXUtils.fromFXImage(LabFixture.fx(() -> canvas.snapshot(null, null)), null);
    }

    /** Height in pixels of the first run of rows from the top that differ from the background (the title text). */
    private static int titleInkHeight(BufferedImage img) {
        int background = img.getRGB(2, 2);
        int first = -1;
        for (int y = 0; y < img.getHeight(); y++) {
            boolean ink = false;
            for (int x = 0; x < img.getWidth() && !ink; x++) {
                ink = colourDistance(img.getRGB(x, y), background) > 120;
            }
            if (ink && first < 0) {
                first = y;
            } else if (!ink && first >= 0) {
                return y - first;
            }
        }
        return 0;
    }

    private static int colourDistance(int a, int b) {
        return Math.abs(((a >> 16) & 255) - ((b >> 16) & 255)) + Math.abs(((a >> 8) & 255) - ((b >> 8) & 255))
                + Math.abs((a & 255) - (b & 255));
    }

    private static float tickFontSize(PaintStyle style) {
        JFreeChart chart = ChartFactory.createXYLineChart(null, "x", "y", new XYSeriesCollection());
        ChartStyle.apply(chart, style);
        return ((NumberAxis) chart.getXYPlot().getRangeAxis()).getTickLabelFont().getSize2D();
    }

    @Test
    void presentationModeDoublesChartText() throws Exception {
        setWindow(1280, 800, false, false);
        PainterCanvas grid = trainedGridWorld();
        setWindow(1280, 800, false, false);
        BufferedImage normal = paintedImage(grid);
        PaintStyle normalStyle = LabFixture.fx(grid::paintedStyle);
        float normalBase = LabFixture.fx(() -> PaintKit.baseSize(grid.paintedStyle(), (int) grid.getWidth(),
                (int) grid.getHeight()));

        setWindow(1280, 800, true, false);
        BufferedImage presented = paintedImage(grid);
        PaintStyle presentedStyle = LabFixture.fx(grid::paintedStyle);
        float presentedBase = LabFixture.fx(() -> PaintKit.baseSize(grid.paintedStyle(), (int) grid.getWidth(),
                (int) grid.getHeight()));

        assertTrue(presentedBase >= 2 * normalBase, "painter base size " + normalBase + " → " + presentedBase);
        int normalTitle = titleInkHeight(normal);
        int presentedTitle = titleInkHeight(presented);
        assertTrue(normalTitle > 5, "no title text found in the normal image");
        assertTrue(presentedTitle >= 1.9 * normalTitle, "title text height " + normalTitle + " px → " + presentedTitle
                + " px");
        assertTrue(tickFontSize(presentedStyle) >= 2 * tickFontSize(normalStyle),
                "chart tick labels " + tickFontSize(normalStyle) + " → " + tickFontSize(presentedStyle));
        assertTrue(ChartStyle.lineWidth(presentedStyle) >= 2 * ChartStyle.lineWidth(normalStyle));

        // The training-curves chart follows the same style.
        selectTab("tab-training-curves");
        MetricsChartView chart = (MetricsChartView) view.views().get(0);
        assertEquals(presentedStyle, LabFixture.fx(chart::style));
    }

    @Test
    void sidePanelFoldsAwayInPresentationModeAndComesBack() throws Exception {
        setWindow(1280, 800, false, false);
        Node panel = lookup("#experimentPanel").query();
        assertTrue(LabFixture.fx(() -> shown(panel)), "side panel shown at start");

        setWindow(1280, 800, true, false);
        assertFalse(LabFixture.fx(() -> shown(panel)), "presentation mode hides the side panel");
        double viewWidth = LabFixture.fx(() -> view.viewArea().getWidth());
        assertTrue(viewWidth > 1200, "the views fill the window: " + viewWidth);

        // Visible way back: the status bar's toggle; and the shortcut.
        clickOn("#sidePanelButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(LabFixture.fx(() -> shown(panel)), "the Side panel button brings it back");
        press(KeyCode.CONTROL, KeyCode.B).release(KeyCode.B, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(LabFixture.fx(() -> shown(panel)), "Ctrl+B hides it again");

        setWindow(1280, 800, false, false);
        assertTrue(LabFixture.fx(() -> shown(panel)), "leaving presentation mode restores the side panel");
        press(KeyCode.CONTROL, KeyCode.B).release(KeyCode.B, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(LabFixture.fx(() -> shown(panel)), "Ctrl+B hides it outside presentation mode too");
    }

    private static boolean shown(Node n) {
        if (n.getScene() == null) {
            return false;
        }
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return n.getLayoutBounds().getWidth() > 50;
    }

    @Test
    void nothingIsCutOffAtProjectorSizes() throws Exception {
        trainedGridWorld();
        List<String> problems = new ArrayList<>();
        for (int[] size : new int[][] {{1280, 800}, {1024, 768}}) {
            for (boolean presentation : new boolean[] {false, true}) {
                setWindow(size[0], size[1], presentation, presentation);
                for (String tab : LabFixture.fx(() -> view.viewArea().getTabs().stream().map(Tab::getId).toList())) {
                    selectTab(tab);
                    Thread.sleep(200);
                    WaitForAsyncUtils.waitForFxEvents();
                    String where = size[0] + "×" + size[1] + (presentation ? " presentation" : " normal") + ", " + tab;
                    for (String p : LabFixture.fx(() -> cutOff(stage().getScene()))) {
                        problems.add(where + ": " + p);
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /**
     * Every visible labelled control whose rendered text differs from its text (cut to "…"), and every
     * button, tab and toolbar that reaches outside the window. Content of scroll panes may scroll out of
     * view and is not checked for position.
     */
    static List<String> cutOff(Scene scene) {
        List<String> out = new ArrayList<>();
        // Labels update their shown text in the next layout: lay out now, so a text set a moment ago counts.
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        walk(scene.getRoot(), scene.getWidth(), scene.getHeight(), false, out);
        return out;
    }

    private static void walk(Node n, double width, double height, boolean scrolled, List<String> out) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            String expected = l.isMnemonicParsing() ? l.getText().replaceFirst("_", "") : l.getText();
            for (Node c : l.getChildrenUnmodifiable()) {
                if (c instanceof Text t && c.isVisible() && !expected.equals(t.getText())) {
                    out.add(describe(l) + " shows \"" + t.getText() + "\" of \"" + expected + "\"");
                }
            }
        }
        boolean checkBounds = n instanceof ButtonBase || n.getStyleClass().contains("tab")
                || n.getStyleClass().contains("tool-bar");
        if (checkBounds && !scrolled) {
            Bounds b = n.localToScene(n.getLayoutBounds());
            if (b.getMinX() < -0.5 || b.getMinY() < -0.5 || b.getMaxX() > width + 0.5 || b.getMaxY() > height + 0.5) {
                out.add(describe(n) + " reaches outside the " + (int) width + "×" + (int) height + " window: " + b);
            }
        }
        if (n instanceof Parent p) {
            boolean inside = scrolled || n instanceof ScrollPane || n.getStyleClass().contains("virtual-flow");
            for (Node c : p.getChildrenUnmodifiable()) {
                walk(c, width, height, inside, out);
            }
        }
    }

    private static String describe(Node n) {
        String name = n.getClass().getSimpleName() + (n.getId() == null ? "" : "#" + n.getId());
        if (n instanceof Labeled l && l.getText() != null) {
            name += " \"" + l.getText() + "\"";
        }
        return name;
    }

    @Test
    void darkThemePaintsChartsDark() throws Exception {
        setWindow(1280, 800, false, false);
        PainterCanvas grid = trainedGridWorld();
        assertTrue(luminance(paintedImage(grid).getRGB(3, 3)) > 200, "light theme: white figure");

        setWindow(1280, 800, false, true);
        BufferedImage dark = paintedImage(grid);
        assertTrue(luminance(dark.getRGB(3, 3)) < 60, "dark theme: the figure's background is dark, was "
                + Integer.toHexString(dark.getRGB(3, 3)));
        assertTrue(luminance(dark.getRGB(3, 3)) < 60 && titleInkHeight(dark) > 5, "light title text on it");
        Pane root = LabFixture.fx(() -> (Pane) stage().getScene().lookup(".run-view"));
        assertTrue(LabFixture.fx(() -> root.getBackground() != null
                && luminance(colour(root.getBackground().getFills().get(0).getFill())) < 60), "the view around it is dark");
    }

    private static int colour(javafx.scene.paint.Paint p) {
        javafx.scene.paint.Color c = (javafx.scene.paint.Color) p;
        return ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8)
                | (int) Math.round(c.getBlue() * 255);
    }

    private static double luminance(int rgb) {
        return 0.2126 * ((rgb >> 16) & 255) + 0.7152 * ((rgb >> 8) & 255) + 0.0722 * (rgb & 255);
    }
}
