package io.fpolab.ui.paint;

import io.fpolab.analysis.probe.GridScene.Trajectory;
import io.fpolab.analysis.probe.GridScene;
import io.fpolab.env.grid.GridLayout.CellType;
import io.fpolab.env.grid.GridLayout;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A GridWorld: cells (goal green by reward, death red, wall dark, marked starts light blue), an
 * optional grey value map with colour bar, one policy arrow per walkable cell coloured by direction,
 * trajectories as jittered polylines coloured by outcome, and a legend. {@link #cellAt} maps a pixel
 * back to a cell with the same geometry, for clicks.
 *
 * <p>The board is painted by hand: no chart type draws walls, goal bands, arrows and jittered paths on a
 * cell grid. Only the value map's colour bar is JFreeChart's ({@link ChartKit}).
 */
public final class GridWorldPainter implements Painter {
    private final GridScene scene;
    /** {width, base, legend height} of the last layout; replaced whole, so safe to read from any thread. */
    private volatile double[] legendCache;

    public GridWorldPainter(GridScene scene) {
        this.scene = scene;
    }

    public GridScene scene() {
        return scene;
    }

    /** Where the map sits in a {@code width × height} panel. */
    private record Geometry(double x0, double y0, double cell, float base) {
    }

    private Geometry geometry(PaintStyle style, int width, int height) {
        GridLayout l = scene.layout();
        float base = PaintKit.baseSize(style, width, height);
        double top = PaintKit.titleHeight(scene.title(), scene.subtitle(), base);
        if (scene.title() == null && scene.subtitle() == null) {
            top = base * 0.3;
        }
        double bottom = legendHeight(base, width);
        double right = scene.values() != null ? PaintKit.colorbarRoom(base) : base * 0.3;
        double availW = width - base * 0.6 - right;
        double availH = height - top - bottom;
        double cell = Math.max(1, Math.min(availW / l.width(), availH / l.height()));
        double x0 = base * 0.3 + (availW - cell * l.width()) / 2;
        return new Geometry(x0, top, cell, base);
    }

    /** Room under the map for the key (and the footer); a bare map (the picker, the editor) has none. */
    private double legendHeight(float base, int width) {
        boolean compact = scene.title() == null && scene.subtitle() == null && scene.footer() == null
                && scene.trajectories().isEmpty();
        if (compact) {
            return base * 0.3;
        }
        // Click mapping asks for every pointer move: measure the key's text once per panel width.
        double[] cached = legendCache;
        if (cached != null && cached[0] == width && cached[1] == base) {
            return cached[2];
        }
        double h = base * 0.7 + Legend.height(legendItems(), width, base) + (scene.footer() != null ? base * 1.4 : 0);
        legendCache = new double[] {width, base, h};
        return h;
    }

    /** Cell index under pixel (px, py) of a {@code width × height} panel at normal size, or −1 outside the map. */
    public int cellAt(double px, double py, int width, int height) {
        return cellAt(px, py, width, height, PaintStyle.LIGHT);
    }

    /** Cell index under pixel (px, py) of a {@code width × height} panel painted in {@code style}, or −1 outside the map. */
    public int cellAt(double px, double py, int width, int height, PaintStyle style) {
        Geometry geo = geometry(style, width, height);
        GridLayout l = scene.layout();
        int cx = (int) Math.floor((px - geo.x0) / geo.cell);
        int row = (int) Math.floor((py - geo.y0) / geo.cell);
        int cy = l.height() - 1 - row;
        return l.contains(cx, cy) ? l.cellIndex(cx, cy) : -1;
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        PaintKit.prepare(g);
        PaintStyle style = PaintKit.style(g);
        Geometry geo = geometry(style, width, height);
        float base = geo.base;
        PaintKit.title(g, scene.title(), scene.subtitle(), width, base);
        GridLayout l = scene.layout();
        double cell = geo.cell;
        double vmin = 0;
        double vmax = 1;
        if (scene.values() != null) {
            double[] range = valueRange();
            vmin = range[0];
            vmax = range[1];
        }
        for (int c = 0; c < l.cellCount(); c++) {
            g.setColor(cellColor(style, l, c, vmin, vmax));
            g.fill(cellRect(geo, c, 0));
        }
        if (cell >= 6) {
            g.setColor(style.gridLine());
            g.setStroke(PaintKit.stroke(Math.max(0.5, cell / 40)));
            for (int x = 0; x <= l.width(); x++) {
                g.draw(new Line2D.Double(geo.x0 + x * cell, geo.y0, geo.x0 + x * cell, geo.y0 + l.height() * cell));
            }
            for (int y = 0; y <= l.height(); y++) {
                g.draw(new Line2D.Double(geo.x0, geo.y0 + y * cell, geo.x0 + l.width() * cell, geo.y0 + y * cell));
            }
        }
        g.setColor(style.frame());
        g.setStroke(PaintKit.stroke(style.line(1)));
        g.draw(new Rectangle2D.Double(geo.x0, geo.y0, l.width() * cell, l.height() * cell));
        if (scene.field() != null) {
            paintField(g, geo);
        }
        paintTrajectories(g, geo);
        for (int s : scene.starts()) {
            double[] p = center(geo, s);
            g.setColor(style.ink());
            g.setStroke(PaintKit.stroke(Math.max(style.line(1.5), cell / 8)));
            g.draw(new Ellipse2D.Double(p[0] - cell * 0.38, p[1] - cell * 0.38, cell * 0.76, cell * 0.76));
        }
        if (scene.selected() >= 0 && scene.selected() < l.cellCount()) {
            g.setColor(Colormaps.ACCENT);
            g.setStroke(PaintKit.stroke(Math.max(style.line(2), cell / 7)));
            g.draw(cellRect(geo, scene.selected(), cell * 0.04));
        }
        if (scene.values() != null) {
            Rectangle2D map = new Rectangle2D.Double(geo.x0, geo.y0, l.width() * cell, l.height() * cell);
            double lo = vmin;
            double hi = vmax;
            Rectangle2D bar = PaintKit.colorbarRect(map, base);
            ChartKit.drawColorbar(g, ChartKit.colorbar(ChartKit.scale(lo, hi, style::valueGrey),
                    ChartKit.axis(null, lo, hi, true, style, base), "V(s), critic", style, base), bar);
            ChartKit.colorbarTitle(g, bar, "value", base);
        }
        paintLegend(g, geo, width);
    }

    private double[] valueRange() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        GridLayout l = scene.layout();
        for (int c = 0; c < l.cellCount(); c++) {
            if (l.type(l.cellX(c), l.cellY(c)) == CellType.EMPTY && Float.isFinite(scene.values()[c])) {
                lo = Math.min(lo, scene.values()[c]);
                hi = Math.max(hi, scene.values()[c]);
            }
        }
        if (!(hi > lo)) {
            return new double[] {Double.isFinite(lo) ? lo - 1 : 0, Double.isFinite(hi) ? hi + 1 : 1};
        }
        return new double[] {lo, hi};
    }

    private Color cellColor(PaintStyle style, GridLayout l, int c, double vmin, double vmax) {
        int x = l.cellX(c);
        int y = l.cellY(c);
        return switch (l.type(x, y)) {
            case WALL -> style.solid();
            case GOAL -> Colormaps.goal(l.reward(x, y), l.maxGoalReward());
            case DEATH -> Colormaps.DEATH;
            case EMPTY -> scene.values() != null && Float.isFinite(scene.values()[c])
                    ? style.valueGrey((scene.values()[c] - vmin) / (vmax - vmin))
                    : l.hasExplicitStarts() && l.isStart(x, y) ? style.start() : style.surface();
        };
    }

    private Rectangle2D cellRect(Geometry geo, int c, double inset) {
        GridLayout l = scene.layout();
        int row = l.height() - 1 - l.cellY(c);
        return new Rectangle2D.Double(geo.x0 + l.cellX(c) * geo.cell + inset, geo.y0 + row * geo.cell + inset,
                geo.cell - 2 * inset, geo.cell - 2 * inset);
    }

    private double[] center(Geometry geo, int c) {
        GridLayout l = scene.layout();
        int row = l.height() - 1 - l.cellY(c);
        return new double[] {geo.x0 + (l.cellX(c) + 0.5) * geo.cell, geo.y0 + (row + 0.5) * geo.cell};
    }

    private void paintField(Graphics2D g, Geometry geo) {
        GridLayout l = scene.layout();
        float[] f = scene.field();
        double cell = geo.cell;
        for (int c = 0; c < l.cellCount(); c++) {
            if (l.type(l.cellX(c), l.cellY(c)) != CellType.EMPTY) {
                continue;
            }
            double ax = f[2 * c];
            double ay = f[2 * c + 1];
            if (!Double.isFinite(ax) || !Double.isFinite(ay)) {
                continue;
            }
            double[] p = center(geo, c);
            fieldMark(g, p[0], p[1], Math.atan2(ay, ax), Math.hypot(ax, ay), cell);
        }
    }

    /** Below this action length a cell shows a dot: the action stays put on both axes. */
    private static final double DOT_BELOW = 0.15;
    /** Arrows reach their full length at this action length (the env clips at 1 per axis). */
    private static final double FULL_AT = 1.2;

    /**
     * The policy field's mark for an action of length {@code mag} at {@code angle}, centred on (x, y) in a
     * cell {@code cell} wide: an arrow coloured by direction whose length grows with {@code mag}, or a dot.
     */
    private static void fieldMark(Graphics2D g, double x, double y, double angle, double mag, double cell) {
        g.setColor(Colormaps.direction(angle));
        if (mag < DOT_BELOW) {
            double r = cell * 0.1;
            g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
            return;
        }
        double len = cell * (0.2 + 0.25 * Math.min(1, mag / FULL_AT));
        double dx = Math.cos(angle) * len;
        double dy = -Math.sin(angle) * len;
        arrow(g, x - dx * 0.6, y - dy * 0.6, x + dx, y + dy, cell);
    }

    /**
     * An arrow from tail to tip: a shaft and a head wide enough to read at a glance (about a third of the
     * cell, at least 6 px where the cell has room, never more than half the arrow).
     */
    private static void arrow(Graphics2D g, double x0, double y0, double x1, double y1, double cell) {
        double length = Math.hypot(x1 - x0, y1 - y0);
        double head = Math.min(length * 0.55, Math.max(cell * 0.34, Math.min(6, cell * 0.5)));
        double ux = (x1 - x0) / length;
        double uy = (y1 - y0) / length;
        g.setStroke(PaintKit.stroke(Math.max(1.5, cell / 10)));
        g.draw(new Line2D.Double(x0, y0, x1 - ux * head * 0.8, y1 - uy * head * 0.8));
        double half = Math.tan(0.5) * head;
        Path2D.Double tri = new Path2D.Double();
        tri.moveTo(x1, y1);
        tri.lineTo(x1 - ux * head - uy * half, y1 - uy * head + ux * half);
        tri.lineTo(x1 - ux * head + uy * half, y1 - uy * head - ux * half);
        tri.closePath();
        g.fill(tri);
    }

    private void paintTrajectories(Graphics2D g, Geometry geo) {
        List<Trajectory> ts = scene.trajectories();
        double cell = geo.cell;
        g.setStroke(PaintKit.stroke(lineInCell(cell, 1, 9, PaintKit.style(g).scale())));
        double alpha = ts.size() > 50 ? 0.35 : 0.6;
        for (int i = 0; i < ts.size(); i++) {
            Trajectory t = ts.get(i);
            // A fixed offset per episode (golden-ratio sequence) keeps overlapping paths apart without noise.
            double jx = ((i * 0.6180339887) % 1.0 - 0.5) * cell * 0.5;
            double jy = ((i * 0.7548776662 + 0.3) % 1.0 - 0.5) * cell * 0.5;
            Path2D.Double p = new Path2D.Double();
            for (int k = 0; k < t.cells().length; k++) {
                double[] c = center(geo, t.cells()[k]);
                if (k == 0) {
                    p.moveTo(c[0] + jx, c[1] + jy);
                } else {
                    p.lineTo(c[0] + jx, c[1] + jy);
                }
            }
            g.setColor(Colormaps.alpha(outcomeColor(t.outcome()), alpha));
            g.draw(p);
        }
    }

    /**
     * Width of a line drawn inside cells (arrows, paths): {@code cell / perCell} times the style's scale, at
     * least {@code min} points scaled, and never wider than a quarter cell so neighbours stay apart.
     */
    private static double lineInCell(double cell, double min, double perCell, double scale) {
        return Math.min(cell / 4, Math.max(min * scale, cell / perCell * scale));
    }

    /** Colour of an episode outcome: its goal region's colour, red for death, grey for a timeout. */
    public static Color outcomeColor(int outcome) {
        return outcome == Trajectory.DEATH ? Colormaps.DEATH : outcome < 0 ? Colormaps.TIMEOUT : Colormaps.region(outcome);
    }

    private void paintLegend(Graphics2D g, Geometry geo, int width) {
        if (legendHeight(geo.base, width) < geo.base) {
            return;
        }
        float base = geo.base;
        double y = geo.y0 + scene.layout().height() * geo.cell + base * 1.5;
        List<Legend.Item> items = legendItems();
        Legend.paint(g, items, y, width, base);
        if (scene.footer() != null) {
            g.setFont(PaintKit.font(base * 0.85f, false));
            g.setColor(PaintKit.style(g).muted());
            PaintKit.text(g, scene.footer(), width / 2.0, y + Legend.height(items, width, base) - base * 0.1,
                    PaintKit.Align.CENTER);
        }
    }

    /** The key: cell kinds present, episode outcomes with their counts, and how to read the policy arrows. */
    private List<Legend.Item> legendItems() {
        GridLayout l = scene.layout();
        List<Legend.Item> items = new ArrayList<>();
        if (l.goalCellCount() > 0) {
            items.add(Legend.Item.box(Colormaps.goal(l.maxGoalReward(), l.maxGoalReward()),
                    String.format(Locale.ROOT, "goal (+%s)", PaintKit.shortNumber(l.maxGoalReward()))));
        }
        boolean anyDeath = false;
        boolean anyWall = false;
        for (int c = 0; c < l.cellCount(); c++) {
            CellType t = l.type(l.cellX(c), l.cellY(c));
            anyDeath |= t == CellType.DEATH;
            anyWall |= t == CellType.WALL;
        }
        if (anyDeath) {
            items.add(Legend.Item.box(Colormaps.DEATH, "death"));
        }
        if (anyWall) {
            items.add(Legend.Item.box(Colormaps.WALL, "wall"));
        }
        if (!scene.trajectories().isEmpty()) {
            int[] counts = new int[l.regionCount() + 2];
            for (Trajectory t : scene.trajectories()) {
                counts[t.outcome() + 2]++;
            }
            for (int r = 0; r < l.regionCount(); r++) {
                items.add(Legend.Item.line(Colormaps.region(r), "→ " + l.regionName(r) + " (" + counts[r + 2] + ")"));
            }
            if (counts[0] > 0) {
                items.add(Legend.Item.line(Colormaps.DEATH, "→ death (" + counts[0] + ")"));
            }
            if (counts[1] > 0) {
                items.add(Legend.Item.line(Colormaps.TIMEOUT, "timeout (" + counts[1] + ")"));
            }
        }
        if (scene.field() != null) {
            items.add(Legend.Item.custom(GridWorldPainter::compass, 1.4, "colour: direction (up blue, down orange)"));
            items.add(Legend.Item.custom(GridWorldPainter::lengths, 2.6,
                    String.format(Locale.ROOT, "length: |a| (longest from %s)", PaintKit.shortNumber(FULL_AT))));
            items.add(Legend.Item.custom((g, x, y, w, h) -> fieldMark(g, x + w / 2, y - h / 2, Math.PI / 2, 0, h * 1.4),
                    1, String.format(Locale.ROOT, "dot: |a| < %s", PaintKit.shortNumber(DOT_BELOW))));
        }
        return items;
    }

    /** Key glyph: eight arrows from one point, each in its direction's colour. */
    private static void compass(Graphics2D g, double x, double y, double w, double h) {
        double cx = x + w / 2;
        double cy = y - h / 2;
        double r = Math.min(w, h) * 0.75;
        for (int k = 0; k < 8; k++) {
            double a = k * Math.PI / 4;
            g.setColor(Colormaps.direction(a));
            arrow(g, cx + Math.cos(a) * r * 0.15, cy - Math.sin(a) * r * 0.15, cx + Math.cos(a) * r,
                    cy - Math.sin(a) * r, r * 1.1);
        }
    }

    /** Key glyph: upward arrows for a short, a middle and a full-length action. */
    private static void lengths(Graphics2D g, double x, double y, double w, double h) {
        double cell = h * 1.6;
        double[] mags = {0.3, 0.7, FULL_AT};
        for (int i = 0; i < mags.length; i++) {
            fieldMark(g, x + w * (i + 0.5) / mags.length, y - h / 2, Math.PI / 2, mags[i], cell);
        }
    }
}
