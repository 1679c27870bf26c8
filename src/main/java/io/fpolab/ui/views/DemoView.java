package io.fpolab.ui.views;

import io.fpolab.train.TrainingRun;
import io.fpolab.ui.runs.RunRecord;
import io.fpolab.ui.runs.RunRecordsAware;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;

/**
 * "Figure 1 demo": the classroom picture of the FPO paper, filling the view area. FPO on the left, its Gaussian
 * PPO twin on the right, each with its progress, how its rollouts from the saddle cell split between the two
 * goal bands (in large type), its action distribution at that cell and the rollout fan. Both runs train at
 * once and the pictures follow them a few times a second; sampling runs on the trainer threads and painting
 * on the paint thread, never on the FX thread. Which runs it shows is set by the main window's demo command
 * ({@link #showRuns}), not by the run list's selection. FXML controller; state in {@link DemoViewModel}.
 */
public final class DemoView extends AnalysisView implements RunRecordsAware {
    public static final String TITLE = "Figure 1 demo";
    /** The classroom FPO preset the demo trains. */
    public static final String FPO_PRESET = "gridworld-fpo-fast.json";
    /** Its Gaussian PPO twin: the paper's Gaussian baseline at the same budget. */
    public static final String GAUSSIAN_PRESET = "gridworld-gaussian-ppo-fast.json";
    private static final String STYLESHEET = "/assets/css/demo.css";
    /** Redraws per second while training: live, yet a small share of the trainers' time. */
    private static final double REFRESH_HZ = 2;

    @FXML private Label fpoName;
    @FXML private Label fpoProgress;
    @FXML private ProgressBar fpoBar;
    @FXML private Label fpoSplit;
    @FXML private PainterCanvas fpoHeatmap;
    @FXML private PainterCanvas fpoFan;
    @FXML private Label gaussianName;
    @FXML private Label gaussianProgress;
    @FXML private ProgressBar gaussianBar;
    @FXML private Label gaussianSplit;
    @FXML private PainterCanvas gaussianHeatmap;
    @FXML private PainterCanvas gaussianFan;
    @FXML private VBox fpoPane;
    @FXML private VBox gaussianPane;
    @FXML private VBox emptyPane;
    @FXML private Button startButton;

    private final DemoViewModel vm = new DemoViewModel();
    private final Refresher refresher = new Refresher(REFRESH_HZ, vm::live, vm::request,
            e -> vm.status.set("Could not sample: " + Views.message(e)));
    private Runnable onStart = () -> { };

    private DemoView() {
        wire(refresher, vm::shownRun, vm::exportPainter);
    }

    /** Loads the view from {@code fxml/DemoView.fxml}. */
    public static DemoView create() {
        DemoView v = new DemoView();
        Views.load("DemoView.fxml", v).getStylesheets()
                .add(Objects.requireNonNull(DemoView.class.getResource(STYLESHEET)).toExternalForm());
        return v;
    }

    @FXML
    private void initialize() {
        emptyPane.visibleProperty().bind(content.visibleProperty().not());
        viewStatus.textProperty().bind(vm.status);
        vm.fpoSide.addListener((o, a, b) -> showSide(b, fpoHeatmap, fpoFan, fpoSplit));
        vm.gaussianSide.addListener((o, a, b) -> showSide(b, gaussianHeatmap, gaussianFan, gaussianSplit));
        vm.fpo.addListener((o, a, b) -> bindHeader(b, fpoName, fpoProgress, fpoBar));
        vm.gaussian.addListener((o, a, b) -> bindHeader(b, gaussianName, gaussianProgress, gaussianBar));
        // The split is the one number the room must read: as large as the column allows without cutting it.
        fpoPane.widthProperty().addListener((o, a, w) -> scaleSplit(fpoSplit, w.doubleValue()));
        gaussianPane.widthProperty().addListener((o, a, w) -> scaleSplit(gaussianSplit, w.doubleValue()));
        startButton.setTooltip(new javafx.scene.control.Tooltip(startTooltip()));
        showEmpty(true);
    }

    /** What the demo button does, for its tooltips (the side panel's button says the same). */
    public static String startTooltip() {
        return "Trains the classroom FPO preset and its Gaussian PPO twin at the same time (about a minute) and "
                + "shows both at the saddle cell: FPO's actions split into up and down, Gaussian PPO commits to one "
                + "way. Runs already in the list with the same settings are reused, not trained again.";
    }

    private static void scaleSplit(Label split, double width) {
        double size = Math.max(16, Math.min(40, width / 13));
        split.setStyle(String.format(Locale.ROOT, "-fx-font-size: %.0fpx;", size));
    }

    private static void showSide(DemoViewModel.Side side, PainterCanvas heatmap, PainterCanvas fan, Label split) {
        heatmap.setPainter(side == null ? null : side.heatmap());
        fan.setPainter(side == null ? null : side.fan());
        split.setText(side == null ? "sampling…" : side.split().isEmpty() ? "no rollouts yet" : side.split());
    }

    private static void bindHeader(RunRecord r, Label name, Label progress, ProgressBar bar) {
        progress.textProperty().unbind();
        bar.progressProperty().unbind();
        if (r == null) {
            name.setText("");
            progress.setText("");
            bar.setProgress(0);
            return;
        }
        name.setText(r.name() + " · " + r.config().name());
        progress.textProperty().bind(Bindings.createStringBinding(() -> DemoViewModel.progressLine(r),
                r.latestProperty(), r.statusProperty(), r.progressProperty()));
        bar.progressProperty().bind(r.progressProperty());
    }

    @FXML
    private void onStart() {
        onStart.run();
    }

    /** What the empty state's start button does (the main window's demo command). */
    public void setOnStart(Runnable action) {
        onStart = Objects.requireNonNull(action);
    }

    /** Shows {@code fpo} on the left and {@code gaussian} on the right, refreshing while either trains. */
    public void showRuns(RunRecord fpo, RunRecord gaussian) {
        vm.setRuns(fpo, gaussian);
        showEmpty(fpo == null || gaussian == null);
        restartRefresh(vm.shownRun());
    }

    /** The runs shown, FPO first; empty without a demo. */
    public List<RunRecord> shownRuns() {
        return vm.fpo.get() == null ? List.of() : List.of(vm.fpo.get(), vm.gaussian.get());
    }

    /** A demo run removed from the list (or reset) ends the demo picture. */
    @Override
    public void setRecords(List<RunRecord> records) {
        if (vm.fpo.get() != null && (!records.contains(vm.fpo.get()) || !records.contains(vm.gaussian.get()))) {
            showRuns(null, null);
            vm.status.set("");
        }
    }

    @Override
    public String title() {
        return TITLE;
    }

    /** The demo shows its own two runs whichever run is selected in the list. */
    @Override
    public void setRun(TrainingRun run) {
    }
}
