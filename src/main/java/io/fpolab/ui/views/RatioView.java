package io.fpolab.ui.views;

import io.fpolab.train.TrainingRun;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.util.Duration;

/**
 * "Ratio": how well FPO's ratio {@code exp(ℓ_old − ℓ_θ)} tracks the exact likelihood ratio on one PPO update of
 * the selected run — a scatter of the two log-ratios per sampled action with the clip band
 * ({@link io.fpolab.ui.paint.RatioScatterPainter}). Checks run on request (Ctrl+R or the button) on a copy of the
 * run; FXML controller, state in {@link RatioViewModel}.
 */
public final class RatioView extends AnalysisView {
    /** Asks the view model twice a second whether tracking wants a new check; runs only while the tab is shown. */
    private Timeline tracker;
    private static final String NO_RUN = "No run selected. Pick an FPO run in the run list to compare its ratio with "
            + "the exact likelihood ratio.";

    @FXML private Button checkButton;
    @FXML private ComboBox<Integer> samplesBox;
    @FXML private PainterCanvas scatterCanvas;
    @FXML private PainterCanvas trendCanvas;
    @FXML private CheckBox trackBox;

    private final RatioViewModel vm = new RatioViewModel();
    // Only what the run is (FPO? how many action dimensions?) is fetched on its own; checks run on request.
    private final Refresher refresher = new Refresher(1, () -> false, vm::requestInfo,
            e -> vm.status.set("Could not read the run: " + Views.message(e)));

    private RatioView() {
        wire(refresher, vm::run, vm.painter::get);
    }

    /** Loads the view from {@code fxml/RatioView.fxml}. */
    public static RatioView create() {
        RatioView v = new RatioView();
        Views.load("RatioView.fxml", v);
        return v;
    }

    @FXML
    private void initialize() {
        samplesBox.getItems().setAll(100, 200, 500, 1000);
        samplesBox.setValue(200);
        samplesBox.setTooltip(new Tooltip("Actions of the iteration's rollout to compare. Each needs two exact "
                + "likelihoods (an ODE solve with 256 RK4 steps per policy): about a tenth of a second for a small "
                + "network."));
        checkButton.setTooltip(new Tooltip("Runs one PPO iteration on a copy of the run from its current state "
                + "(θ_old = now, θ = after the update) and compares FPO's ratio on the (τ, ε) pairs the update "
                + "stored with the exact ratio of the flows' ODE densities. The run keeps training untouched. "
                + "(Ctrl+R)"));
        checkButton.disableProperty().bind(vm.running.or(vm.unsupported.isNotEmpty()));
        vm.painter.addListener((o, a, b) -> scatterCanvas.setPainter(b));
        scatterCanvas.setPainter(vm.painter.get());
        trackBox.setTooltip(new Tooltip("Check again each time the run has trained on since the last check, and plot "
                + "the checks over training below: the correlation of the log-ratios, the share of actions on which "
                + "they agree about the clip band and training's own clip fraction. Each check runs on a copy of the "
                + "run at the lowest priority, while this tab is shown."));
        vm.track.bind(trackBox.selectedProperty());
        trendCanvas.managedProperty().bind(trendCanvas.visibleProperty());
        trendCanvas.setVisible(false);
        vm.trend.addListener((o, a, b) -> {
            trendCanvas.setPainter(b);
            trendCanvas.setVisible(b != null);
        });
        tracker = new Timeline(new KeyFrame(Duration.millis(500), e -> vm.trackTick(samplesBox.getValue())));
        tracker.setCycleCount(Timeline.INDEFINITE);
        viewStatus.textProperty().bind(vm.status);
        vm.unsupported.addListener((o, a, b) -> updateEmpty());
        root.sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), () -> {
                    if (visible) {
                        onCheck();
                    }
                });
            }
        });
        updateEmpty();
    }

    @FXML
    private void onCheck() {
        vm.check(samplesBox.getValue());
    }

    private void updateEmpty() {
        boolean empty = vm.run() == null || !vm.unsupported.get().isEmpty();
        emptyLabel.setText(vm.run() == null ? NO_RUN : vm.unsupported.get());
        showEmpty(empty);
    }

    @Override
    public String title() {
        return "Ratio";
    }

    @Override
    public void setRun(TrainingRun run) {
        vm.setRun(run);
        updateEmpty();
        restartRefresh(run);
    }

    @Override
    public void setVisible(boolean shown) {
        super.setVisible(shown);
        if (shown) {
            tracker.play();
        } else {
            tracker.stop();
        }
    }
}
