package io.fpolab.ui.views;

import io.fpolab.train.TrainingRun;
import io.fpolab.ui.paint.Export;
import io.fpolab.ui.paint.Painter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Objects;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Alert;

/** Small helpers shared by the run views: FXML loading, exports, one-line error dialogs. */
final class Views {
    static final String STYLESHEET = "/assets/css/views.css";

    private Views() {
    }

    /** Loads {@code /fxml/name} with {@code controller} and the views' stylesheet. */
    static Parent load(String name, Object controller) {
        URL url = Objects.requireNonNull(Views.class.getResource("/fxml/" + name), "missing /fxml/" + name);
        FXMLLoader loader = new FXMLLoader(url);
        loader.setController(controller);
        try {
            Parent root = loader.load();
            root.getStylesheets().add(Objects.requireNonNull(Views.class.getResource(STYLESHEET)).toExternalForm());
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load /fxml/" + name, e);
        }
    }

    static boolean training(TrainingRun run) {
        return run != null && run.state() == TrainingRun.State.RUNNING;
    }

    static void png(Painter p, Path file, int w, int h, double scale, double fontSize) throws IOException {
        if (p == null) {
            throw new IOException("nothing to export: no run is selected");
        }
        Export.png(p, file, w, h, scale, fontSize);
    }

    static void svg(Painter p, Path file, int w, int h, double fontSize) throws IOException {
        if (p == null) {
            throw new IOException("nothing to export: no run is selected");
        }
        Export.svg(p, file, w, h, fontSize);
    }

    /** A one-line error message (not modal-blocking, so the view keeps refreshing). */
    static void error(String message) {
        Alert a = new Alert(Alert.AlertType.ERROR, message);
        a.setHeaderText(null);
        a.setTitle("FPO Lab");
        a.show();
    }

    /** The message of an error, one line. */
    static String message(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
