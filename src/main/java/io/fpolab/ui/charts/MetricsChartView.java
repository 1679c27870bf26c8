package io.fpolab.ui.charts;

import io.fpolab.config.ExperimentConfig;
import io.fpolab.train.TrainingRun;
import io.fpolab.ui.charts.MetricsChartModel.ChartData;
import io.fpolab.ui.charts.MetricsChartModel.RunData;
import io.fpolab.ui.charts.MetricsChartModel.XAxis;
import io.fpolab.ui.paint.PaintStyle;
import io.fpolab.ui.runs.Labels;
import io.fpolab.ui.runs.RunRecord;
import io.fpolab.ui.runs.RunRecordsAware;
import io.fpolab.ui.util.Appearance;
import io.fpolab.ui.util.FxThread;
import io.fpolab.ui.views.RunView;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.util.Duration;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.entity.LegendItemEntity;
import org.jfree.chart.fx.ChartCanvas;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;
import org.jfree.chart.fx.interaction.PanHandlerFX;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.Range;

/**
 * The "Training curves" tab: every run's metric against env steps or wall time, one color per run, or mean
 * ± standard deviation bands over seeds, in JFreeChart-FX's {@link ChartViewer}: wheel zoom, drag zoom
 * (drag left or double-click to reset), Alt/Shift-drag pan and the library's export menu. A readout at the
 * pointer names the nearest point's run, x and y; clicking a legend entry hides or shows that run; y can be
 * logarithmic; a TensorBoard-style smoothing slider draws the smoothed curve over the faint raw one.
 *
 * <p>The chart is drawn on the FX thread, so redraws are kept off the critical path: the datasets are
 * rebuilt in one batch with notifications off (one repaint per rebuild), at most {@link #REDRAW_HZ} times a
 * second while runs train, only while the tab is visible, with at most {@link CurvesPlot#MAX_DRAWN_POINTS} points per
 * curve and no per-point hit-test entities. The pointer's readout and crosshair are JavaFX nodes over the
 * canvas and never repaint the chart.
 */
public final class MetricsChartView implements RunView, RunRecordsAware, Appearance.Aware {
    public static final String TITLE = "Training curves";
    /** Redraw rate while training; a JFreeChart repaint costs a few ms on the software pipeline. */
    public static final double REDRAW_HZ = 5;
    /** Largest smoothing weight the slider offers (TensorBoard's default range ends at 0.999; 0.99 is plenty here). */
    static final double MAX_SMOOTHING = 0.99;

    private final BorderPane root = new BorderPane();
    private final ComboBox<String> metricBox = new ComboBox<>();
    /** A metric was picked (by the user or {@link #setMetric}); until then the list's headline metric is shown. */
    private boolean metricChosen;
    private final ToggleButton stepsButton = new ToggleButton("Env steps");
    private final ToggleButton timeButton = new ToggleButton("Wall time");
    private final CheckBox bandBox = new CheckBox("Mean ± std over seeds");
    private final CheckBox logBox = new CheckBox("Log y");
    private final Slider smoothingSlider = new Slider(0, MAX_SMOOTHING, 0);
    private final Label smoothingValue = new Label();
    private final Button resetButton = new Button("Reset zoom");
    private final Label note = new Label();
    private final JFreeChart chart = CurvesPlot.newChart(false);
    private final ChartViewer viewer = new ChartViewer(chart);
    private final Pane overlay = new Pane();
    private final Line crossX = new Line();
    private final Line crossY = new Line();
    private final Circle dot = new Circle(4);
    private final Label readout = new Label();
    private final Timeline redraw = new Timeline(new KeyFrame(Duration.seconds(1 / REDRAW_HZ), e -> refresh(false)));

    private List<RunRecord> records = List.of();
    /** Runs given directly instead of through records (tests); null when records are the source. */
    private List<RunData> givenRuns;
    private TrainingRun selectedRun;
    private boolean visible;
    private boolean refreshQueued;
    private boolean choosingMetrics;
    private final Map<RunRecord, Integer> drawnRevision = new HashMap<>();
    private final Set<String> hidden = new LinkedHashSet<>();
    private Map<String, Scanned> scanned = new HashMap<>();
    /** Earliest time (System.nanoTime) of the next timer-driven redraw; see {@link #refresh}. */
    private long nextRedrawNanos;
    private PaintStyle style = PaintStyle.LIGHT;
    private ChartData current = new ChartData(MetricsChartModel.DEFAULT_METRIC, XAxis.ENV_STEPS, List.of(), List.of());
    private CurvesPlot.Frame frame = new CurvesPlot.Frame(current, Set.of(), false, 0);
    private List<CurvesPlot.Drawn> drawn = List.of();
    /** The pointer over the canvas (canvas coordinates), null when it is elsewhere or dragging. */
    private Point2D pointer;
    /** The y range this view set for a constant metric (not a zoom of the user's). */
    private Range ownRange;
    private long redraws;


    public MetricsChartView() {
        viewer.setId("metricsChart");
        // Tooltips come from the legend entries only ("Click to hide this run"): curves make no hit-test
        // entities (see lineRenderer), the readout finds their points itself.
        viewer.getCanvas().setTooltipEnabled(true);
        viewer.getCanvas().addMouseHandler(new PanHandlerFX("pan-shift", false, false, false, true));
        viewer.addChartMouseListener(new ChartMouseListenerFX() {
            @Override
            public void chartMouseClicked(ChartMouseEventFX e) {
                // Every click toggles, also the second of a quick pair (which is no zoom reset on a legend entry).
                if (e.getTrigger().getButton() == MouseButton.PRIMARY
                        && e.getEntity() instanceof LegendItemEntity item && item.getSeriesKey() != null) {
                    toggle(item.getSeriesKey().toString());
                }
            }

            @Override
            public void chartMouseMoved(ChartMouseEventFX e) {
            }
        });
        ChartCanvas canvas = viewer.getCanvas();
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !onLegend(e.getX(), e.getY())) {
                resetZoom();
            }
        });
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            pointer = new Point2D(e.getX(), e.getY());
            showReadout(e.getX(), e.getY());
        });
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> viewer.requestFocus());
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            pointer = null;
            hideReadout();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> {
            pointer = null;
            hideReadout();
        });
        // A zoom or pan moves the points under the pointer; the canvas repaints first, then the readout follows.
        chart.addChangeListener(e -> {
            if (pointer != null) {
                Platform.runLater(() -> {
                    if (pointer != null) {
                        showReadout(pointer.getX(), pointer.getY());
                    }
                });
            }
        });
        // Anywhere in the tab (the metric picker may have the focus), not only on the focused chart.
        root.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (RESET_KEYS.stream().anyMatch(k -> k.match(e))) {
                resetZoom();
                e.consume();
            }
        });
        MenuItem resetItem = new MenuItem("Reset zoom");
        resetItem.setAccelerator(RESET_KEYS.get(0));
        resetItem.setOnAction(e -> resetZoom());
        viewer.getContextMenu().getItems().addAll(0, List.of(resetItem, new SeparatorMenuItem()));
        crossX.getStyleClass().add("curve-crosshair");
        crossY.getStyleClass().add("curve-crosshair");
        for (Line l : List.of(crossX, crossY)) {
            l.getStrokeDashArray().setAll(4.0, 4.0);
            l.setStrokeWidth(1);
        }
        dot.setStrokeWidth(2);
        readout.setId("curveReadout");
        readout.setManaged(false);
        overlay.getChildren().addAll(crossX, crossY, dot, readout);
        overlay.setMouseTransparent(true);
        overlay.setPickOnBounds(false);
        hideReadout();
        StackPane chartArea = new StackPane(viewer, overlay);
        chartArea.setMinSize(0, 0);

        metricBox.setId("metricSelector");
        metricBox.setVisibleRowCount(16);
        metricBox.setCellFactory(lv -> new MetricCell(true));
        // The chosen metric shows its label only: the key as well made the picker wider than a 1024-px window.
        metricBox.setButtonCell(new MetricCell(false));
        // Wide enough for the longest metric label, in em so that it grows with presentation mode's font.
        metricBox.setStyle("-fx-pref-width: 25em;");
        metricBox.setMinWidth(Region.USE_PREF_SIZE);
        // In the list from the start: the button cell labels only a value it was given while in the list.
        metricBox.getItems().setAll(MetricsChartModel.DEFAULT_METRIC);
        metricBox.setValue(MetricsChartModel.DEFAULT_METRIC);
        metricBox.valueProperty().addListener((obs, old, now) -> {
            if (!choosingMetrics && now != null && !now.equals(old)) {
                metricChosen = true;
                forgetZoom();
                requestRefresh();
            }
        });
        metricBox.setTooltip(new Tooltip("Metric on the y axis: the metrics the runs have, headline metrics first"));

        ToggleGroup xGroup = new ToggleGroup();
        stepsButton.setToggleGroup(xGroup);
        timeButton.setToggleGroup(xGroup);
        stepsButton.setId("xEnvSteps");
        timeButton.setId("xWallTime");
        stepsButton.setSelected(true);
        xGroup.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                // Keep one choice selected: a toggle group allows none, the axis does not.
                old.setSelected(true);
            } else {
                forgetZoom();
                requestRefresh();
            }
        });
        bandBox.setId("seedBands");
        bandBox.setTooltip(new Tooltip("Group runs whose settings differ only in the seed; draw their mean and ± one "
                + "standard deviation, each seed counted once (clamped to the metric's range, e.g. 0–1 for rates)"));
        bandBox.selectedProperty().addListener((obs, old, now) -> requestRefresh());
        logBox.setId("logY");
        logBox.setTooltip(new Tooltip("Logarithmic y axis. Values at or below 0 cannot be drawn on it: they are left "
                + "out and the chart says how many"));
        logBox.selectedProperty().addListener((obs, old, now) -> requestRefresh());
        smoothingSlider.setId("smoothing");
        smoothingSlider.setPrefWidth(110);
        smoothingSlider.setBlockIncrement(0.05);
        smoothingSlider.setTooltip(new Tooltip("Exponential moving average as in TensorBoard: the smoothed curve is "
                + "drawn strong over the faint raw one. 0 shows the raw values only"));
        smoothingSlider.valueProperty().addListener((obs, old, now) -> {
            smoothingValue.setText(String.format(Locale.ROOT, "%.2f", smoothing()));
            requestRefresh();
        });
        smoothingValue.setText("0.00");
        smoothingValue.setMinWidth(32);
        resetButton.setId("resetZoom");
        // The chart's gestures, in the tooltip of the button that undoes them.
        resetButton.setTooltip(new Tooltip("Show all data again (Ctrl+0, or double-click the chart).\n"
                + "Wheel: zoom at the pointer · drag right: zoom into a box · drag left: reset\n"
                + "Alt- or Shift-drag: pan · click a legend entry: hide or show its run · right-click: export"));
        resetButton.setOnAction(e -> resetZoom());
        note.setId("chartNote");
        note.getStyleClass().add("chart-note");
        note.setWrapText(true);

        HBox axisToggle = new HBox(stepsButton, timeButton);
        axisToggle.getStyleClass().add("segmented");
        HBox metricGroup = new HBox(8, new Label("Metric"), metricBox);
        HBox axisGroup = new HBox(8, new Label("x axis"), axisToggle);
        HBox smoothingGroup = new HBox(6, new Label("Smoothing"), smoothingSlider, smoothingValue);
        for (HBox g : List.of(metricGroup, axisGroup, smoothingGroup)) {
            g.setAlignment(Pos.CENTER_LEFT);
        }
        // A flow pane gives every control its full width and wraps onto a second row when the window is
        // narrow or the font large (presentation mode), instead of cutting labels.
        FlowPane toolbar = new FlowPane(16, 6, metricGroup, axisGroup, bandBox, logBox, smoothingGroup, resetButton,
                note);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new Insets(6, 10, 6, 10));
        toolbar.getStyleClass().add("view-toolbar");
        root.setTop(toolbar);
        root.setCenter(chartArea);
        root.getStyleClass().add("chart-view");
        redraw.setCycleCount(Timeline.INDEFINITE);
        note.setVisible(false);
        note.setManaged(false);
        applyStyle();
    }

    private boolean onLegend(double x, double y) {
        var info = viewer.getCanvas().getRenderingInfo();
        return info != null && info.getEntityCollection() != null
                && info.getEntityCollection().getEntity(x, y) instanceof LegendItemEntity;
    }

    /** Keys that reset the zoom while the chart has focus. */
    private static final List<KeyCombination> RESET_KEYS = List.of(
            new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN),
            new KeyCodeCombination(KeyCode.HOME));

    /** Shows a metric's readable label in the picker, keeping its key for lookups. */
    private static final class MetricCell extends ListCell<String> {
        private final boolean withKey;

        MetricCell(boolean withKey) {
            this.withKey = withKey;
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null
                    : MetricsChartModel.label(item) + (withKey ? "  ·  " + item : ""));
        }
    }

    @Override
    public String title() {
        return TITLE;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void setRun(TrainingRun run) {
        selectedRun = run;
        requestRefresh();
    }

    @Override
    public void setRecords(List<RunRecord> records) {
        this.records = List.copyOf(records);
        drawnRevision.keySet().retainAll(this.records);
        refresh(true);
    }

    /** Shows {@code runs} instead of the lab's run records (FX thread; for tests). */
    void setRunData(List<RunData> runs) {
        givenRuns = List.copyOf(runs);
        refresh(true);
    }

    @Override
    public void setVisible(boolean visible) {
        this.visible = visible;
        if (visible) {
            redraw.play();
            refresh(true);
        } else {
            redraw.stop();
        }
    }

    @Override
    public void setAppearance(Appearance appearance) {
        PaintStyle next = appearance.paintStyle();
        if (!next.equals(style)) {
            style = next;
            applyStyle();
            requestRefresh();
        }
    }

    private void applyStyle() {
        chart.setNotify(false);
        try {
            ChartStyle.apply(chart, style);
        } finally {
            chart.setNotify(true);
        }
        String background = web(style.surface());
        readout.setStyle("-fx-background-color: " + background + "e6; -fx-text-fill: " + web(style.ink())
                + "; -fx-padding: 3 6 3 6; -fx-background-radius: 3; -fx-border-color: " + web(style.frame())
                + "; -fx-border-radius: 3; -fx-font-size: " + Math.round(12 * style.scale()) + "px;");
        javafx.scene.paint.Color ink = fx(style.muted());
        crossX.setStroke(ink);
        crossY.setStroke(ink);
        dot.setFill(fx(style.background()));
    }

    /** The style the on-screen chart is drawn in (the lab's theme and presentation mode). */
    public PaintStyle style() {
        return style;
    }

    /** Selects the metric on the y axis (FX thread); it then stays until changed, like a user's choice. */
    public void setMetric(String metric) {
        metricChosen = true;
        metricBox.setValue(metric);
    }

    public String metric() {
        return metricBox.getValue();
    }

    /** The metrics the picker offers (FX thread). */
    public List<String> metricChoices() {
        return List.copyOf(metricBox.getItems());
    }

    /** Switches the x axis (FX thread). */
    public void setXAxis(XAxis axis) {
        (axis == XAxis.ENV_STEPS ? stepsButton : timeButton).setSelected(true);
    }

    /** Turns the mean ± std band mode on or off (FX thread). */
    public void setBands(boolean bands) {
        bandBox.setSelected(bands);
    }

    /** Turns the logarithmic y axis on or off (FX thread). */
    public void setLogScale(boolean log) {
        logBox.setSelected(log);
    }

    /** Sets the smoothing weight in [0, {@value #MAX_SMOOTHING}] (FX thread). */
    public void setSmoothing(double weight) {
        smoothingSlider.setValue(weight);
    }

    private double smoothing() {
        // Two decimals, as shown; the slider's raw value can be 0.98999…
        return Math.min(MAX_SMOOTHING, Math.round(smoothingSlider.getValue() * 100) / 100.0);
    }

    /** What the chart currently shows, smoothed as drawn, hidden runs included (FX thread). */
    public ChartData data() {
        return current;
    }

    /** Names of the runs (or band keys, {@link CurvesPlot#key}) hidden by clicking their legend entry (FX thread). */
    public Set<String> hiddenRuns() {
        return Set.copyOf(hidden);
    }

    /** Hides or shows a run (or band, by {@link CurvesPlot#key}), as a click on its legend entry does (FX thread). */
    public void toggle(String name) {
        if (!hidden.remove(name)) {
            hidden.add(name);
        }
        requestRefresh();
    }

    /** The pointer readout's text, empty while the pointer is not over the plot (FX thread). */
    public String readoutText() {
        return readout.isVisible() ? readout.getText() : "";
    }

    /** The JFreeChart shown on screen (FX thread only; tests read its axes and datasets). */
    JFreeChart chart() {
        return chart;
    }

    /** The viewer that shows the chart. */
    ChartViewer viewer() {
        return viewer;
    }

    /** How many times the chart was redrawn (tests check that redraws are throttled). */
    public long redraws() {
        return redraws;
    }

    /** Shows the whole data again after a zoom or pan (FX thread). */
    public void resetZoom() {
        forgetZoom();
        refresh(true);
    }

    /** True while the user's zoom or pan decides the axes. */
    public boolean zoomed() {
        XYPlot plot = chart.getXYPlot();
        ValueAxis range = plot.getRangeAxis();
        return !plot.getDomainAxis().isAutoRange()
                || (!range.isAutoRange() && !range.getRange().equals(ownRange));
    }

    private void forgetZoom() {
        XYPlot plot = chart.getXYPlot();
        chart.setNotify(false);
        try {
            plot.getDomainAxis().setAutoRange(true);
            plot.getRangeAxis().setAutoRange(true);
            ownRange = null;
        } finally {
            chart.setNotify(true);
        }
    }

    /** Refreshes once the current event is handled; several changes in one event loop pass redraw once. */
    private void requestRefresh() {
        if (!refreshQueued) {
            refreshQueued = true;
            Platform.runLater(() -> {
                refreshQueued = false;
                refresh(true);
            });
        }
    }

    /**
     * Rebuilds the datasets if a run has new iterations (or always, when {@code force}); FX thread. Besides the
     * {@link #REDRAW_HZ} timer, a redraw that took long (many long runs on a slow machine) delays the next
     * timer-driven one, so updates while training take at most about a tenth of the FX thread; the user's own
     * changes redraw at once.
     */
    void refresh(boolean force) {
        if (!visible || (!force && System.nanoTime() < nextRedrawNanos)) {
            return;
        }
        long start = System.nanoTime();
        boolean changed = force;
        for (RunRecord r : records) {
            Integer seen = drawnRevision.get(r);
            int now = r.revisionProperty().get();
            if (seen == null || seen != now) {
                drawnRevision.put(r, now);
                changed = true;
            }
        }
        if (!changed) {
            return;
        }
        List<RunData> runs = runData();
        updateMetricChoices(runs);
        XAxis axis = timeButton.isSelected() ? XAxis.WALL_TIME : XAxis.ENV_STEPS;
        String metric = Objects.requireNonNullElse(metricBox.getValue(), MetricsChartModel.DEFAULT_METRIC);
        double weight = smoothing();
        current = MetricsChartModel.smoothed(MetricsChartModel.compute(runs, metric, axis, bandBox.isSelected()),
                weight);
        frame = new CurvesPlot.Frame(current, Set.copyOf(hidden), logBox.isSelected(), weight);
        String selectedName = selectedRun == null ? null : selectedRun.name();
        boolean keepAxes = zoomed() && chart.getXYPlot().getRangeAxis() instanceof LogAxis == frame.logDrawn();
        CurvesPlot.Drawing d = CurvesPlot.populate(chart, frame, style, selectedName, !keepAxes);
        chart.getXYPlot().setNoDataMessage(noDataMessage(runs, metric));
        drawn = d.drawn();
        ownRange = keepAxes ? ownRange : d.ownRange();
        String text = frame.log() ? MetricsChartModel.logScaleNote(current) : "";
        note.setText(text);
        note.setVisible(!text.isEmpty());
        note.setManaged(!text.isEmpty());
        // The points moved (new iterations, a new zoom): the readout follows the pointer's nearest point.
        if (pointer != null) {
            showReadout(pointer.getX(), pointer.getY());
        } else {
            hideReadout();
        }
        redraws++;
        long cost = System.nanoTime() - start;
        nextRedrawNanos = System.nanoTime() + 9 * cost;
    }

    private List<RunData> runData() {
        if (givenRuns != null) {
            return givenRuns;
        }
        List<RunData> runs = new ArrayList<>();
        for (RunRecord r : records) {
            ExperimentConfig c = r.config();
            runs.add(new RunData(r.name(), r.seedGroup(), Labels.algorithm(c.algorithm()) + " · " + c.env().id(),
                    c.seed(), r.colorIndex(), r.history()));
        }
        return runs;
    }

    /**
     * What an empty chart says: how to get a curve without runs; with runs, why this metric has no point yet (a
     * control task's 1000-step episodes all end together, so its first training return comes ~33 iterations in).
     */
    static String noDataMessage(List<RunData> runs, String metric) {
        if (runs.isEmpty()) {
            return CurvesPlot.NO_RUNS;
        }
        return metric.equals(MetricsChartModel.DEFAULT_METRIC)
                ? "No episode has ended yet: the training return appears when the first episodes end."
                : "No value of " + MetricsChartModel.label(metric) + " yet.";
    }

    /** How many of a run's iterations have each metric, and how many of its iterations were scanned for them. */
    private static final class Scanned {
        final Map<String, Integer> counts = new LinkedHashMap<>();
        int iterations;
    }

    /** Offers the metrics the runs have; keeps the choice, or falls back to the default when runs lack it. */
    private void updateMetricChoices(List<RunData> runs) {
        // Histories only grow (a run opened again starts over): scan each run's new iterations only.
        Set<String> had = new LinkedHashSet<>();
        Set<String> curves = new HashSet<>();
        Map<String, Scanned> next = new HashMap<>();
        for (RunData r : runs) {
            Scanned s = scanned.get(r.name());
            if (s == null || s.iterations > r.history().size()) {
                s = new Scanned();
            }
            MetricsChartModel.countMetrics(r.history(), s.iterations, s.counts);
            s.iterations = r.history().size();
            next.put(r.name(), s);
            s.counts.forEach((m, n) -> {
                had.add(m);
                if (n >= 2) {
                    curves.add(m);
                }
            });
        }
        scanned = next;
        // Every run gets a training return once its first episodes end: offered (and opened on) from the start.
        had.add(MetricsChartModel.DEFAULT_METRIC);
        List<String> wanted = MetricsChartModel.ordered(had);
        // Until someone picks a metric, show the runs' headline metric (GridWorld: success rate).
        String opening = metricChosen ? null : MetricsChartModel.opening(wanted, curves);
        if (wanted.equals(metricBox.getItems()) && (opening == null || opening.equals(metricBox.getValue()))) {
            return;
        }
        String keep = metricBox.getValue();
        choosingMetrics = true;
        try {
            metricBox.getItems().setAll(wanted);
            if (opening != null) {
                keep = opening;
            } else if (keep != null && !wanted.isEmpty() && !wanted.contains(keep)) {
                keep = wanted.contains(MetricsChartModel.DEFAULT_METRIC) ? MetricsChartModel.DEFAULT_METRIC
                        : wanted.get(0);
                forgetZoom();
            }
            // Set again: the button cell shows the label only for a value it was given while in the list.
            metricBox.setValue(null);
            metricBox.setValue(keep);
        } finally {
            choosingMetrics = false;
        }
    }

    // ---- pointer readout -----------------------------------------------------------------------------------

    private void hideReadout() {
        readout.setVisible(false);
        crossX.setVisible(false);
        crossY.setVisible(false);
        dot.setVisible(false);
    }

    /** Shows the run, x and y of the drawn point nearest to canvas position (px, py), if it is over the plot. */
    private void showReadout(double px, double py) {
        var info = viewer.getCanvas().getRenderingInfo();
        if (info == null || drawn.isEmpty()) {
            hideReadout();
            return;
        }
        Rectangle2D area = info.getPlotInfo().getDataArea();
        if (!area.contains(px, py)) {
            hideReadout();
            return;
        }
        XYPlot plot = chart.getXYPlot();
        ValueAxis xAxis = plot.getDomainAxis();
        ValueAxis yAxis = plot.getRangeAxis();
        boolean log = yAxis instanceof LogAxis;
        CurvesPlot.Drawn best = null;
        int bestIndex = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        double bestX = 0;
        double bestY = 0;
        for (CurvesPlot.Drawn d : drawn) {
            for (int i = 0; i < d.x().length; i++) {
                if (log && !(d.y()[i] > 0)) {
                    continue;
                }
                double sx = xAxis.valueToJava2D(d.x()[i], area, plot.getDomainAxisEdge());
                double sy = yAxis.valueToJava2D(d.y()[i], area, plot.getRangeAxisEdge());
                if (!area.contains(sx, sy) && !onEdge(area, sx, sy)) {
                    continue;
                }
                double dist = (sx - px) * (sx - px) + (sy - py) * (sy - py);
                if (dist < bestDistance) {
                    bestDistance = dist;
                    best = d;
                    bestIndex = i;
                    bestX = sx;
                    bestY = sy;
                }
            }
        }
        if (best == null) {
            hideReadout();
            return;
        }
        readout.setText(CurvesPlot.describe(best, bestIndex, frame));
        Point2D at = overlay.sceneToLocal(viewer.getCanvas().localToScene(bestX, bestY));
        Point2D topLeft = overlay.sceneToLocal(viewer.getCanvas().localToScene(area.getMinX(), area.getMinY()));
        Point2D bottomRight = overlay.sceneToLocal(viewer.getCanvas().localToScene(area.getMaxX(), area.getMaxY()));
        crossX.setStartX(topLeft.getX());
        crossX.setEndX(bottomRight.getX());
        crossX.setStartY(at.getY());
        crossX.setEndY(at.getY());
        crossY.setStartX(at.getX());
        crossY.setEndX(at.getX());
        crossY.setStartY(topLeft.getY());
        crossY.setEndY(bottomRight.getY());
        dot.setCenterX(at.getX());
        dot.setCenterY(at.getY());
        dot.setStroke(fx(ChartStyle.color(best.color(), style)));
        readout.applyCss();
        readout.autosize();
        double w = readout.getWidth();
        double h = readout.getHeight();
        // Beside the point, flipped to the other side near the plot's right or bottom edge.
        double lx = at.getX() + 12 + w <= bottomRight.getX() ? at.getX() + 12 : at.getX() - 12 - w;
        double ly = at.getY() + 12 + h <= bottomRight.getY() ? at.getY() + 12 : at.getY() - 12 - h;
        readout.relocate(Math.max(topLeft.getX(), lx), Math.max(topLeft.getY(), ly));
        for (Node n : List.of(readout, crossX, crossY, dot)) {
            n.setVisible(true);
        }
    }

    private static boolean onEdge(Rectangle2D area, double x, double y) {
        return x >= area.getMinX() - 0.5 && x <= area.getMaxX() + 0.5 && y >= area.getMinY() - 0.5
                && y <= area.getMaxY() + 0.5;
    }

    /** What an export draws: the frame on screen and its zoom (null ranges where the axis fits the data). */
    private record Shown(CurvesPlot.Frame frame, Range domain, Range range) {
    }

    /**
     * The chart of what is on screen, zoom included, for an export with tick labels of {@code fontSize} points
     * (0: normal size); any thread but the FX thread.
     */
    private JFreeChart exportChart(double fontSize) {
        Shown s = FxThread.call(() -> {
            XYPlot plot = chart.getXYPlot();
            boolean z = zoomed();
            return new Shown(frame, z && !plot.getDomainAxis().isAutoRange() ? plot.getDomainAxis().getRange() : null,
                    z && !plot.getRangeAxis().isAutoRange() ? plot.getRangeAxis().getRange() : null);
        });
        return CurvesPlot.exportChart(s.frame(), s.domain(), s.range(), fontSize);
    }

    @Override
    public void exportPng(Path file, int width, int height) throws IOException {
        exportPng(file, width, height, 1.0);
    }

    /** Writes the chart as PNG at a DPI scale; call from a background thread. */
    public void exportPng(Path file, int width, int height, double scale) throws IOException {
        exportPng(file, width, height, scale, 0);
    }

    @Override
    public void exportPng(Path file, int width, int height, double scale, double fontSize) throws IOException {
        ChartExport.png(exportChart(fontSize), file, width, height, scale);
    }

    @Override
    public void exportSvg(Path file, int width, int height) throws IOException {
        exportSvg(file, width, height, 0);
    }

    @Override
    public void exportSvg(Path file, int width, int height, double fontSize) throws IOException {
        ChartExport.svg(exportChart(fontSize), file, width, height);
    }

    private static javafx.scene.paint.Color fx(Color c) {
        return javafx.scene.paint.Color.rgb(c.getRed(), c.getGreen(), c.getBlue(), c.getAlpha() / 255.0);
    }

    private static String web(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }
}
