package io.fpolab.ui.views;

import io.fpolab.train.TrainingRun;
import io.fpolab.ui.paint.ActionPlots;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.input.MouseEvent;

/**
 * "Action distribution": a live heatmap of ≥ 10,000 sampled actions at a GridWorld cell the user
 * clicks, with the density of the y component and the nine moves after the env's rounding (or at the
 * current state of a demo episode for control tasks; a histogram for 1-D actions), optionally next to
 * another run's distribution at the same state. FXML controller; state in
 * {@link ActionDistributionViewModel}.
 */
public final class ActionDistributionView extends AnalysisView {
    private static final String NONE = "— none —";

    @FXML private CheckBox evalBox;
    @FXML private CheckBox beforeTanhBox;
    @FXML private ChoiceBox<Integer> samplesBox;
    @FXML private ComboBox<TrainingRun> compareBox;
    @FXML private Button newStateButton;
    @FXML private Label pickerTitle;
    @FXML private PainterCanvas picker;
    @FXML private PainterCanvas mainCanvas;
    @FXML private PainterCanvas compareCanvas;
    @FXML private PlotPair plots;

    private final ActionDistributionViewModel vm = new ActionDistributionViewModel();
    private final Refresher refresher = new Refresher(3, () -> Views.training(vm.run()), vm::request,
            e -> vm.status.set("Could not sample: " + Views.message(e)));

    private ActionDistributionView() {
        wire(refresher, vm::run, vm::exportPainter);
    }

    /** Loads the view from {@code fxml/ActionDistributionView.fxml}. */
    public static ActionDistributionView create() {
        ActionDistributionView v = new ActionDistributionView();
        Views.load("ActionDistributionView.fxml", v);
        return v;
    }

    @FXML
    private void initialize() {
        samplesBox.setItems(FXCollections.observableArrayList(10_000, 20_000, 50_000));
        samplesBox.setValue(ActionDistributionViewModel.DEFAULT_SAMPLES);
        samplesBox.valueProperty().addListener((o, a, b) -> {
            vm.samples.set(b);
            refresher.invalidate();
        });
        evalBox.selectedProperty().bindBidirectional(vm.eval);
        vm.eval.addListener((o, a, b) -> refresher.invalidate());
        beforeTanhBox.selectedProperty().bindBidirectional(vm.beforeTanh);
        beforeTanhBox.disableProperty().bind(vm.squashed.not());
        vm.beforeTanh.addListener((o, a, b) -> refresher.invalidate());
        compareBox.setCellFactory(l -> new RunCell());
        compareBox.setButtonCell(new RunCell());
        compareBox.setPromptText(NONE);
        compareBox.valueProperty().bindBidirectional(vm.compareRun);
        vm.compareRun.addListener((o, a, b) -> refresher.invalidate());
        vm.main.addListener((o, a, b) -> {
            mainCanvas.setPainter(b);
            plots.setAspect(ActionPlots.aspect(b));
        });
        vm.compare.addListener((o, a, b) -> {
            compareCanvas.setPainter(b);
            compareCanvas.setVisible(b != null);
            compareCanvas.setManaged(b != null);
        });
        compareCanvas.setVisible(false);
        compareCanvas.setManaged(false);
        vm.picker.addListener((o, a, b) -> picker.setPainter(b));
        pickerTitle.textProperty().bind(vm.pickerHint);
        viewStatus.textProperty().bind(vm.status);
        newStateButton.visibleProperty().bind(vm.continuous);
        newStateButton.managedProperty().bind(vm.continuous);
        picker.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> selectClickedCell(e, picker, vm.target()));
        showEmpty(true);
    }

    @FXML
    private void onNewState() {
        vm.target().newDemoState();
        refresher.invalidate();
    }

    @Override
    public String title() {
        return "Action distribution";
    }

    @Override
    public void setRun(TrainingRun run) {
        vm.setRun(run);
        mainCanvas.setPainter(null);
        picker.setPainter(null);
        refreshCompareChoices();
        showEmpty(run == null);
        restartRefresh(run);
    }

    @Override
    public void setAvailableRuns(List<TrainingRun> runs) {
        vm.setAvailable(runs);
        refreshCompareChoices();
    }

    private void refreshCompareChoices() {
        TrainingRun chosen = vm.compareRun.get();
        List<TrainingRun> items = new java.util.ArrayList<>();
        items.add(null);
        items.addAll(vm.compareCandidates());
        compareBox.setItems(FXCollections.observableArrayList(items));
        compareBox.setValue(items.contains(chosen) ? chosen : null);
    }

    /** Run names in the compare chooser, "— none —" for no comparison. */
    private static final class RunCell extends ListCell<TrainingRun> {
        @Override
        protected void updateItem(TrainingRun item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : item == null ? NONE : item.name());
        }
    }
}
