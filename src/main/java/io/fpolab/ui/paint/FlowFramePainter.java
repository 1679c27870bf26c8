package io.fpolab.ui.paint;

import io.fpolab.analysis.probe.FlowPaths;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.ui.RectangleEdge;

/**
 * One frame of the flow: the samples at flow time τ (coloured by the mode they end in — up blue,
 * down orange, neither grey) over the deformed grid, with a key to the colours under the plot. For 1-D
 * actions it draws the paths in the (action, τ) plane up to τ instead.
 *
 * <p>The samples, paths and the deforming grid are painted by hand — no chart type draws a grid carried
 * along a flow — over JFreeChart's axes ({@link ChartKit}), through whose mapping every point is placed.
 */
public final class FlowFramePainter implements Painter {
    private static final Color GRID = new Color(0x6E7681);
    private static final Color NEUTRAL = new Color(0x8A8F98);

    private final FlowPaths paths;
    private final double tau;

    public FlowFramePainter(FlowPaths paths, double tau) {
        this.paths = paths;
        this.tau = Math.max(0, Math.min(1, tau));
    }

    public double tau() {
        return tau;
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        PaintKit.prepare(g);
        float base = PaintKit.baseSize(g, width, height);
        double top = PaintKit.title(g, paths.title(), paths.subtitle(), width, base);
        double[] m = ChartKit.margins(base);
        List<Legend.Item> key = legendItems();
        double availW = width - m[0] - base;
        double availH = height - top - m[1] - Legend.height(key, width, base) - base * 0.5;
        double r = paths.range();
        PaintStyle style = PaintKit.style(g);
        Rectangle2D plot;
        Mapping axes;
        if (paths.dims() == 1) {
            plot = new Rectangle2D.Double(m[0], top, Math.max(10, availW), Math.max(10, availH));
            axes = new Mapping(ChartKit.axis("action", -r, r, false, style, base),
                    ChartKit.axis("flow time τ", 0, 1, true, style, base), plot);
            paintOneDim(g, axes, base);
        } else {
            double side = Math.max(10, Math.min(availW, availH));
            plot = new Rectangle2D.Double(m[0] + (availW - side) / 2, top, side, side);
            // Beyond two dimensions the picture shows the first two, named as the action distribution names them.
            boolean more = paths.actDim() > 2;
            axes = new Mapping(ChartKit.axis(more ? "action[0]" : "action x", -r, r, false, style, base),
                    ChartKit.axis(more ? "action[1]" : "action y", -r, r, true, style, base), plot);
            paintTwoDim(g, axes, base);
        }
        ChartKit.draw(g, ChartKit.plot(axes.xAxis(), axes.yAxis(), style), plot, base);
        tauLabel(g, plot, base);
        Legend.paint(g, key, plot.getMaxY() + m[1] + base * 0.9, width, base);
    }

    /** Data to pixels through the chart's axes over the plot's data area. */
    private record Mapping(NumberAxis xAxis, NumberAxis yAxis, Rectangle2D plot) {
        double x(double v) {
            return xAxis.valueToJava2D(v, plot, RectangleEdge.BOTTOM);
        }

        double y(double v) {
            return yAxis.valueToJava2D(v, plot, RectangleEdge.LEFT);
        }
    }

    /** The key: what the sample colours and the grey lines mean. */
    private List<Legend.Item> legendItems() {
        String v = paths.dims() == 1 ? "a" : "y";
        return List.of(Legend.Item.dot(modeColor(1f), "ends (τ = 1) at " + v + " ≥ 0.5"),
                Legend.Item.dot(modeColor(-1f), "ends at " + v + " ≤ −0.5"),
                Legend.Item.dot(modeColor(0f), "ends between"),
                Legend.Item.line(Colormaps.alpha(GRID, 0.7), paths.dims() == 1 ? "regular grid points, carried along"
                        : "regular grid, carried along"));
    }

    private void paintTwoDim(Graphics2D g, Mapping axes, float base) {
        Graphics2D c = (Graphics2D) g.create();
        c.clip(axes.plot());
        c.setColor(PaintKit.style(g).background());
        c.fill(axes.plot());
        c.setStroke(PaintKit.stroke(Math.max(0.8, base / 14)));
        c.setColor(Colormaps.alpha(GRID, 0.55));
        for (int l = 0; l < paths.gridLines(); l++) {
            float[] p = paths.gridLineAt(l, tau);
            Path2D.Double line = new Path2D.Double();
            for (int i = 0; i < p.length / 2; i++) {
                double x = axes.x(p[2 * i]);
                double y = axes.y(p[2 * i + 1]);
                if (i == 0) {
                    line.moveTo(x, y);
                } else {
                    line.lineTo(x, y);
                }
            }
            c.draw(line);
        }
        float[] pts = paths.samplesAt(tau);
        float[] last = paths.samples()[paths.steps()];
        int n = pts.length / 2;
        double rad = Math.max(1.2, base / 7);
        int stride = Math.max(1, n / 4000);
        // Points are small squares: at this size they look like dots and draw several times faster on screen.
        for (int i = 0; i < n; i += stride) {
            c.setColor(Colormaps.alpha(modeColor(last[2 * i + 1]), 0.55));
            c.fill(new Rectangle2D.Double(axes.x(pts[2 * i]) - rad, axes.y(pts[2 * i + 1]) - rad, 2 * rad, 2 * rad));
        }
        c.dispose();
    }

    private void paintOneDim(Graphics2D g, Mapping axes, float base) {
        Graphics2D c = (Graphics2D) g.create();
        c.clip(axes.plot());
        float[][] s = paths.samples();
        int k = paths.steps();
        int n = s[0].length;
        int stride = Math.max(1, n / 400);
        c.setStroke(PaintKit.stroke(Math.max(0.6, base / 18)));
        for (int i = 0; i < n; i += stride) {
            c.setColor(Colormaps.alpha(modeColor(s[k][i]), 0.3));
            c.draw(pathUpTo(axes, s, i));
        }
        if (paths.grid().length > 0) {
            float[][] gp = new float[paths.grid().length][];
            for (int j = 0; j < gp.length; j++) {
                gp[j] = paths.grid()[j][0];
            }
            c.setColor(GRID);
            c.setStroke(PaintKit.stroke(Math.max(1, base / 10)));
            for (int i = 0; i < gp[0].length; i++) {
                c.draw(pathUpTo(axes, gp, i));
            }
        }
        float[] now = paths.samplesAt(tau);
        double rad = Math.max(1.2, base / 7);
        for (int i = 0; i < n; i += stride) {
            c.setColor(Colormaps.alpha(modeColor(s[k][i]), 0.8));
            c.fill(new Ellipse2D.Double(axes.x(now[i]) - rad, axes.y(tau) - rad, 2 * rad, 2 * rad));
        }
        c.setColor(PaintKit.style(g).muted());
        c.setStroke(PaintKit.dashed(PaintKit.style(g).line(1), base * 0.3));
        c.draw(new Line2D.Double(axes.plot().getX(), axes.y(tau), axes.plot().getMaxX(), axes.y(tau)));
        c.dispose();
    }

    private Path2D pathUpTo(Mapping axes, float[][] steps, int i) {
        int k = steps.length - 1;
        Path2D.Double p = new Path2D.Double();
        p.moveTo(axes.x(steps[0][i]), axes.y(0));
        double limit = tau * k;
        for (int j = 1; j <= k; j++) {
            if (j <= limit) {
                p.lineTo(axes.x(steps[j][i]), axes.y((double) j / k));
            } else {
                double f = limit - (j - 1);
                if (f > 0) {
                    double x = steps[j - 1][i] + (steps[j][i] - steps[j - 1][i]) * f;
                    p.lineTo(axes.x(x), axes.y(tau));
                }
                break;
            }
        }
        return p;
    }

    /** Up-mode blue for final y above the move boundary, down-mode orange below it, grey in between. */
    private static Color modeColor(float finalY) {
        return finalY >= 0.5f ? Colormaps.region(1) : finalY <= -0.5f ? Colormaps.region(0) : NEUTRAL;
    }

    private void tauLabel(Graphics2D g, Rectangle2D plot, float base) {
        String label = paths.straight()
                ? String.format(Locale.ROOT, "τ = %.2f  (straight path ε → μ + σε)", tau)
                : String.format(Locale.ROOT, "τ = %.2f  (step %.1f of %d)", tau, tau * paths.steps(), paths.steps());
        g.setFont(PaintKit.font(base * 1.0f, true));
        double w = g.getFontMetrics().getStringBounds(label, g).getWidth();
        double room = plot.getWidth() - base * 1.6;
        if (w > room && room > 0) {
            // Large text in a small figure: the label shrinks to stay inside the plot.
            g.setFont(g.getFont().deriveFont((float) (g.getFont().getSize2D() * room / w)));
            w = g.getFontMetrics().getStringBounds(label, g).getWidth();
        }
        double h = g.getFontMetrics().getHeight();
        double x = plot.getMaxX() - w - base * 0.8;
        double y = plot.getY() + base * 0.4;
        g.setColor(PaintKit.style(g).plate());
        g.fill(new RoundRectangle2D.Double(x - base * 0.4, y, w + base * 0.8, h + base * 0.2, base * 0.6, base * 0.6));
        g.setColor(PaintKit.style(g).ink());
        PaintKit.text(g, label, x, y + g.getFontMetrics().getAscent() + base * 0.1, PaintKit.Align.LEFT);
    }
}
