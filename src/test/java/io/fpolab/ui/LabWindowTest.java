package io.fpolab.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.train.Trainer;
import io.fpolab.train.TrainingRun;
import io.fpolab.train.TrainingRun.State;
import io.fpolab.ui.charts.MetricsChartView;
import io.fpolab.ui.runs.RunCells;
import io.fpolab.ui.runs.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;

/** Trains from the real lab window: preset, start, live chart, run controls, shutdown. */
class LabWindowTest extends LabWindowFixture {
    private RunRecord selected() throws Exception {
        return LabFixture.fx(() -> view.runs().selected());
    }

    @Test
    void presetStartsTrainingAndChartGetsPoints() throws Exception {
        LabFixture.fastFigure1(view, Map.of("ppo.totalSteps", "1280"));
        clickOn("#startButton");
        LabFixture.waitFor(60, () -> view.runs().runs().size() == 1
                && view.runs().selected().state() == State.FINISHED);
        MetricsChartView chart = (MetricsChartView) view.views().get(0);
        LabFixture.waitFor(5, () -> chart.data().curves().size() == 1 && chart.data().curves().get(0).x().length >= 5);
        RunRecord r = selected();
        // Named after the preset and what the fast settings changed in it.
        assertEquals("FPO · gridworld · numEnvs=8 nMc=4 totalSteps=1280 stepsPerEnv=16 +4 · s0", r.name());
        assertEquals(10, LabFixture.fx(r::historySize));
        String status = LabFixture.fx(() -> lookup("#statusLabel").queryLabeled().getText());
        assertTrue(status.contains("1,280 / 1,280 env steps"), status);
        LabFixture.snapshot(view, Path.of("target", "ui-shots", "trained.png"));
    }

    @Test
    void pauseResumeAndStopChangeTheState() throws Exception {
        LabFixture.fastFigure1(view, Map.of("ppo.totalSteps", "10000000"));
        LabFixture.fxRun(() -> view.runs().start(view.panel().config()));
        RunRecord r = selected();
        LabFixture.waitFor(60, () -> r.state() == State.RUNNING && r.historySize() >= 1);
        clickOn("#pauseButton");
        LabFixture.waitFor(20, () -> r.state() == State.PAUSED);
        clickOn("#resumeButton");
        LabFixture.waitFor(20, () -> r.state() == State.RUNNING);
        clickOn("#stopButton");
        LabFixture.waitFor(20, () -> r.state() == State.CANCELLED);
        assertTrue(LabFixture.fx(() -> lookup("#resumeButton").queryButton().isDisabled()));
    }

    @Test
    void runThatDivergesSaysWhyInTheRunListAndStatusBarAndResumesAtATenthOfTheLearningRate() throws Exception {
        LabFixture.fastFigure1(view, Map.of("ppo.totalSteps", "10000000"));
        ExperimentConfig gaussian = ConfigSchema.withOverride(LabFixture.panelConfig(view), "algorithm",
                "gaussian_ppo");
        RunRecord r = LabFixture.fx(() -> view.runs().start(gaussian));
        LabFixture.waitFor(60, () -> r.historySize() >= 1);
        // An absurd step size: Adam moves every weight by about 1e6 per step; within a few iterations the loss is infinite.
        r.run().submit(t -> {
            t.setLearningRates(1e6, 1e6);
            return null;
        }).get(30, TimeUnit.SECONDS);
        LabFixture.waitFor(60, () -> r.statusProperty().get().diverged());
        String message = LabFixture.fx(() -> r.messageProperty().get());
        assertTrue(message.startsWith("Training diverged at iteration "), message);

        RunCells.NameCell cell = LabFixture.fx(() -> lookup(".run-name-cell").queryAll().stream()
                .map(n -> (RunCells.NameCell) n).filter(c -> c.getItem() != null).findFirst().orElseThrow());
        String alert = LabFixture.fx(cell::alertText);
        assertTrue(alert.matches("⚠ Diverged at iteration \\d+"), alert);
        assertTrue(LabFixture.fx(() -> cell.getTooltip().getText()).contains(message));
        String state = LabFixture.fx(() -> lookup(".run-warning").queryAll().stream()
                .filter(n -> n instanceof RunCells.StateCell).map(n -> ((RunCells.StateCell) n).getText())
                .findFirst().orElse(""));
        assertEquals("Diverged", state);
        Label status = LabFixture.fx(() -> lookup("#statusLabel").queryAs(Label.class));
        assertTrue(LabFixture.fx(status::getText).contains(message), LabFixture.fx(status::getText));
        assertTrue(LabFixture.fx(() -> status.getStyleClass().contains("status-alert")));
        // Paused, not failed: the run can be resumed.
        assertFalse(LabFixture.fx(() -> lookup("#resumeButton").queryButton().isDisabled()));
        LabFixture.snapshot(view, Path.of("target", "ui-shots", "diverged.png"));

        // The one-click answer to the message: learning rates ÷10 and resume. (From 1e6 the weights of the
        // "last good" state are already absurd, so the run may diverge again; the button's job ends at resuming.)
        r.run().setLearningRate(1e-2, 2e-2);
        org.testfx.util.WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> r.run().submit(Trainer::actorLearningRate).get(10, TimeUnit.SECONDS) == 1e-2);
        List<State> states = new CopyOnWriteArrayList<>();
        r.run().addListener(new TrainingRun.Listener() {
            @Override
            public void onState(State s, String msg) {
                states.add(s);
            }
        });
        clickOn("#lowerLrButton");
        org.testfx.util.WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> states.contains(State.RUNNING));
        double[] lr = r.run().submit(t -> new double[] {t.actorLearningRate(), t.criticLearningRate()})
                .get(30, TimeUnit.SECONDS);
        assertArrayEquals(new double[] {1e-3, 2e-3}, lr, 1e-12);
    }

    @Test
    void stepAdvancesExactlyOneIteration() throws Exception {
        LabFixture.fastFigure1(view, Map.of("ppo.totalSteps", "10000000"));
        LabFixture.fxRun(() -> view.runs().start(view.panel().config()));
        RunRecord r = selected();
        LabFixture.waitFor(60, () -> r.historySize() >= 1);
        LabFixture.fxRun(() -> view.runs().pause(r));
        LabFixture.waitFor(20, () -> r.state() == State.PAUSED);
        int before = r.run().history().size();
        clickOn("#stepButton");
        LabFixture.waitFor(20, () -> r.run().history().size() == before + 1);
        LabFixture.waitFor(20, () -> r.state() == State.PAUSED);
        Thread.sleep(500);
        assertEquals(before + 1, r.run().history().size());
        LabFixture.waitFor(5, () -> r.historySize() == before + 1);
    }

    @Test
    void closingTheWindowClosesEveryRun() throws Exception {
        LabFixture.fastFigure1(view, Map.of("ppo.totalSteps", "10000000"));
        LabFixture.fxRun(() -> view.runs().compare(view.panel().config()));
        var runs = LabFixture.fx(() -> java.util.List.copyOf(view.runs().runs()));
        assertEquals(2, runs.size());
        LabFixture.waitFor(60, () -> runs.stream().allMatch(x -> x.historySize() >= 1));
        LabFixture.fxRun(view::close);
        for (RunRecord r : runs) {
            assertTrue(r.run().isTerminated(), r.name() + " still has a thread");
        }
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("trainer-")
                && t.isAlive()), "trainer threads left");
    }
}
