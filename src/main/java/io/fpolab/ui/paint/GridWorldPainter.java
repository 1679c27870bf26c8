package io.fpolab.ui.paint;

import io.fpolab.env.grid.GridLayout;
import io.fpolab.env.grid.GridLayout.CellType;
import io.fpolab.ui.paint.GridScene.Trajectory;
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
 */
public final class GridWorldPainter implements Painter {
    private final GridScene scene;

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
        double bottom = legendHeight(base);
        double right = scene.values() != null ? PaintKit.colorbarRoom(base) : base * 0.3;
        double availW = width - base * 0.6 - right;
        double availH = height - top - bottom;
        double cell = Math.max(1, Math.min(availW / l.width(), availH / l.height()));
        double x0 = base * 0.3 + (availW - cell * l.width()) / 2;
        return new Geometry(x0, top, cell, base);
    }

    private double legendHeight(float base) {
        boolean compact = scene.title() == null && scene.subtitle() == null && scene.footer() == null
                && scene.trajectories().isEmpty();
        return compact ? base * 0.3 : base * (scene.footer() != null ? 3.6 : 2.2);
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
            PaintKit.colorbar(g, PaintKit.colorbarRect(map, base), style::valueGrey, PaintKit.ticks(lo, hi, 4),
                    v -> (v - lo) / (hi - lo), "value", "V(s), critic", base);
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
        double scale = PaintKit.style(g).scale();
        g.setStroke(PaintKit.stroke(lineInCell(cell, 1.5, 9, scale)));
        for (int c = 0; c < l.cellCount(); c++) {
            if (l.type(l.cellX(c), l.cellY(c)) != CellType.EMPTY) {
                continue;
            }
            double ax = f[2 * c];
            double ay = f[2 * c + 1];
            if (!Double.isFinite(ax) || !Double.isFinite(ay)) {
                continue;
            }
            double mag = Math.hypot(ax, ay);
            double[] p = center(geo, c);
            double angle = Math.atan2(ay, ax);
            g.setColor(Colormaps.direction(angle));
            if (mag < 0.15) {
                double r = cell * 0.1;
                g.fill(new Ellipse2D.Double(p[0] - r, p[1] - r, 2 * r, 2 * r));
                continue;
            }
            double len = cell * (0.2 + 0.25 * Math.min(1, mag / 1.2));
            double dx = Math.cos(angle) * len;
            double dy = -Math.sin(angle) * len;
            double tx = p[0] + dx;
            double ty = p[1] + dy;
            g.draw(new Line2D.Double(p[0] - dx * 0.6, p[1] - dy * 0.6, tx - dx * 0.2, ty - dy * 0.2));
            double head = cell * 0.22 * Math.min(scale, 1.5);
            Path2D.Double tri = new Path2D.Double();
            tri.moveTo(tx, ty);
            tri.lineTo(tx - Math.cos(angle - 0.45) * head, ty + Math.sin(angle - 0.45) * head);
            tri.lineTo(tx - Math.cos(angle + 0.45) * head, ty + Math.sin(angle + 0.45) * head);
            tri.closePath();
            g.fill(tri);
        }
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
        if (legendHeight(geo.base) < geo.base) {
            return;
        }
        GridLayout l = scene.layout();
        float base = geo.base;
        List<Object[]> items = new ArrayList<>();
        if (l.goalCellCount() > 0) {
            items.add(new Object[] {Colormaps.goal(l.maxGoalReward(), l.maxGoalReward()),
                String.format(Locale.ROOT, "goal (+%s)", PaintKit.tickLabel(l.maxGoalReward())), false});
        }
        boolean anyDeath = false;
        boolean anyWall = false;
        for (int c = 0; c < l.cellCount(); c++) {
            CellType t = l.type(l.cellX(c), l.cellY(c));
            anyDeath |= t == CellType.DEATH;
            anyWall |= t == CellType.WALL;
        }
        if (anyDeath) {
            items.add(new Object[] {Colormaps.DEATH, "death", false});
        }
        if (anyWall) {
            items.add(new Object[] {PaintKit.style(g).solid(), "wall", false});
        }
        if (!scene.trajectories().isEmpty()) {
            int[] counts = new int[l.regionCount() + 2];
            for (Trajectory t : scene.trajectories()) {
                counts[t.outcome() + 2]++;
            }
            for (int r = 0; r < l.regionCount(); r++) {
                items.add(new Object[] {Colormaps.region(r), "→ " + l.regionName(r) + " (" + counts[r + 2] + ")", true});
            }
            if (counts[0] > 0) {
                items.add(new Object[] {Colormaps.DEATH, "→ death (" + counts[0] + ")", true});
            }
            if (counts[1] > 0) {
                items.add(new Object[] {Colormaps.TIMEOUT, "timeout (" + counts[1] + ")", true});
            }
        }
        g.setFont(PaintKit.font(base * 0.85f, false));
        double y = geo.y0 + l.height() * geo.cell + base * 1.5;
        double sw = base * 0.9;
        double total = 0;
        for (Object[] it : items) {
            total += sw + base * 0.4 + g.getFontMetrics().getStringBounds((String) it[1], g).getWidth() + base;
        }
        double x = Math.max(base * 0.3, (width - total) / 2);
        for (Object[] it : items) {
            g.setColor((Color) it[0]);
            if ((Boolean) it[2]) {
                g.setStroke(PaintKit.stroke(Math.max(2, base / 5)));
                g.draw(new Line2D.Double(x, y - sw * 0.35, x + sw, y - sw * 0.35));
            } else {
                g.fill(new Rectangle2D.Double(x, y - sw * 0.8, sw, sw * 0.8));
            }
            g.setColor(PaintKit.style(g).ink());
            x += sw + base * 0.4;
            x += PaintKit.text(g, (String) it[1], x, y, PaintKit.Align.LEFT) + base;
        }
        if (scene.footer() != null) {
            g.setColor(PaintKit.style(g).muted());
            PaintKit.text(g, scene.footer(), width / 2.0, y + base * 1.4, PaintKit.Align.CENTER);
        }
    }
}
