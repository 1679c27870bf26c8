package io.fpolab.ui.paint;

import io.fpolab.analysis.ActionShape;
import io.fpolab.analysis.probe.ForkFigureData;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.Locale;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The fork figure's actions at the symmetry point: the heatmap of the forces the env receives
 * ({@link ActionHeatmapPainter}, with its colour bar) and under it, on the same x axis, the density of the
 * x-force as the fork measure reads it, its peaks left of −0.5 and right of +0.5 and the valley between them
 * marked with their heights. Two routes read as two blobs and two peaks; one route as one.
 */
public final class ForkActionsPainter implements Painter {
    /** Height of the density plot as a share of the heatmap's side. */
    static final double STRIP = 0.36;

    private final ForkFigureData data;
    private final ActionHeatmapPainter heatmap;
    private final XYSeriesCollection density;
    private final double densityMax;

    public ForkActionsPainter(ForkFigureData data) {
        this.data = data;
        this.heatmap = new ActionHeatmapPainter(new ActionHeatmap(null, null, data.actions(), false, "force x (u_x)",
                "force y (u_y)", true));
        double range = data.actions().hi();
        this.density = GridActionPainter.densitySeries(data.xDensity(), range);
        ActionShape.Density d = data.xDensity();
        double max = 0;
        for (int k = 0; k < d.size(); k++) {
            if (Math.abs(d.x(k)) <= range) {
                max = Math.max(max, d.at(k));
            }
        }
        // Room above the highest peak for its label.
        this.densityMax = max > 0 ? max * 1.3 : 1;
    }

    /** Where the heatmap and the density plot go in a {@code width × height} panel: {heatmap, density}. */
    Rectangle2D[] layout(PaintStyle style, int width, int height) {
        float b = PaintKit.baseSize(style, width, height);
        double top = PaintKit.titleHeight(title(), subtitle(), b);
        double[] m = ChartKit.margins(b);
        double availW = width - m[0] - PaintKit.colorbarRoom(b) - b;
        double availH = height - top - 2 * m[1] - b * 0.8;
        double side = Math.max(10, Math.min(availW, availH / (1 + STRIP)));
        double x = m[0] + (availW - side) / 2;
        Rectangle2D heat = new Rectangle2D.Double(x, top, side, side);
        Rectangle2D strip = new Rectangle2D.Double(x, heat.getMaxY() + m[1] + b * 0.3, side, side * STRIP);
        return new Rectangle2D[] {heat, strip};
    }

    private static String title() {
        return "Actions at the symmetry point";
    }

    private String subtitle() {
        return String.format(Locale.ROOT, "%,d samples, rollout sampler, as the env receives them", data.samples());
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        PaintKit.prepare(g);
        float b = PaintKit.baseSize(g, width, height);
        PaintStyle style = PaintKit.style(g);
        PaintKit.title(g, title(), subtitle(), width, b);
        Rectangle2D[] l = layout(style, width, height);
        heatmap.paintPlot(g, l[0], b);
        heatmap.paintColorbar(g, PaintKit.colorbarRect(l[0], b), "heatmap", b);
        double range = data.actions().hi();
        NumberAxis y = ChartKit.axis("density", 0, densityMax, true, style, b);
        y.setNumberFormatOverride(GridActionPainter.blankZero());
        XYPlot p = ChartKit.plot(ChartKit.axis("force x (u_x)", -range, range, false, style, b), y, style);
        GridActionPainter.densityLayers(p, density, b);
        for (double v : new double[] {-ActionShape.MODE_EDGE, ActionShape.MODE_EDGE}) {
            p.addDomainMarker(ChartKit.dashedLine(v, style.muted(), b));
        }
        ChartKit.draw(g, p, l[1], b);
        ActionShape.Modes modes = data.xModes();
        g.setFont(PaintKit.font(b * 0.75f, false));
        marker(g, l[1], modes.peakDown(), modes.peakDownAt(), "peak", range, b);
        marker(g, l[1], modes.peakUp(), modes.peakUpAt(), "peak", range, b);
        marker(g, l[1], modes.valley(), modes.valleyAt(), "valley", range, b);
    }

    /** A dot at (x, density) with its height written above it (a valley's below it). */
    private void marker(Graphics2D g, Rectangle2D strip, double value, double at, String what, double range, float b) {
        if (!Double.isFinite(at) || Math.abs(at) > range) {
            return;
        }
        Point2D p = new Point2D.Double(strip.getX() + (at + range) / (2 * range) * strip.getWidth(),
                strip.getMaxY() - value / densityMax * strip.getHeight());
        double rad = Math.max(2.5, b * 0.3);
        g.setColor(Colormaps.ACCENT);
        g.fill(new Ellipse2D.Double(p.getX() - rad, p.getY() - rad, 2 * rad, 2 * rad));
        g.setColor(PaintKit.style(g).ink());
        String text = what + " " + String.format(Locale.ROOT, "%.2f", value);
        double dy = "peak".equals(what) ? -rad - b * 0.3 : rad + b * 0.3 + g.getFontMetrics().getAscent();
        PaintKit.text(g, text, p.getX(), p.getY() + dy, PaintKit.Align.CENTER);
    }
}
