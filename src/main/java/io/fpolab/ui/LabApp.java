package io.fpolab.ui;

import io.fpolab.ui.util.LabPreferences;
import java.io.IOException;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The lab window application: opens {@link MainWindowView} with the user's remembered layout, and
 * when the window closes stops every run so no trainer thread outlives it.
 */
public class LabApp extends Application {
    public static final String TITLE = "FPO Lab";

    private MainWindowView view;

    /** Opens the lab window; blocks until it is closed. */
    public static void launchLab(String[] args) {
        Application.launch(LabApp.class, args);
    }

    @Override
    public void start(Stage stage) throws IOException {
        view = MainWindowView.open(stage, LabPreferences.forApplication());
        stage.show();
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
