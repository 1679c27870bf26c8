package io.fpolab.ui.views;

import io.fpolab.env.grid.GridLayout;
import io.fpolab.train.TrainingRun;
import io.fpolab.ui.paint.GridWorldPainter;
import io.fpolab.ui.util.FxRelay;
import io.fpolab.ui.views.GridWorldViewModel.Brush;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.FlowPane;
import javafx.stage.FileChooser;

/**
 * "GridWorld": the policy field (one sampled action per cell, coloured by direction), an optional
 * value map, episodes sampled from cells the user clicks with their outcome counts — and an editor
 * that paints walls, goals, death cells and starts and applies the layout to the running
 * experiment. FXML controller; state in {@link GridWorldViewModel}.
 */
public final class GridWorldView extends AnalysisView {
    @FXML private ToggleButton editToggle;
    @FXML private CheckBox valuesBox;
    @FXML private CheckBox evalBox;
    @FXML private Spinner<Integer> episodesSpinner;
    @FXML private FlowPane editorBar;
    @FXML private ToggleButton emptyBrush;
    @FXML private ToggleButton wallBrush;
    @FXML private ToggleButton goalBrush;
    @FXML private ToggleButton deathBrush;
    @FXML private ToggleButton startBrush;
    @FXML private TextField rewardField;
    @FXML private PainterCanvas gridCanvas;

    private final GridWorldViewModel vm = new GridWorldViewModel();
    private final Refresher refresher = new Refresher(2, () -> Views.training(vm.run()) && !vm.editing.get(),
            vm::request, e -> vm.status.set("Could not read the policy: " + Views.message(e)));
    private int lastPainted = -1;

    private GridWorldView() {
        wire(refresher, vm::run, vm::exportPainter);
    }

    /** Loads the view from {@code fxml/GridWorldView.fxml}. */
    public static GridWorldView create() {
        GridWorldView v = new GridWorldView();
        Views.load("GridWorldView.fxml", v);
        return v;
    }

    @FXML
    private void initialize() {
        valuesBox.selectedProperty().bindBidirectional(vm.showValues);
        evalBox.selectedProperty().bindBidirectional(vm.eval);
        vm.showValues.addListener((o, a, b) -> refresher.invalidate());
        vm.eval.addListener((o, a, b) -> refresher.invalidate());
        episodesSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 500, 20));
        episodesSpinner.valueProperty().addListener((o, a, b) -> {
            vm.episodes.set(b);
            refresher.invalidate();
        });
        ToggleGroup brushes = new ToggleGroup();
        Map<ToggleButton, Brush> map = Map.of(emptyBrush, Brush.EMPTY, wallBrush, Brush.WALL, goalBrush, Brush.GOAL,
                deathBrush, Brush.DEATH, startBrush, Brush.START);
        map.forEach((button, b) -> {
            button.setToggleGroup(brushes);
            button.setUserData(b);
        });
        wallBrush.setSelected(true);
        brushes.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
                return;
            }
            Brush brush = (Brush) b.getUserData();
            vm.brush.set(brush);
            rewardField.setDisable(brush != Brush.GOAL && brush != Brush.DEATH);
            if (brush == Brush.GOAL) {
                rewardField.setText(format(GridLayout.DEFAULT_GOAL_REWARD));
            } else if (brush == Brush.DEATH) {
                rewardField.setText(format(GridLayout.DEFAULT_DEATH_REWARD));
            }
        });
        rewardField.setDisable(true);
        editorBar.visibleProperty().bind(vm.editing);
        editorBar.managedProperty().bind(vm.editing);
        vm.editing.addListener((o, a, b) -> editToggle.setSelected(b));
        vm.scene.addListener((o, a, b) -> gridCanvas.setPainter(b));
        vm.gridRun.addListener((o, a, b) -> updateEmpty());
        viewStatus.textProperty().bind(vm.status);
        gridCanvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            lastPainted = -1;
            onCanvasMouse(e, true);
        });
        gridCanvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> onCanvasMouse(e, false));
        updateEmpty();
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private int cellUnder(MouseEvent e) {
        GridWorldPainter p = vm.scene.get();
        return p == null ? -1 : p.cellAt(e.getX(), e.getY(), (int) gridCanvas.getWidth(), (int) gridCanvas.getHeight(),
                gridCanvas.paintedStyle());
    }

    private void onCanvasMouse(MouseEvent e, boolean press) {
        int cell = cellUnder(e);
        if (cell < 0) {
            return;
        }
        if (vm.editing.get()) {
            if (cell == lastPainted) {
                return;
            }
            lastPainted = cell;
            double reward;
            try {
                reward = rewardField.isDisabled() ? 0 : Double.parseDouble(rewardField.getText().trim());
            } catch (NumberFormatException ex) {
                vm.status.set("Reward: '" + rewardField.getText() + "' is not a number");
                return;
            }
            try {
                vm.paint(cell, reward);
            } catch (IllegalArgumentException ex) {
                vm.status.set(Views.message(ex));
            }
        } else if (press && vm.toggleStart(cell)) {
            GridLayout l = vm.scene.get().scene().layout();
            vm.status.set("Sampling episodes from (" + l.cellX(cell) + ", " + l.cellY(cell) + ")…");
            refresher.invalidate();
        }
    }

    @FXML
    private void onEditToggle() {
        if (editToggle.isSelected()) {
            if (!vm.startEditing()) {
                editToggle.setSelected(false);
                vm.status.set("The layout is not loaded yet; try again in a moment");
            } else {
                vm.status.set("Editor: paint cells, then Apply to run (training continues on the new layout)");
            }
        } else {
            vm.stopEditing();
            vm.status.set("");
            refresher.invalidate();
        }
    }

    @FXML
    private void onClearStarts() {
        vm.clearStarts();
        refresher.invalidate();
    }

    @FXML
    private void onApply() {
        vm.apply().whenComplete((layout, error) -> FxRelay.later(() -> {
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                vm.status.set("Not applied: " + Views.message(cause));
                Views.error("Could not apply the layout: " + Views.message(cause));
            } else {
                vm.status.set("Applied layout '" + layout.name() + "' to " + vm.run().name());
            }
        }));
    }

    @FXML
    private void onRevert() {
        vm.stopEditing();
        vm.startEditing();
    }

    @FXML
    private void onLoad() {
        File f = chooser().showOpenDialog(root.getScene().getWindow());
        if (f != null) {
            try {
                vm.load(f.toPath());
                vm.status.set("Loaded " + f.getName() + " into the editor; Apply to run to use it");
            } catch (RuntimeException ex) {
                Views.error(Views.message(ex));
            }
        }
    }

    @FXML
    private void onSave() {
        File f = chooser().showSaveDialog(root.getScene().getWindow());
        if (f != null) {
            try {
                vm.save(f.toPath());
                vm.status.set("Saved " + f.getName());
            } catch (RuntimeException ex) {
                Views.error(Views.message(ex));
            }
        }
    }

    private static FileChooser chooser() {
        FileChooser c = new FileChooser();
        c.setTitle("GridWorld layout");
        c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Layout (JSON, YAML)", "*.json", "*.yaml", "*.yml"));
        return c;
    }

    private void updateEmpty() {
        TrainingRun run = vm.run();
        boolean noRun = run == null;
        emptyLabel.setText(noRun
                ? "No run selected. Pick a GridWorld run in the run list to see its policy field, value map and rollouts, and to edit its layout."
                : "This run trains a continuous-control task; the GridWorld view applies to GridWorld runs. "
                        + "Its policy is animated in the System tab and sampled in the Action distribution tab.");
        boolean empty = noRun || !vm.gridRun.get();
        emptyLabel.setVisible(empty);
        content.setVisible(!empty);
    }

    /** The view model (tests drive the editor through it). */
    GridWorldViewModel viewModel() {
        return vm;
    }

    @Override
    public String title() {
        return "GridWorld";
    }

    @Override
    public void setRun(TrainingRun run) {
        vm.setRun(run);
        vm.gridRun.set(true);
        updateEmpty();
        restartRefresh(run);
    }
}
