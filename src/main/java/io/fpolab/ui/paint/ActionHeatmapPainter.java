package io.fpolab.ui.paint;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;

/**
 * Density of sampled 2-D actions: viridis histogram (square-root colour scale, so a thin second mode
 * is still visible next to a strong one), a "density" colour bar in samples per bin, axes, dashed lines at ±0.5
 * (the GridWorld's move boundaries) and the move fractions.
 */
public final class ActionHeatmapPainter implements Painter {
    private final ActionHeatmap data;

    public ActionHeatmapPainter(ActionHeatmap data) {
        this.data = data;
    }

    public ActionHeatmap data() {
        return data;
    }

    /** The square plot area in a {@code width × height} panel at normal size (for tests and pointer read-outs). */
    public Rectangle2D plotArea(int width, int height) {
        return plotArea(PaintStyle.LIGHT, width, height);
    }

    /** The square plot area in a {@code width × height} panel painted in {@code style}. */
    public Rectangle2D plotArea(PaintStyle style, int width, int height) {
        float base = PaintKit.baseSize(style, width, height);
        double top = PaintKit.titleHeight(data.title(), data.subtitle(), base);
        double textBlock = data.moves() != null ? base * 2.9 : 0;
        double[] m = Axes.margins(base);
        double barRoom = data.colorbar() ? PaintKit.colorbarRoom(base) : base * 0.5;
        double availW = width - m[0] - barRoom - base;
        double availH = height - top - m[1] - textBlock - base * 0.5;
        double side = Math.max(10, Math.min(availW, availH));
        return new Rectangle2D.Double(m[0] + (availW - side) / 2, top, side, side);
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        PaintKit.prepare(g);
        float base = PaintKit.baseSize(g, width, height);
        PaintKit.title(g, data.title(), data.subtitle(), width, base);
        double[] m = Axes.margins(base);
        Rectangle2D plot = plotArea(PaintKit.style(g), width, height);
        double side = plot.getWidth();
        double px = plot.getX();
        Histogram2D h = data.histogram();
        Axes axes = new Axes(plot, h.lo(), h.hi(), h.lo(), h.hi());
        int max = Math.max(1, h.max());
        double cell = side / h.bins();
        g.setColor(Colormaps.viridis(0));
        g.fill(plot);
        for (int r = 0; r < h.bins(); r++) {
            for (int c = 0; c < h.bins(); c++) {
                int n = h.counts()[r * h.bins() + c];
                if (n == 0) {
                    continue;
                }
                g.setColor(Colormaps.viridis(Math.sqrt((double) n / max)));
                g.fill(new Rectangle2D.Double(px + c * cell, plot.getMaxY() - (r + 1) * cell, cell + 0.5, cell + 0.5));
            }
        }
        if (data.moveBoundaries()) {
            g.setStroke(PaintKit.dashed(Math.max(1, base / 10), base * 0.4));
            g.setColor(new Color(255, 255, 255, 170));
            for (double b : new double[] {-0.5, 0.5}) {
                if (b > h.lo() && b < h.hi()) {
                    g.draw(new Line2D.Double(axes.x(b), plot.getY(), axes.x(b), plot.getMaxY()));
                    g.draw(new Line2D.Double(plot.getX(), axes.y(b), plot.getMaxX(), axes.y(b)));
                }
            }
        }
        axes.draw(g, data.xLabel(), data.yLabel(), base);
        if (data.colorbar()) {
            PaintKit.colorbar(g, PaintKit.colorbarRect(plot, base), Colormaps::viridis, PaintKit.sqrtTicks(max),
                    v -> Math.sqrt(v / max), "density", "samples per bin (√ scale)", base);
        }
        double y = plot.getMaxY() + m[1] + base * 0.2;
        if (data.moves() != null) {
            MoveSummary mv = data.moves();
            g.setFont(PaintKit.font(base * 0.9f, false));
            g.setColor(PaintKit.style(g).ink());
            y += g.getFontMetrics().getAscent();
            PaintKit.text(g, "y move: up " + PaintKit.percent(mv.up()) + " · stay " + PaintKit.percent(mv.stayY())
                    + " · down " + PaintKit.percent(mv.down()), plot.getCenterX(), y, PaintKit.Align.CENTER);
            y += g.getFontMetrics().getHeight();
            g.setColor(PaintKit.style(g).muted());
            PaintKit.text(g, "x move: right " + PaintKit.percent(mv.right()) + " · stay " + PaintKit.percent(mv.stayX())
                    + " · left " + PaintKit.percent(mv.left()), plot.getCenterX(), y, PaintKit.Align.CENTER);
        }
        if (h.outside() > 0 && data.colorbar()) {
            g.setFont(PaintKit.font(base * 0.75f, false));
            // Inside the plot's top-right corner, light on the dark empty bins, clear of the subtitle.
            g.setColor(new Color(255, 255, 255, 220));
            PaintKit.text(g, PaintKit.percent((double) h.outside() / h.total()) + " outside the box",
                    plot.getMaxX() - base * 0.4, plot.getY() + base * 1.0, PaintKit.Align.RIGHT);
        }
    }
}
