package io.fpolab.ui.views;

import io.fpolab.train.TrainingRun;
import io.fpolab.train.TrainingRun.State;
import io.fpolab.ui.paint.GridWorldPainter;
import io.fpolab.ui.runs.RunRecord;
import io.fpolab.ui.runs.RunRecordsAware;
import io.fpolab.ui.util.Appearance;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * "Figure 1 demo": the classroom picture of the FPO paper, filling the view area. FPO on the left, its Gaussian
 * PPO twin on the right, each with its progress, how its rollouts from the saddle cell split between the two
 * goal bands (in large type), its action distribution at that cell and the rollout fan. Both runs train at
 * once and each side's pictures follow its run up to twice a second (less often when sampling is slow, see
 * {@link DemoViewModel#PAUSE_PER_SAMPLE_TIME}); sampling runs on the runs' copies and painting on the paint
 * thread, never on the FX thread. Which runs it shows is set by the main window's demo command
 * ({@link #showRuns}), not by the run list's selection. FXML controller; state in {@link DemoViewModel}.
 */
public final class DemoView extends AnalysisView implements RunRecordsAware, Appearance.Aware {
    public static final String TITLE = "Figure 1 demo";
    /** The classroom FPO preset the demo trains. */
    public static final String FPO_PRESET = "gridworld-fpo-fast.json";
    /** Its Gaussian PPO twin: the paper's Gaussian baseline at the same budget. */
    public static final String GAUSSIAN_PRESET = "gridworld-gaussian-ppo-fast.json";
    private static final String STYLESHEET = "/assets/css/demo.css";
    /** Most redraws per second of a side while its run trains. */
    private static final double REFRESH_HZ = 2;

    @FXML private Label fpoAlgorithm;
    @FXML private Label fpoProgress;
    @FXML private ProgressBar fpoBar;
    @FXML private TextFlow fpoSplit;
    @FXML private PainterCanvas fpoHeatmap;
    @FXML private PainterCanvas fpoFan;
    @FXML private Label gaussianAlgorithm;
    @FXML private Label gaussianProgress;
    @FXML private ProgressBar gaussianBar;
    @FXML private TextFlow gaussianSplit;
    @FXML private PainterCanvas gaussianHeatmap;
    @FXML private PainterCanvas gaussianFan;
    @FXML private VBox fpoPane;
    @FXML private VBox gaussianPane;
    @FXML private VBox emptyPane;
    @FXML private Button startButton;

    private final DemoViewModel vm = new DemoViewModel();
    private final Refresher left = new Refresher(REFRESH_HZ, () -> vm.live(true), () -> vm.request(true),
            e -> vm.status.set("Could not sample FPO: " + Views.message(e)));
    private final Refresher right = new Refresher(REFRESH_HZ, () -> vm.live(false), () -> vm.request(false),
            e -> vm.status.set("Could not sample Gaussian PPO: " + Views.message(e)));
    private Runnable onStart = () -> { };
    /** A run that finishes, stops or pauses gets one more picture: the refresher only follows training runs. */
    private final ChangeListener<State> stateChanged = (o, a, b) -> {
        left.invalidate();
        right.invalidate();
    };

    private DemoView() {
        wire(left, vm::shownRun, vm::exportPainter);
    }

    @Override
    public void setVisible(boolean shown) {
        super.setVisible(shown);
        right.setActive(shown && vm.shownRun() != null);
    }

    @Override
    void restartRefresh(TrainingRun run) {
        super.restartRefresh(run);
        right.setActive(false);
        right.invalidate();
        right.setActive(visible && run != null);
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
        vm.fpoSide.addListener((o, a, b) -> showSide(b, fpoHeatmap, fpoFan, fpoSplit, fpoPane));
        vm.gaussianSide.addListener((o, a, b) -> showSide(b, gaussianHeatmap, gaussianFan, gaussianSplit,
                gaussianPane));
        vm.fpo.addListener((o, a, b) -> follow(a, b, fpoAlgorithm, fpoProgress, fpoBar));
        vm.gaussian.addListener((o, a, b) -> follow(a, b, gaussianAlgorithm, gaussianProgress, gaussianBar));
        fpoPane.widthProperty().addListener((o, a, w) -> showSplit(vm.fpoSide.get(), fpoSplit, w.doubleValue()));
        gaussianPane.widthProperty().addListener((o, a, w) -> showSplit(vm.gaussianSide.get(), gaussianSplit,
                w.doubleValue()));
        showSplit(null, fpoSplit, 0);
        showSplit(null, gaussianSplit, 0);
        Tooltip tip = new Tooltip(startTooltip());
        tip.setWrapText(true);
        tip.setMaxWidth(480);
        startButton.setTooltip(tip);
        showEmpty(true);
    }

    /**
     * Presentation mode: each column shows its action distribution alone, as large as the column allows, and
     * the split in large type stands for the rollout fan (a half-width column has no room for both once text
     * doubles). The demo's canvases keep the normal paint scale (demo.css): the plot, not its labels, grows.
     */
    @Override
    public void setAppearance(Appearance appearance) {
        boolean fans = !appearance.presentation();
        for (PainterCanvas fan : new PainterCanvas[] {fpoFan, gaussianFan}) {
            fan.setVisible(fans);
            fan.setManaged(fans);
        }
    }

    /** What the demo button does, for its tooltips (the side panel's button says the same). */
    public static String startTooltip() {
        return "Trains the classroom FPO preset and its Gaussian PPO twin at the same time (under a minute on an "
                + "idle machine) and shows both at the saddle cell: FPO's actions can split into up and down, a "
                + "Gaussian policy has one peak. Runs already in the list with the same settings are reused, not "
                + "trained again.";
    }

    private static void showSide(DemoViewModel.Side side, PainterCanvas heatmap, PainterCanvas fan, TextFlow split,
            VBox pane) {
        heatmap.setPainter(side == null ? null : side.heatmap());
        fan.setPainter(side == null ? null : side.fan());
        showSplit(side, split, pane.getWidth());
    }

    /**
     * The split in large type, each band in the colour its rollouts have in the fan below. It is the one number
     * the room must read: as large as the column allows, wrapping rather than cut.
     */
    private static void showSplit(DemoViewModel.Side side, TextFlow split, double columnWidth) {
        double size = Math.max(18, Math.min(40, columnWidth / 14));
        Font bold = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, size);
        List<Text> parts = new ArrayList<>();
        if (side == null || side.shares().isEmpty()) {
            parts.add(plain(side == null ? "sampling…" : "no rollouts yet", bold));
        } else {
            Font small = Font.font(bold.getFamily(), FontWeight.BOLD, Math.max(14, size * 0.6));
            for (DemoViewModel.Share s : side.shares()) {
                boolean goal = s.outcome() >= 0;
                if (!parts.isEmpty()) {
                    parts.add(plain(" · ", goal ? bold : small));
                }
                // A share never breaks inside ("up 52 %"); episodes that reached no goal are the footnote.
                Text t = new Text(s.toString().replace(' ', '\u00a0'));
                t.setFont(goal ? bold : small);
                java.awt.Color c = GridWorldPainter.outcomeColor(s.outcome());
                t.setFill(Color.rgb(c.getRed(), c.getGreen(), c.getBlue()));
                parts.add(t);
            }
        }
        split.getChildren().setAll(parts);
        split.setAccessibleText(side == null ? "" : side.split());
    }

    private static Text plain(String text, Font font) {
        Text t = new Text(text);
        t.setFont(font);
        t.getStyleClass().add("demo-split-plain");
        return t;
    }

    private void follow(RunRecord old, RunRecord r, Label algorithm, Label progress, ProgressBar bar) {
        if (old != null) {
            old.stateProperty().removeListener(stateChanged);
        }
        if (r != null) {
            r.stateProperty().addListener(stateChanged);
        }
        progress.textProperty().unbind();
        bar.progressProperty().unbind();
        if (r == null) {
            algorithm.setTooltip(null);
            progress.setText("");
            bar.setProgress(0);
            return;
        }
        Tooltip about = new Tooltip(r.name() + "\n" + r.config().name() + "\n" + r.config().description());
        about.setWrapText(true);
        about.setMaxWidth(480);
        algorithm.setTooltip(about);
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
