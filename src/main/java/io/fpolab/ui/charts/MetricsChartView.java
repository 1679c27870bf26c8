package io.fpolab.ui.charts;

import io.fpolab.train.TrainingRun;
import io.fpolab.ui.charts.MetricsChartModel.Band;
import io.fpolab.ui.charts.MetricsChartModel.ChartData;
import io.fpolab.ui.charts.MetricsChartModel.Curve;
import io.fpolab.ui.charts.MetricsChartModel.RunData;
import io.fpolab.ui.charts.MetricsChartModel.XAxis;
import io.fpolab.ui.runs.RunRecord;
import io.fpolab.ui.runs.RunRecordsAware;
import io.fpolab.ui.util.FxThread;
import io.fpolab.ui.paint.PaintKit;
import io.fpolab.ui.paint.PaintStyle;
import io.fpolab.ui.paint.Painter;
import io.fpolab.ui.views.PainterCanvas;
import io.fpolab.ui.views.RunView;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.util.Duration;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The "Training curves" tab: every run's metric against env steps or wall time, overlaid with one
 * color per run, or mean ± standard deviation bands over seeds. Redraws at most {@link #REDRAW_HZ}
 * times a second and only while its tab is visible, rebuilding the curves from the runs' drained
 * histories in one batch.
 *
 * <p>The chart is drawn by a {@link PainterCanvas}: a fresh JFreeChart is built from the immutable
 * {@link ChartData} and drawn into an image on the paint thread. Drawn on the FX thread (JFreeChart's
 * ChartViewer) one redraw cost 10–35 ms there while a run trained, enough to drop frames. The chart
 * takes the canvas's {@link PaintStyle} (theme, presentation size) from the paint's {@code Graphics2D},
 * like the painted views; exports are always the light, normal-size chart.
 */
public final class MetricsChartView implements RunView, RunRecordsAware {
    public static final String TITLE = "Training curves";
    /** Redraw rate while training; a JFreeChart repaint costs a few ms on the software pipeline. */
    public static final double REDRAW_HZ = 5;
    /** Most points drawn per curve; longer runs are decimated (min and max per run of points). */
    static final int MAX_DRAWN_POINTS = 2000;

    private final BorderPane root = new BorderPane();
    private final ComboBox<String> metricBox = new ComboBox<>();
    private final ToggleButton stepsButton = new ToggleButton("Env steps");
    private final ToggleButton timeButton = new ToggleButton("Wall time");
    private final CheckBox bandBox = new CheckBox("Mean ± std over seeds");
    private final PainterCanvas canvas = new PainterCanvas();
    private final Timeline redraw = new Timeline(new KeyFrame(Duration.seconds(1 / REDRAW_HZ), e -> refresh(false)));

    private List<RunRecord> records = List.of();
    private TrainingRun selectedRun;
    private boolean visible;
    private final Map<RunRecord, Integer> drawnRevision = new HashMap<>();
    private ChartData current = new ChartData(MetricsChartModel.DEFAULT_METRIC, XAxis.ENV_STEPS, List.of(), List.of());
    private long redraws;

    public MetricsChartView() {
        canvas.setId("metricsChart");
        canvas.setPainter(painter(current, null));

        metricBox.setId("metricSelector");
        metricBox.getItems().setAll(MetricsChartModel.metrics(List.of()));
        metricBox.setValue(MetricsChartModel.DEFAULT_METRIC);
        metricBox.setVisibleRowCount(16);
        metricBox.setCellFactory(lv -> new MetricCell(true));
        // The chosen metric shows its label only: the key as well made the picker wider than a 1024-px window.
        metricBox.setButtonCell(new MetricCell(false));
        metricBox.valueProperty().addListener((obs, old, now) -> refresh(true));
        metricBox.setTooltip(new Tooltip("Metric on the y axis"));

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
                refresh(true);
            }
        });
        bandBox.setId("seedBands");
        bandBox.setTooltip(new Tooltip("Group runs that differ only by seed; draw their mean and ± one "
                + "standard deviation"));
        bandBox.selectedProperty().addListener((obs, old, now) -> refresh(true));

        HBox axisToggle = new HBox(stepsButton, timeButton);
        axisToggle.getStyleClass().add("segmented");
        HBox metricGroup = new HBox(8, new Label("Metric"), metricBox);
        HBox axisGroup = new HBox(8, new Label("x axis"), axisToggle);
        metricGroup.setAlignment(Pos.CENTER_LEFT);
        axisGroup.setAlignment(Pos.CENTER_LEFT);
        // A flow pane gives every control its full width and wraps onto a second row when the window is
        // narrow or the font large (presentation mode), instead of cutting labels.
        FlowPane toolbar = new FlowPane(16, 6, metricGroup, axisGroup, bandBox);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new Insets(6, 10, 6, 10));
        toolbar.getStyleClass().add("view-toolbar");
        root.setTop(toolbar);
        root.setCenter(canvas);
        root.getStyleClass().add("chart-view");
        redraw.setCycleCount(Timeline.INDEFINITE);
    }

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
        refresh(true);
    }

    @Override
    public void setRecords(List<RunRecord> records) {
        this.records = List.copyOf(records);
        drawnRevision.keySet().retainAll(this.records);
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

    /** Selects the metric on the y axis (FX thread). */
    public void setMetric(String metric) {
        if (!metricBox.getItems().contains(metric)) {
            metricBox.getItems().add(metric);
        }
        metricBox.setValue(metric);
    }

    public String metric() {
        return metricBox.getValue();
    }

    /** Switches the x axis (FX thread). */
    public void setXAxis(XAxis axis) {
        (axis == XAxis.ENV_STEPS ? stepsButton : timeButton).setSelected(true);
    }

    /** Turns the mean ± std band mode on or off (FX thread). */
    public void setBands(boolean bands) {
        bandBox.setSelected(bands);
    }

    /** What the chart currently draws (FX thread). */
    public ChartData data() {
        return current;
    }

    /** How many times the chart was redrawn (tests check that redraws are throttled). */
    public long redraws() {
        return redraws;
    }

    /** Rebuilds the datasets if a run has new iterations (or always, when {@code force}); FX thread. */
    void refresh(boolean force) {
        if (!visible) {
            return;
        }
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
        updateMetricChoices();
        List<RunData> runs = new ArrayList<>();
        for (RunRecord r : records) {
            runs.add(new RunData(r.name(), r.seedGroup(), r.colorIndex(), r.history()));
        }
        XAxis axis = timeButton.isSelected() ? XAxis.WALL_TIME : XAxis.ENV_STEPS;
        String metric = Objects.requireNonNullElse(metricBox.getValue(), MetricsChartModel.DEFAULT_METRIC);
        current = MetricsChartModel.compute(runs, metric, axis, bandBox.isSelected());
        String selectedName = selectedRun == null ? null : selectedRun.name();
        canvas.setPainter(painter(current, selectedName));
        redraws++;
    }

    private void updateMetricChoices() {
        Set<String> keys = new LinkedHashSet<>();
        for (RunRecord r : records) {
            keys.addAll(r.evaluationKeys());
        }
        List<String> wanted = MetricsChartModel.metrics(keys);
        if (!metricBox.getItems().containsAll(wanted)) {
            String keep = metricBox.getValue();
            for (String m : wanted) {
                if (!metricBox.getItems().contains(m)) {
                    metricBox.getItems().add(m);
                }
            }
            metricBox.setValue(keep);
        }
    }

    /** Puts {@code data} into {@code chart}'s plot with colors, strokes and axis labels. */
    static void populate(JFreeChart chart, ChartData data, PaintStyle a, String selectedName) {
        XYPlot plot = chart.getXYPlot();
        // One notification for the whole batch instead of one per series.
        chart.setNotify(false);
        try {
            // Without data, bare 0..1 axes and their grid are clutter around the "start a run" message.
            plot.getDomainAxis().setVisible(!data.isEmpty());
            plot.getRangeAxis().setVisible(!data.isEmpty());
            plot.setDomainGridlinesVisible(!data.isEmpty());
            plot.setRangeGridlinesVisible(!data.isEmpty());
            plot.getDomainAxis().setLabel(data.xAxis().label());
            plot.getRangeAxis().setLabel(MetricsChartModel.label(data.metric()));
            org.jfree.chart.axis.NumberAxis range = (org.jfree.chart.axis.NumberAxis) plot.getRangeAxis();
            range.setAutoRangeIncludesZero(false);
            double[] span = ySpan(data);
            if (span != null && span[1] - span[0] <= 1e-9 * Math.max(1, Math.abs(span[1]))) {
                // A constant metric (a fixed learning rate, a solved task) would get an axis of identical labels.
                double pad = Math.max(Math.abs(span[0]) * 0.05, 1e-6);
                range.setRange(span[0] - pad, span[1] + pad);
            } else {
                range.setAutoRange(true);
            }
            if (data.bands().isEmpty()) {
                XYSeriesCollection ds = new XYSeriesCollection();
                XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
                r.setAutoPopulateSeriesStroke(false);
                r.setAutoPopulateSeriesPaint(false);
                int i = 0;
                for (Curve c : data.curves()) {
                    XYSeries s = new XYSeries(c.name(), false, true);
                    for (int k : MetricsChartModel.decimate(c.y(), MAX_DRAWN_POINTS)) {
                        s.add(c.x()[k], c.y()[k], false);
                    }
                    ds.addSeries(s);
                    boolean selected = c.name().equals(selectedName) && data.curves().size() > 1;
                    r.setSeriesPaint(i, ChartStyle.color(c.color(), a));
                    r.setSeriesStroke(i, ChartStyle.stroke(a, selected));
                    // Sparse series (evaluation every few iterations) need dots to be visible at all.
                    r.setSeriesShapesVisible(i, c.x().length <= 40);
                    r.setSeriesShape(i, ChartStyle.marker(a));
                    i++;
                }
                plot.setDataset(0, ds);
                plot.setRenderer(0, r);
            } else {
                YIntervalSeriesCollection ds = new YIntervalSeriesCollection();
                DeviationRenderer r = new DeviationRenderer(true, false);
                r.setAlpha(0.22f);
                r.setAutoPopulateSeriesStroke(false);
                int i = 0;
                for (Band b : data.bands()) {
                    YIntervalSeries s = new YIntervalSeries(b.name(), false, true);
                    for (int k : MetricsChartModel.decimate(b.mean(), MAX_DRAWN_POINTS)) {
                        s.add(new org.jfree.data.xy.YIntervalDataItem(b.x()[k], b.mean()[k], b.lo()[k], b.hi()[k]), false);
                    }
                    ds.addSeries(s);
                    Color c = ChartStyle.color(b.color(), a);
                    r.setSeriesPaint(i, c);
                    r.setSeriesFillPaint(i, c);
                    r.setSeriesStroke(i, ChartStyle.stroke(a, false));
                    i++;
                }
                plot.setDataset(0, ds);
                plot.setRenderer(0, r);
            }
        } finally {
            chart.setNotify(true);
        }
    }

    /** Smallest and largest y drawn (band edges included), or null when nothing is drawn. */
    private static double[] ySpan(ChartData data) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Curve c : data.curves()) {
            for (double y : c.y()) {
                lo = Math.min(lo, y);
                hi = Math.max(hi, y);
            }
        }
        for (Band b : data.bands()) {
            for (int i = 0; i < b.x().length; i++) {
                lo = Math.min(lo, b.lo()[i]);
                hi = Math.max(hi, b.hi()[i]);
            }
        }
        return lo <= hi ? new double[] {lo, hi} : null;
    }

    /** A standalone chart of {@code data} in style {@code a}, with the selected run's curve emphasised; any thread. */
    static JFreeChart chart(ChartData data, PaintStyle a, String selectedName) {
        JFreeChart c = ChartFactory.createXYLineChart(null, data.xAxis().label(),
                MetricsChartModel.label(data.metric()), new XYSeriesCollection());
        c.getXYPlot().setNoDataMessage("Start a run to see its training curve here.");
        ChartStyle.apply(c, a);
        populate(c, data, a, selectedName);
        return c;
    }

    /**
     * The chart for export: light and at normal size whatever the window shows (a figure for a paper or
     * slides looks the same whoever exported it), no curve emphasised.
     */
    static JFreeChart exportChart(ChartData data) {
        return exportChart(data, 0);
    }

    /** As {@link #exportChart(ChartData)} with tick labels of {@code fontSize} points (0: normal size). */
    static JFreeChart exportChart(ChartData data, double fontSize) {
        return chart(data, PaintStyle.LIGHT.withFontSize(fontSize), null);
    }

    /**
     * Draws the chart of {@code data} on the paint thread in the style the canvas put on the paint's
     * {@code Graphics2D}; the chart is built there and never shared.
     */
    private static Painter painter(ChartData data, String selectedName) {
        return (g, width, height) -> chart(data, PaintKit.style(g), selectedName).draw(g,
                new java.awt.geom.Rectangle2D.Double(0, 0, width, height));
    }

    @Override
    public void exportPng(Path file, int width, int height) throws IOException {
        exportPng(file, width, height, 1.0);
    }

    /** Writes the chart as PNG at a DPI scale; call from a background thread. */
    public void exportPng(Path file, int width, int height, double scale) throws IOException {
        ChartExport.png(exportChart(FxThread.call(() -> current)), file, width, height, scale);
    }

    @Override
    public void exportPng(Path file, int width, int height, double scale, double fontSize) throws IOException {
        ChartExport.png(exportChart(FxThread.call(() -> current), fontSize), file, width, height, scale);
    }

    @Override
    public void exportSvg(Path file, int width, int height) throws IOException {
        exportSvg(file, width, height, 0);
    }

    @Override
    public void exportSvg(Path file, int width, int height, double fontSize) throws IOException {
        ChartExport.svg(exportChart(FxThread.call(() -> current), fontSize), file, width, height);
    }
}
