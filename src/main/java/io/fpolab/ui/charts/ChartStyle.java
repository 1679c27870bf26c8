package io.fpolab.ui.charts;

import io.fpolab.ui.util.Appearance;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.text.DecimalFormat;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * Colors, fonts and line widths of the lab's charts for the light and dark theme and for presentation
 * mode (a projector needs bigger text and thicker lines).
 */
public final class ChartStyle {
    /** Tableau 10: distinguishable, and ordered so the first two (FPO, Gaussian) contrast well. */
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0x7f7f7f), new Color(0xbcbd22)};

    private ChartStyle() {
    }

    /** The color of palette slot {@code index} (wraps around). */
    public static Color color(int index) {
        return PALETTE[Math.floorMod(index, PALETTE.length)];
    }

    /** Line width of curves in points. */
    public static float lineWidth(Appearance a) {
        return a.presentation() ? 3.5f : 2.0f;
    }

    static BasicStroke stroke(Appearance a, boolean emphasised) {
        return new BasicStroke(lineWidth(a) * (emphasised ? 1.6f : 1f), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /** Applies theme colors and fonts to the chart's frame (not to the series). */
    public static void apply(JFreeChart chart, Appearance a) {
        Paint background = a.dark() ? new Color(0x1e1f22) : Color.WHITE;
        Paint text = a.dark() ? new Color(0xdfe1e5) : new Color(0x202124);
        Paint grid = a.dark() ? new Color(0x3c3f45) : new Color(0xe1e4e8);
        int tick = a.presentation() ? 19 : 13;
        int label = a.presentation() ? 21 : 14;
        chart.setBackgroundPaint(background);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(background);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinePaint(grid);
        plot.setRangeGridlinePaint(grid);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setNoDataMessageFont(new Font(Font.SANS_SERIF, Font.PLAIN, label));
        plot.setNoDataMessagePaint(text);
        for (NumberAxis axis : new NumberAxis[] {(NumberAxis) plot.getDomainAxis(), (NumberAxis) plot.getRangeAxis()}) {
            axis.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, label));
            axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, tick));
            axis.setLabelPaint(text);
            axis.setTickLabelPaint(text);
            axis.setAxisLinePaint(grid);
            axis.setTickMarkPaint(grid);
        }
        // Generous label insets make JFreeChart choose coarser tick units: fewer, readable ticks.
        plot.getRangeAxis().setTickLabelInsets(new RectangleInsets(a.presentation() ? 14 : 10, 4, a.presentation() ? 14 : 10, 4));
        plot.getDomainAxis().setTickLabelInsets(new RectangleInsets(4, 24, 4, 24));
        ((NumberAxis) plot.getDomainAxis()).setNumberFormatOverride(new DecimalFormat("#,##0.###"));
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, tick));
            legend.setItemPaint(text);
            legend.setBackgroundPaint(background);
            legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        chart.setPadding(new RectangleInsets(8, 8, 8, 16));
    }
}
