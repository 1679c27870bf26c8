package io.fpolab.ui.charts;

import io.fpolab.ui.paint.PaintStyle;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.text.DecimalFormat;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * Colors, fonts, markers and line widths of the lab's charts in a {@link PaintStyle}: the light or dark
 * palette (the painted views' colours, so a chart tab and a painted tab look alike) and its size factor
 * (presentation mode doubles text, lines and markers for a projector).
 */
public final class ChartStyle {
    /** Tableau 10: distinguishable, and ordered so the first two (FPO, Gaussian) contrast well. */
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0x7f7f7f), new Color(0xbcbd22)};
    /**
     * The same hues lifted for a dark background: Tableau's blue, red and brown have too little contrast
     * on it (blue 2.9:1); these keep each slot's hue at 4.5:1 or more.
     */
    private static final Color[] PALETTE_ON_DARK = {
        new Color(0x5DA5E8), new Color(0xF0625F), new Color(0x4CC24C), new Color(0xFF9F43), new Color(0xB59AD8),
        new Color(0xC49A8E), new Color(0xF39BD7), new Color(0x33D6E6), new Color(0xB0B0B0), new Color(0xD6D74A)};
    /** Number of palette slots; colours repeat after it. */
    static final int PALETTE_SIZE = PALETTE.length;
    /** Tick-label and legend font size at normal size, in points. */
    static final float TICK_SIZE = 13;
    /** Axis-label font size at normal size, in points. */
    static final float LABEL_SIZE = 14;

    private ChartStyle() {
    }

    /** The color of palette slot {@code index} on the light palette (wraps around). */
    public static Color color(int index) {
        return PALETTE[Math.floorMod(index, PALETTE.length)];
    }

    /** The color of palette slot {@code index} in {@code style} (wraps around). */
    public static Color color(int index, PaintStyle style) {
        Color[] p = style.dark() ? PALETTE_ON_DARK : PALETTE;
        return p[Math.floorMod(index, p.length)];
    }

    /** Line width of curves in points. */
    public static float lineWidth(PaintStyle style) {
        return (float) style.line(2.0);
    }

    static BasicStroke stroke(PaintStyle style, boolean emphasised) {
        return stroke(style, emphasised, 0);
    }

    /**
     * A curve's line: solid for {@code dash} 0; 1, 2 and 3 (then again from 1) are dashed, dotted and dash-dotted,
     * for curves that share a colour (the seeds of one setting, or runs past the palette's length).
     */
    static BasicStroke stroke(PaintStyle style, boolean emphasised, int dash) {
        float w = lineWidth(style) * (emphasised ? 1.6f : 1f);
        float[][] patterns = {{4 * w, 2.5f * w}, {0.01f, 2.2f * w}, {4 * w, 2 * w, 0.01f, 2 * w}};
        return dash <= 0 ? new BasicStroke(w, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                : new BasicStroke(w, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f,
                        patterns[(dash - 1) % patterns.length], 0f);
    }

    /** The dot drawn at each point of a sparse series: 6 points across at normal size. */
    static Shape marker(PaintStyle style) {
        double r = style.line(3);
        return new Ellipse2D.Double(-r, -r, 2 * r, 2 * r);
    }

    /**
     * The colour of a raw curve drawn behind its smoothed one: the same hue, mostly transparent, as TensorBoard
     * draws it, so the smoothed curve reads first and the noise stays visible.
     */
    static Color faint(Color c) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), 80);
    }

    /** A line of smaller, muted text under a chart's title (what the chart averages or smooths). */
    static TextTitle subtitle(String text, PaintStyle style) {
        TextTitle t = new TextTitle(text, font(style, TICK_SIZE));
        t.setPaint(style.muted());
        return t;
    }

    /** A chart font of {@code size} points at normal size; an export's font size sets the tick-label size. */
    private static Font font(PaintStyle style, float size) {
        double points = style.fontSize() > 0 ? size * style.fontSize() / TICK_SIZE : size * style.scale();
        return new Font(Font.SANS_SERIF, Font.PLAIN, 12).deriveFont((float) points);
    }

    /** Applies theme colors and fonts to the chart's frame (not to the series). */
    public static void apply(JFreeChart chart, PaintStyle style) {
        Color background = style.background();
        Color text = style.ink();
        Color grid = style.gridLine();
        double s = style.scale();
        chart.setBackgroundPaint(background);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(background);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinePaint(grid);
        plot.setRangeGridlinePaint(grid);
        plot.setDomainGridlineStroke(new BasicStroke((float) style.line(1)));
        plot.setRangeGridlineStroke(new BasicStroke((float) style.line(1)));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setNoDataMessageFont(font(style, LABEL_SIZE));
        plot.setNoDataMessagePaint(style.muted());
        for (ValueAxis axis : new ValueAxis[] {plot.getDomainAxis(), plot.getRangeAxis()}) {
            axis.setLabelFont(font(style, LABEL_SIZE));
            axis.setTickLabelFont(font(style, TICK_SIZE));
            axis.setLabelPaint(text);
            axis.setTickLabelPaint(text);
            axis.setAxisLinePaint(style.frame());
            axis.setAxisLineStroke(new BasicStroke((float) style.line(1)));
            axis.setTickMarkPaint(style.frame());
            axis.setTickMarkStroke(new BasicStroke((float) style.line(1)));
            axis.setTickMarkOutsideLength((float) style.line(2));
            axis.setLabelInsets(new RectangleInsets(3 * s, 3 * s, 3 * s, 3 * s));
        }
        // Generous label insets make JFreeChart choose coarser tick units: fewer, readable ticks.
        plot.getRangeAxis().setTickLabelInsets(new RectangleInsets(10 * s, 4 * s, 10 * s, 4 * s));
        plot.getDomainAxis().setTickLabelInsets(new RectangleInsets(4 * s, 24 * s, 4 * s, 24 * s));
        ((NumberAxis) plot.getDomainAxis()).setNumberFormatOverride(new DecimalFormat("#,##0.###"));
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(font(style, LABEL_SIZE + 2).deriveFont(Font.BOLD));
            chart.getTitle().setPaint(text);
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setItemFont(font(style, TICK_SIZE));
            legend.setItemPaint(text);
            legend.setBackgroundPaint(background);
            legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
            legend.setItemLabelPadding(new RectangleInsets(2 * s, 2 * s, 2 * s, 6 * s));
            legend.setLegendItemGraphicPadding(new RectangleInsets(2 * s, 6 * s, 2 * s, 2 * s));
        }
        chart.setPadding(new RectangleInsets(8 * s, 8 * s, 8 * s, 16 * s));
    }
}
