package io.fpolab.ui.paint;

import io.fpolab.analysis.RatioInspector;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * FPO's log-ratio against the exact log-ratio, one dot per sampled transition ({@link RatioInspector}): the
 * dashed diagonal is perfect agreement, the shaded strips are the clip band {@code [1 − ε, 1 + ε]} of each
 * ratio, and a dot is orange where the two disagree about lying outside it. Both axes span the same range, so
 * the diagonal is at 45°: the 90th percentile of all |log-ratios| (at least 2.5 band widths). Exact log-ratios
 * are heavy-tailed (an action far from where the ODE puts its mass has a tiny density under both policies), so
 * dots beyond the range sit on the edge as rings, and the key counts them.
 */
public final class RatioScatterPainter implements Painter {
    private static final Color AGREE = new Color(0x3B6FD8);
    private static final Color DISAGREE = new Color(0xE07B1A);
    private static final Color BAND = new Color(0x3B6FD8);

    private final String title;
    private final String subtitle;
    private final RatioInspector.Summary summary;
    private final XYSeriesCollection dots;
    private final double reach;
    private final int beyond;

    /**
     * @param title    the run (and what was compared) as the panel's title
     * @param report   the samples and their summary
     */
    public RatioScatterPainter(String title, RatioInspector.Report report) {
        this.title = title;
        this.summary = report.summary();
        List<RatioInspector.Sample> samples = report.samples();
        double band = Math.max(Math.log(1 + summary.clip()), -Math.log(1 - summary.clip()));
        this.reach = reach(samples.stream().flatMapToDouble(x -> java.util.stream.DoubleStream.of(x.exactLogRatio(),
                x.fpoLogRatio())).toArray(), band);
        XYSeries agree = new XYSeries("agree", false);
        XYSeries disagree = new XYSeries("disagree", false);
        XYSeries agreeEdge = new XYSeries("agree, beyond the axes", false);
        XYSeries disagreeEdge = new XYSeries("disagree, beyond the axes", false);
        int out = 0;
        for (RatioInspector.Sample s : samples) {
            double x = s.exactLogRatio();
            double y = s.fpoLogRatio();
            boolean edge = Math.abs(x) > reach || Math.abs(y) > reach;
            boolean same = s.exactOutside() == s.fpoOutside();
            double cx = Math.max(-reach, Math.min(reach, x));
            double cy = Math.max(-reach, Math.min(reach, y));
            (edge ? (same ? agreeEdge : disagreeEdge) : (same ? agree : disagree)).add(cx, cy);
            out += edge ? 1 : 0;
        }
        this.beyond = out;
        this.dots = new XYSeriesCollection();
        dots.addSeries(agree);
        dots.addSeries(disagree);
        dots.addSeries(agreeEdge);
        dots.addSeries(disagreeEdge);
        this.subtitle = String.format(Locale.ROOT, "%,d transitions of θ_old's rollout · clip band [%s, %s] · "
                + "exact: ODE density, RK4 %d steps", summary.samples(), PaintKit.shortNumber(1 - summary.clip()),
                PaintKit.shortNumber(1 + summary.clip()), summary.steps());
    }

    /** Half-width of the axes: the 90th percentile of |values|, at least 2.5 band widths, with a margin. */
    private static double reach(double[] values, double band) {
        double[] a = Arrays.stream(values).map(Math::abs).filter(Double::isFinite).sorted().toArray();
        double q = a.length == 0 ? 0 : a[Math.min(a.length - 1, (int) Math.floor(0.9 * a.length))];
        return Math.max(2.5 * band, q) * 1.08;
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        PaintKit.prepare(g);
        float base = PaintKit.baseSize(g, width, height);
        PaintStyle style = PaintKit.style(g);
        double top = PaintKit.title(g, title, subtitle, width, base);
        double keyHeight = base * 3.9;
        double[] m = ChartKit.margins(base);
        Rectangle2D plot = new Rectangle2D.Double(m[0], top + keyHeight, Math.max(10, width - m[0] - base * 1.5),
                Math.max(10, height - top - keyHeight - m[1] - base * 0.5));
        XYPlot p = ChartKit.plot(ChartKit.axis("exact log-ratio  log π_θ(a|s) − log π_θold(a|s)", -reach, reach, false,
                style, base), ChartKit.axis("FPO log-ratio  ℓ_old − ℓ_θ", -reach, reach, true, style, base), style);
        Color shade = new Color(BAND.getRed(), BAND.getGreen(), BAND.getBlue(), style.dark() ? 46 : 30);
        double lo = Math.log(1 - summary.clip());
        double hi = Math.log(1 + summary.clip());
        for (boolean domain : new boolean[] {true, false}) {
            IntervalMarker strip = new IntervalMarker(lo, hi);
            strip.setPaint(shade);
            strip.setOutlinePaint(null);
            if (domain) {
                p.addDomainMarker(strip, Layer.BACKGROUND);
            } else {
                p.addRangeMarker(strip, Layer.BACKGROUND);
            }
        }
        p.addAnnotation(new XYLineAnnotation(-reach, -reach, reach, reach, PaintKit.dashed(Math.max(1, base / 10), base * 0.4),
                style.muted()));
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        double dot = Math.max(3, base * 0.42);
        Ellipse2D shape = new Ellipse2D.Double(-dot / 2, -dot / 2, dot, dot);
        Color[] colours = {alpha(AGREE, 150), alpha(DISAGREE, 200), AGREE, DISAGREE};
        for (int s = 0; s < 4; s++) {
            r.setSeriesShape(s, shape);
            r.setSeriesPaint(s, colours[s]);
            r.setSeriesShapesFilled(s, s < 2);
            r.setSeriesOutlineStroke(s, PaintKit.stroke(Math.max(1, base / 12)));
        }
        r.setUseOutlinePaint(false);
        p.setDataset(dots);
        p.setRenderer(r);
        ChartKit.draw(g, p, plot, base);
        drawKey(g, plot.getX(), top + base * 1.0, plot.getWidth(), base, style, dot);
    }

    /** The key above the plot, three lines: what the colours mean, the summary figures, what the lines mean. */
    private void drawKey(Graphics2D g, double x, double y, double room, float base, PaintStyle style, double dot) {
        g.setFont(PaintKit.font(base * 0.85f, false));
        double at = x;
        at += swatch(g, at, y, dot, AGREE, "agree about the clip band", style, base);
        at += swatch(g, at, y, dot, DISAGREE, "disagree", style, base);
        g.setColor(style.ink());
        fitted(g, String.format(Locale.ROOT, "agreement %s · pearson r %s (log-ratios)",
                PaintKit.percent(summary.clipAgreement()), Double.isNaN(summary.pearson()) ? "n/a"
                        : String.format(Locale.ROOT, "%.3f", summary.pearson())), at, y, room - (at - x), base);
        g.setColor(style.muted());
        fitted(g, String.format(Locale.ROOT, "outside the band: exact %s, FPO %s%s",
                PaintKit.percent(summary.exactOutside()), PaintKit.percent(summary.fpoOutside()),
                beyond > 0 ? String.format(Locale.ROOT, " · %d of %d beyond the axes (rings on the edge)",
                        beyond, summary.samples()) : ""), x, y + base * 1.25, room, base);
        fitted(g, "dashed: FPO = exact · shaded: inside the clip band (vertical: exact, horizontal: FPO)", x,
                y + base * 2.5, room, base);
    }

    /** One key line, in a smaller font where it would be wider than {@code room}. */
    private static void fitted(Graphics2D g, String text, double x, double y, double room, float base) {
        java.awt.Font f = PaintKit.font(base * 0.85f, false);
        double w = f.getStringBounds(text, g.getFontRenderContext()).getWidth();
        g.setFont(w > room ? f.deriveFont((float) Math.max(4, f.getSize2D() * room / w)) : f);
        PaintKit.text(g, text, x, y, PaintKit.Align.LEFT);
        g.setFont(f);
    }

    private static double swatch(Graphics2D g, double x, double y, double dot, Color colour, String label,
            PaintStyle style, float base) {
        g.setColor(colour);
        g.fill(new Ellipse2D.Double(x, y - base * 0.3 - dot / 2, dot, dot));
        g.setColor(style.ink());
        double w = PaintKit.text(g, label, x + dot + base * 0.35, y, PaintKit.Align.LEFT);
        return dot + base * 0.35 + w + base * 1.0;
    }

    private static Color alpha(Color c, int a) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), a);
    }
}
