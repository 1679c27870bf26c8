package io.fpolab.ui.charts;

import io.fpolab.ui.charts.MetricsChartModel.Band;
import io.fpolab.ui.charts.MetricsChartModel.ChartData;
import io.fpolab.ui.charts.MetricsChartModel.Curve;
import io.fpolab.ui.charts.MetricsChartModel.XAxis;
import io.fpolab.ui.paint.PaintStyle;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalDataItem;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The training-curves chart as JFreeChart draws it, without JavaFX: one immutable {@link Frame} (curves or
 * bands, smoothing, hidden runs, log scale) goes into a chart's datasets, renderers and legend in one batch.
 * The on-screen chart ({@link MetricsChartView}) and exports (drawn on a background thread into a chart of
 * their own) share it, so an export shows what the screen shows.
 */
final class CurvesPlot {
    /** Most points drawn per curve; longer runs are decimated (min and max per run of points). */
    static final int MAX_DRAWN_POINTS = 2000;

    private CurvesPlot() {
    }

    /**
     * Everything one drawing of the chart depends on besides the style, as an immutable value (exports draw it
     * on a background thread).
     *
     * @param data      the curves or bands, smoothed as shown
     * @param hidden    legend keys of the runs or bands the user hid
     * @param log       y axis logarithmic (as asked; falls back to linear when nothing is positive)
     * @param smoothing the smoothing weight {@code data} was smoothed with
     */
    record Frame(ChartData data, Set<String> hidden, boolean log, double smoothing) {
        boolean logDrawn() {
            return log && !Double.isNaN(MetricsChartModel.smallestPositive(data));
        }
    }

    /** One drawn line, for the pointer readout: the points as drawn, with raw values and band edges. */
    record Drawn(String name, int color, double[] x, double[] y, double[] raw, double[] lo, double[] hi,
            int seeds) {
    }

    /**
     * The readout of point {@code i} of {@code d}: the run's name, then "40,960 env steps: 0.52" (bands: mean,
     * band edges and the number of seeds), with the raw value when smoothing is on.
     */
    static String describe(Drawn d, int i, Frame f) {
        XAxis axis = f.data().xAxis();
        String x = axis == XAxis.ENV_STEPS ? String.format(Locale.ROOT, "%,.0f env steps", d.x()[i])
                : String.format(Locale.ROOT, "%s s", number(d.x()[i]));
        StringBuilder s = new StringBuilder(d.name()).append("\n").append(x).append(": ");
        if (d.lo() != null) {
            s.append("mean ").append(number(d.y()[i])).append(", band ").append(number(d.lo()[i])).append(" to ")
                    .append(number(d.hi()[i])).append(" (n = ").append(d.seeds()).append(")");
        } else {
            s.append(number(d.y()[i]));
        }
        if (f.smoothing() > 0) {
            s.append(", raw ").append(number(d.raw()[i]));
        }
        return s.toString();
    }

    /** Tick labels of the log axis: {@link #number}. */
    private static final NumberFormat PLAIN = new NumberFormat() {
        @Override
        public StringBuffer format(double v, StringBuffer to, FieldPosition pos) {
            return to.append(number(v));
        }

        @Override
        public StringBuffer format(long v, StringBuffer to, FieldPosition pos) {
            return to.append(number(v));
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            throw new UnsupportedOperationException("tick labels are only formatted");
        }
    };

    /** Four significant digits, grouped; no exponent for everyday magnitudes. */
    static String number(double v) {
        double a = Math.abs(v);
        if (v == 0) {
            return "0";
        }
        if (a >= 1e6 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        int decimals = Math.max(0, 3 - (int) Math.floor(Math.log10(a)));
        DecimalFormat f = new DecimalFormat("#,##0" + (decimals > 0 ? "." + "#".repeat(decimals) : ""),
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f.format(v);
    }

    /** What {@link #populate} drew: the lines for the readout, and the y range it fixed for a constant metric. */
    record Drawing(List<Drawn> drawn, Range ownRange) {
    }

    /** What an empty chart says before any run. */
    static final String NO_RUNS = "Start a run to see its training curve here.";

    /** An empty chart with the lab's axes; with a title and subtitle slots when {@code titled} (exports). */
    static JFreeChart newChart(boolean titled) {
        JFreeChart c = ChartFactory.createXYLineChart(titled ? "" : null, XAxis.ENV_STEPS.label(),
                MetricsChartModel.label(MetricsChartModel.DEFAULT_METRIC), new XYSeriesCollection(),
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = c.getXYPlot();
        plot.setNoDataMessage(NO_RUNS);
        // Raw curves (dataset 0) first, the smoothed ones over them.
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        return c;
    }

    /**
     * Puts {@code f} into {@code chart}'s plot in one batch: colors, strokes, axis labels, the legend (hidden runs
     * greyed, so a click shows them again); y linear or logarithmic. Axis ranges are left alone unless
     * {@code fitAxes} (the user's zoom stays while new iterations arrive).
     */
    static Drawing populate(JFreeChart chart, Frame f, PaintStyle a, String selectedName, boolean fitAxes) {
        ChartData data = f.data();
        XYPlot plot = chart.getXYPlot();
        // One notification for the whole batch instead of one per series.
        chart.setNotify(false);
        try {
            boolean log = f.logDrawn();
            double floor = log ? MetricsChartModel.smallestPositive(data) : Double.NaN;
            ValueAxis range = plot.getRangeAxis();
            if (log != range instanceof LogAxis) {
                range = log ? new LogAxis() : new NumberAxis();
                if (range instanceof NumberAxis n) {
                    n.setAutoRangeIncludesZero(false);
                }
                plot.setRangeAxis(range);
                ChartStyle.apply(chart, a);
                fitAxes = true;
            }
            if (range instanceof LogAxis l) {
                l.setSmallestValue(floor);
                // Plain numbers ("20", "0.01") instead of powers of ten with fractional exponents ("10^1.30").
                l.setNumberFormatOverride(PLAIN);
            }
            // Without data, bare 0..1 axes and their grid are clutter around the "start a run" message.
            boolean empty = data.isEmpty();
            plot.getDomainAxis().setVisible(!empty);
            range.setVisible(!empty);
            plot.setDomainGridlinesVisible(!empty);
            plot.setRangeGridlinesVisible(!empty);
            plot.getDomainAxis().setLabel(data.xAxis().label());
            range.setLabel(MetricsChartModel.label(data.metric()) + (log ? " (log scale)" : ""));

            XYSeriesCollection rawSet = new XYSeriesCollection();
            XYLineAndShapeRenderer rawRenderer = lineRenderer();
            LegendItemCollection legend = new LegendItemCollection();
            List<Drawn> drawn = new ArrayList<>();
            boolean smoothed = f.smoothing() > 0;
            if (data.bands().isEmpty()) {
                XYSeriesCollection ds = new XYSeriesCollection();
                XYLineAndShapeRenderer r = lineRenderer();
                // Curves of one colour (the seeds of one setting, or runs past the palette) differ by their dashes.
                Map<Integer, Integer> sameColour = new HashMap<>();
                for (Curve c : data.curves()) {
                    Color color = ChartStyle.color(c.color(), a);
                    int dash = sameColour.merge(c.color(), 1, Integer::sum) - 1;
                    boolean hide = f.hidden().contains(c.name());
                    legend.add(legendItem(c.name(), c.name(), color, a, hide, false, dash));
                    if (hide) {
                        continue;
                    }
                    int[] keep = MetricsChartModel.decimate(c.y(), MAX_DRAWN_POINTS);
                    XYSeries s = new XYSeries(c.name(), false, true);
                    XYSeries raw = new XYSeries(c.name(), false, true);
                    double[] xs = new double[keep.length];
                    double[] ys = new double[keep.length];
                    double[] rs = new double[keep.length];
                    for (int j = 0; j < keep.length; j++) {
                        int k = keep[j];
                        xs[j] = c.x()[k];
                        ys[j] = c.y()[k];
                        rs[j] = c.raw()[k];
                        s.add(xs[j], log && ys[j] <= 0 ? Double.NaN : ys[j], false);
                        raw.add(xs[j], log && rs[j] <= 0 ? Double.NaN : rs[j], false);
                    }
                    int i = ds.getSeriesCount();
                    ds.addSeries(s);
                    boolean selected = c.name().equals(selectedName) && data.curves().size() > 1;
                    r.setSeriesPaint(i, color);
                    r.setSeriesStroke(i, ChartStyle.stroke(a, selected, dash));
                    // Sparse series (evaluation every few iterations) need dots to be visible at all.
                    r.setSeriesShapesVisible(i, c.x().length <= 40);
                    r.setSeriesShape(i, ChartStyle.marker(a));
                    if (smoothed) {
                        rawRenderer.setSeriesPaint(rawSet.getSeriesCount(), ChartStyle.faint(color));
                        rawRenderer.setSeriesStroke(rawSet.getSeriesCount(), ChartStyle.stroke(a, false));
                        rawSet.addSeries(raw);
                    }
                    drawn.add(new Drawn(c.name(), c.color(), xs, ys, rs, null, null, 1));
                }
                plot.setDataset(1, ds);
                plot.setRenderer(1, r);
            } else {
                YIntervalSeriesCollection ds = new YIntervalSeriesCollection();
                DeviationRenderer r = new DeviationRenderer(true, false);
                r.setAlpha(0.22f);
                r.setAutoPopulateSeriesStroke(false);
                r.setDefaultCreateEntities(false);
                r.setDrawSeriesLineAsPath(true);
                for (Band b : data.bands()) {
                    Color color = ChartStyle.color(b.color(), a);
                    boolean hide = f.hidden().contains(key(b));
                    legend.add(legendItem(b.name(), key(b), color, a, hide, true, 0));
                    if (hide) {
                        continue;
                    }
                    int[] keep = MetricsChartModel.decimate(b.mean(), MAX_DRAWN_POINTS);
                    YIntervalSeries s = new YIntervalSeries(b.name(), false, true);
                    XYSeries raw = new XYSeries(b.name(), false, true);
                    double[] xs = new double[keep.length];
                    double[] ms = new double[keep.length];
                    double[] los = new double[keep.length];
                    double[] his = new double[keep.length];
                    double[] rs = new double[keep.length];
                    for (int j = 0; j < keep.length; j++) {
                        int k = keep[j];
                        xs[j] = b.x()[k];
                        ms[j] = b.mean()[k];
                        los[j] = b.lo()[k];
                        his[j] = b.hi()[k];
                        rs[j] = b.rawMean()[k];
                        if (log && ms[j] <= 0) {
                            continue;
                        }
                        s.add(new YIntervalDataItem(xs[j], ms[j], log ? Math.max(floor, los[j]) : los[j],
                                log ? Math.max(floor, his[j]) : his[j]), false);
                        raw.add(xs[j], log && rs[j] <= 0 ? Double.NaN : rs[j], false);
                    }
                    int i = ds.getSeriesCount();
                    ds.addSeries(s);
                    r.setSeriesPaint(i, color);
                    r.setSeriesFillPaint(i, color);
                    r.setSeriesStroke(i, ChartStyle.stroke(a, false));
                    if (smoothed) {
                        rawRenderer.setSeriesPaint(rawSet.getSeriesCount(), ChartStyle.faint(color));
                        rawRenderer.setSeriesStroke(rawSet.getSeriesCount(), ChartStyle.stroke(a, false));
                        rawSet.addSeries(raw);
                    }
                    drawn.add(new Drawn(b.name(), b.color(), xs, ms, rs, los, his, b.runs()));
                }
                plot.setDataset(1, ds);
                plot.setRenderer(1, r);
            }
            plot.setDataset(0, rawSet);
            plot.setRenderer(0, rawRenderer);
            plot.setFixedLegendItems(legend);
            if (chart.getLegend() != null) {
                chart.getLegend().setVisible(legend.getItemCount() > 0);
            }

            Range own = null;
            if (fitAxes) {
                plot.getDomainAxis().setAutoRange(true);
                double[] span = ySpan(drawn, log);
                if (!log && span != null && span[1] - span[0] <= 1e-9 * Math.max(1, Math.abs(span[1]))) {
                    // A constant metric (a fixed learning rate, a solved task) would get an axis of identical labels.
                    double pad = Math.max(Math.abs(span[0]) * 0.05, 1e-6);
                    own = new Range(span[0] - pad, span[1] + pad);
                    range.setRange(own);
                } else {
                    range.setAutoRange(true);
                }
            }
            return new Drawing(List.copyOf(drawn), own);
        } finally {
            chart.setNotify(true);
        }
    }

    private static XYLineAndShapeRenderer lineRenderer() {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setAutoPopulateSeriesStroke(false);
        r.setAutoPopulateSeriesPaint(false);
        // One path per series, and no hit-test entity per point: both cost more than the lines themselves.
        r.setDrawSeriesLineAsPath(true);
        r.setDefaultCreateEntities(false);
        return r;
    }

    /**
     * What hides a band: its name without the seed count, so a hidden band stays hidden when another seed of its
     * group arrives ("FPO · gridworld (2 seeds)" → "FPO · gridworld").
     */
    static String key(Band b) {
        return b.name().replaceFirst(" \\(\\d+ seeds?\\)$", "");
    }

    /**
     * A legend entry named {@code name} whose clicks toggle {@code key} (a run's name, a band's {@link #key});
     * greyed out while hidden.
     */
    private static LegendItem legendItem(String name, String key, Color color, PaintStyle a, boolean hidden,
            boolean band, int dash) {
        Color paint = hidden ? ChartStyle.faint(a.muted()) : color;
        BasicStroke stroke = ChartStyle.stroke(a, false, dash);
        double w = 8 * a.scale();
        LegendItem item = new LegendItem(hidden ? name + " (hidden)" : name, null,
                hidden ? "Click to show this run again" : "Click to hide this run", null, band,
                new Rectangle2D.Double(-w, -w / 2, 2 * w, w), true, ChartStyle.faint(paint), false, paint, stroke,
                true, new Line2D.Double(-w, 0, w, 0), stroke, paint);
        item.setSeriesKey(key);
        if (hidden) {
            item.setLabelPaint(a.muted());
        }
        return item;
    }

    /** Smallest and largest y drawn (band edges included), or null when nothing is drawn. */
    private static double[] ySpan(List<Drawn> drawn, boolean log) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Drawn d : drawn) {
            for (double[] v : d.lo() == null ? new double[][] {d.y(), d.raw()} : new double[][] {d.lo(), d.hi()}) {
                for (double y : v) {
                    if (!log || y > 0) {
                        lo = Math.min(lo, y);
                        hi = Math.max(hi, y);
                    }
                }
            }
        }
        return lo <= hi ? new double[] {lo, hi} : null;
    }

    /**
     * The chart for export: light and at normal size whatever the window shows (a figure for a paper or slides
     * looks the same whoever exported it), titled with the metric, with a legend of the runs shown (hidden runs
     * left out) and the zoom of the screen; any thread.
     */
    static JFreeChart exportChart(Frame f, Range domain, Range range, double fontSize) {
        PaintStyle style = PaintStyle.LIGHT.withFontSize(fontSize);
        Set<String> hiddenNow = f.hidden();
        ChartData d = f.data();
        ChartData shown = new ChartData(d.metric(), d.xAxis(),
                d.curves().stream().filter(c -> !hiddenNow.contains(c.name())).toList(),
                d.bands().stream().filter(b -> !hiddenNow.contains(key(b))).toList());
        Frame visible = new Frame(shown, Set.of(), f.log(), f.smoothing());
        JFreeChart c = newChart(true);
        c.setTitle(new TextTitle(MetricsChartModel.label(d.metric())));
        List<String> about = new ArrayList<>();
        if (!d.bands().isEmpty()) {
            about.add("mean ± std over seeds");
        }
        if (f.smoothing() > 0) {
            about.add(String.format(Locale.ROOT, "smoothing %.2f (raw values faint)", f.smoothing()));
        }
        String logNote = f.log() ? MetricsChartModel.logScaleNote(shown) : "";
        if (!logNote.isEmpty()) {
            about.add(logNote);
        }
        ChartStyle.apply(c, style);
        populate(c, visible, style, null, true);
        if (!about.isEmpty()) {
            c.addSubtitle(0, ChartStyle.subtitle(String.join(" · ", about), style));
        }
        c.setNotify(false);
        if (domain != null) {
            c.getXYPlot().getDomainAxis().setRange(domain);
        }
        if (range != null) {
            c.getXYPlot().getRangeAxis().setRange(range);
        }
        c.setNotify(true);
        return c;
    }
}
