package io.fpolab.ui.paint;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The ratio checks of one run over training: at each checked iteration, the correlation of FPO's log-ratio with
 * the exact one and the share of actions on which the two agree about the clip band, with training's own clip
 * fraction for scale. One line per figure, a dot per check.
 */
public final class RatioTrendPainter implements Painter {
    /** One check: the iteration θ_old was taken at and its figures (NaN where undefined). */
    public record Point(int iteration, double pearson, double clipAgreement, double clipFraction) {
    }

    private static final Color PEARSON = new Color(0x3B6FD8);
    private static final Color AGREEMENT = new Color(0xE07B1A);
    private static final Color CLIPPED = new Color(0x7A7F87);

    private final String title;
    private final List<Point> points;

    public RatioTrendPainter(String title, List<Point> points) {
        this.title = title;
        this.points = List.copyOf(points);
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        PaintKit.prepare(g);
        float base = PaintKit.baseSize(g, width, height);
        PaintStyle style = PaintKit.style(g);
        double top = PaintKit.title(g, title, points.size() + (points.size() == 1 ? " check" : " checks")
                + " of this run; tick Track to check again whenever it has trained on", width, base);
        double keyHeight = base * 1.6;
        double[] m = ChartKit.margins(base);
        Rectangle2D plot = new Rectangle2D.Double(m[0], top + keyHeight, Math.max(10, width - m[0] - base * 1.5),
                Math.max(10, height - top - keyHeight - m[1] - base * 0.5));
        XYSeries pearson = new XYSeries("pearson r", false);
        XYSeries agreement = new XYSeries("clip agreement", false);
        XYSeries clipped = new XYSeries("training's clip fraction", false);
        double lo = 0;
        int first = points.isEmpty() ? 0 : points.get(0).iteration();
        int last = first;
        for (Point p : points) {
            if (Double.isFinite(p.pearson())) {
                pearson.add(p.iteration(), p.pearson());
                lo = Math.min(lo, p.pearson());
            }
            agreement.add(p.iteration(), p.clipAgreement());
            if (Double.isFinite(p.clipFraction())) {
                clipped.add(p.iteration(), p.clipFraction());
            }
            first = Math.min(first, p.iteration());
            last = Math.max(last, p.iteration());
        }
        double pad = Math.max(1, (last - first) * 0.05);
        XYPlot p = ChartKit.plot(ChartKit.axis("iteration (θ_old)", first - pad, last + pad, false, style, base),
                ChartKit.axis("r · share", Math.floor(lo * 10) / 10, 1.05, true, style, base), style);
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(pearson);
        data.addSeries(agreement);
        data.addSeries(clipped);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        double dot = Math.max(3, base * 0.45);
        Color[] colours = {PEARSON, AGREEMENT, CLIPPED};
        for (int s = 0; s < 3; s++) {
            r.setSeriesPaint(s, colours[s]);
            r.setSeriesShape(s, new Ellipse2D.Double(-dot / 2, -dot / 2, dot, dot));
            r.setSeriesStroke(s, s == 2 ? PaintKit.dashed(Math.max(1, base / 8), base * 0.4)
                    : PaintKit.stroke(Math.max(1.2, base / 7)));
        }
        p.setDataset(data);
        p.setRenderer(r);
        ChartKit.draw(g, p, plot, base);
        g.setFont(PaintKit.font(base * 0.85f, false));
        double x = plot.getX();
        double y = top + base * 1.0;
        String[] labels = {"pearson r of the log-ratios", "agreement about the clip band", "training's clip fraction"};
        for (int s = 0; s < 3; s++) {
            g.setColor(colours[s]);
            g.setStroke(s == 2 ? PaintKit.dashed(Math.max(1, base / 8), base * 0.4)
                    : new BasicStroke((float) Math.max(1.2, base / 7)));
            g.draw(new Line2D.Double(x, y - base * 0.3, x + base * 1.4, y - base * 0.3));
            g.setColor(style.ink());
            x += base * 1.8 + PaintKit.text(g, labels[s], x + base * 1.8, y, PaintKit.Align.LEFT) + base * 1.4;
        }
    }
}
