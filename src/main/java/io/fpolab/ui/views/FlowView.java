package io.fpolab.ui.views;

import io.fpolab.train.TrainingRun;
import java.util.Locale;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.input.MouseEvent;
import javafx.util.Duration;

/**
 * "Flow": the paper's Figure 1 centre, live — Gaussian samples and a regular grid carried by the
 * policy's flow from τ = 0 to τ = 1 at the selected cell or demo state. A slider picks τ; Play
 * animates it. FXML controller; state in {@link FlowViewModel}.
 */
public final class FlowView extends AnalysisView {
    /** Animation: 20 frames per second (light on a software-rendered FX thread), one sweep of τ in 2.5 s. */
    private static final double FPS = 20;
    private static final double SWEEP_SECONDS = 2.5;

    @FXML private Button playButton;
    @FXML private Slider tauSlider;
    @FXML private Label tauLabel;
    @FXML private CheckBox evalBox;
    @FXML private Button newStateButton;
    @FXML private Label pickerTitle;
    @FXML private PainterCanvas picker;
    @FXML private PainterCanvas frameCanvas;

    private final FlowViewModel vm = new FlowViewModel();
    // The flow changes slowly while training; 1 Hz keeps the animation smooth on a busy trainer.
    private final Refresher refresher = new Refresher(1, () -> Views.training(vm.run()), vm::request,
            e -> vm.status.set("Could not sample the flow: " + Views.message(e)));
    private final Timeline animation = new Timeline(new KeyFrame(Duration.seconds(1 / FPS),
            e -> vm.advance(1 / (FPS * SWEEP_SECONDS))));

    private FlowView() {
        animation.setCycleCount(Timeline.INDEFINITE);
        wire(refresher, vm::run, vm.frame::get);
    }

    /** Loads the view from {@code fxml/FlowView.fxml}. */
    public static FlowView create() {
        FlowView v = new FlowView();
        Views.load("FlowView.fxml", v);
        return v;
    }

    @FXML
    private void initialize() {
        tauSlider.valueProperty().bindBidirectional(vm.tau);
        vm.tau.addListener((o, a, b) -> tauLabel.setText(String.format(Locale.ROOT, "%.2f", b.doubleValue())));
        tauLabel.setText("1.00");
        evalBox.selectedProperty().bindBidirectional(vm.eval);
        vm.eval.addListener((o, a, b) -> refresher.invalidate());
        vm.frame.addListener((o, a, b) -> frameCanvas.setPainter(b));
        vm.picker.addListener((o, a, b) -> picker.setPainter(b));
        vm.playing.addListener((o, a, b) -> {
            playButton.setText(b ? "Pause" : "Play");
            if (b && visible) {
                animation.play();
            } else {
                animation.stop();
            }
        });
        pickerTitle.textProperty().bind(vm.pickerHint);
        viewStatus.textProperty().bind(vm.status);
        newStateButton.setVisible(false);
        newStateButton.setManaged(false);
        vm.pickerHint.addListener((o, a, b) -> {
            boolean demo = b.startsWith("Demo");
            newStateButton.setVisible(demo);
            newStateButton.setManaged(demo);
        });
        picker.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> selectClickedCell(e, picker, vm.target()));
        showEmpty(true);
    }

    @FXML
    private void onPlay() {
        vm.playing.set(!vm.playing.get());
    }

    @FXML
    private void onNewState() {
        vm.target().newDemoState();
        refresher.invalidate();
    }

    @Override
    public String title() {
        return "Flow";
    }

    @Override
    public void setRun(TrainingRun run) {
        vm.setRun(run);
        showEmpty(run == null);
        restartRefresh(run);
    }

    @Override
    public void setVisible(boolean shown) {
        super.setVisible(shown);
        if (shown && vm.playing.get()) {
            animation.play();
        } else {
            animation.stop();
        }
    }
}
