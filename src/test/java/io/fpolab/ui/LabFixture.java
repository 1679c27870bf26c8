package io.fpolab.ui;

import io.fpolab.config.ExperimentConfig;
import io.fpolab.config.SampleConfigs;
import io.fpolab.config.SampleConfigs.Sample;
import io.fpolab.ui.charts.ChartExport;
import io.fpolab.ui.experiment.ExperimentPanelViewModel;
import io.fpolab.ui.util.LabPreferences;
import io.fpolab.ui.util.Prompts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.prefs.Preferences;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Shared set-up of the lab window tests: a private preferences node, scripted dialogs, tiny budgets. */
final class LabFixture {
    static final String PREFS_NODE = "io/fpolab/lab-test";

    /** Settings that make an FPO GridWorld iteration take a few tens of milliseconds. */
    static final Map<String, String> FAST = Map.of(
            "env.numEnvs", "8",
            "ppo.stepsPerEnv", "16",
            "flow.nMc", "4",
            "ppo.epochs", "2",
            "ppo.minibatches", "2",
            "eval.every", "2",
            "eval.episodes", "16");

    private LabFixture() {
    }

    static void usePrivatePreferences() {
        System.setProperty(LabPreferences.NODE_PROPERTY, PREFS_NODE);
        new LabPreferences(Preferences.userRoot().node(PREFS_NODE)).clear();
    }

    static Path tmp(String name) throws Exception {
        Path base = Path.of(System.getProperty("fpolab.tmp", System.getProperty("java.io.tmpdir")));
        Files.createDirectories(base);
        return Files.createTempDirectory(base, name);
    }

    /** Answers every file question with {@code answer} and the PNG dialog with its defaults. */
    static Prompts answering(Path answer) {
        return new Answering(answer);
    }

    /** Dialog answers: {@link #file} for every file question, the defaults of the PNG and text questions. */
    static class Answering implements Prompts {
        Path file;

        Answering(Path file) {
            this.file = file;
        }

        @Override
        public Optional<Path> openFile(Window owner, String title, List<FileChooser.ExtensionFilter> filters) {
            return Optional.of(file);
        }

        @Override
        public Optional<Path> saveFile(Window owner, String title, String initialName,
                List<FileChooser.ExtensionFilter> filters) {
            return Optional.of(file);
        }

        @Override
        public Optional<Path> directory(Window owner, String title) {
            return Optional.of(file);
        }

        @Override
        public Optional<PngOptions> pngOptions(Window owner, PngOptions defaults) {
            return Optional.of(defaults);
        }

        @Override
        public Optional<String> text(Window owner, String title, String header, String initial) {
            return Optional.of(initial);
        }

        /** The answer to every confirmation; each question asked is kept in {@link #confirmations}. */
        boolean confirmAnswer = true;
        final List<String> confirmations = new java.util.ArrayList<>();

        @Override
        public boolean confirm(Window owner, String title, String message, String action) {
            confirmations.add(message);
            return confirmAnswer;
        }
    }

    static <T> T fx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(30, TimeUnit.SECONDS);
    }

    static void fxRun(Runnable work) throws Exception {
        WaitForAsyncUtils.asyncFx(work).get(30, TimeUnit.SECONDS);
    }

    static void waitFor(double seconds, BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor((long) (seconds * 1000), TimeUnit.MILLISECONDS, () -> fx(condition::getAsBoolean));
    }

    /** Loads the Figure 1 preset into the panel and applies the fast settings plus {@code extra}. */
    static void fastFigure1(MainWindowView view, Map<String, String> extra) throws Exception {
        Sample figure1 = SampleConfigs.list().stream()
                .filter(s -> s.file().equals(SampleConfigs.REPRODUCE_FIGURE_1)).findFirst().orElseThrow();
        fx(() -> view.applyPreset(figure1)).get(30, TimeUnit.SECONDS);
        fxRun(() -> {
            ExperimentPanelViewModel p = view.panel();
            FAST.forEach((k, v) -> p.field(k).textProperty().set(v));
            extra.forEach((k, v) -> p.field(k).textProperty().set(v));
        });
    }

    static ExperimentConfig panelConfig(MainWindowView view) throws Exception {
        return fx(() -> view.panel().config());
    }

    /** Saves a snapshot of the whole window (for looking at the screens while developing). */
    static void snapshot(MainWindowView view, Path file) throws Exception {
        WritableImage img = fx(() -> view.viewArea().getScene().getRoot().snapshot(null, null));
        ChartExport.writePng(SwingFXUtils.fromFXImage(img, null), file);
    }

    static void cleanup() throws Exception {
        FxToolkit.cleanupStages();
    }

    /** Saves a snapshot of any node's scene (dialogs). */
    static void snapshotScene(javafx.scene.Node node, Path file) throws Exception {
        WritableImage img = fx(() -> node.getScene().getRoot().snapshot(null, null));
        ChartExport.writePng(SwingFXUtils.fromFXImage(img, null), file);
    }
}
