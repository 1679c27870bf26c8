package io.fpolab.ui;

import io.fpolab.runs.SweepWatch;
import io.fpolab.ui.runs.RunCells;
import io.fpolab.ui.runs.RunRecord;
import io.fpolab.ui.runs.RunsViewModel;
import io.fpolab.ui.runs.SweepFollow;
import io.fpolab.ui.util.Dialogs;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.ProgressBarTableCell;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Controller of {@code fxml/RunList.fxml}, the run list under the experiment form: binds the run table, the run
 * controls under it and the followed sweep's box to {@link RunsViewModel}, {@link SweepFollow} and what
 * {@link MainWindowViewModel} says the selected run allows. The buttons act on the selected run; renaming, showing
 * a run's config and copying it to the editor are forwarded to the main window, which owns the prompts and tabs.
 */
public class RunListView {
    @FXML private TableView<RunRecord> runTable;
    @FXML private TableColumn<RunRecord, RunRecord.Status> nameColumn;
    @FXML private TableColumn<RunRecord, RunRecord.Status> stateColumn;
    @FXML private TableColumn<RunRecord, Double> progressColumn;
    @FXML private Button resumeButton;
    @FXML private Button pauseButton;
    @FXML private Button stepButton;
    @FXML private Button stopButton;
    @FXML private Button resetButton;
    @FXML private Button removeButton;
    @FXML private Button lowerLrButton;
    @FXML private VBox sweepBox;
    @FXML private Label sweepLabel;
    @FXML private Button sweepButton;
    @FXML private ListView<SweepWatch.Run> sweepList;

    private MainWindowViewModel model;
    private RunsViewModel runs;
    private SweepFollow sweeps;
    private Runnable onRename = () -> { };
    private Runnable onShowConfig = () -> { };
    private Consumer<RunRecord> onCopyToEditor = r -> { };

    /**
     * Connects the list to the window's models (called once, after loading the FXML). The followed sweep is
     * created here, reading its folder on {@code background}; {@link #close()} ends it.
     */
    public void bind(MainWindowViewModel model, Executor background) {
        this.model = model;
        this.runs = model.runs();
        this.sweeps = new SweepFollow(runs, background, model::notice);
        bindRunTable();
        bindRunControls();
        bindSweep();
    }

    /**
     * Sets what the run's context menu forwards: renaming the selected run, showing the Config tab (also on a
     * double click) and copying a run's config to the editor.
     */
    public void setActions(Runnable rename, Runnable showConfig, Consumer<RunRecord> copyToEditor) {
        onRename = rename;
        onShowConfig = showConfig;
        onCopyToEditor = copyToEditor;
    }

    private void bindRunTable() {
        runTable.setItems(runs.runs());
        nameColumn.setCellValueFactory(c -> c.getValue().statusProperty());
        // No algorithm column: it starts every default name, and the tooltip names it for runs opened from folders.
        nameColumn.setCellFactory(col -> new RunCells.NameCell());
        stateColumn.setCellValueFactory(c -> c.getValue().statusProperty());
        stateColumn.setCellFactory(col -> new RunCells.StateCell());
        progressColumn.setCellValueFactory(c -> c.getValue().progressProperty().asObject());
        progressColumn.setCellFactory(ProgressBarTableCell.forTableColumn());
        runTable.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null && now != runs.selected()) {
                runs.selectedProperty().set(now);
            }
        });
        runs.selectedProperty().addListener((obs, old, now) -> {
            if (now != null) {
                runTable.getSelectionModel().select(now);
            }
        });
        runTable.setRowFactory(table -> {
            TableRow<RunRecord> row = new TableRow<>();
            row.contextMenuProperty().bind(Bindings.when(row.emptyProperty()).then((ContextMenu) null)
                    .otherwise(runMenu()));
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    onShowConfig.run();
                }
            });
            return row;
        });
    }

    /**
     * The run list's context menu; its commands act on the selected run (the row right-clicked is selected). F2
     * is Run › Rename run's accelerator, so it works wherever the focus is.
     */
    private ContextMenu runMenu() {
        MenuItem rename = new MenuItem("Rename…");
        rename.setAccelerator(new KeyCodeCombination(KeyCode.F2));
        rename.setOnAction(e -> onRename.run());
        MenuItem config = new MenuItem("Show config");
        config.setOnAction(e -> onShowConfig.run());
        MenuItem copy = new MenuItem("Copy config to editor");
        copy.setOnAction(e -> onCopyToEditor.accept(runs.selected()));
        MenuItem remove = new MenuItem("Remove");
        remove.setOnAction(e -> onRemove());
        return new ContextMenu(rename, config, copy, new SeparatorMenuItem(), remove);
    }

    private void bindRunControls() {
        BooleanBinding none = model.noSelection();
        BooleanBinding resumable = model.resumable();
        BooleanBinding stoppable = model.stoppable();
        resumeButton.disableProperty().bind(resumable.not());
        pauseButton.disableProperty().bind(model.running().not());
        stepButton.disableProperty().bind(resumable.not());
        stopButton.disableProperty().bind(stoppable.not());
        resetButton.disableProperty().bind(none);
        removeButton.disableProperty().bind(none);
        // Only for a run that diverged: the one-click way to do what its message asks.
        lowerLrButton.visibleProperty().bind(model.diverged());
        lowerLrButton.managedProperty().bind(model.diverged());
        for (Button b : List.of(resumeButton, pauseButton, stepButton, stopButton, resetButton, removeButton,
                lowerLrButton)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        resumeButton.setTooltip(new Tooltip("Start or resume the selected run (Space, F6); a run opened from a "
                + "folder continues from its checkpoint"));
        pauseButton.setTooltip(new Tooltip("Pause the selected run (Space, F6)"));
        stepButton.setTooltip(new Tooltip("Train exactly one more iteration, then pause (F7)"));
        stopButton.setTooltip(new Tooltip("Stop training; curves stay (Ctrl+., Shift+F5)"));
        resetButton.setTooltip(new Tooltip("Throw the run away and start the same experiment again"));
        removeButton.setTooltip(new Tooltip("Stop the run and remove it from the list"));
        lowerLrButton.setTooltip(new Tooltip("Training diverged and went back to its last good state: divide the "
                + "actor and critic learning rates by " + (int) RunsViewModel.LR_DIVISOR + " and resume"));
    }

    /**
     * The followed sweep under the run list: what it has done so far ("Following sweep lr: 3 of 8 finished, 2
     * running"), a button that stops following (then closes the list), and every planned run with its state; a
     * click on a run that has started selects it in the run list.
     */
    private void bindSweep() {
        sweepBox.visibleProperty().bind(sweeps.openProperty());
        sweepBox.managedProperty().bind(sweeps.openProperty());
        sweepLabel.textProperty().bind(sweeps.indicatorProperty());
        sweepButton.textProperty().bind(Bindings.when(sweeps.followingProperty()).then("Stop following")
                .otherwise("Close"));
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(Bindings.when(sweeps.followingProperty())
                .then("Stop re-reading the sweep folder; its runs and curves stay as they are")
                .otherwise("Hide the sweep's list; its runs stay in the run list"));
        sweepButton.setTooltip(tip);
        sweepList.setItems(sweeps.planned());
        sweepList.setCellFactory(list -> new RunCells.SweepRunCell());
        sweepList.setPlaceholder(new Label("The sweep's run list is empty"));
        sweepList.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            RunRecord r = now == null ? null : sweeps.record(now);
            if (r != null && runs.runs().contains(r)) {
                runs.selectedProperty().set(r);
                runTable.scrollTo(r);
            }
        });
    }

    @FXML
    private void onSweepButton() {
        if (sweeps.followingProperty().get()) {
            sweeps.stop();
            model.notice("Stopped following the sweep; its runs stay as last read");
        } else {
            sweeps.close();
        }
    }

    /** The followed sweep folder, if any (the window's File menu opens sweep folders into it). */
    public SweepFollow sweeps() {
        return sweeps;
    }

    // ---- commands on the selected run (buttons, and the window's Run menu) ---------------------------

    /** Starts or resumes the selected run. */
    @FXML
    public void onResume() {
        runs.resume(runs.selected());
    }

    /** Pauses the selected run. */
    @FXML
    public void onPause() {
        runs.pause(runs.selected());
    }

    /** Trains the selected run one more iteration, then pauses it. */
    @FXML
    public void onStep() {
        runs.step(runs.selected());
    }

    /** Stops the selected run; its curves stay. */
    @FXML
    public void onStop() {
        runs.stop(runs.selected());
    }

    /** Throws the selected run away and starts the same experiment again. */
    @FXML
    public void onReset() {
        RunRecord r = runs.selected();
        if (r != null) {
            runs.reset(r);
        }
    }

    /** Stops the selected run and removes it from the list. */
    @FXML
    public void onRemove() {
        RunRecord r = runs.selected();
        if (r != null) {
            runs.remove(r);
        }
    }

    /** Resumes the selected run, which diverged, at lower learning rates; a failure is shown in a dialog. */
    @FXML
    public void onLowerLearningRate() {
        model.lowerLearningRate().whenComplete((lr, err) -> {
            if (err != null) {
                Dialogs.error(window(), "Cannot change the learning rate", Dialogs.oneLine(err));
            }
        });
    }

    private Window window() {
        return runTable.getScene() == null ? null : runTable.getScene().getWindow();
    }

    /** Stops following the sweep, if any. */
    public void close() {
        sweeps.close();
    }
}
