package io.fpolab.ui.paint;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.Locale;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * Density of a 1-D action as bars (fraction of samples per unit), with the env's action bounds dashed: a
 * JFreeChart bar plot ({@link ChartKit}) over a dataset made once per painter.
 */
public final class Histogram1DPainter implements Painter {
    private static final Color BAR = new Color(0x3B6FD8);

    private final Histogram1D data;
    private final XYIntervalSeriesCollection bars;
    private final double maxDensity;

    public Histogram1DPainter(Histogram1D data) {
        this.data = data;
        int bins = data.counts().length;
        double w = (data.hi() - data.lo()) / bins;
        XYIntervalSeries s = new XYIntervalSeries("density");
        double max = 0;
        for (int i = 0; i < bins; i++) {
            double d = data.counts()[i] / (double) Math.max(1, data.total()) / w;
            double x0 = data.lo() + i * w;
            s.add(x0 + w / 2, x0, x0 + w, d, 0, d);
            max = Math.max(max, d);
        }
        this.bars = new XYIntervalSeriesCollection();
        bars.addSeries(s);
        this.maxDensity = max;
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        PaintKit.prepare(g);
        float base = PaintKit.baseSize(g, width, height);
        PaintStyle style = PaintKit.style(g);
        double top = PaintKit.title(g, data.title(), data.subtitle(), width, base);
        double[] m = ChartKit.margins(base);
        Rectangle2D plot = new Rectangle2D.Double(m[0], top, Math.max(10, width - m[0] - base * 1.5),
                Math.max(10, height - top - m[1] - base * 0.5));
        NumberAxis y = ChartKit.axis("density", 0, Math.max(maxDensity, 1e-3) * 1.08, true, style, base);
        XYPlot p = ChartKit.plot(ChartKit.axis(data.xLabel(), data.lo(), data.hi(), false, style, base), y, style);
        XYBarRenderer r = new XYBarRenderer();
        r.setBarPainter(new StandardXYBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        r.setSeriesPaint(0, BAR);
        // A hairline between neighbouring bars, as wide as a bin allows.
        r.setMargin(Math.min(0.3, 0.4 / Math.max(1, plot.getWidth() / data.counts().length)));
        p.setDataset(bars);
        p.setRenderer(r);
        if (!Double.isNaN(data.bounds())) {
            for (double b : new double[] {-data.bounds(), data.bounds()}) {
                p.addDomainMarker(ChartKit.dashedLine(b, style.muted(), base));
            }
        }
        ChartKit.draw(g, p, plot, base);
        g.setFont(PaintKit.font(base * 0.8f, false));
        g.setColor(style.muted());
        PaintKit.text(g, String.format(Locale.ROOT, "%,d samples", data.total()), plot.getMaxX() - base * 0.3,
                plot.getY() + base * 1.1, PaintKit.Align.RIGHT);
    }
}
