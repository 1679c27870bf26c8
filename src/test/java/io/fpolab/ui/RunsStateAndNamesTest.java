package io.fpolab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.ConfigIO;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.config.SampleConfigs;
import io.fpolab.runs.RunFolder;
import io.fpolab.train.IterationStats;
import io.fpolab.train.TrainingRun.State;
import io.fpolab.ui.experiment.ExperimentPanelViewModel;
import io.fpolab.ui.paint.Colormaps;
import io.fpolab.ui.runs.Labels;
import io.fpolab.ui.runs.RunCells;
import io.fpolab.ui.runs.RunRecord;
import io.fpolab.ui.util.Prompts;
import io.fpolab.ui.views.ConfigView;
import io.fpolab.ui.views.RunView;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Tab;
import javafx.scene.input.KeyCode;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Runs say what they are (default names, renaming, their config), show the state they are in (opened from disk,
 * paused), and export figures ready for a paper (scale, font size, key).
 */
class RunsStateAndNamesTest extends LabWindowFixture {
    /** Dialog answers of one test: a file for every file question, scripted text answers, the questions asked. */
    private static final class Scripted extends LabFixture.Answering {
        final List<String> proposed = new ArrayList<>();
        final List<String> answers = new ArrayList<>();

        Scripted() {
            super(null);
        }

        @Override
        public Optional<String> text(Window owner, String title, String header, String initial) {
            proposed.add(initial);
            return answers.isEmpty() ? Optional.empty() : Optional.of(answers.remove(0));
        }
    }

    private final Scripted prompts = new Scripted();

    private void usePrompts() throws Exception {
        LabFixture.fxRun(() -> view.setPrompts(prompts));
    }

    private RunRecord selected() throws Exception {
        return LabFixture.fx(() -> view.runs().selected());
    }

    private boolean disabled(String id) throws Exception {
        return LabFixture.fx(() -> lookup(id).queryButton().isDisabled());
    }

    private void setFields(Map<String, String> values) throws Exception {
        LabFixture.fxRun(() -> values.forEach((k, v) -> view.panel().field(k).textProperty().set(v)));
    }

    private void selectTab(Class<? extends RunView> type) throws Exception {
        LabFixture.fxRun(() -> {
            for (Tab t : view.viewArea().getTabs()) {
                if (type.isInstance(t.getUserData())) {
                    view.viewArea().getSelectionModel().select(t);
                }
            }
        });
    }

    private void startFigure1Edited() throws Exception {
        var figure1 = SampleConfigs.list().stream()
                .filter(s -> s.file().equals(SampleConfigs.REPRODUCE_FIGURE_1)).findFirst().orElseThrow();
        LabFixture.fx(() -> view.applyPreset(figure1)).get(30, TimeUnit.SECONDS);
    }

    @Test
    void aRunIsNamedByItsPresetTheSettingsChangedFromItAndItsSeed() throws Exception {
        startFigure1Edited();
        ExperimentConfig preset = LabFixture.panelConfig(view);
        assertEquals("FPO · gridworld · s0", LabFixture.fx(() -> view.runs().defaultName(preset)));
        setFields(Map.of("flow.nMc", "8", "ppo.clip", "0.3", "ppo.lr", "1e-3", "seed", "1"));
        LabFixture.fxRun(() -> view.runs().start(view.panel().config()));
        RunRecord r = selected();
        LabFixture.fxRun(() -> view.runs().stop(r));
        assertEquals("FPO · gridworld · nMc=8 clip=0.3 lr=1e-3 · s1", r.name());
        // The run list shows it (once the list has laid out its new row).
        LabFixture.fxRun(() -> lookup("#runTable").queryTableView().scrollTo(r));
        LabFixture.waitFor(10, () -> lookup(".run-name").queryAll().stream()
                .anyMatch(n -> n instanceof javafx.scene.control.Labeled l && r.name().equals(l.getText())));
    }

    @Test
    void theSelectedRunShowsItsConfigAndCopyToEditorLoadsItIntoTheEditor() throws Exception {
        startFigure1Edited();
        setFields(Map.of("flow.nMc", "8", "ppo.clip", "0.3", "ppo.totalSteps", "10000000"));
        LabFixture.fxRun(() -> view.runs().start(view.panel().config()));
        RunRecord r = selected();
        LabFixture.fxRun(() -> view.runs().stop(r));
        selectTab(ConfigView.class);
        ConfigView config = (ConfigView) LabFixture.fx(() -> view.selectedView());
        LabFixture.waitFor(5, () -> config.shownRun() == r);
        String text = LabFixture.fx(config::shownText);
        assertTrue(text.contains("\"nMc\": 8,") && text.contains("\"clip\": 0.3,"), text);
        assertTrue(LabFixture.fx(() -> lookup("#configText").queryAs(javafx.scene.control.TextArea.class)
                .isEditable()) == false);
        String changes = LabFixture.fx(() -> lookup(".config-changes").queryLabeled().getText());
        assertTrue(changes.endsWith(": nMc=8 totalSteps=10M clip=0.3"), changes);
        LabFixture.snapshot(view, Path.of("/tmp/runs/config-tab.png"));

        // The editor moves on; Copy to editor brings the run's settings back, once the user agrees to lose the
        // editor's own unsaved changes (the run was started from the view model, so the editor never marked them kept).
        usePrompts();
        setFields(Map.of("flow.nMc", "50", "ppo.clip", "0.2"));
        clickOn("#copyToEditorButton");
        assertEquals(1, prompts.confirmations.size(), prompts.confirmations.toString());
        assertEquals("8", LabFixture.fx(() -> view.panel().field("flow.nMc").textProperty().get()));
        assertEquals("0.3", LabFixture.fx(() -> view.panel().field("ppo.clip").textProperty().get()));
        @SuppressWarnings("unchecked")
        ComboBox<SampleConfigs.Sample> presetBox = lookup("#presetBox").queryAs(ComboBox.class);
        String shown = LabFixture.fx(() -> presetBox.getConverter().toString(presetBox.getValue()));
        assertEquals("From run: " + r.name(), shown);
    }

    @Test
    void savingAConfigAsksForItsNameAndOpeningItNamesItInThePresetBox() throws Exception {
        usePrompts();
        startFigure1Edited();
        setFields(Map.of("flow.nMc", "8", "ppo.clip", "0.3", "ppo.lr", "1e-3"));
        Path file = LabFixture.tmp("save").resolve("variant.json");
        prompts.file = file;
        prompts.answers.add("Figure 1 with 8 MC pairs");
        press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        LabFixture.waitFor(10, () -> Files.exists(file));
        assertEquals(List.of("GridWorld · FPO (paper settings) · nMc=8 clip=0.3 lr=1e-3"), prompts.proposed);
        ExperimentConfig saved = ConfigIO.read(file);
        assertEquals("Figure 1 with 8 MC pairs", saved.name());
        assertEquals(8, saved.flow().nMc());

        // Another preset, then File › Open of the saved config: the preset box names the opened config.
        var other = SampleConfigs.list().stream().filter(s -> s.file().equals("gym-pendulum-fpo.json"))
                .findFirst().orElseThrow();
        LabFixture.fx(() -> view.applyPreset(other)).get(30, TimeUnit.SECONDS);
        press(KeyCode.CONTROL).type(KeyCode.O).release(KeyCode.CONTROL);
        LabFixture.waitFor(10, () -> "gridworld".equals(view.panel().field("env.id").textProperty().get()));
        @SuppressWarnings("unchecked")
        ComboBox<SampleConfigs.Sample> presetBox = lookup("#presetBox").queryAs(ComboBox.class);
        String shown = LabFixture.fx(() -> presetBox.getConverter().toString(presetBox.getValue()));
        assertEquals("Figure 1 with 8 MC pairs (variant.json)", shown);
        // A run of the opened config is named by it.
        ExperimentConfig opened = LabFixture.panelConfig(view);
        assertEquals("FPO · Figure 1 with 8 MC pairs · s0", LabFixture.fx(() -> view.runs().defaultName(opened)));
    }

    @Test
    void aRenamedRunKeepsItsNameInItsRunFolderAndOpensAsFinishedWithoutResume() throws Exception {
        usePrompts();
        LabFixture.fastFigure1(view, Map.of("ppo.totalSteps", "640"));
        LabFixture.fxRun(() -> view.runs().start(view.panel().config()));
        RunRecord r = selected();
        LabFixture.waitFor(60, () -> r.state() == State.FINISHED && r.historySize() == 5);

        prompts.answers.add("  baseline (paper)  ");
        type(KeyCode.F2);
        LabFixture.waitFor(5, () -> r.name().equals("baseline (paper)"));
        assertEquals(1, prompts.proposed.size());
        assertTrue(prompts.proposed.get(0).startsWith("FPO · gridworld · "), prompts.proposed.get(0));
        LabFixture.waitFor(10, () -> lookup(".run-name").queryAll().stream()
                .anyMatch(n -> n instanceof javafx.scene.control.Labeled l && "baseline (paper)".equals(l.getText())));
        assertTrue(LabFixture.fx(() -> view.runs().statusLineProperty().get()).startsWith("baseline (paper): "));

        Path dir = LabFixture.tmp("renamed");
        LabFixture.fx(() -> view.exportExperiment(dir)).get(30, TimeUnit.SECONDS);
        LabFixture.fx(() -> view.openRunFolder(dir)).get(30, TimeUnit.SECONDS);
        RunRecord opened = selected();
        assertEquals("baseline (paper) (2)", opened.name());
        // At its budget: finished for good, nothing to resume or step.
        assertEquals(State.FINISHED, LabFixture.fx(opened::state));
        assertTrue(disabled("#resumeButton") && disabled("#stepButton") && disabled("#stopButton"));
        LabFixture.fxRun(() -> view.runs().togglePause(opened));
        LabFixture.fxRun(() -> view.runs().pump());
        assertEquals(State.FINISHED, LabFixture.fx(opened::state));

        // Renaming a run opened from a folder (here from the run list's context menu) writes the name back there.
        prompts.answers.add("baseline, reopened");
        // The run list is short: bring the opened run's row into view before looking for it.
        LabFixture.fxRun(() -> lookup("#runTable").queryTableView().scrollTo(opened));
        java.util.function.Predicate<javafx.scene.Node> openedRow = n -> n instanceof javafx.scene.control.Label l
                && l.getStyleClass().contains("run-name") && "baseline (paper) (2)".equals(l.getText());
        LabFixture.waitFor(10, () -> lookup(openedRow).tryQuery().isPresent());
        javafx.scene.Node row = lookup(openedRow).query();
        rightClickOn(row);
        // Headless Monocle turns a right click into no context-menu request; send the one the platform sends.
        LabFixture.fxRun(() -> {
            var b = row.localToScreen(row.getBoundsInLocal());
            javafx.event.Event.fireEvent(row, new javafx.scene.input.ContextMenuEvent(
                    javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, 5, 5, b.getMinX() + 5, b.getMinY() + 5,
                    false, null));
        });
        clickOn("Rename…");
        Path folder = opened.folder();
        Path nameFile = folder.resolve(RunFolder.NAME_FILE);
        LabFixture.waitFor(10, () -> {
            try {
                return Files.readString(nameFile).strip().equals("baseline, reopened");
            } catch (java.io.IOException e) {
                return false;
            }
        });
        assertEquals("baseline, reopened", opened.name());
        assertEquals("baseline, reopened", Files.readString(folder.resolve(RunFolder.NAME_FILE)).strip());
        assertEquals("baseline, reopened", RunFolder.read(folder, Labels::defaultRunName).get(0).name());
    }

    @Test
    void aRunOpenedWithoutCheckpointIsFinishedWithResumeAndStepDisabled() throws Exception {
        Path dir = LabFixture.tmp("no-checkpoint").resolve("old-run");
        ExperimentConfig c = SampleConfigs.load(SampleConfigs.REPRODUCE_FIGURE_1);
        List<IterationStats> history = RunFolder.parseMetrics("iteration,env_steps,wall_seconds,steps_per_second\n"
                + "1,4096,2.0,2048\n2,8192,4.0,2048\n", "m");
        RunFolder.write(dir, new RunFolder.Snapshot("old run", c, history, List.of(), null, null));
        LabFixture.fx(() -> view.openRunFolder(dir)).get(30, TimeUnit.SECONDS);
        RunRecord r = selected();
        assertEquals(2, LabFixture.fx(r::historySize));
        assertEquals(State.FINISHED, LabFixture.fx(r::state));
        assertTrue(disabled("#resumeButton") && disabled("#stepButton") && disabled("#stopButton"));
        LabFixture.fxRun(() -> lookup("#runTable").queryTableView().scrollTo(r));
        LabFixture.waitFor(10, () -> lookup((javafx.scene.Node n) -> n instanceof RunCells.StateCell).queryAll()
                .stream().anyMatch(n -> "Finished".equals(((RunCells.StateCell) n).getText())));
        String status = LabFixture.fx(() -> view.runs().statusLineProperty().get());
        assertTrue(status.contains("Finished") && status.contains("no checkpoint"), status);
        LabFixture.fxRun(() -> view.runs().resume(r));
        LabFixture.fxRun(() -> view.runs().step(r));
        Thread.sleep(300);
        LabFixture.fxRun(() -> view.runs().pump());
        assertEquals(State.FINISHED, LabFixture.fx(r::state));
        assertEquals(2, LabFixture.fx(r::historySize));
    }

    @Test
    void stepsPerSecondAndTimeLeftStandStillWhilePausedAndAfterResuming() throws Exception {
        // Many minibatches and no evaluation: the pause lands inside an iteration's update (between two of its
        // minibatches), as it almost always does in the lab.
        LabFixture.fastFigure1(view, Map.of("ppo.totalSteps", "10000000", "ppo.epochs", "4", "ppo.minibatches", "8",
                "eval.every", "100000"));
        LabFixture.fxRun(() -> view.runs().start(view.panel().config()));
        RunRecord r = selected();
        LabFixture.waitFor(60, () -> r.historySize() >= 4);
        clickOn("#pauseButton");
        LabFixture.waitFor(20, () -> r.state() == State.PAUSED);
        LabFixture.fxRun(() -> view.runs().pump());
        String paused = LabFixture.fx(() -> view.runs().statusLineProperty().get());
        int before = LabFixture.fx(r::historySize);
        double[] rates = LabFixture.fx(() -> r.history().stream().mapToDouble(IterationStats::stepsPerSecond)
                .sorted().toArray());
        double median = rates[rates.length / 2];
        Thread.sleep(3000);
        LabFixture.fxRun(() -> view.runs().pump());
        assertEquals(paused, LabFixture.fx(() -> view.runs().statusLineProperty().get()));
        assertTrue(paused.contains("steps/s") && paused.contains("left"), paused);

        clickOn("#resumeButton");
        LabFixture.waitFor(30, () -> r.historySize() >= before + 1);
        IterationStats afterPause = LabFixture.fx(() -> r.history().get(before));
        IterationStats previous = LabFixture.fx(() -> r.history().get(before - 1));
        double iterationSeconds = afterPause.wallSeconds() - previous.wallSeconds();
        assertTrue(iterationSeconds < 2.4, "the interrupted iteration took " + iterationSeconds + " s of wall time, "
                + "the 3 s pause included");
        // The iteration the pause interrupted trained at a rate of the others' order: the pause is not in its time.
        // With the 3 s pause counted (its iteration trains in well under 1 s) the rate would fall below a sixth;
        // a fifth leaves room for a busy machine (a full suite run once measured 0.27 of the median, the resumed
        // iteration paying for a cold start). The wall-time check above is the sharp one.
        assertTrue(afterPause.stepsPerSecond() > median / 5, "steps/s after the pause " + afterPause.stepsPerSecond()
                + ", median before " + median);
        LabFixture.fxRun(() -> view.runs().stop(r));
        LabFixture.waitFor(20, () -> r.state() == State.CANCELLED);
        LabFixture.fxRun(() -> view.runs().pump());
        String stopped = LabFixture.fx(() -> view.runs().statusLineProperty().get());
        assertTrue(stopped.contains("Stopped") && stopped.endsWith("steps/s"),
                "a stopped run has no time left: " + stopped);
    }

    @Test
    void exportAtTwiceTheScaleIsTheSameFigureWithTwiceThePixelsAndItsKey() throws Exception {
        LabFixture.fastFigure1(view, Map.of("ppo.totalSteps", "640"));
        LabFixture.fxRun(() -> view.runs().start(view.panel().config()));
        RunRecord r = selected();
        LabFixture.waitFor(60, () -> r.state() == State.FINISHED);
        Path dir = LabFixture.tmp("figures");
        for (String tab : List.of("Flow", "GridWorld")) {
            RunView v = LabFixture.fx(() -> view.views().stream().filter(x -> x.title().equals(tab)).findFirst()
                    .orElseThrow());
            selectTab(v.getClass());
            BufferedImage one = export(v, dir.resolve(tab + "-1x.png"), new Prompts.PngOptions(600, 400, 1));
            assertEquals(2.0, Prompts.PngOptions.DEFAULT.scale());
            BufferedImage two = export(v, dir.resolve(tab + "-2x.png"), new Prompts.PngOptions(600, 400, 2));
            export(v, Path.of("/tmp/runs/" + tab + "-export-2x.png"), Prompts.PngOptions.DEFAULT);
            export(v, Path.of("/tmp/runs/" + tab + "-export-font20.png"), new Prompts.PngOptions(600, 400, 2, 20));
            assertEquals(600, one.getWidth());
            assertEquals(400, one.getHeight());
            assertEquals(1200, two.getWidth());
            assertEquals(800, two.getHeight());
            // The same layout: the key (the lowest drawn row) sits twice as far down.
            int low1 = lowestInk(one);
            int low2 = lowestInk(two);
            assertTrue(Math.abs(low2 - 2 * low1) <= 4, tab + ": key ends at " + low1 + " (1x) and " + low2 + " (2x)");
            // The key's first mark: the up-mode colour of the flow, the goal colour of the grid.
            Color mark = tab.equals("Flow") ? Colormaps.region(1) : Colormaps.goal(20, 20);
            assertTrue(hasColour(two, mark, low2 - 60, low2 + 1), tab + ": no key mark of " + mark + " near its bottom");
        }
    }

    private BufferedImage export(RunView v, Path file, Prompts.PngOptions o) throws Exception {
        // The view needs a moment to draw its first figure after its tab is shown.
        for (int attempt = 0; ; attempt++) {
            try {
                LabFixture.fx(() -> view.exportPng(v, file, o)).get(30, TimeUnit.SECONDS);
                return ImageIO.read(file.toFile());
            } catch (java.util.concurrent.ExecutionException e) {
                if (attempt > 60) {
                    throw e;
                }
                closeErrorDialogs();
                Thread.sleep(500);
            }
        }
    }

    private void closeErrorDialogs() throws Exception {
        LabFixture.fxRun(() -> {
            for (Window w : new ArrayList<>(Window.getWindows())) {
                if (w.getScene() != null && w.getScene().getRoot() instanceof javafx.scene.control.DialogPane) {
                    ((javafx.stage.Stage) w).close();
                }
            }
        });
    }

    private static int lowestInk(BufferedImage img) {
        for (int y = img.getHeight() - 1; y >= 0; y--) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    return y;
                }
            }
        }
        return -1;
    }

    private static boolean hasColour(BufferedImage img, Color c, int from, int to) {
        for (int y = Math.max(0, from); y < Math.min(img.getHeight(), to); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                Color p = new Color(img.getRGB(x, y));
                if (Math.abs(p.getRed() - c.getRed()) + Math.abs(p.getGreen() - c.getGreen())
                        + Math.abs(p.getBlue() - c.getBlue()) < 30) {
                    return true;
                }
            }
        }
        return false;
    }
}
