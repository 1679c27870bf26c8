package io.fpolab.ui.paint;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;

/**
 * Density of sampled 2-D actions: viridis histogram (square-root colour scale, so a thin second mode
 * is still visible next to a strong one), a "density" colour bar in samples per bin, axes and dashed lines
 * at ±0.5 (the GridWorld's move boundaries). {@link GridActionPainter} draws the same plot next to the
 * GridWorld's move outcomes through {@link #paintPlot} and {@link #paintColorbar}.
 */
public final class ActionHeatmapPainter implements Painter {
    /** The move boundaries on the dark plot. */
    private static final Color BOUNDARY = new Color(255, 255, 255, 170);

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
        double[] m = Axes.margins(base);
        double barRoom = data.colorbar() ? PaintKit.colorbarRoom(base) : base * 0.5;
        double availW = width - m[0] - barRoom - base;
        double availH = height - top - m[1] - base * 0.5;
        double side = Math.max(10, Math.min(availW, availH));
        return new Rectangle2D.Double(m[0] + (availW - side) / 2, top, side, side);
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        PaintKit.prepare(g);
        float base = PaintKit.baseSize(g, width, height);
        PaintKit.title(g, data.title(), data.subtitle(), width, base);
        Rectangle2D plot = plotArea(PaintKit.style(g), width, height);
        paintPlot(g, plot, base);
        if (data.colorbar()) {
            paintColorbar(g, PaintKit.colorbarRect(plot, base), "density", base);
        }
    }

    /** The axes of the plot drawn in {@code plot}. */
    Axes axes(Rectangle2D plot) {
        Histogram2D h = data.histogram();
        return new Axes(plot, h.lo(), h.hi(), h.lo(), h.hi());
    }

    /** The histogram, the move boundaries, the axes and the "outside the box" note in {@code plot}. */
    void paintPlot(Graphics2D g, Rectangle2D plot, float base) {
        Histogram2D h = data.histogram();
        Axes axes = axes(plot);
        int max = Math.max(1, h.max());
        double cell = plot.getWidth() / h.bins();
        g.setColor(Colormaps.viridis(0));
        g.fill(plot);
        for (int r = 0; r < h.bins(); r++) {
            for (int c = 0; c < h.bins(); c++) {
                int n = h.counts()[r * h.bins() + c];
                if (n == 0) {
                    continue;
                }
                g.setColor(Colormaps.viridis(Math.sqrt((double) n / max)));
                g.fill(new Rectangle2D.Double(plot.getX() + c * cell, plot.getMaxY() - (r + 1) * cell, cell + 0.5,
                        cell + 0.5));
            }
        }
        if (data.moveBoundaries()) {
            g.setStroke(PaintKit.dashed(Math.max(1, base / 10), base * 0.4));
            g.setColor(BOUNDARY);
            for (double b : new double[] {-0.5, 0.5}) {
                if (b > h.lo() && b < h.hi()) {
                    g.draw(new Line2D.Double(axes.x(b), plot.getY(), axes.x(b), plot.getMaxY()));
                    g.draw(new Line2D.Double(plot.getX(), axes.y(b), plot.getMaxX(), axes.y(b)));
                }
            }
        }
        axes.draw(g, data.xLabel(), data.yLabel(), base);
        if (h.outside() > 0 && data.colorbar()) {
            g.setFont(PaintKit.font(base * 0.75f, false));
            // Inside the plot's top-right corner, light on the dark empty bins, clear of the subtitle.
            g.setColor(PaintKit.inkOn(Colormaps.viridis(0)));
            double share = (double) h.outside() / h.total();
            // Below 0.05 % a percentage would read "0.0 %": give the count instead.
            String note = share < 0.0005 ? String.format(java.util.Locale.ROOT, "%,d of %,d", h.outside(), h.total())
                    : PaintKit.percent(share);
            PaintKit.text(g, note + " outside the box", plot.getMaxX() - base * 0.4, plot.getY() + base * 1.0,
                    PaintKit.Align.RIGHT);
        }
    }

    /**
     * The colour bar of the histogram in {@code bar}, under {@code title}; a short bar gets only its ends as
     * ticks (more labels would overlap) and its unit in two lines beside the ticks rather than along the bar.
     */
    void paintColorbar(Graphics2D g, Rectangle2D bar, String title, float base) {
        int max = Math.max(1, data.histogram().max());
        String unit = "samples per bin (√ scale)";
        double unitLength = g.getFontMetrics(PaintKit.font(base * 0.8f, false)).getStringBounds(unit, g).getWidth();
        boolean tall = bar.getHeight() >= Math.max(base * 8, unitLength + base);
        PaintKit.colorbar(g, bar, Colormaps::viridis, tall ? PaintKit.sqrtTicks(max) : new double[] {0, max},
                v -> Math.sqrt(v / max), title, tall ? unit : null, base);
        if (!tall) {
            g.setFont(PaintKit.font(base * 0.8f, false));
            double x = bar.getMaxX() + base * 1.2 + g.getFontMetrics().getStringBounds(PaintKit.tickLabel(max), g)
                    .getWidth();
            double y = bar.getCenterY();
            g.setColor(PaintKit.style(g).muted());
            PaintKit.text(g, "samples per bin", x, y, PaintKit.Align.LEFT);
            PaintKit.text(g, "(√ scale)", x, y + g.getFontMetrics().getHeight(), PaintKit.Align.LEFT);
        }
    }
}
