package io.fpolab.ui.paint;

import io.fpolab.analysis.ForkEvaluator;
import io.fpolab.analysis.probe.ForkFigureData;
import io.fpolab.env.control.ForkEasy;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fork figure's arena: the episodes of {@link ForkFigureData} from the symmetry point drawn over the
 * fork task's arena, wall and goal as the System view draws them ({@link SystemPainter}), each path
 * coloured by the gap the measure says it first passed, inside metre axes. The key counts the routes and
 * the line under it gives the evaluation sampler's split, so both numbers are the measure's.
 */
public final class ForkRoutesPainter implements Painter {
    /** World box shown: the arena with a margin for its border. */
    private static final double VIEW = ForkEasy.ARENA + 0.02;

    private final ForkFigureData data;

    public ForkRoutesPainter(ForkFigureData data) {
        this.data = data;
    }

    /** "left 49.5% · right 50.5%" (and "· no gap …" when some episode passed none). */
    static String split(double[] split) {
        String s = "left " + PaintKit.percent(split[0]) + " · right " + PaintKit.percent(split[1]);
        return split[2] > 0 ? s + " · no gap " + PaintKit.percent(split[2]) : s;
    }

    /** The key: one line per route with its count and share of the drawn episodes, and the start. */
    private List<Legend.Item> key() {
        ForkEvaluator.Episodes e = data.episodes();
        double[] split = e.split();
        int n = e.count();
        List<Legend.Item> items = new ArrayList<>();
        items.add(Legend.Item.line(SystemPainter.LEFT_ROUTE, "left gap: " + Math.round(split[0] * n) + " ("
                + PaintKit.percent(split[0]) + ")"));
        items.add(Legend.Item.line(SystemPainter.RIGHT_ROUTE, "right gap: " + Math.round(split[1] * n) + " ("
                + PaintKit.percent(split[1]) + ")"));
        if (split[2] > 0) {
            items.add(Legend.Item.line(PaintKit.MUTED, "no gap: " + Math.round(split[2] * n) + " ("
                    + PaintKit.percent(split[2]) + ")"));
        }
        items.add(Legend.Item.dot(PaintKit.INK, "symmetry point"));
        return items;
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        PaintKit.prepare(g);
        float base = PaintKit.baseSize(g, width, height);
        PaintStyle style = PaintKit.style(g);
        int n = data.episodes().count();
        double top = PaintKit.title(g, "Episodes from the symmetry point",
                String.format(Locale.ROOT, "%,d episodes, rollout sampler", n), width, base);
        List<Legend.Item> key = key();
        double keyHeight = Legend.height(key, width, base);
        double[] m = ChartKit.margins(base);
        double bottom = m[1] + base * 0.6 + keyHeight + base * 1.6;
        double side = Math.max(10, Math.min(width - m[0] - base * 1.5, height - top - bottom));
        Rectangle2D area = new Rectangle2D.Double(m[0] + (width - m[0] - base * 1.5 - side) / 2, top, side, side);
        ChartKit.draw(g, ChartKit.plot(ChartKit.axis("x (m)", -VIEW, VIEW, false, style, base),
                ChartKit.axis("y (m)", -VIEW, VIEW, true, style, base), style), area, base);
        SystemPainter.World w = SystemPainter.fit(area, -VIEW, VIEW, -VIEW, VIEW);
        SystemPainter.forkArena(g, w, base);
        // Many paths over each other: faint enough that a well-used route reads darker than a rare one.
        double alpha = Math.max(0.12, Math.min(0.6, 12.0 / Math.max(1, n)));
        double lineWidth = Math.max(1.2, w.len(0.0025));
        int[] routes = data.episodes().routes();
        List<double[]> paths = data.episodes().paths();
        for (int i = 0; i < paths.size(); i++) {
            Color c = SystemPainter.routeColour(g, routes[i]);
            SystemPainter.forkPath(g, w, paths.get(i), Colormaps.alpha(c, alpha), lineWidth);
        }
        SystemPainter.forkWall(g, w);
        double r = w.len(0.011);
        g.setColor(style.background());
        g.fill(new Ellipse2D.Double(w.x(0) - r * 1.35, w.y(ForkEasy.START_Y) - r * 1.35, r * 2.7, r * 2.7));
        g.setColor(style.ink());
        g.fill(new Ellipse2D.Double(w.x(0) - r, w.y(ForkEasy.START_Y) - r, 2 * r, 2 * r));
        double y = area.getMaxY() + m[1] + base * 0.6;
        Legend.paint(g, key, y + base * 0.9, width, base);
        g.setFont(PaintKit.font(base * 0.9f, false));
        g.setColor(style.ink());
        PaintKit.text(g, "evaluation sampler, " + String.format(Locale.ROOT, "%,d", n) + " episodes: "
                + split(data.evalSplit()), width / 2.0, y + keyHeight + base * 1.2, PaintKit.Align.CENTER);
    }
}
