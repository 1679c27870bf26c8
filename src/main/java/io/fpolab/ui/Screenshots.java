package io.fpolab.ui;

import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.config.SampleConfigs;
import io.fpolab.core.EngineInfo;
import io.fpolab.runs.RunFolder;
import io.fpolab.train.TrainingRun.State;
import io.fpolab.ui.charts.ChartExport;
import io.fpolab.ui.runs.RunRecord;
import io.fpolab.ui.util.FxThread;
import io.fpolab.ui.util.LabPreferences;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Tab;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

/**
 * Drives the real lab window for documentation screenshots: trains the "Reproduce Figure 1" preset
 * and its Gaussian PPO twin briefly, then selects every view tab in turn and writes
 * {@code <out>/<tab-name>.png} from a snapshot of the whole window, plus the GridWorld tab with its value
 * map ({@code gridworld-value-map.png}). Without a display it runs JavaFX
 * on Monocle's headless platform, so it works in CI.
 */
public final class Screenshots {
    /** Time a tab gets to fetch its data (views sample through the trainer thread) before the snapshot. */
    private static final long SETTLE_MILLIS = 2500;
    private static final String PREFS_NODE = "io/fpolab/lab-screenshots";

    private Screenshots() {
    }

    /**
     * Trains, captures every tab and returns the written files.
     *
     * @param steps training budget per run in env steps
     * @param dark  use the dark theme
     * @throws IOException if a file cannot be written
     * @throws IllegalStateException with a one-line reason if JavaFX cannot start (no display and no Monocle)
     */
    public static List<Path> capture(Path out, long steps, boolean dark, PrintWriter log)
            throws IOException, InterruptedException {
        Files.createDirectories(out);
        EngineInfo.startBeforeToolkit();
        boolean ownToolkit = startToolkit();
        Preferences prefs = Preferences.userRoot().node(PREFS_NODE);
        new LabPreferences(prefs).setDarkTheme(dark);
        MainWindowView view = FxThread.call(() -> {
            try {
                Stage stage = new Stage();
                MainWindowView v = MainWindowView.open(stage, new LabPreferences(prefs));
                // Headless Monocle has a fixed screen; a window larger than it cannot be drawn.
                var screen = javafx.stage.Screen.getPrimary().getBounds();
                stage.setX(0);
                stage.setY(0);
                stage.setWidth(Math.min(1440, screen.getWidth()));
                stage.setHeight(Math.min(900, screen.getHeight()));
                stage.show();
                v.startEngine();
                return v;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            ExperimentConfig fpo = ConfigSchema.withOverride(SampleConfigs.load(SampleConfigs.REPRODUCE_FIGURE_1),
                    "ppo.totalSteps", Long.toString(steps));
            ExperimentConfig gauss = ConfigSchema.withOverride(fpo, "algorithm", "gaussian_ppo");
            List<RunRecord> runs = FxThread.call(() -> {
                view.panel().show(fpo);
                RunRecord g = view.runs().start(gauss);
                RunRecord f = view.runs().start(fpo);
                return List.of(f, g);
            });
            log.println("training " + runs.size() + " runs for " + steps + " env steps each…");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
            while (!FxThread.call(() -> runs.stream().allMatch(r -> !RunsDone.active(r.state())))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("training did not finish within 30 minutes; use a smaller --steps");
                }
                Thread.sleep(500);
            }
            for (RunRecord r : runs) {
                if (r.state() == State.FAILED) {
                    log.println("warning: " + r.name() + " failed: " + r.messageProperty().get());
                }
            }
            FxThread.call(() -> {
                view.runs().selectedProperty().set(runs.get(0));
                return null;
            });
            List<Path> written = new ArrayList<>();
            int tabs = FxThread.call(() -> view.viewArea().getTabs().size());
            for (int i = 0; i < tabs; i++) {
                int index = i;
                String title = FxThread.call(() -> {
                    Tab t = view.viewArea().getTabs().get(index);
                    view.viewArea().getSelectionModel().select(t);
                    return t.getText();
                });
                Thread.sleep(SETTLE_MILLIS);
                written.add(shoot(view, out.resolve(RunFolder.folderName(title) + ".png"), log));
                CheckBox values = FxThread.call(() -> (CheckBox) view.viewArea().getScene().lookup("#valuesBox"));
                if (values != null && title.equals("GridWorld")) {
                    FxThread.call(() -> {
                        values.setSelected(true);
                        return null;
                    });
                    Thread.sleep(SETTLE_MILLIS);
                    written.add(shoot(view, out.resolve(RunFolder.folderName(title) + "-value-map.png"), log));
                    FxThread.call(() -> {
                        values.setSelected(false);
                        return null;
                    });
                }
            }
            return written;
        } finally {
            FxThread.call(() -> {
                view.close();
                view.viewArea().getScene().getWindow().hide();
                return null;
            });
            if (ownToolkit) {
                Platform.exit();
            }
            try {
                prefs.removeNode();
            } catch (java.util.prefs.BackingStoreException e) {
                log.println("warning: could not remove temporary preferences: " + e.getMessage());
            }
        }
    }

    private static Path shoot(MainWindowView view, Path file, PrintWriter log) throws IOException {
        WritableImage img = FxThread.call(() -> view.viewArea().getScene().getRoot().snapshot(null, null));
        ChartExport.writePng(SwingFXUtils.fromFXImage(img, null), file);
        log.println("wrote " + file);
        return file;
    }

    /** Which states still need waiting for. */
    private static final class RunsDone {
        static boolean active(State s) {
            return s == State.NEW || s == State.RUNNING || s == State.PAUSED;
        }
    }

    /**
     * Starts JavaFX if it is not running yet, on Monocle's headless platform when there is no display.
     *
     * @return true if this call started the toolkit (and so must end it)
     */
    private static boolean startToolkit() throws InterruptedException {
        boolean noDisplay = System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null
                && !System.getProperty("os.name", "").startsWith("Windows")
                && !System.getProperty("os.name", "").startsWith("Mac");
        if (noDisplay && System.getProperty("glass.platform") == null) {
            if (Screenshots.class.getClassLoader().getResource("com/sun/glass/ui/monocle/MonoclePlatformFactory.class")
                    == null) {
                throw new IllegalStateException("no display, and Monocle (org.testfx:openjfx-monocle) is not on the "
                        + "class path; run under xvfb-run or add Monocle to the class path");
            }
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            System.setProperty("prism.text", "t2k");
            System.setProperty("headless.geometry", "1440x900-32");
            System.setProperty("java.awt.headless", "true");
        }
        CountDownLatch started = new CountDownLatch(1);
        boolean own = true;
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            own = false;
            started.countDown();
        }
        if (!started.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("JavaFX did not start within 30 s");
        }
        if (own) {
            // Our window is the only one; keep the toolkit alive between hiding it and the explicit exit.
            Platform.setImplicitExit(false);
        }
        return own;
    }
}
