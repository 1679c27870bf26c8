package io.fpolab.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.train.IterationStats;
import io.fpolab.ui.charts.MetricsChartModel.RunData;
import java.awt.geom.Rectangle2D;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.LegendItemEntity;
import org.jfree.chart.fx.ChartCanvas;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.Range;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The interactive training-curves chart, headless: wheel zoom and reset, pointer readout, legend, smoothing. */
class MetricsChartViewTest extends FxRobot {
    private static final Path TMP = Path.of(System.getProperty("fpolab.tmp", "target/test-tmp"), "curves");
    private MetricsChartView view;

    /** An iteration of 100 env steps with return {@code ret} and, every second iteration, a success rate. */
    private static IterationStats stats(int it, double ret) {
        double nan = Double.NaN;
        return new IterationStats(it, it * 100L, it * 0.5, 1, ret, 10, nan, 0, 0, 1, 1, 1, 0, 0, 0, 1, nan, nan, 0,
                3e-4, 200, 0.1, 0.4, it % 2 == 0 ? Map.of("success_rate", Math.min(1, it / 40.0)) : Map.of());
    }

    /** A noisy rising return: {@code 10·i + offset} plus ±15 alternating. */
    private static List<IterationStats> history(int n, double offset) {
        List<IterationStats> h = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            h.add(stats(i, 10 * i + offset + (i % 2 == 0 ? 15 : -15)));
        }
        return h;
    }

    private static final List<RunData> RUNS = List.of(
            new RunData("FPO · gridworld · seed 0", "g", "FPO · gridworld", 0, 0, history(40, 0)),
            new RunData("Gaussian PPO · gridworld · seed 0", "h", "Gaussian PPO · gridworld", 0, 1,
                    history(40, 200)));

    @BeforeAll
    static void stage() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void show() throws Exception {
        AtomicReference<MetricsChartView> holder = new AtomicReference<>();
        FxToolkit.setupStage(s -> {
            MetricsChartView v = new MetricsChartView();
            holder.set(v);
            s.setScene(new Scene(new StackPane(v.node()), 1000, 650));
            s.show();
            v.setVisible(true);
            v.setRunData(RUNS);
            v.setMetric(MetricsChartModel.DEFAULT_METRIC);
        });
        WaitForAsyncUtils.waitForFxEvents();
        view = holder.get();
        waitUntil("the chart is drawn", () -> fx(() -> view.viewer().getRenderingInfo() != null
                && view.viewer().getRenderingInfo().getPlotInfo().getDataArea().getWidth() > 100));
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(30, TimeUnit.SECONDS);
    }

    private static void waitUntil(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
    }

    private XYPlot plot() {
        return view.chart().getXYPlot();
    }

    /** Screen position of a point of the canvas. */
    private Point2D screen(double x, double y) throws Exception {
        return fx(() -> view.viewer().getCanvas().localToScreen(x, y));
    }

    /** Screen position of the data point (x, y) as the chart draws it now. */
    private Point2D screenOf(double x, double y) throws Exception {
        return fx(() -> {
            Rectangle2D area = view.viewer().getRenderingInfo().getPlotInfo().getDataArea();
            double sx = plot().getDomainAxis().valueToJava2D(x, area, plot().getDomainAxisEdge());
            double sy = plot().getRangeAxis().valueToJava2D(y, area, plot().getRangeAxisEdge());
            return view.viewer().getCanvas().localToScreen(sx, sy);
        });
    }

    private Point2D plotCentre() throws Exception {
        Rectangle2D area = fx(() -> view.viewer().getRenderingInfo().getPlotInfo().getDataArea());
        return screen(area.getCenterX(), area.getCenterY());
    }

    @Test
    void untilAMetricIsPickedTheRunsHeadlineMetricIsShown() throws Exception {
        MetricsChartView fresh = fx(() -> {
            MetricsChartView v = new MetricsChartView();
            v.setVisible(true);
            v.setRunData(RUNS);
            return v;
        });
        waitUntil("the metric list", () -> fx(() -> !fresh.metricChoices().isEmpty()));
        assertEquals(fx(() -> fresh.metricChoices().get(0)), fx(fresh::metric));
        assertNotEquals(MetricsChartModel.DEFAULT_METRIC, fx(fresh::metric), "GridWorld runs lead with success rate");
    }

    @Test
    void aControlRunEvaluatedOnlyAtItsEndOpensOnItsTrainingReturnNotOnIterations() throws Exception {
        // No episode ends in the first iterations (1000-step episodes that all start together), then one per
        // iteration; one final evaluation: a dot, not a curve.
        List<IterationStats> h = new ArrayList<>();
        double nan = Double.NaN;
        for (int i = 1; i <= 20; i++) {
            h.add(new IterationStats(i, i * 100L, i * 0.5, i < 5 ? 0 : 1, i < 5 ? nan : 10.0 * i, 1000, nan, 0, 0, 1,
                    1, 1, 0, 0, 0, 1, nan, nan, 0, 3e-4, 200, 0.1, 0.4, i == 20 ? Map.of("eval_return", 250.0)
                    : Map.of()));
        }
        MetricsChartView fresh = fx(() -> {
            MetricsChartView v = new MetricsChartView();
            v.setVisible(true);
            v.setRunData(List.of(new RunData("FPO · reacher-easy · s0", "c", "FPO · reacher-easy", 0, 0,
                    h.subList(0, 4))));
            return v;
        });
        waitUntil("the metric list", () -> fx(() -> !fresh.metricChoices().isEmpty()));
        assertEquals(MetricsChartModel.DEFAULT_METRIC, fx(fresh::metric), "no episode ended yet: the training return");
        assertTrue(MetricsChartView.noDataMessage(List.of(new RunData("r", "c", "R", 0, 0, h.subList(0, 4))),
                fx(fresh::metric)).startsWith("No episode has ended yet"));
        fx(() -> {
            fresh.setRunData(List.of(new RunData("FPO · reacher-easy · s0", "c", "FPO · reacher-easy", 0, 0,
                    h.subList(0, 8))));
            return null;
        });
        assertEquals(MetricsChartModel.DEFAULT_METRIC, fx(fresh::metric), "no evaluation yet: the training return");
        fx(() -> {
            fresh.setRunData(List.of(new RunData("FPO · reacher-easy · s0", "c", "FPO · reacher-easy", 0, 0, h)));
            return null;
        });
        waitUntil("the evaluation offered", () -> fx(() -> fresh.metricChoices().contains("eval_return")));
        assertEquals(MetricsChartModel.DEFAULT_METRIC, fx(fresh::metric), "one evaluation point does not take over");
    }

    @Test
    void wheelZoomNarrowsTheDomainAndDoubleClickOrResetBringsItBack() throws Exception {
        Range full = fx(() -> plot().getDomainAxis().getRange());
        moveTo(plotCentre());
        scroll(3, VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        Range zoomed = fx(() -> plot().getDomainAxis().getRange());
        assertTrue(zoomed.getLength() < 0.9 * full.getLength(), "wheel zoom: " + full + " → " + zoomed);
        assertTrue(fx(view::zoomed));

        // New iterations arriving keep the user's zoom.
        fx(() -> {
            view.refresh(true);
            return null;
        });
        assertEquals(zoomed, fx(() -> plot().getDomainAxis().getRange()));

        doubleClickOn(plotCentre());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(full, fx(() -> plot().getDomainAxis().getRange()), "double-click resets the zoom");
        assertFalse(fx(view::zoomed));

        moveTo(plotCentre());
        scroll(2, VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertNotEquals(full, fx(() -> plot().getDomainAxis().getRange()));
        clickOn("#resetZoom");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(full, fx(() -> plot().getDomainAxis().getRange()), "the Reset zoom button resets it");
    }

    @Test
    void hoveringOverAPointReportsItsRunAndValues() throws Exception {
        // Iteration 20 of the Gaussian run: 2,000 env steps, return 10·20 + 200 + 15 = 415.
        moveTo(screenOf(2000, 415));
        WaitForAsyncUtils.waitForFxEvents();
        String text = fx(view::readoutText);
        assertTrue(text.contains("Gaussian PPO · gridworld · seed 0"), text);
        assertTrue(text.contains("2,000 env steps: 415"), text);

        Files.createDirectories(TMP);
        MetricsChartView v = view;
        javafx.scene.image.WritableImage img = fx(() -> v.node().snapshot(null, null));
        ChartExport.writePng(javafx.embed.swing.SwingFXUtils.fromFXImage(img, null), TMP.resolve("readout.png"));

        moveTo(screen(2, 2));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", fx(view::readoutText), "no readout outside the plot");
    }

    @Test
    void clickingALegendEntryHidesThatRunAndClickingAgainShowsIt() throws Exception {
        String gaussian = "Gaussian PPO · gridworld · seed 0";
        assertEquals(2, fx(() -> plot().getDataset(1).getSeriesCount()));
        clickOn(legendEntry(gaussian));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(java.util.Set.of(gaussian), fx(view::hiddenRuns));
        XYDataset shown = fx(() -> plot().getDataset(1));
        assertEquals(1, shown.getSeriesCount());
        assertEquals("FPO · gridworld · seed 0", shown.getSeriesKey(0));
        // The hidden run keeps a (greyed) legend entry, so it can be shown again.
        LegendItemCollection legend = fx(() -> plot().getLegendItems());
        assertEquals(2, legend.getItemCount());
        assertEquals(gaussian + " (hidden)", legend.get(1).getLabel());

        clickOn(legendEntry(gaussian));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx(view::hiddenRuns).isEmpty());
        assertEquals(2, fx(() -> plot().getDataset(1).getSeriesCount()));
    }

    @Test
    void aHiddenBandStaysHiddenWhenAnotherSeedArrives() throws Exception {
        fx(() -> {
            view.setBands(true);
            return null;
        });
        clickOn(legendEntry("FPO · gridworld"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, fx(() -> plot().getDataset(1).getSeriesCount()));
        List<RunData> more = new ArrayList<>(RUNS);
        more.add(new RunData("FPO · gridworld · seed 1", "g", "FPO · gridworld", 1, 2, history(40, 50)));
        fx(() -> {
            view.setRunData(more);
            return null;
        });
        assertEquals("Gaussian PPO · gridworld (1 seed)", fx(() -> plot().getDataset(1).getSeriesKey(0)));
        assertEquals("FPO · gridworld (2 seeds) (hidden)", fx(() -> plot().getLegendItems().get(0).getLabel()));
    }

    /** Screen centre of the legend entry of {@code name}, as the chart last drew it. */
    private Point2D legendEntry(String name) throws Exception {
        waitUntil("the legend entry of " + name, () -> fx(() -> findLegendEntry(name)) != null);
        Rectangle2D b = fx(() -> findLegendEntry(name));
        return screen(b.getCenterX(), b.getCenterY());
    }

    private Rectangle2D findLegendEntry(String name) {
        ChartCanvas canvas = view.viewer().getCanvas();
        for (Object o : canvas.getRenderingInfo().getEntityCollection().getEntities()) {
            if (o instanceof LegendItemEntity e && name.equals(e.getSeriesKey())) {
                return ((ChartEntity) e).getArea().getBounds2D();
            }
        }
        return null;
    }

    @Test
    void smoothingDrawsTheSmoothedCurveOverTheFaintRawOne() throws Exception {
        assertEquals(0, fx(() -> plot().getDataset(0).getSeriesCount()), "weight 0: raw curves only");
        double rawY = fx(() -> plot().getDataset(1).getYValue(0, 10));
        fx(() -> {
            view.setSmoothing(0.8);
            return null;
        });
        waitUntil("the smoothed curves", () -> fx(() -> plot().getDataset(0).getSeriesCount() == 2));
        double smoothY = fx(() -> plot().getDataset(1).getYValue(0, 10));
        double behind = fx(() -> plot().getDataset(0).getYValue(0, 10));
        assertEquals(rawY, behind, 1e-12, "the raw curve is drawn behind");
        assertNotEquals(rawY, smoothY, "the strong curve is smoothed");
        java.awt.Color faint = (java.awt.Color) fx(() -> plot().getRenderer(0).getSeriesPaint(0));
        java.awt.Color strong = (java.awt.Color) fx(() -> plot().getRenderer(1).getSeriesPaint(0));
        assertEquals(strong.getRGB() & 0xffffff, faint.getRGB() & 0xffffff, "same colour");
        assertTrue(faint.getAlpha() < 128, "raw curve faint: alpha " + faint.getAlpha());
    }

    @Test
    void logScaleLeavesOutNonPositiveValuesAndSaysSo() throws Exception {
        List<IterationStats> h = List.of(stats(1, -3), stats(2, 0), stats(3, 5), stats(4, 50));
        fx(() -> {
            view.setRunData(List.of(new RunData("r", "g", "R", 0, 0, h)));
            view.setLogScale(true);
            return null;
        });
        waitUntil("the log axis", () -> fx(() -> plot().getRangeAxis() instanceof org.jfree.chart.axis.LogAxis));
        String note = fx(() -> ((javafx.scene.control.Label) view.node().lookup("#chartNote")).getText());
        assertEquals("Log scale: 2 points at or below 0 not drawn.", note);
        assertTrue(fx(() -> view.node().lookup("#chartNote").isVisible()));
    }

    @Test
    void exportCarriesTheMetricAsTitleAndALegendOfTheShownRuns() throws Exception {
        fx(() -> {
            view.toggle("Gaussian PPO · gridworld · seed 0");
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        Files.createDirectories(TMP);
        Path svg = TMP.resolve("curves.svg");
        view.exportSvg(svg, 800, 500);
        String text = Files.readString(svg);
        assertTrue(text.contains("Episode return (mean)"), "title");
        assertTrue(text.contains("FPO · gridworld · seed 0"), "legend");
        assertFalse(text.contains("Gaussian PPO"), "a hidden run is not exported");
        Path png = TMP.resolve("curves.png");
        view.exportPng(png, 800, 500, 1);
        assertEquals(800, javax.imageio.ImageIO.read(png.toFile()).getWidth());
    }
}
