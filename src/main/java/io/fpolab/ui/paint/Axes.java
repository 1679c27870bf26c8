package io.fpolab.ui.paint;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;

/**
 * A linear mapping from a data box [xlo, xhi] × [ylo, yhi] to a pixel rectangle (y up on screen),
 * with a frame, ticks and axis labels.
 */
public final class Axes {
    private final Rectangle2D plot;
    private final double xlo;
    private final double xhi;
    private final double ylo;
    private final double yhi;

    public Axes(Rectangle2D plot, double xlo, double xhi, double ylo, double yhi) {
        this.plot = plot;
        this.xlo = xlo;
        this.xhi = xhi;
        this.ylo = ylo;
        this.yhi = yhi;
    }

    public Rectangle2D plot() {
        return plot;
    }

    /** Pixel x of data x. */
    public double x(double v) {
        return plot.getX() + (v - xlo) / (xhi - xlo) * plot.getWidth();
    }

    /** Pixel y of data y (larger data y is higher on screen). */
    public double y(double v) {
        return plot.getMaxY() - (v - ylo) / (yhi - ylo) * plot.getHeight();
    }

    /** Pixels per data unit along x. */
    public double scaleX() {
        return plot.getWidth() / (xhi - xlo);
    }

    /** Frame, outward ticks with labels and axis titles. */
    public void draw(Graphics2D g, String xLabel, String yLabel, float base) {
        draw(g, xLabel, yLabel, base, 5, true);
    }

    /**
     * Frame, about {@code xTicks} x ticks and the x label, no y ticks: a panel beside another plot whose y
     * axis it shares (its tick labels would land on that plot; so would the x tick label at the left edge,
     * next to that plot's last one, which is left out).
     */
    public void drawSharedY(Graphics2D g, String xLabel, float base, int xTicks) {
        draw(g, xLabel, null, base, xTicks, false);
    }

    private void draw(Graphics2D g, String xLabel, String yLabel, float base, int xTicks, boolean yTicks) {
        PaintStyle style = PaintKit.style(g);
        g.setStroke(PaintKit.stroke(style.line(1)));
        g.setFont(PaintKit.font(base * 0.8f, false));
        FontMetrics fm = g.getFontMetrics();
        double tick = base * 0.35;
        double maxW = 0;
        for (double v : PaintKit.ticks(xlo, xhi, xTicks)) {
            double px = x(v);
            g.setColor(style.frame());
            g.draw(new Line2D.Double(px, plot.getMaxY(), px, plot.getMaxY() + tick));
            if (!yTicks && px < plot.getX() + 0.5) {
                continue;
            }
            g.setColor(style.ink());
            PaintKit.text(g, PaintKit.tickLabel(v), px, plot.getMaxY() + tick + fm.getAscent(), PaintKit.Align.CENTER);
        }
        for (double v : yTicks ? PaintKit.ticks(ylo, yhi, 5) : new double[0]) {
            double py = y(v);
            g.setColor(style.frame());
            g.draw(new Line2D.Double(plot.getX() - tick, py, plot.getX(), py));
            g.setColor(style.ink());
            maxW = Math.max(maxW, PaintKit.text(g, PaintKit.tickLabel(v), plot.getX() - tick * 1.6,
                    py + fm.getAscent() / 2.5, PaintKit.Align.RIGHT));
        }
        g.setColor(style.frame());
        g.draw(plot);
        g.setFont(PaintKit.font(base * 0.9f, false));
        g.setColor(style.muted());
        if (xLabel != null) {
            PaintKit.text(g, xLabel, plot.getCenterX(), plot.getMaxY() + tick + fm.getHeight() + g.getFontMetrics()
                    .getAscent(), PaintKit.Align.CENTER);
        }
        if (yLabel != null) {
            PaintKit.verticalText(g, yLabel, plot.getX() - tick * 1.6 - maxW - base * 0.6, plot.getCenterY());
        }
    }

    /** Room to leave around a plot for ticks and labels: {left, bottom}. */
    public static double[] margins(float base) {
        return new double[] {base * 4.2, base * 3.2};
    }
}
