package io.fpolab.ui.paint;

import io.fpolab.analysis.ActionShape;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYAreaRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Sampled GridWorld actions at one cell as a class reads them: the heatmap, right beside it the density of
 * the y component on the heatmap's own y axis (its two peaks and the valley marked with their values, the
 * ±0.5 move boundaries carried across), and the 3 × 3 grid of moves the env makes of the actions after
 * rounding, each cell coloured by its probability on the heatmap's colour scale and labelled with it. Two
 * modes read as two peaks and two bright cells.
 *
 * <p>In a wide area the move grid stands right of the density, with the heatmap's colour bar under it; in a
 * narrow one the colour bar follows the density and the move grid goes under the plots — whichever draws
 * the heatmap larger.
 *
 * <p>The heatmap and the density strip are JFreeChart plots with the library's axes and colour bar
 * ({@link ChartKit}); the strip's dataset is made once per painter. The move grid, the peak and valley
 * markers and their values are painted by hand in the strip's data area.
 */
public final class GridActionPainter implements Painter {
    /** Width over height this figure fills best (compare mode and exports lay out pairs by it). */
    public static final double ASPECT = 1.6;
    /** Width of the density strip as a share of the heatmap's side. */
    static final double STRIP = 0.3;
    /** Side of the move grid as a share of the heatmap's side. */
    static final double GRID = 0.5;

    private static final String[][] MOVE_NAMES = {
        {"down-left", "down", "down-right"}, {"left", "stay", "right"}, {"up-left", "up", "up-right"}};

    private final GridActions data;
    private final ActionHeatmapPainter heatmap;
    private final XYSeriesCollection density;

    public GridActionPainter(GridActions data) {
        this.data = data;
        this.heatmap = new ActionHeatmapPainter(data.heatmap());
        this.density = densitySeries(data.yDensity(), data.heatmap().histogram().hi());
    }

    public GridActions data() {
        return data;
    }

    /**
     * Where the parts sit in a {@code width × height} panel.
     *
     * @param densityMax the density at the strip's right edge
     * @param range      the heatmap's half side R (both plots span y ∈ [−R, R])
     * @param gridBelow  true when the move grid is under the plots rather than beside them
     */
    public record Layout(Rectangle2D heatmap, Rectangle2D density, Rectangle2D moves, Rectangle2D colorbar,
            double densityMax, double range, boolean gridBelow) {
        /** The cell of move (dx, dy) in the move grid, dy = +1 up. */
        public Rectangle2D cell(int dx, int dy) {
            double c = moves.getWidth() / 3;
            return new Rectangle2D.Double(moves.getX() + (dx + 1) * c, moves.getY() + (1 - dy) * c, c, c);
        }

        /** Pixel of density {@code d} at action y {@code y} in the density strip. */
        public Point2D densityPoint(double d, double y) {
            return new Point2D.Double(density.getX() + d / densityMax * density.getWidth(),
                    density.getMaxY() - (y + range) / (2 * range) * density.getHeight());
        }
    }

    /** The layout at normal size (tests). */
    public Layout layout(int width, int height) {
        return layout(PaintStyle.LIGHT, width, height);
    }

    /** Where each part goes in a {@code width × height} panel painted in {@code style}. */
    public Layout layout(PaintStyle style, int width, int height) {
        float b = PaintKit.baseSize(style, width, height);
        double top = PaintKit.titleHeight(data.heatmap().title(), data.heatmap().subtitle(), b);
        double[] m = ChartKit.margins(b);
        double gap = b * 0.3;
        double heading = headingHeight(b);
        double availH = height - top - m[1] - b * 0.5;
        // Beside: axis labels, heatmap, density, gap, move grid over the colour bar, margin.
        double besideFixed = m[0] + gap + b * 1.6 + b;
        double beside = Math.min(availH, (width - besideFixed) / (1 + STRIP + GRID));
        // Below: axis labels, heatmap, density, colour bar; the move grid under the x axis's labels.
        double belowFixed = m[0] + gap + PaintKit.colorbarRoom(b) + b * 0.5;
        double below = Math.min((availH - heading - b * 0.3) / (1 + GRID), (width - belowFixed) / (1 + STRIP));
        boolean gridBelow = below > beside;
        double s = Math.max(10, gridBelow ? below : beside);
        double strip = s * STRIP;
        double side = s * GRID;
        double used = gridBelow ? belowFixed + s + strip : besideFixed + s + strip + side;
        double x0 = m[0] + Math.max(0, (width - used) / 2);
        Rectangle2D heat = new Rectangle2D.Double(x0, top, s, s);
        Rectangle2D dens = new Rectangle2D.Double(heat.getMaxX() + gap, top, strip, s);
        Rectangle2D moves;
        Rectangle2D bar;
        if (gridBelow) {
            bar = PaintKit.colorbarRect(dens, b);
            double cx = (heat.getX() + dens.getMaxX()) / 2;
            double gridTop = heat.getMaxY() + m[1] + b * 0.3 + heading;
            // A narrow, tall area leaves room under the plots: the grid takes it, up to the plots' width.
            side = Math.max(side, Math.min((s + strip) * 0.8, height - gridTop - b * 0.5));
            moves = new Rectangle2D.Double(cx - side / 2, gridTop, side, side);
        } else {
            moves = new Rectangle2D.Double(dens.getMaxX() + b * 1.6, top + heading, side, side);
            double barTop = moves.getMaxY() + b * 2.4;
            bar = new Rectangle2D.Double(moves.getX(), barTop, b * 1.3, Math.max(b, heat.getMaxY() - barTop));
        }
        return new Layout(heat, dens, moves, bar, densityMax(data.heatmap().histogram().hi()),
                data.heatmap().histogram().hi(), gridBelow);
    }

    /** Room above the move grid for its two heading lines. */
    private static double headingHeight(float b) {
        return b * 2.8;
    }

    /** The strip's density scale: a little above the highest density shown, so the peak markers fit. */
    private double densityMax(double range) {
        ActionShape.Density d = data.yDensity();
        double max = 0;
        for (int k = 0; k < d.size(); k++) {
            if (Math.abs(d.x(k)) <= range) {
                max = Math.max(max, d.at(k));
            }
        }
        return max > 0 ? max * 1.15 : 1;
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        PaintKit.prepare(g);
        float b = PaintKit.baseSize(g, width, height);
        PaintKit.title(g, data.heatmap().title(), data.heatmap().subtitle(), width, b);
        Layout l = layout(PaintKit.style(g), width, height);
        heatmap.paintPlot(g, l.heatmap(), b);
        paintDensity(g, l, b);
        paintMoves(g, l, b);
        heatmap.paintColorbar(g, l.colorbar(), "heatmap", b);
    }

    /** A density for a plot, |value| ≤ R: dataset of (value, density), made once per painter. */
    static XYSeriesCollection densitySeries(ActionShape.Density d, double range) {
        XYSeries s = new XYSeries("density", false, true);
        for (int k = 0; k < d.size(); k++) {
            if (Math.abs(d.x(k)) <= range) {
                s.add(d.x(k), d.at(k));
            }
        }
        return new XYSeriesCollection(s);
    }

    /**
     * The strip as a JFreeChart plot turned on its side: y (the heatmap's axis, whose labels the heatmap
     * shows) up, density along the bottom axis; the curve over its translucent area, the move boundaries.
     */
    private XYPlot densityChart(PaintStyle style, Layout l, float b) {
        NumberAxis y = ChartKit.axis(null, -l.range(), l.range(), true, style, b);
        y.setTickLabelsVisible(false);
        y.setTickMarksVisible(false);
        NumberAxis across = ChartKit.axis("density of y", 0, l.densityMax(), false, style, b);
        across.setNumberFormatOverride(blankZero());
        // Closer tick labels than on a full axis: the strip is narrow, and one round density beside 0 should fit.
        double normal = b / style.scale();
        across.setTickLabelInsets(new RectangleInsets(b * 0.15, normal * 0.4, b * 0.15, normal * 0.4));
        XYPlot p = ChartKit.plot(y, across, style);
        p.setOrientation(PlotOrientation.HORIZONTAL);
        densityLayers(p, density, b);
        for (double v : new double[] {-0.5, 0.5}) {
            p.addDomainMarker(ChartKit.dashedLine(v, style.muted(), b));
        }
        return p;
    }

    /** A density curve in {@code p}: the line over its translucent area (this strip and the fork figure's). */
    static void densityLayers(XYPlot p, XYSeriesCollection density, float b) {
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
        line.setSeriesPaint(0, Colormaps.viridis(0.25));
        line.setSeriesStroke(0, PaintKit.stroke(Math.max(1.2, b / 7)));
        XYAreaRenderer area = new XYAreaRenderer(XYAreaRenderer.AREA);
        area.setSeriesPaint(0, Colormaps.alpha(Colormaps.viridis(0.55), 0.3));
        p.setDataset(0, density);
        p.setRenderer(0, line);
        p.setDataset(1, density);
        p.setRenderer(1, area);
        p.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE);
    }

    /** The strip's density labels without the 0 at its left edge, where the heatmap's last x label stands. */
    static NumberFormat blankZero() {
        // Two decimals at most: the library sizes its ticks by the label of the strip's upper end.
        NumberFormat plain = new java.text.DecimalFormat("0.##", java.text.DecimalFormatSymbols.getInstance(Locale.ROOT));
        return new NumberFormat() {
            @Override
            public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
                return number == 0 ? to : plain.format(number, to, pos);
            }

            @Override
            public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
                return format((double) number, to, pos);
            }

            @Override
            public Number parse(String source, ParsePosition pos) {
                return plain.parse(source, pos);
            }
        };
    }

    private void paintDensity(Graphics2D g, Layout l, float b) {
        Rectangle2D strip = l.density();
        ChartKit.draw(g, densityChart(PaintKit.style(g), l, b), strip, b);
        ActionShape.Modes modes = data.yModes();
        double rad = Math.max(2.5, b * 0.3);
        g.setFont(fitted(g, "valley 0.00", strip.getWidth() - 2 * rad - b * 0.6, b * 0.75f, false));
        marker(g, l, modes.peakUp(), modes.peakUpAt(), "peak", rad, b);
        marker(g, l, modes.peakDown(), modes.peakDownAt(), "peak", rad, b);
        marker(g, l, modes.valley(), modes.valleyAt(), "valley", rad, b);
    }

    /**
     * A dot at (density, y) and its value: left of a peak (under the curve; below the dot where the strip is
     * too narrow for that), right of the valley.
     */
    private static void marker(Graphics2D g, Layout l, double density, double y, String what, double rad, float b) {
        if (!Double.isFinite(y) || Math.abs(y) > l.range()) {
            return;
        }
        Point2D p = l.densityPoint(density, y);
        g.setColor(Colormaps.ACCENT);
        g.fill(new Ellipse2D.Double(p.getX() - rad, p.getY() - rad, 2 * rad, 2 * rad));
        g.setColor(PaintKit.style(g).ink());
        String text = what + " " + String.format(Locale.ROOT, "%.2f", density);
        java.awt.FontMetrics fm = g.getFontMetrics();
        double w = fm.getStringBounds(text, g).getWidth();
        double gap = rad + b * 0.3;
        if (!"peak".equals(what)) {
            PaintKit.text(g, text, p.getX() + gap, p.getY() + fm.getAscent() * 0.35, PaintKit.Align.LEFT);
        } else if (p.getX() - gap - w >= l.density().getX() + b * 0.2) {
            PaintKit.text(g, text, p.getX() - gap, p.getY() + fm.getAscent() * 0.35, PaintKit.Align.RIGHT);
        } else {
            PaintKit.text(g, text, l.density().getMaxX() - b * 0.2, p.getY() + gap + fm.getAscent(),
                    PaintKit.Align.RIGHT);
        }
    }

    private void paintMoves(Graphics2D g, Layout l, float b) {
        Rectangle2D grid = l.moves();
        double cx = grid.getCenterX();
        double y = grid.getY() - headingHeight(b);
        double room = grid.getWidth() + b * 0.5;
        g.setColor(PaintKit.style(g).ink());
        g.setFont(fitted(g, "moves after rounding", room, b * 0.95f, true));
        y += g.getFontMetrics().getAscent() + b * 0.2;
        PaintKit.text(g, "moves after rounding", cx, y, PaintKit.Align.CENTER);
        g.setColor(PaintKit.style(g).muted());
        g.setFont(fitted(g, "rint(clip(a, −1, 1)) per axis", room, b * 0.75f, false));
        y += g.getFontMetrics().getHeight();
        PaintKit.text(g, "rint(clip(a, −1, 1)) per axis", cx, y, PaintKit.Align.CENTER);
        double[][] p = data.moves();
        double size = grid.getWidth() / 3;
        double inset = Math.max(1, size * 0.025);
        float nameSize = (float) Math.min(b * 0.8, size * 0.17);
        // A name too small to read is left out: the grid's layout already says which cell is which move.
        boolean names = nameSize >= b * 0.55;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                Rectangle2D cell = l.cell(dx, dy);
                Color fill = Colormaps.viridis(Math.sqrt(p[dy + 1][dx + 1]));
                g.setColor(fill);
                g.fill(new Rectangle2D.Double(cell.getX() + inset, cell.getY() + inset, cell.getWidth() - 2 * inset,
                        cell.getHeight() - 2 * inset));
                g.setColor(PaintKit.inkOn(fill));
                String pct = PaintKit.percent(p[dy + 1][dx + 1]);
                g.setFont(fitted(g, pct, size * 0.86, (float) Math.min(b * 1.5, size * 0.3), true));
                double asc = g.getFontMetrics().getAscent();
                double baseline = cell.getCenterY() + asc * (names ? 0.3 : 0.38);
                PaintKit.text(g, pct, cell.getCenterX(), baseline, PaintKit.Align.CENTER);
                if (names) {
                    g.setFont(PaintKit.font(nameSize, false));
                    PaintKit.text(g, MOVE_NAMES[dy + 1][dx + 1], cell.getCenterX(),
                            baseline + g.getFontMetrics().getHeight() * 1.05, PaintKit.Align.CENTER);
                }
            }
        }
    }

    /** The font of {@code size} or, if {@code text} would be wider than {@code room}, the size that fits. */
    private static Font fitted(Graphics2D g, String text, double room, float size, boolean bold) {
        Font f = PaintKit.font(size, bold);
        double w = g.getFontMetrics(f).getStringBounds(text, g).getWidth();
        return w <= room ? f : PaintKit.font((float) Math.max(6, size * room / w), bold);
    }
}
