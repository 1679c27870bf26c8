package io.fpolab.ui.views;

import io.fpolab.train.TrainingRun;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;

/**
 * "System": an animated drawing of a continuous-control task (cartpole, pendulum, acrobot, point
 * mass, reacher, mountain car) run by the current policy, with play/pause and reset. For GridWorld
 * runs it says so and points to the GridWorld tab. FXML controller; state in {@link SystemViewModel}.
 */
public final class SystemView extends AnalysisView {
    private static final String NO_RUN = "No run selected. Pick a continuous-control run in the run list to watch "
            + "its current policy drive the system.";
    private static final String GRID_RUN = "The System view animates continuous-control runs (cartpole, pendulum, "
            + "acrobot, point mass, reacher, mountain car). This run is a GridWorld: open the GridWorld tab to see "
            + "its policy field and rollouts.";

    @FXML private Button playButton;
    @FXML private PainterCanvas systemCanvas;

    private final SystemViewModel vm = new SystemViewModel();
    private final Refresher refresher = new Refresher(SystemViewModel.FPS, () -> vm.playing.get(), vm::request,
            e -> viewStatus.setText("Could not step the demo: " + Views.message(e)));

    private SystemView() {
        wire(refresher, vm::run, vm.frame::get);
    }

    /** Loads the view from {@code fxml/SystemView.fxml}. */
    public static SystemView create() {
        SystemView v = new SystemView();
        Views.load("SystemView.fxml", v);
        return v;
    }

    @FXML
    private void initialize() {
        vm.frame.addListener((o, a, b) -> systemCanvas.setPainter(b));
        vm.playing.addListener((o, a, b) -> playButton.setText(b ? "Pause" : "Play"));
        vm.gridRun.addListener((o, a, b) -> updateEmpty());
        updateEmpty();
    }

    @FXML
    private void onPlay() {
        vm.playing.set(!vm.playing.get());
        refresher.invalidate();
    }

    @FXML
    private void onReset() {
        vm.reset();
        refresher.invalidate();
    }

    private void updateEmpty() {
        boolean empty = vm.run() == null || vm.gridRun.get();
        emptyLabel.setText(vm.run() == null ? NO_RUN : GRID_RUN);
        emptyLabel.setVisible(empty);
        content.setVisible(!empty);
    }

    @Override
    public String title() {
        return "System";
    }

    @Override
    public void setRun(TrainingRun run) {
        vm.setRun(run);
        updateEmpty();
        restartRefresh(run);
    }
}
