package io.fpolab.ui;

import io.fpolab.core.EngineInfo;
import io.fpolab.ui.util.LabPreferences;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import javafx.application.Application;
import javafx.stage.Stage;
import org.slf4j.LoggerFactory;

/**
 * The lab window application: opens {@link MainWindowView} with the user's remembered layout, and
 * when the window closes stops every run so no trainer thread outlives it.
 */
public class LabApp extends Application {
    public static final String TITLE = "FPO Lab";
    /**
     * System property with the epoch milliseconds at which the first JVM started when {@code Main} relaunched
     * itself (a compile-time constant, so reading it loads no JavaFX class).
     */
    public static final String LAUNCHED_AT = "fpolab.launchedAt";

    /** Whether {@link #launchLab} started this JVM's lab (not a test harness), so start-up time means something. */
    private static volatile boolean launchedByMain;

    private MainWindowView view;

    /** Opens the lab window; blocks until it is closed. */
    public static void launchLab(String[] args) {
        launchedByMain = true;
        long t0 = System.nanoTime();
        EngineInfo.startBeforeToolkit();
        LoggerFactory.getLogger(LabApp.class).info("Engine started in {} ms, before the window's toolkit",
                (System.nanoTime() - t0) / 1_000_000);
        Application.launch(LabApp.class, args);
    }

    @Override
    public void start(Stage stage) throws IOException {
        view = MainWindowView.open(stage, LabPreferences.forApplication());
        stage.show();
        if (launchedByMain) {
            long launched = Long.getLong(LAUNCHED_AT, ManagementFactory.getRuntimeMXBean().getStartTime());
            LoggerFactory.getLogger(LabApp.class).info("Lab window shown {} ms after launch",
                    System.currentTimeMillis() - launched);
        }
        view.startEngine();
    }

    @Override
    public void stop() {
        if (view != null) {
            view.shutdown();
        }
    }

    /** The window's controller (tests drive the lab through it). */
    public MainWindowView view() {
        return view;
    }
}
