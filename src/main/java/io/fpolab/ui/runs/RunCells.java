package io.fpolab.ui.runs;

import io.fpolab.runs.SweepWatch;
import io.fpolab.train.TrainingRun.State;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Cells of the run list. The name cell wraps long names onto a second line and, for a run that
 * diverged or failed, adds a coloured line saying so; its tooltip has the full name and message. The
 * state cell says "Diverged" or "Failed" in the same colour. Both follow {@link RunRecord#statusProperty()}.
 */
public final class RunCells {
    private RunCells() {
    }

    /** Style class of an alert: "run-warning" for a divergence (resumable), "run-error" for a failure. */
    static String alertClass(RunRecord.Status s) {
        return s.diverged() ? "run-warning" : "run-error";
    }

    /** Full text of the name cell's tooltip: name, what it runs, state and message. */
    static String tooltip(RunRecord.Status s) {
        String state = Labels.state(s);
        return s.name() + "\n" + s.about() + "\n" + (s.message().isEmpty() ? state : state + ": " + s.message());
    }

    /** Run name (wrapping) and, for an alerting run, the short alert line. */
    public static final class NameCell extends TableCell<RunRecord, RunRecord.Status> {
        private final Label name = new Label();
        private final Label alert = new Label();
        private final VBox box = new VBox(1, name, alert);
        private final Tooltip tip = messageTooltip();

        public NameCell() {
            getStyleClass().add("run-name-cell");
            name.getStyleClass().add("run-name");
            alert.getStyleClass().add("run-alert");
            name.setWrapText(true);
            alert.setWrapText(true);
            name.setMinHeight(Label.USE_PREF_SIZE);
            alert.setMinHeight(Label.USE_PREF_SIZE);
            alert.managedProperty().bind(alert.visibleProperty());
        }

        @Override
        protected void updateItem(RunRecord.Status s, boolean empty) {
            super.updateItem(s, empty);
            alert.getStyleClass().removeAll("run-warning", "run-error");
            setText(null);
            if (empty || s == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            name.setText(s.name());
            alert.setVisible(s.alert());
            alert.setText("");
            if (s.alert()) {
                alert.getStyleClass().add(alertClass(s));
                alert.setText("⚠ " + Labels.alertLine(s));
            }
            tip.setText(tooltip(s));
            setTooltip(tip);
            setGraphic(box);
        }

        /**
         * Height for the column's width: without it the row was sized for text wrapped at some smaller width and
         * a two-line name took a seven-line row.
         */
        @Override
        protected double computePrefHeight(double width) {
            if (getGraphic() == null || getTableColumn() == null) {
                return super.computePrefHeight(width);
            }
            double inner = getTableColumn().getWidth() - snappedLeftInset() - snappedRightInset();
            return snappedTopInset() + box.prefHeight(Math.max(20, inner)) + snappedBottomInset();
        }

        /** The alert line as shown ("" when hidden), for tests. */
        public String alertText() {
            return alert.isVisible() ? alert.getText() : "";
        }
    }

    /** "Running", "Diverged", "Failed"…; alerts in colour with the message as tooltip. */
    public static final class StateCell extends TableCell<RunRecord, RunRecord.Status> {
        private final Tooltip tip = messageTooltip();

        @Override
        protected void updateItem(RunRecord.Status s, boolean empty) {
            super.updateItem(s, empty);
            getStyleClass().removeAll("run-warning", "run-error");
            setTooltip(null);
            if (empty || s == null) {
                setText(null);
                return;
            }
            setText(Labels.state(s));
            if (s.alert() || s.state() == State.FAILED) {
                getStyleClass().add(alertClass(s));
                tip.setText(s.message());
                setTooltip(s.message().isEmpty() ? null : tip);
            }
        }
    }

    /**
     * A row of a followed sweep's list: "3 · ppo.lr=1e-4 · seed 1" and its state, coloured by state, with the
     * detail (iterations so far, the final metric, or the exit code, error and log of a failed run) below; the
     * tooltip has the detail whole.
     */
    public static final class SweepRunCell extends ListCell<SweepWatch.Run> {
        private static final List<String> STATE_CLASSES = List.of("sweep-finished", "sweep-running", "sweep-pending",
                "sweep-failed");
        private final Label title = new Label();
        private final Label detail = new Label();
        private final VBox box = new VBox(0, title, detail);
        private final Tooltip tip = messageTooltip();

        public SweepRunCell() {
            getStyleClass().add("sweep-run-cell");
            detail.getStyleClass().add("sweep-detail");
            // As wide as the list, never wider: a long log path is shortened in its middle, the tooltip has it whole.
            setPrefWidth(0);
            title.setMinWidth(0);
            detail.setMinWidth(0);
            box.setMinWidth(0);
            title.setTextOverrun(javafx.scene.control.OverrunStyle.ELLIPSIS);
            detail.setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_WORD_ELLIPSIS);
        }

        @Override
        protected void updateItem(SweepWatch.Run r, boolean empty) {
            super.updateItem(r, empty);
            title.getStyleClass().removeAll(STATE_CLASSES);
            setText(null);
            if (empty || r == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            String state = Labels.sweepState(r.state());
            title.setText(r.planned().index() + " · " + r.planned().setting() + " · seed " + r.planned().seed()
                    + " — " + state);
            title.getStyleClass().add("sweep-" + state.toLowerCase(java.util.Locale.ROOT));
            detail.setText(r.detail());
            tip.setText(r.planned().folder() + "\n" + state + (r.detail().isEmpty() ? "" : ": " + r.detail()));
            setTooltip(tip);
            setGraphic(box);
        }

        /** The row's first line as shown, for tests. */
        public String titleText() {
            return title.getText();
        }
    }

    /** A tooltip for a run's full message: wrapped, and up long enough to read it. */
    private static Tooltip messageTooltip() {
        Tooltip tip = new Tooltip();
        tip.setWrapText(true);
        tip.setMaxWidth(480);
        tip.setShowDuration(Duration.seconds(30));
        return tip;
    }
}
