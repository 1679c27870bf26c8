package io.fpolab.ui.paint;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;
import java.util.function.DoubleFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.AxisSpace;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * JFreeChart for the painters' plots: axes, ticks, tick labels and colour bars come from the library,
 * styled by the paint's {@link PaintStyle} and base size, so a heatmap on screen, in presentation mode and
 * in a PNG export reads like the lab's other charts.
 *
 * <p>A painter lays out its parts itself (a square heatmap, a density strip beside it, a colour bar under a
 * move grid) and then has the library draw a plot into exactly the data area it chose ({@link #draw}): the
 * plot gets fixed axis space around that area, so clicks, tests and hand-drawn overlays (peak markers,
 * notes) map through the same rectangle. The chart objects are cheap and are built per paint — a painter
 * may be painted on the paint thread and exported on another at once — while the data behind them (a
 * histogram image, a dataset) is built once per painter and let go by each paint's plot when it is drawn.
 */
public final class ChartKit {
    private ChartKit() {
    }

    /** Room to leave around a plot's data area for tick labels and axis titles: {left, bottom}. */
    public static double[] margins(float base) {
        return new double[] {base * 4.2, base * 3.2};
    }

    /**
     * A number axis over [lo, hi] in the style's colours at the panel's type size: tick labels at 0.8 ×
     * {@code base}, the title at 0.9 × (both twice as large in presentation mode, where the base is), outward
     * tick marks. The tick labels' insets along the axis make the library's automatic tick choice leave a
     * label's width between labels, so an axis gets about as many ticks as a reader takes in at a glance.
     *
     * @param vertical whether the axis runs up the screen (its spacing then counts line heights)
     */
    public static NumberAxis axis(String label, double lo, double hi, boolean vertical, PaintStyle style, float base) {
        NumberAxis a = new NumberAxis(label);
        a.setAutoRange(false);
        a.setRange(lo, hi);
        a.setNumberFormatOverride(plainFormat());
        a.setTickLabelFont(PaintKit.font(base * 0.8f, false));
        a.setLabelFont(PaintKit.font(base * 0.9f, false));
        a.setTickLabelPaint(style.ink());
        a.setLabelPaint(style.muted());
        a.setAxisLinePaint(style.frame());
        a.setAxisLineStroke(new BasicStroke((float) style.line(1)));
        a.setTickMarkPaint(style.frame());
        a.setTickMarkStroke(new BasicStroke((float) style.line(1)));
        a.setTickMarkInsideLength(0);
        a.setTickMarkOutsideLength(base * 0.35f);
        double near = base * 0.15;
        // Spacing by the normal size, not the enlarged one: presentation mode's larger labels keep the ticks.
        double normal = base / style.scale();
        double spread = vertical ? normal * 1.3 : normal * 1.3;
        a.setTickLabelInsets(vertical ? new RectangleInsets(spread, near, spread, near)
                : new RectangleInsets(near, spread, near, spread));
        a.setLabelInsets(new RectangleInsets(base * 0.2, base * 0.2, base * 0.2, base * 0.2));
        return a;
    }

    /** A plot with these axes: framed in the style's frame colour, no grid lines, no background of its own. */
    public static XYPlot plot(NumberAxis x, NumberAxis y, PaintStyle style) {
        XYPlot p = new XYPlot(null, x, y, null);
        p.setBackgroundPaint(null);
        p.setOutlinePaint(style.frame());
        p.setOutlineStroke(new BasicStroke((float) style.line(1)));
        p.setDomainGridlinesVisible(false);
        p.setRangeGridlinesVisible(false);
        p.setAxisOffset(RectangleInsets.ZERO_INSETS);
        p.setInsets(RectangleInsets.ZERO_INSETS);
        return p;
    }

    /** A dashed line across the plot at {@code value} (a move boundary, an action bound). */
    public static ValueMarker dashedLine(double value, Color colour, float base) {
        ValueMarker m = new ValueMarker(value);
        m.setPaint(colour);
        m.setStroke(PaintKit.dashed(Math.max(1, base / 10), base * 0.4));
        return m;
    }

    /**
     * Draws {@code plot} with its data area exactly {@code dataArea}: the chart gets the {@link #margins} left
     * of and under it for the axes (and a little room above and right for the last tick labels).
     */
    public static void draw(Graphics2D g, XYPlot plot, Rectangle2D dataArea, float base) {
        double[] m = margins(base);
        double left = m[0];
        double top = base * 0.8;
        // Room for an axis title wider than a narrow plot (a density strip), which the chart would clip.
        double right = base * 1.5;
        AxisSpace space = new AxisSpace();
        space.setLeft(left);
        space.setRight(right);
        space.setTop(top);
        space.setBottom(m[1]);
        plot.setFixedDomainAxisSpace(space);
        plot.setFixedRangeAxisSpace(space);
        JFreeChart chart = new JFreeChart(null, null, plot, false);
        chart.setBackgroundPaint(null);
        chart.setBorderVisible(false);
        chart.setPadding(RectangleInsets.ZERO_INSETS);
        // A histogram image scaled up keeps its bins sharp.
        chart.getRenderingHints().put(RenderingHints.KEY_INTERPOLATION,
                RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        try {
            chart.draw(g, new Rectangle2D.Double(dataArea.getX() - left, dataArea.getY() - top,
                    dataArea.getWidth() + left + right, dataArea.getHeight() + top + m[1]));
        } finally {
            // A plot listens to its datasets; the painter's datasets outlive this paint's plot.
            for (int i = 0; i < plot.getDatasetCount(); i++) {
                plot.setDataset(i, null);
            }
        }
    }

    /**
     * A vertical colour bar of {@code scale} whose axis (ticks, tick labels, the optional {@code unit} along
     * it) is {@code axis}, to be drawn by {@link #drawColorbar} with its strip filling a given rectangle.
     */
    public static PaintScaleLegend colorbar(PaintScale scale, NumberAxis axis, String unit, PaintStyle style,
            float base) {
        axis.setLabel(unit);
        axis.setLabelFont(PaintKit.font(base * 0.8f, false));
        PaintScaleLegend legend = new PaintScaleLegend(scale, axis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        legend.setAxisOffset(0);
        legend.setMargin(RectangleInsets.ZERO_INSETS);
        legend.setPadding(RectangleInsets.ZERO_INSETS);
        legend.setBackgroundPaint(null);
        legend.setSubdivisionCount(128);
        legend.setStripOutlineVisible(true);
        legend.setStripOutlinePaint(style.muted());
        legend.setStripOutlineStroke(new BasicStroke((float) Math.max(1, base / 14)));
        return legend;
    }

    /** Draws {@code legend} with its strip filling {@code bar} and its axis right of it. */
    public static void drawColorbar(Graphics2D g, PaintScaleLegend legend, Rectangle2D bar) {
        legend.setStripWidth(bar.getWidth());
        legend.draw(g, new Rectangle2D.Double(bar.getX(), bar.getY(), bar.getWidth() * 20, bar.getHeight()));
    }

    /** A bold title over a colour bar ("density", "value"). */
    public static void colorbarTitle(Graphics2D g, Rectangle2D bar, String title, float base) {
        g.setFont(PaintKit.font(base * 0.85f, true));
        g.setColor(PaintKit.style(g).ink());
        PaintKit.text(g, title, bar.getX(), bar.getY() - base * 0.55, PaintKit.Align.LEFT);
    }

    /** A paint scale over [lo, hi] that colours {@code v} with {@code colour((v − lo) / (hi − lo))}. */
    public static PaintScale scale(double lo, double hi, DoubleFunction<Color> colour) {
        return new PaintScale() {
            @Override
            public double getLowerBound() {
                return lo;
            }

            @Override
            public double getUpperBound() {
                return hi;
            }

            @Override
            public java.awt.Paint getPaint(double v) {
                return colour.apply(hi > lo ? (v - lo) / (hi - lo) : 0);
            }
        };
    }

    /** Tick labels without trailing zeros ("2", "-1.5", "0.25"). */
    public static NumberFormat plainFormat() {
        return new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));
    }

    /**
     * Tick labels of an axis in square-root units: a tick at u is labelled u² (the count it stands for), so a
     * √-scaled colour bar keeps the library's evenly spread ticks and still reads in counts.
     */
    public static NumberFormat squaredFormat() {
        NumberFormat plain = plainFormat();
        return new NumberFormat() {
            @Override
            public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
                return plain.format(number * number, to, pos);
            }

            @Override
            public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
                return plain.format((double) number * number, to, pos);
            }

            @Override
            public Number parse(String source, ParsePosition pos) {
                Number n = plain.parse(source, pos);
                return n == null ? null : Math.sqrt(n.doubleValue());
            }
        };
    }
}
