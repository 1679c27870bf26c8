package io.fpolab.ui.paint;

import io.fpolab.analysis.probe.Histogram2D;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.Align;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Density of sampled 2-D actions: viridis histogram (square-root colour scale, so a thin second mode
 * is still visible next to a strong one), a "density" colour bar in samples per bin, axes and dashed lines
 * at ±0.5 (the GridWorld's move boundaries). The plot, its axes and the colour bar are JFreeChart's
 * ({@link ChartKit}); the histogram is an image of one pixel per bin, made once per painter and drawn as the
 * plot's background stretched over its data area, which paints a 80 × 80 histogram faster than 6,400 blocks.
 * {@link GridActionPainter} draws the same plot next to the GridWorld's move outcomes through
 * {@link #paintPlot} and {@link #paintColorbar}.
 */
public final class ActionHeatmapPainter implements Painter {
    /** The move boundaries on the dark plot. */
    private static final Color BOUNDARY = new Color(255, 255, 255, 170);

    private final ActionHeatmap data;
    private final BufferedImage image;

    public ActionHeatmapPainter(ActionHeatmap data) {
        this.data = data;
        this.image = image(data.histogram());
    }

    public ActionHeatmap data() {
        return data;
    }

    /** The histogram as an image, one pixel per bin, row 0 (y = lo) at the bottom. */
    private static BufferedImage image(Histogram2D h) {
        int n = h.bins();
        BufferedImage img = new BufferedImage(n, n, BufferedImage.TYPE_INT_RGB);
        double max = Math.max(1, h.max());
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                img.setRGB(c, n - 1 - r, Colormaps.viridis(Math.sqrt(h.counts()[r * n + c] / max)).getRGB());
            }
        }
        return img;
    }

    /** The square plot area in a {@code width × height} panel at normal size (for tests and pointer read-outs). */
    public Rectangle2D plotArea(int width, int height) {
        return plotArea(PaintStyle.LIGHT, width, height);
    }

    /** The square plot area in a {@code width × height} panel painted in {@code style}. */
    public Rectangle2D plotArea(PaintStyle style, int width, int height) {
        float base = PaintKit.baseSize(style, width, height);
        double top = PaintKit.titleHeight(data.title(), data.subtitle(), base);
        double[] m = ChartKit.margins(base);
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

    /**
     * The chart of the histogram with its data area {@code plot}: the histogram image as the plot's
     * background, the move boundaries as dashed markers, the library's axes.
     */
    XYPlot chart(PaintStyle style, Rectangle2D plot, float base) {
        Histogram2D h = data.histogram();
        XYPlot p = ChartKit.plot(ChartKit.axis(data.xLabel(), h.lo(), h.hi(), false, style, base),
                ChartKit.axis(data.yLabel(), h.lo(), h.hi(), true, style, base), style);
        p.setBackgroundImage(image);
        p.setBackgroundImageAlignment(Align.FIT);
        p.setBackgroundImageAlpha(1f);
        if (data.moveBoundaries()) {
            // Markers are drawn with a renderer's layer: an empty dataset and renderer carry them.
            p.setDataset(new XYSeriesCollection());
            p.setRenderer(new XYLineAndShapeRenderer());
            for (double b : new double[] {-0.5, 0.5}) {
                if (b > h.lo() && b < h.hi()) {
                    p.addDomainMarker(ChartKit.dashedLine(b, BOUNDARY, base));
                    p.addRangeMarker(ChartKit.dashedLine(b, BOUNDARY, base));
                }
            }
        }
        return p;
    }

    /** The histogram, the move boundaries, the axes and the "outside the box" note in {@code plot}. */
    void paintPlot(Graphics2D g, Rectangle2D plot, float base) {
        Histogram2D h = data.histogram();
        ChartKit.draw(g, chart(PaintKit.style(g), plot, base), plot, base);
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
     * The colour bar of the histogram: viridis over the square root of the count, its axis in √ units with
     * whole-number ticks labelled with the counts they stand for (0, 1, 4, 9, … spread evenly along the bar);
     * a short bar ({@code unitAlong} false: no room for the unit along it) gets only its two ends.
     */
    PaintScaleLegend colorbar(PaintStyle style, float base, boolean unitAlong) {
        double top = Math.sqrt(Math.max(1, data.histogram().max()));
        NumberAxis axis = ChartKit.axis(null, 0, top, true, style, base);
        if (unitAlong) {
            axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        } else {
            // A short bar has room for its ends only: 0 and the fullest bin's count.
            axis.setTickUnit(new NumberTickUnit(top), false, true);
        }
        axis.setNumberFormatOverride(ChartKit.squaredFormat());
        return ChartKit.colorbar(ChartKit.scale(0, top, Colormaps::viridis), axis,
                unitAlong ? "samples per bin (√ scale)" : null, style, base);
    }

    /**
     * The colour bar of the histogram in {@code bar}, under {@code title}; a short bar gets its unit in two
     * lines beside the tick labels rather than along the bar.
     */
    void paintColorbar(Graphics2D g, Rectangle2D bar, String title, float base) {
        String unit = "samples per bin (√ scale)";
        double unitLength = g.getFontMetrics(PaintKit.font(base * 0.8f, false)).getStringBounds(unit, g).getWidth();
        boolean tall = bar.getHeight() >= Math.max(base * 8, unitLength + base);
        PaintStyle style = PaintKit.style(g);
        PaintScaleLegend legend = colorbar(style, base, tall);
        ChartKit.drawColorbar(g, legend, bar);
        ChartKit.colorbarTitle(g, bar, title, base);
        if (!tall) {
            g.setFont(PaintKit.font(base * 0.8f, false));
            String widest = ChartKit.plainFormat().format(Math.max(1, data.histogram().max()));
            double x = bar.getMaxX() + base * 1.2 + g.getFontMetrics().getStringBounds(widest, g).getWidth();
            double y = bar.getCenterY();
            g.setColor(style.muted());
            PaintKit.text(g, "samples per bin", x, y, PaintKit.Align.LEFT);
            PaintKit.text(g, "(√ scale)", x, y + g.getFontMetrics().getHeight(), PaintKit.Align.LEFT);
        }
    }
}
