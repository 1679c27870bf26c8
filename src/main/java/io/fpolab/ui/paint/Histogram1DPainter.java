package io.fpolab.ui.paint;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.Locale;

/** Density of a 1-D action as bars (fraction of samples per unit), with the env's action bounds dashed. */
public final class Histogram1DPainter implements Painter {
    private static final Color BAR = new Color(0x3B6FD8);

    private final Histogram1D data;

    public Histogram1DPainter(Histogram1D data) {
        this.data = data;
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        PaintKit.prepare(g);
        float base = PaintKit.baseSize(g, width, height);
        double top = PaintKit.title(g, data.title(), data.subtitle(), width, base);
        double[] m = Axes.margins(base);
        Rectangle2D plot = new Rectangle2D.Double(m[0], top, Math.max(10, width - m[0] - base * 1.5),
                Math.max(10, height - top - m[1] - base * 0.5));
        int bins = data.counts().length;
        double w = (data.hi() - data.lo()) / bins;
        double maxDensity = 0;
        for (int c : data.counts()) {
            maxDensity = Math.max(maxDensity, c / (double) Math.max(1, data.total()) / w);
        }
        double[] yTicks = PaintKit.ticks(0, Math.max(maxDensity, 1e-3) * 1.08, 4);
        double yhi = Math.max(yTicks[yTicks.length - 1], maxDensity * 1.02);
        Axes axes = new Axes(plot, data.lo(), data.hi(), 0, yhi);
        g.setColor(BAR);
        for (int i = 0; i < bins; i++) {
            double d = data.counts()[i] / (double) Math.max(1, data.total()) / w;
            double x0 = axes.x(data.lo() + i * w);
            double x1 = axes.x(data.lo() + (i + 1) * w);
            g.fill(new Rectangle2D.Double(x0, axes.y(d), Math.max(0.5, x1 - x0 - 0.4), axes.y(0) - axes.y(d)));
        }
        if (!Double.isNaN(data.bounds())) {
            g.setColor(PaintKit.style(g).muted());
            g.setStroke(PaintKit.dashed(Math.max(1, base / 10), base * 0.4));
            for (double b : new double[] {-data.bounds(), data.bounds()}) {
                g.draw(new Line2D.Double(axes.x(b), plot.getY(), axes.x(b), plot.getMaxY()));
            }
        }
        axes.draw(g, data.xLabel(), "density", base);
        g.setFont(PaintKit.font(base * 0.8f, false));
        g.setColor(PaintKit.style(g).muted());
        PaintKit.text(g, String.format(Locale.ROOT, "%,d samples", data.total()), plot.getMaxX() - base * 0.3,
                plot.getY() + base * 1.1, PaintKit.Align.RIGHT);
    }
}
