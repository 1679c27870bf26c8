package io.fpolab.ui;

import io.fpolab.core.EngineInfo;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;

/** Controller of the main window: binds the status bar and starts the engine off the FX thread. */
public class MainWindowController {
    @FXML private Label statusLabel;
    @FXML private Label engineLabel;
    @FXML private ProgressBar progressBar;

    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "engine-init");
        t.setDaemon(true);
        return t;
    });

    /** Loads ND4J in the background; the status bar reports when it is ready. */
    void startEngine() {
        engineLabel.setText("Engine: starting…");
        progressBar.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
        CompletableFuture.supplyAsync(EngineInfo::warmUp, background).whenComplete((info, error) ->
                Platform.runLater(() -> {
                    progressBar.setProgress(0);
                    if (error != null) {
                        engineLabel.setText("Engine failed: " + error.getMessage());
                        engineLabel.getStyleClass().add("error");
                    } else {
                        engineLabel.setText("Engine ready (" + info + ")");
                        statusLabel.setText("Ready");
                    }
                }));
    }

    void shutdown() {
        background.shutdownNow();
    }

    @FXML
    private void onQuit() {
        Platform.exit();
    }
}
