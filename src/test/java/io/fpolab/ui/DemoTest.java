package io.fpolab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.config.SampleConfigs;
import io.fpolab.train.TrainingRun.State;
import io.fpolab.ui.runs.RunRecord;
import io.fpolab.ui.views.DemoView;
import io.fpolab.ui.views.PainterCanvas;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.text.TextFlow;
import org.junit.jupiter.api.Test;

/**
 * The Figure 1 demo: one click trains the classroom FPO preset and its Gaussian twin at once and shows them
 * side by side; runs that already train the same settings are reused, by the demo and by Compare.
 */
class DemoTest extends LabWindowFixture {

    /** The demo presets, read by name as the lab does, at a budget of a few seconds. */
    private static ExperimentConfig tiny(String preset, long totalSteps) {
        ExperimentConfig c = SampleConfigs.load(preset);
        for (Map.Entry<String, String> e : LabFixture.FAST.entrySet()) {
            c = ConfigSchema.withOverride(c, e.getKey(), e.getValue());
        }
        return ConfigSchema.withOverride(c, "ppo.totalSteps", Long.toString(totalSteps));
    }

    private void useTinyPresets(long totalSteps) throws Exception {
        LabFixture.fxRun(() -> view.setDemoPresets(name -> tiny(name, totalSteps)));
    }

    private List<RunRecord> runs() throws Exception {
        return LabFixture.fx(() -> List.copyOf(view.runs().runs()));
    }

    private Bounds sceneBounds(String id) throws Exception {
        Node n = lookup(id).query();
        return LabFixture.fx(() -> n.localToScene(n.getBoundsInLocal()));
    }

    @Test
    void demoButtonTrainsFpoAndItsGaussianTwinAtOnceSideBySideAndASecondPressReusesThem() throws Exception {
        useTinyPresets(128L * 400);
        clickOn("#demoButton");
        LabFixture.waitFor(30, () -> view.runs().runs().size() == 2);
        List<RunRecord> first = runs();
        assertEquals(List.of("fpo", "gaussian_ppo"),
                first.stream().map(r -> r.config().algorithm().name().toLowerCase()).toList());
        assertEquals(List.of(DemoView.FPO_PRESET, DemoView.GAUSSIAN_PRESET).size(), first.size());
        assertEquals(SampleConfigs.load(DemoView.FPO_PRESET).seed(), first.get(0).config().seed());
        // Both train at the same time: each has finished iterations while the other is still running.
        LabFixture.waitFor(60, () -> first.stream().allMatch(r -> r.historySize() >= 2
                && r.run().state() == State.RUNNING));

        DemoView demo = (DemoView) LabFixture.fx(() -> view.selectedView());
        assertEquals(first, LabFixture.fx(demo::shownRuns));
        PainterCanvas left = lookup("#fpoHeatmap").queryAs(PainterCanvas.class);
        PainterCanvas right = lookup("#gaussianHeatmap").queryAs(PainterCanvas.class);
        LabFixture.waitFor(60, () -> left.paints() > 0 && right.paints() > 0
                && lookup("#fpoFan").queryAs(PainterCanvas.class).paints() > 0);
        Bounds l = sceneBounds("#fpoPane");
        Bounds r = sceneBounds("#gaussianPane");
        assertTrue(l.getMaxX() <= r.getMinX() && Math.abs(l.getMinY() - r.getMinY()) < 1,
                "FPO left of Gaussian PPO: " + l + " / " + r);
        Bounds area = LabFixture.fx(() -> view.viewArea().localToScene(view.viewArea().getBoundsInLocal()));
        double window = LabFixture.fx(() -> view.viewArea().getScene().getWidth());
        assertTrue(area.getWidth() > window * 0.95, "the side panel folds away: the views take the window's width");
        assertTrue(l.getWidth() > area.getWidth() * 0.4 && r.getWidth() > area.getWidth() * 0.4,
                "each side takes about half of the view area");
        LabFixture.waitFor(30, () -> lookup("#fpoSplit").queryAs(TextFlow.class).getAccessibleText().contains("%"));

        press(KeyCode.CONTROL, KeyCode.D).release(KeyCode.D, KeyCode.CONTROL);
        LabFixture.fx(view::startDemo).get(30, TimeUnit.SECONDS);
        assertEquals(first, runs(), "pressing the demo again trains nothing new");
        assertEquals(first, LabFixture.fx(demo::shownRuns));
    }

    @Test
    void demoReusesAFinishedFpoRunOpenedFromARunFolderAndTrainsOnlyTheTwin() throws Exception {
        useTinyPresets(128L * 4);
        RunRecord trained = LabFixture.fx(() -> view.runs().start(tiny(DemoView.FPO_PRESET, 128L * 4)));
        LabFixture.waitFor(60, () -> trained.state() == State.FINISHED);
        Path dir = LabFixture.tmp("demo-run");
        LabFixture.fx(() -> view.exportExperiment(dir)).get(30, TimeUnit.SECONDS);
        LabFixture.fxRun(() -> view.runs().remove(trained));
        LabFixture.fx(() -> view.openRunFolder(dir)).get(30, TimeUnit.SECONDS);
        RunRecord opened = runs().get(0);
        assertEquals(1, runs().size());

        List<RunRecord> shown = LabFixture.fx(view::startDemo).get(30, TimeUnit.SECONDS);
        assertEquals(2, runs().size(), "only the Gaussian twin is new");
        assertSame(opened, shown.get(0));
        assertEquals("gaussian_ppo", shown.get(1).config().algorithm().name().toLowerCase());
        LabFixture.waitFor(60, () -> opened.state() == State.FINISHED && shown.get(1).state() == State.FINISHED);
        assertEquals(4, LabFixture.fx(opened::historySize), "the opened run was not trained again");
    }

    @Test
    void compareReusesTheFinishedIdenticalRunAndTrainsOnlyTheMissingTwin() throws Exception {
        LabFixture.fastFigure1(view, Map.of("ppo.totalSteps", Long.toString(128L * 3)));
        LabFixture.fxRun(() -> view.runs().start(view.panel().config()));
        RunRecord fpo = runs().get(0);
        LabFixture.waitFor(60, () -> fpo.state() == State.FINISHED);

        clickOn("#compareButton");
        LabFixture.waitFor(10, () -> view.runs().runs().size() >= 2);
        List<RunRecord> after = runs();
        assertEquals(2, after.size(), "Compare trained the finished FPO run again: " + after);
        assertSame(fpo, after.get(0));
        assertEquals("gaussian_ppo", after.get(1).config().algorithm().name().toLowerCase());

        clickOn("#compareButton");
        assertEquals(after, runs(), "a second Compare trains nothing new");
        assertNotNull(after.get(1).run());
    }
}
