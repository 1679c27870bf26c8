package io.fpolab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.SampleConfigs;
import io.fpolab.runs.RunFolder;
import io.fpolab.train.IterationStats;
import io.fpolab.train.TrainingRun.State;
import io.fpolab.ui.charts.MetricsChartView;
import io.fpolab.ui.runs.RunRecord;
import io.fpolab.ui.util.Dialogs;
import io.fpolab.ui.util.Prompts.PngOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.testfx.util.WaitForAsyncUtils;
import org.junit.jupiter.api.Test;

/** Validation as you type, config file errors, and every export of the lab window. */
class PanelAndExportTest extends LabWindowFixture {
    @Test
    void badValueTurnsTheFieldRedWithItsReasonAndDisablesStart() throws Exception {
        Button start = lookup("#startButton").queryButton();
        assertFalse(start.isDisabled());
        TextField epochs = lookup("#field-ppo-epochs").queryAs(TextField.class);
        // Focus the field directly: it may sit below the fold of the side panel's scroll area.
        LabFixture.fxRun(() -> {
            epochs.requestFocus();
            epochs.end();
        });
        eraseText(epochs.getText().length()).write("0");
        Label error = lookup("#error-ppo-epochs").queryAs(Label.class);
        assertTrue(epochs.getStyleClass().contains("invalid"));
        assertTrue(error.isVisible());
        assertTrue(error.getText().startsWith("ppo.epochs:") && error.getText().contains("1..1000"), error.getText());
        assertTrue(epochs.getTooltip().getText().contains("1..1000"));
        assertTrue(start.isDisabled());
        LabFixture.snapshot(view, Path.of("target", "ui-shots", "invalid-field.png"));

        LabFixture.fxRun(() -> {
            epochs.requestFocus();
            epochs.end();
        });
        eraseText(1).write("4");
        assertFalse(epochs.getStyleClass().contains("invalid"));
        assertFalse(error.isVisible());
        assertFalse(start.isDisabled());
    }

    @Test
    void advantageStdFloorHasAFieldThatExplainsItselfAndRejectsNegativeValues() throws Exception {
        TextField floor = lookup("#field-ppo-advantageStdFloor").queryAs(TextField.class);
        assertTrue(floor.getTooltip().getText().contains("learning rate"), floor.getTooltip().getText());
        Label error = lookup("#error-ppo-advantageStdFloor").queryAs(Label.class);
        LabFixture.fxRun(() -> view.panel().field("ppo.advantageStdFloor").textProperty().set("-1"));
        assertTrue(error.isVisible());
        assertTrue(error.getText().startsWith("ppo.advantageStdFloor:"), error.getText());
        assertTrue(lookup("#startButton").queryButton().isDisabled());
        LabFixture.fxRun(() -> view.panel().field("ppo.advantageStdFloor").textProperty().set("1"));
        assertFalse(error.isVisible());
        assertFalse(lookup("#startButton").queryButton().isDisabled());
    }

    @Test
    void fieldsThatTheAlgorithmDoesNotReadAreDisabled() throws Exception {
        LabFixture.fxRun(() -> view.panel().field("algorithm").textProperty().set("gaussian_ppo"));
        assertTrue(lookup("#field-flow-nMc").query().isDisabled());
        assertFalse(lookup("#field-gaussian-initStd").query().isDisabled());
        LabFixture.fxRun(() -> view.panel().field("algorithm").textProperty().set("fpo"));
        assertFalse(lookup("#field-flow-nMc").query().isDisabled());
        assertTrue(lookup("#field-gaussian-initStd").query().isDisabled());
    }

    @Test
    void endInTheFreshlyOpenedTaskListShowsTheLastTaskWhole() throws Exception {
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<String> box = lookup("#field-env-id").queryAs(javafx.scene.control.ComboBox.class);
        clickOn(box);
        javafx.scene.control.ListView<?> list = lookup(".combo-box-popup .list-view").queryAs(
                javafx.scene.control.ListView.class);
        LabFixture.waitFor(10, () -> box.isShowing() && list.lookup(".list-cell") != null);
        WaitForAsyncUtils.waitForFxEvents();
        type(javafx.scene.input.KeyCode.END);
        String last = box.getItems().get(box.getItems().size() - 1);
        LabFixture.waitFor(10, () -> last.equals(box.getValue()));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.geometry.Bounds shown = LabFixture.fx(() -> list.localToScreen(list.getLayoutBounds()));
        javafx.scene.control.ListCell<?> cell = LabFixture.fx(() -> list.lookupAll(".list-cell").stream()
                .map(n -> (javafx.scene.control.ListCell<?>) n)
                .filter(c -> c.getText() != null && c.getText().startsWith(last) && c.isVisible()).findFirst()
                .orElseThrow());
        javafx.geometry.Bounds row = LabFixture.fx(() -> cell.localToScreen(cell.getLayoutBounds()));
        assertTrue(row.getMinY() >= shown.getMinY() - 0.5 && row.getMaxY() <= shown.getMaxY() + 0.5,
                "row " + row + " inside the list " + shown);
        type(javafx.scene.input.KeyCode.ESCAPE);
    }

    @Test
    void aTaskThisMachineCannotTrainIsListedGreyedOutWithHowToGetIt() throws Exception {
        LabFixture.fxRun(() -> view.panel().setEnvProblem(id -> id.equals("cheetah-run")
                ? "cheetah-run needs MuJoCo 2.2.2: no libmujoco here" : null));
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<String> box = lookup("#field-env-id").queryAs(javafx.scene.control.ComboBox.class);
        LabFixture.fxRun(box::show);
        javafx.scene.control.ListView<?> list = lookup(".combo-box-popup .list-view").queryAs(
                javafx.scene.control.ListView.class);
        LabFixture.fxRun(() -> list.scrollTo(box.getItems().indexOf("cheetah-run")));
        LabFixture.waitFor(10, () -> lookup(".list-cell").queryAll().stream()
                .anyMatch(n -> ((javafx.scene.control.ListCell<?>) n).getText() != null
                        && ((javafx.scene.control.ListCell<?>) n).getText().startsWith("cheetah-run")));
        for (javafx.scene.Node n : lookup(".list-cell").queryAll()) {
            javafx.scene.control.ListCell<?> cell = (javafx.scene.control.ListCell<?>) n;
            String text = cell.getText();
            if (text == null || cell.getParent() == null) {
                continue;
            }
            if (text.startsWith("cheetah-run")) {
                assertTrue(cell.isDisabled(), text);
                assertTrue(text.contains("needs MuJoCo") && text.contains("libmujoco-dev"), text);
            } else if (text.equals("point_mass-easy") || text.equals("fork-easy")) {
                assertFalse(cell.isDisabled(), text);
            }
        }
        LabFixture.fxRun(box::hide);
    }

    @Test
    void thePresetPickerHeadsEachGroupAndAClickOnAHeadingLoadsNothing() throws Exception {
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<SampleConfigs.Sample> box = lookup("#presetBox").queryAs(
                javafx.scene.control.ComboBox.class);
        LabFixture.waitFor(10, () -> !box.getItems().isEmpty());
        List<SampleConfigs.Sample> items = LabFixture.fx(() -> List.copyOf(box.getItems()));
        assertEquals(SampleConfigs.REPRODUCE_FIGURE_1, items.get(0).file());
        // Groups follow the menu's order, each in one block.
        List<String> blocks = new java.util.ArrayList<>();
        for (SampleConfigs.Sample s : items) {
            if (blocks.isEmpty() || !blocks.get(blocks.size() - 1).equals(s.group())) {
                blocks.add(s.group());
            }
        }
        assertEquals(SampleConfigs.GROUPS, blocks);

        SampleConfigs.Sample tuned = items.stream().filter(s -> s.group().equals(SampleConfigs.LAB_TUNED))
                .findFirst().orElseThrow();
        javafx.scene.control.ListCell<?> cell = showPresetCell(box, tuned);
        Label heading = (Label) cell.lookup(".preset-group");
        assertNotNull(heading, "the first Lab-tuned preset carries its group's heading");
        assertTrue(heading.getText().startsWith("Lab-tuned — "), heading.getText());
        assertEquals(tuned.description(), cell.getTooltip().getText());
        javafx.scene.control.ListCell<?> next = showPresetCell(box, items.get(items.indexOf(tuned) + 1));
        assertEquals(null, next.lookup(".preset-group"), "only a group's first preset has a heading");

        clickOn(showPresetCell(box, tuned).lookup(".preset-group"));
        Thread.sleep(500);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertEquals(null, LabFixture.fx(box::getValue), "a click on a heading chooses no preset");
        assertEquals("gridworld", LabFixture.fx(() -> view.panel().field("env.id").textProperty().get()));

        cell = showPresetCell(box, tuned);
        clickOn(cell.lookup(".preset-group").getParent().getChildrenUnmodifiable().get(1));
        LabFixture.waitFor(10, () -> "cartpole-balance".equals(view.panel().field("env.id").textProperty().get()));
        assertEquals(tuned, LabFixture.fx(box::getValue));
    }

    @Test
    void anotherEnvironmentBringsALinkToItsPaperPresetThatLoadsWithoutAsking() throws Exception {
        LabFixture.Answering prompts = new LabFixture.Answering(LabFixture.tmp("suggest").resolve("unused.json"));
        prompts.confirmAnswer = false;
        LabFixture.fxRun(() -> view.setPrompts(prompts));
        LabFixture.waitFor(30, () -> !view.panel().presets().isEmpty());
        javafx.scene.Node box = lookup("#suggestionBox").query();
        assertFalse(box.isVisible(), "GridWorld's settings for GridWorld: nothing to offer");
        LabFixture.fxRun(() -> view.panel().field("env.id").textProperty().set("reacher-hard"));
        assertTrue(LabFixture.fx(box::isVisible));
        javafx.scene.control.Hyperlink link = lookup("#suggestionLink").queryAs(javafx.scene.control.Hyperlink.class);
        SampleConfigs.Sample preset = SampleConfigs.list().stream().filter(s -> s.file().equals("reacher-hard-fpo.json"))
                .findFirst().orElseThrow();
        assertEquals("Load " + preset.title(), LabFixture.fx(link::getText));
        clickOn(link);
        LabFixture.waitFor(30, () -> SampleConfigs.load(preset).equals(view.panel().config()));
        assertEquals(List.of(), prompts.confirmations, "choosing the environment was the only edit");
        assertFalse(LabFixture.fx(box::isVisible));
    }

    @Test
    void editsThatNothingElseHoldsAreLostOnlyWhenTheUserAgrees() throws Exception {
        LabFixture.Answering prompts = new LabFixture.Answering(LabFixture.tmp("kept").resolve("edited.json"));
        prompts.confirmAnswer = false;
        LabFixture.fxRun(() -> view.setPrompts(prompts));
        SampleConfigs.Sample dppo = SampleConfigs.list().stream().filter(s -> s.file().equals("gridworld-dppo.json"))
                .findFirst().orElseThrow();
        SampleConfigs.Sample gaussian = SampleConfigs.list().stream()
                .filter(s -> s.file().equals("gridworld-gaussian-ppo.json")).findFirst().orElseThrow();

        LabFixture.fxRun(() -> {
            view.panel().field("ppo.clip").textProperty().set("0.3");
            view.panel().field("seed").textProperty().set("7");
        });
        assertEquals(null, LabFixture.fx(() -> view.applyPreset(dppo)).get(30, TimeUnit.SECONDS));
        assertEquals(1, prompts.confirmations.size());
        String asked = prompts.confirmations.get(0);
        assertTrue(asked.contains("seed=7") && asked.contains("clip=0.3") && asked.contains(dppo.title()), asked);
        assertEquals("0.3", LabFixture.fx(() -> view.panel().field("ppo.clip").textProperty().get()));
        assertEquals("fpo", LabFixture.fx(() -> view.panel().field("algorithm").textProperty().get()));
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<SampleConfigs.Sample> box = lookup("#presetBox").queryAs(
                javafx.scene.control.ComboBox.class);
        assertEquals(null, LabFixture.fx(box::getValue), "the picker still names what the editor holds");

        // Saved to a file, the edits are safe: the next preset loads without asking.
        LabFixture.fx(() -> view.saveConfig(prompts.file, "clip 0.3")).get(30, TimeUnit.SECONDS);
        LabFixture.waitFor(10, () -> view.panel().unkeptChanges() == null);
        LabFixture.fx(() -> view.applyPreset(gaussian)).get(30, TimeUnit.SECONDS);
        assertEquals(1, prompts.confirmations.size());
        assertEquals("gaussian_ppo", LabFixture.fx(() -> view.panel().field("algorithm").textProperty().get()));

        // Agreeing loses them.
        LabFixture.fxRun(() -> view.panel().field("ppo.clip").textProperty().set("0.25"));
        prompts.confirmAnswer = true;
        LabFixture.fx(() -> view.applyPreset(dppo)).get(30, TimeUnit.SECONDS);
        assertEquals(2, prompts.confirmations.size());
        assertEquals("dppo", LabFixture.fx(() -> view.panel().field("algorithm").textProperty().get()));
        assertEquals(dppo, LabFixture.fx(box::getValue));
    }

    @Test
    void thePickersArrowKeysWalkTheListAndOnlyEnterLoadsEscapeKeepsTheEditor() throws Exception {
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<SampleConfigs.Sample> box = lookup("#presetBox").queryAs(
                javafx.scene.control.ComboBox.class);
        LabFixture.waitFor(10, () -> box.getItems().size() > 3);
        String before = LabFixture.fx(() -> view.panel().field("name").textProperty().get());
        clickOn(box);
        LabFixture.waitFor(5, box::isShowing);
        type(KeyCode.DOWN, 3);
        Thread.sleep(300);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        SampleConfigs.Sample walkedTo = LabFixture.fx(box::getValue);
        assertNotNull(walkedTo);
        assertEquals(before, LabFixture.fx(() -> view.panel().field("name").textProperty().get()),
                "walking the list loads nothing");
        type(KeyCode.ENTER);
        LabFixture.waitFor(10, () -> walkedTo.title().equals(view.panel().field("name").textProperty().get()));
        assertFalse(LabFixture.fx(box::isShowing));

        clickOn(box);
        LabFixture.waitFor(5, box::isShowing);
        type(KeyCode.DOWN, 2);
        type(KeyCode.ESCAPE);
        LabFixture.waitFor(5, () -> !box.isShowing());
        Thread.sleep(300);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertEquals(walkedTo, LabFixture.fx(box::getValue), "Escape puts the picker back");
        assertEquals(walkedTo.title(), LabFixture.fx(() -> view.panel().field("name").textProperty().get()));

        // Typing jumps to a preset by name, Space between words as a keyboard sends it (a press, which closes a
        // combo box's list, then the character); Enter loads it.
        clickOn(box);
        LabFixture.waitFor(5, box::isShowing);
        for (String word : List.of("reacher", "hard", "d")) {
            if (!word.equals("reacher")) {
                type(KeyCode.SPACE);
                write(" ");
            }
            write(word);
        }
        assertTrue(LabFixture.fx(box::isShowing), "Space while typing a name keeps the list open");
        type(KeyCode.ENTER);
        LabFixture.waitFor(10, () -> "ReacherHard · DPPO (paper)".equals(view.panel().field("name").textProperty().get()));
    }

    /** Opens the preset picker scrolled to {@code s} and returns the row showing it. */
    private javafx.scene.control.ListCell<?> showPresetCell(javafx.scene.control.ComboBox<SampleConfigs.Sample> box,
            SampleConfigs.Sample s) throws Exception {
        LabFixture.fxRun(() -> {
            if (!box.isShowing()) {
                box.show();
            }
        });
        javafx.scene.control.ListView<?> list = lookup(".combo-box-popup .list-view").queryAs(
                javafx.scene.control.ListView.class);
        LabFixture.fxRun(() -> list.scrollTo(box.getItems().indexOf(s)));
        LabFixture.waitFor(10, () -> lookup(".list-cell").queryAll().stream()
                .anyMatch(n -> n instanceof javafx.scene.control.ListCell<?> c && c.getItem() == s && c.isVisible()));
        return (javafx.scene.control.ListCell<?>) lookup(".list-cell").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.ListCell<?> c && c.getItem() == s && c.isVisible())
                .findFirst().orElseThrow();
    }

    @Test
    void brokenConfigFileShowsTheOneLineErrorInADialog() throws Exception {
        Path dir = LabFixture.tmp("broken");
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"algorithm\": \"fpo\", \"env\": {\"id\": \"gridworld\"}, \"ppo\": {\"epochs\": -3}}");
        LabFixture.fxRun(() -> view.setPrompts(LabFixture.answering(file)));
        press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.O).release(javafx.scene.input.KeyCode.CONTROL);
        LabFixture.waitFor(10, () -> errorDialog() != null);
        DialogPane pane = LabFixture.fx(this::errorDialog);
        String text = pane.getContentText();
        assertTrue(text.contains("broken.json") && text.contains("ppo.epochs") && text.contains("1..1000"), text);
        assertFalse(text.contains("\n") || text.contains("Exception"), text);
        LabFixture.snapshotScene(pane, Path.of("target", "ui-shots", "config-error-dialog.png"));
    }

    private DialogPane errorDialog() {
        for (Window w : Window.getWindows()) {
            if (w.getScene() != null && w.getScene().getRoot() instanceof DialogPane p
                    && p.getStyleClass().contains(Dialogs.ERROR_DIALOG)) {
                return p;
            }
        }
        return null;
    }

    @Test
    void exportsPngSvgAndCsvOfATrainedRun() throws Exception {
        LabFixture.fastFigure1(view, Map.of("ppo.totalSteps", "640"));
        LabFixture.fxRun(() -> view.runs().start(view.panel().config()));
        RunRecord r = LabFixture.fx(() -> view.runs().selected());
        LabFixture.waitFor(60, () -> r.state() == State.FINISHED && r.historySize() == 5);
        MetricsChartView chart = (MetricsChartView) view.views().get(0);
        LabFixture.waitFor(5, () -> chart.data().curves().size() == 1 && chart.data().curves().get(0).x().length >= 1);
        Path dir = LabFixture.tmp("export");

        Path png = dir.resolve("curves.png");
        LabFixture.fx(() -> view.exportPng(chart, png, new PngOptions(800, 500, 2))).get(30, TimeUnit.SECONDS);
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 5000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G');
        var image = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(1600, image.getWidth());
        assertEquals(1000, image.getHeight());

        Path svg = dir.resolve("curves.svg");
        LabFixture.fx(() -> view.exportSvg(chart, svg)).get(30, TimeUnit.SECONDS);
        String svgText = Files.readString(svg);
        assertTrue(svgText.startsWith("<svg") || svgText.startsWith("<?xml"), svgText.substring(0, 40));
        assertTrue(svgText.contains("Environment steps"));

        Path csv = dir.resolve("metrics.csv");
        LabFixture.fx(() -> view.exportCsv(r, csv)).get(30, TimeUnit.SECONDS);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(6, lines.size());
        assertTrue(lines.get(0).startsWith("iteration,env_steps,wall_seconds"), lines.get(0));
        assertTrue(lines.get(0).contains("success_rate"), lines.get(0));
        assertTrue(lines.get(5).startsWith("5,640,"), lines.get(5));
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temporary files left");
        }
    }

    @Test
    void exportedExperimentFolderOpensAgainAsFinishedRunsThatContinueFromTheirCheckpoints() throws Exception {
        LabFixture.fastFigure1(view, Map.of("ppo.totalSteps", "10000000"));
        LabFixture.fxRun(() -> view.runs().compare(view.panel().config()));
        List<RunRecord> runs = LabFixture.fx(() -> List.copyOf(view.runs().runs()));
        String fpoName = runs.get(0).name();
        String gaussName = runs.get(1).name();
        assertTrue(fpoName.startsWith("FPO · gridworld · numEnvs=8 nMc=4 totalSteps=10M") && fpoName.endsWith(" · s0"),
                fpoName);
        // The Gaussian twin lists no flow settings: it does not read them.
        assertTrue(gaussName.startsWith("Gaussian PPO · gridworld · numEnvs=8 totalSteps=10M"), gaussName);
        LabFixture.waitFor(60, () -> runs.stream().allMatch(x -> x.historySize() >= 3));
        MetricsChartView chart = (MetricsChartView) view.views().get(0);
        LabFixture.waitFor(5, () -> chart.data().curves().size() == 2);
        LabFixture.snapshot(view, Path.of("target", "ui-shots", "compare.png"));
        LabFixture.fxRun(() -> runs.forEach(x -> view.runs().stop(x)));
        LabFixture.waitFor(20, () -> runs.stream().allMatch(x -> x.state() == State.CANCELLED));

        // Trained here and not saved: quitting asks (the answer here keeps the lab open).
        LabFixture.Answering keep = new LabFixture.Answering(null);
        keep.confirmAnswer = false;
        LabFixture.fxRun(() -> view.setPrompts(keep));
        assertFalse(LabFixture.fx(view::mayQuit));
        assertEquals(1, keep.confirmations.size());
        assertTrue(keep.confirmations.get(0).startsWith("2 runs have trained in this window"), keep.confirmations.get(0));

        Path dir = LabFixture.tmp("experiment");
        LabFixture.fx(() -> view.exportExperiment(dir)).get(30, TimeUnit.SECONDS);
        // Exported, they are safe: quitting asks nothing.
        assertTrue(LabFixture.fx(view::mayQuit));
        assertEquals(1, keep.confirmations.size());
        Path fpoDir = dir.resolve(RunFolder.folderName(fpoName));
        for (String f : List.of(RunFolder.CONFIG, RunFolder.METRICS, RunFolder.CHECKPOINT, RunFolder.SUMMARY,
                RunFolder.NAME_FILE)) {
            assertTrue(Files.size(fpoDir.resolve(f)) > 0, f);
            assertTrue(Files.size(dir.resolve(RunFolder.folderName(gaussName)).resolve(f)) > 0, f);
        }
        List<IterationStats> written = RunFolder.parseMetrics(Files.readString(fpoDir.resolve(RunFolder.METRICS)), "m");
        int lastIteration = written.get(written.size() - 1).iteration();
        assertEquals(written.size(), lastIteration);

        LabFixture.fx(() -> view.openRunFolder(dir)).get(30, TimeUnit.SECONDS);
        assertEquals(4, LabFixture.fx(() -> view.runs().runs().size()));
        RunRecord restored = LabFixture.fx(() -> view.runs().runs().get(2));
        assertEquals(fpoName + " (2)", restored.name());
        assertEquals(lastIteration, LabFixture.fx(restored::historySize));
        LabFixture.fxRun(() -> view.runs().selectedProperty().set(restored));
        // Opened from disk: a finished record, but its checkpoint is short of the budget, so it can go on.
        assertEquals(State.FINISHED, LabFixture.fx(restored::state));
        assertEquals("Finished", LabFixture.fx(() -> io.fpolab.ui.runs.Labels.state(restored.statusProperty().get())));
        assertFalse(lookup("#resumeButton").queryButton().isDisabled());
        assertFalse(lookup("#stepButton").queryButton().isDisabled());
        assertTrue(lookup("#stopButton").queryButton().isDisabled());
        clickOn("#stepButton");
        LabFixture.waitFor(60, () -> restored.historySize() == lastIteration + 1 && restored.state() == State.PAUSED);
        IterationStats next = LabFixture.fx(() -> restored.history().get(lastIteration));
        assertEquals(lastIteration + 1, next.iteration());
        assertEquals(written.get(written.size() - 1).envSteps() + 128, next.envSteps());
        clickOn("#resumeButton");
        LabFixture.waitFor(60, () -> restored.state() == State.RUNNING && restored.historySize() > lastIteration + 1);
        assertNotNull(restored.run());
    }
}
