package io.fpolab.ui.util;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Modality;
import javafx.stage.Window;

/** Message dialogs. They never show stack traces: callers pass the one-line message of the problem. */
public final class Dialogs {
    /** Style class of error dialogs, so tests and CSS can find them. */
    public static final String ERROR_DIALOG = "lab-error-dialog";

    private Dialogs() {
    }

    /**
     * Shows an error without blocking the caller (the FX thread keeps rendering; training keeps going).
     *
     * @param header what failed ("Cannot open config")
     * @param message the one-line reason, naming the field, value and what is allowed
     */
    public static Alert error(Window owner, String header, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        alert.setTitle("FPO Lab");
        alert.setHeaderText(header);
        alert.getDialogPane().getStyleClass().add(ERROR_DIALOG);
        alert.getDialogPane().setMinWidth(460);
        if (owner != null) {
            alert.initOwner(owner);
            alert.initModality(Modality.WINDOW_MODAL);
        }
        alert.show();
        return alert;
    }

    /** Shows an information text (shortcuts, about) without blocking. */
    public static Alert info(Window owner, String header, String message) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, message, ButtonType.OK);
        alert.setTitle("FPO Lab");
        alert.setHeaderText(header);
        alert.getDialogPane().setMinWidth(520);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.show();
        return alert;
    }

    /** The one-line message of a failure, unwrapping the CompletionException layers of futures. */
    public static String oneLine(Throwable error) {
        Throwable t = error;
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.io.UncheckedIOException) && t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            m = t.getClass().getSimpleName();
        } else if (t instanceof java.io.IOException && !(t instanceof java.nio.file.FileSystemException)) {
            m = t.getClass().getSimpleName() + ": " + m;
        } else if (t instanceof java.nio.file.FileSystemException fse) {
            m = fse.getFile() + ": " + (fse.getReason() == null ? t.getClass().getSimpleName() : fse.getReason());
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
