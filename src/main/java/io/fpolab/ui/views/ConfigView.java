package io.fpolab.ui.views;

import io.fpolab.train.TrainingRun;
import io.fpolab.ui.runs.RunRecord;
import io.fpolab.ui.runs.RunRecordsAware;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;

/**
 * "Config": the selected run's experiment config, read only, as the JSON its run folder keeps, with the
 * settings it changed from its preset above it. "Copy to editor" loads it into the experiment panel to start a
 * variant. A run keeps the config it was started with, whatever the editor shows since, so this is the one
 * place that says what a run really trains. FXML controller.
 */
public final class ConfigView implements RunView, RunRecordsAware {
    @FXML private Pane root;
    @FXML private BorderPane content;
    @FXML private Label emptyLabel;
    @FXML private Label runName;
    @FXML private Label changes;
    @FXML private TextArea configText;
    @FXML private Button copyToEditorButton;
    @FXML private Button copyJsonButton;

    private List<RunRecord> records = List.of();
    private TrainingRun run;
    private RunRecord shown;
    private Consumer<RunRecord> onCopyToEditor = r -> { };
    private Function<RunRecord, String> describeChanges = r -> "";

    private ConfigView() {
    }

    /** Loads the view from {@code fxml/ConfigView.fxml}. */
    public static ConfigView create() {
        ConfigView v = new ConfigView();
        Views.load("ConfigView.fxml", v);
        return v;
    }

    @FXML
    private void initialize() {
        copyToEditorButton.setTooltip(new Tooltip("Load this run's settings into the experiment panel, to start a "
                + "variant of it"));
        copyJsonButton.setTooltip(new Tooltip("Copy the config as JSON to the clipboard"));
        show(null);
    }

    /**
     * What the main window does on "Copy to editor", and how it says what a run changed from its preset
     * ("changed from GridWorld · FPO (paper settings): nMc=8 clip=0.3"; empty when nothing).
     */
    public void setActions(Consumer<RunRecord> copyToEditor, Function<RunRecord, String> changesOf) {
        this.onCopyToEditor = Objects.requireNonNull(copyToEditor);
        this.describeChanges = Objects.requireNonNull(changesOf);
        show(shown);
    }

    @Override
    public String title() {
        return "Config";
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void setRun(TrainingRun run) {
        this.run = run;
        show(find(run));
    }

    @Override
    public void setRecords(List<RunRecord> records) {
        this.records = List.copyOf(records);
        show(find(run));
    }

    private RunRecord find(TrainingRun r) {
        for (RunRecord rec : records) {
            if (rec.run() == r) {
                return rec;
            }
        }
        return null;
    }

    private void show(RunRecord r) {
        if (shown != null) {
            runName.textProperty().unbind();
        }
        shown = r;
        boolean empty = r == null;
        emptyLabel.setVisible(empty);
        content.setVisible(!empty);
        if (empty) {
            configText.clear();
            return;
        }
        runName.textProperty().bind(r.nameProperty());
        String c = describeChanges.apply(r);
        changes.setText(c);
        changes.setVisible(!c.isEmpty());
        changes.setManaged(!c.isEmpty());
        configText.setText(r.configJson());
        configText.positionCaret(0);
    }

    /** The run shown, or null (tests). */
    public RunRecord shownRun() {
        return shown;
    }

    /** The config text shown (tests). */
    public String shownText() {
        return configText.getText();
    }

    @FXML
    private void onCopyToEditor() {
        if (shown != null) {
            onCopyToEditor.accept(shown);
        }
    }

    @FXML
    private void onCopyJson() {
        if (shown != null) {
            ClipboardContent c = new ClipboardContent();
            c.putString(shown.configJson());
            Clipboard.getSystemClipboard().setContent(c);
        }
    }

    @Override
    public void setVisible(boolean visible) {
        // Nothing refreshes: a run's config never changes.
    }

    @Override
    public void exportPng(Path file, int width, int height, double scale, double fontSize) throws IOException {
        throw new IOException("the Config tab is text, not a figure: use Copy JSON, or File › Save config…");
    }

    @Override
    public void exportSvg(Path file, int width, int height, double fontSize) throws IOException {
        throw new IOException("the Config tab is text, not a figure: use Copy JSON, or File › Save config…");
    }
}
