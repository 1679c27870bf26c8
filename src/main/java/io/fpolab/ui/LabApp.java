package io.fpolab.ui;

import io.fpolab.core.EngineInfo;
import java.io.IOException;
import java.net.URL;
import java.util.Objects;
import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The lab window: loads {@code fxml/MainWindow.fxml} and starts the engine in the background. */
public class LabApp extends Application {
    public static final String TITLE = "FPO Lab";

    private MainWindowController controller;

    /** Opens the lab window; blocks until it is closed. */
    public static void launchLab(String[] args) {
        Application.launch(LabApp.class, args);
    }

    @Override
    public void start(Stage stage) throws IOException {
        FXMLLoader loader = new FXMLLoader(resource("/fxml/MainWindow.fxml"));
        Parent root = loader.load();
        controller = loader.getController();
        Scene scene = new Scene(root, 1280, 800);
        scene.getStylesheets().add(resource("/assets/css/lab.css").toExternalForm());
        stage.setTitle(TITLE + " " + EngineInfo.version());
        stage.setScene(scene);
        stage.show();
        controller.startEngine();
    }

    @Override
    public void stop() {
        if (controller != null) {
            controller.shutdown();
        }
    }

    static URL resource(String path) {
        return Objects.requireNonNull(LabApp.class.getResource(path), "missing resource " + path);
    }
}
