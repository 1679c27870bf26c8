package io.fpolab.ui.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.ConfigIO;
import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.env.Envs;
import io.fpolab.env.grid.GridLayout;
import io.fpolab.env.grid.GridWorldVecEnv;
import io.fpolab.train.Trainer;
import io.fpolab.train.TrainingRun;
import io.fpolab.ui.paint.Export;
import io.fpolab.ui.paint.GridActionPainter;
import io.fpolab.ui.paint.GridWorldPainter;
import io.fpolab.ui.paint.Painter;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The run views on a real small GridWorld run, headless: click, slide, paint, export. */
class RunViewsTest extends FxRobot {
    private static final Path TMP = Path.of(System.getProperty("fpolab.tmp", "target/test-tmp"), "views");
    private static TrainingRun run;
    private static TrainingRun other;
    private Stage stage;

    @BeforeAll
    static void startRun() throws Exception {
        ExperimentConfig cfg = ConfigSchema.withOverride(ConfigIO.loadResource("/sample-configs/gridworld-fpo-fast.json"),
                "ppo.totalSteps", "4096");
        run = new TrainingRun("fpo-tiny", () -> new Trainer(cfg, Envs.create(cfg.env())));
        run.start();
        ExperimentConfig gauss = ConfigSchema.withOverride(
                ConfigIO.loadResource("/sample-configs/gridworld-gaussian-ppo.json"), "ppo.totalSteps", "4096");
        other = new TrainingRun("gaussian-tiny", () -> new Trainer(gauss, Envs.create(gauss.env())));
        other.start();
        FxToolkit.registerPrimaryStage();
    }

    @AfterAll
    static void closeRun() {
        run.close();
        other.close();
    }

    @AfterEach
    void cleanup() throws Exception {
        FxToolkit.cleanupStages();
    }

    private <V extends RunView> V show(Supplier<V> factory) throws Exception {
        java.util.concurrent.atomic.AtomicReference<V> holder = new java.util.concurrent.atomic.AtomicReference<>();
        FxToolkit.setupStage(s -> {
            stage = s;
            V v = factory.get();
            holder.set(v);
            s.setScene(new Scene(new StackPane(v.node()), 1000, 700));
            s.show();
            v.setVisible(true);
            v.setRun(run);
        });
        WaitForAsyncUtils.waitForFxEvents();
        return holder.get();
    }

    private static void waitUntil(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
    }

    private static long fingerprint(Painter p) {
        BufferedImage img = Export.image(p, 400, 400, 1.0);
        long h = 0;
        for (int y = 0; y < 400; y += 2) {
            for (int x = 0; x < 400; x += 2) {
                h = h * 31 + img.getRGB(x, y);
            }
        }
        return h;
    }

    private void clickCell(PainterCanvas canvas, GridWorldPainter painter, int x, int y) {
        GridLayout l = painter.scene().layout();
        int target = l.cellIndex(x, y);
        int w = (int) canvas.getWidth();
        int h = (int) canvas.getHeight();
        Bounds b = canvas.localToScreen(canvas.getBoundsInLocal());
        for (int py = 0; py < h; py++) {
            for (int px = 0; px < w; px++) {
                if (painter.cellAt(px + 0.5, py + 0.5, w, h) == target
                        && painter.cellAt(px + 3.5, py + 3.5, w, h) == target) {
                    clickOn(new javafx.geometry.Point2D(b.getMinX() + px + 2, b.getMinY() + py + 2));
                    return;
                }
            }
        }
        throw new AssertionError("cell (" + x + ", " + y + ") not found on the canvas");
    }

    @Test
    void clickingACellChangesTheHeatmapAndExportWorks() throws Exception {
        ActionDistributionView view = show(ActionDistributionView::create);
        PainterCanvas picker = lookup("#picker").queryAs(PainterCanvas.class);
        PainterCanvas main = lookup("#mainCanvas").queryAs(PainterCanvas.class);
        waitUntil("the first heatmap", () -> main.painter() != null && picker.painter() instanceof GridWorldPainter);
        Painter before = main.painter();
        assertTrue(lookup("#viewStatus").queryAs(Label.class).getText().contains("cell (12, 12)"), lookup("#viewStatus").queryAs(Label.class).getText());
        clickCell(picker, (GridWorldPainter) picker.painter(), 3, 20);
        waitUntil("the heatmap of cell (3, 20)", () -> lookup("#viewStatus").queryAs(Label.class).getText()
                .contains("cell (3, 20)"));
        assertNotEquals(fingerprint(before), fingerprint(main.painter()), "the heatmap changed");
        Path png = TMP.resolve("action-distribution.png");
        Path svg = TMP.resolve("action-distribution.svg");
        interact(() -> {
            try {
                view.exportPng(png, 800, 600);
                view.exportSvg(svg, 800, 600);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(Files.size(png) > 5_000 && Files.size(svg) > 5_000);
        interact(() -> view.setRun(null));
        assertTrue(lookup(".empty-state").queryAs(Label.class).isVisible(), "empty state without a run");
    }

    @Test
    void aComparedRunIsDrawnBelowInATallAreaAndBesideInAWideOne() throws Exception {
        ActionDistributionView view = show(ActionDistributionView::create);
        PainterCanvas main = lookup("#mainCanvas").queryAs(PainterCanvas.class);
        PainterCanvas compare = lookup("#compareCanvas").queryAs(PainterCanvas.class);
        PlotPair plots = lookup("#plots").queryAs(PlotPair.class);
        waitUntil("the first heatmap", () -> main.painter() != null);
        assertTrue(!compare.isVisible() && main.getWidth() == plots.getWidth(), "one plot takes the whole area");
        interact(() -> view.setAvailableRuns(List.of(run, other)));
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<TrainingRun> box = lookup("#compareBox").queryAs(javafx.scene.control.ComboBox.class);
        assertEquals(java.util.Arrays.asList(null, other), box.getItems(), "a run is not offered to compare with itself");
        assertEquals("— none —", box.getButtonCell().getText());
        interact(() -> box.setValue(other));
        waitUntil("the compared heatmap", () -> compare.isVisible() && compare.painter() != null);
        double[] boxes = new double[2];
        interact(() -> {
            boxes[0] = ((GridActionPainter) main.painter()).data().heatmap().histogram().hi();
            boxes[1] = ((GridActionPainter) compare.painter()).data().heatmap().histogram().hi();
        });
        assertEquals(boxes[0], boxes[1], "compared runs share one box, so equal spreads look equal");
        interact(() -> {
            stage.setX(0); // stay within Monocle's 1280 × 800 screen
            stage.setY(0);
            stage.setWidth(700);
            stage.setHeight(780);
        });
        WaitForAsyncUtils.waitForFxEvents();
        // A tall window: two plots fit larger stacked.
        assertTrue(plots.stacked(), plots.getWidth() + " × " + plots.getHeight());
        assertEquals(main.getWidth(), compare.getWidth(), 0.5);
        assertTrue(compare.getLayoutY() >= main.getLayoutY() + main.getHeight() - 0.5, "compared run below");
        interact(() -> {
            stage.setWidth(1270);
            stage.setHeight(480);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(!plots.stacked() && compare.getLayoutX() >= main.getLayoutX() + main.getWidth() - 0.5,
                "compared run beside in a wide area: " + plots.getWidth() + " × " + plots.getHeight());
        assertTrue(PlotPair.stackIsLarger(600, 640, 2) && !PlotPair.stackIsLarger(1300, 640, 2)
                && !PlotPair.stackIsLarger(100, 1000, 1));
    }

    @Test
    void movingTheFlowSliderChangesTheFrame() throws Exception {
        FlowView view = show(FlowView::create);
        PainterCanvas frame = lookup("#frameCanvas").queryAs(PainterCanvas.class);
        waitUntil("the flow paths", () -> frame.painter() != null);
        Slider slider = lookup("#tauSlider").queryAs(Slider.class);
        long atOne = fingerprint(frame.painter());
        interact(() -> slider.setValue(0.0));
        long atZero = fingerprint(frame.painter());
        assertNotEquals(atOne, atZero, "τ = 0 and τ = 1 frames differ");
        interact(() -> slider.setValue(0.5));
        assertNotEquals(atZero, fingerprint(frame.painter()));
        clickOn("#playButton");
        double t0 = slider.getValue();
        WaitForAsyncUtils.sleep(400, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertNotEquals(t0, slider.getValue(), "Play animates τ");
        clickOn("#playButton");
        Path png = TMP.resolve("flow.png");
        interact(() -> {
            try {
                view.exportPng(png, 700, 700);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(Files.size(png) > 5_000);
    }

    @Test
    void editorPaintAndApplyChangesTheRunsLayout() throws Exception {
        GridWorldView view = show(GridWorldView::create);
        PainterCanvas canvas = lookup("#gridCanvas").queryAs(PainterCanvas.class);
        waitUntil("the policy field", () -> canvas.painter() instanceof GridWorldPainter gp && gp.scene().field() != null);
        clickCell(canvas, (GridWorldPainter) canvas.painter(), 12, 12);
        waitUntil("episodes from (12, 12)", () -> ((GridWorldPainter) canvas.painter()).scene().trajectories().size() == 20);
        assertTrue(lookup("#viewStatus").queryAs(Label.class).isVisible());
        clickOn("#editToggle");
        assertTrue(view.viewModel().editing.get());
        clickOn("#wallBrush");
        clickCell(canvas, (GridWorldPainter) canvas.painter(), 6, 6);
        clickCell(canvas, (GridWorldPainter) canvas.painter(), 7, 6);
        assertEquals(GridLayout.CellType.WALL, view.viewModel().draftLayout().type(6, 6));
        clickOn("#applyButton");
        waitUntil("the layout applied", () -> lookup("#viewStatus").queryAs(Label.class).getText().startsWith("Applied"));
        GridLayout applied = run.submit(t -> ((GridWorldVecEnv) t.env()).layout()).get(30, TimeUnit.SECONDS);
        assertEquals(GridLayout.CellType.WALL, applied.type(6, 6));
        assertEquals(GridLayout.CellType.WALL, applied.type(7, 6));
        Path file = TMP.resolve("edited-layout.json");
        Files.createDirectories(TMP);
        interact(() -> view.viewModel().save(file));
        assertEquals(applied.render(), io.fpolab.env.grid.GridLayoutIO.read(file).render());
        Path png = TMP.resolve("gridworld-editor.png");
        interact(() -> {
            try {
                view.exportPng(png, 700, 760);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(Files.size(png) > 5_000);
    }

    @Test
    void systemViewPointsGridWorldRunsToTheGridWorldTab() throws Exception {
        show(SystemView::create);
        Label empty = lookup(".empty-state").queryAs(Label.class);
        waitUntil("the GridWorld note", () -> empty.isVisible() && empty.getText().contains("GridWorld tab"));
    }

    @Test
    void ratioViewChecksAnFpoRunOnACopyAndDrawsBothRatios() throws Exception {
        RatioView view = show(RatioView::create);
        PainterCanvas canvas = lookup("#scatterCanvas").queryAs(PainterCanvas.class);
        assertTrue(canvas.painter() == RatioViewModel.PROMPT, "a prompt until the first check");
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<Integer> samples = lookup("#samplesBox").queryAs(javafx.scene.control.ComboBox.class);
        interact(() -> samples.setValue(100));
        waitUntil("the run's budget", () -> run.state() == TrainingRun.State.FINISHED);
        int iteration = run.submit(Trainer::iteration).get(60, TimeUnit.SECONDS);
        clickOn("#checkButton");
        Label status = lookup("#viewStatus").queryAs(Label.class);
        waitUntil("the scatter", () -> canvas.painter() instanceof io.fpolab.ui.paint.RatioScatterPainter);
        assertTrue(status.getText().startsWith("100 actions in ") && status.getText().contains("pearson r"),
                status.getText());
        assertEquals(iteration, run.submit(Trainer::iteration).get(60, TimeUnit.SECONDS),
                "the iteration ran on a copy: the run is where it was");
        Path png = TMP.resolve("ratio.png");
        interact(() -> {
            try {
                view.exportPng(png, 900, 620);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(Files.size(png) > 10_000, "an exported scatter");
    }

    @Test
    void ratioViewTracksTheRunAndPlotsItsChecksOverTraining() throws Exception {
        show(RatioView::create);
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<Integer> samples = lookup("#samplesBox").queryAs(javafx.scene.control.ComboBox.class);
        interact(() -> samples.setValue(100));
        waitUntil("the run's budget", () -> run.state() == TrainingRun.State.FINISHED);
        PainterCanvas trend = lookup("#trendCanvas").queryAs(PainterCanvas.class);
        assertFalse(trend.isVisible(), "no trend before the first check");
        clickOn("#trackBox");
        waitUntil("a check by itself and its trend",
                () -> trend.isVisible() && trend.painter() instanceof io.fpolab.ui.paint.RatioTrendPainter);
        Label status = lookup("#viewStatus").queryAs(Label.class);
        String after = status.getText();
        assertTrue(after.startsWith("100 actions in "), after);
        // The finished run does not move, so there is nothing new to check.
        Thread.sleep(1500);
        assertEquals(after, status.getText());
        assertFalse(lookup("#checkButton").queryButton().isDisabled(), "no second check running");
    }

    @Test
    void ratioViewSaysWhyAGaussianRunCannotBeChecked() throws Exception {
        RatioView view = show(RatioView::create);
        interact(() -> view.setRun(other));
        Label empty = lookup(".empty-state").queryAs(Label.class);
        waitUntil("the note", () -> empty.isVisible() && empty.getText().contains("gaussian_ppo"));
        assertTrue(lookup("#checkButton").queryButton().isDisabled());
    }

    @Test
    void catalogListsTheTrainingCurvesTheFourAnalysisViewsTheDemoAndTheConfig() throws Exception {
        List<String> titles = new java.util.ArrayList<>();
        interact(() -> ViewCatalog.create().forEach(v -> titles.add(v.title())));
        assertEquals(List.of("Training curves", "Action distribution", "Flow", "GridWorld", "System", "Ratio",
                "Figure 1 demo", "Config"), titles);
        assertNotNull(run);
    }
}
