package io.fpolab.ui.paint;

import io.fpolab.analysis.probe.SystemDrawing;
import io.fpolab.analysis.probe.SystemFrame;
import io.fpolab.env.control.ForkEasy;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Clean vector drawings of the control tasks — cartpole, pendulum, acrobot, point mass, reacher,
 * mountain car, the fork task (with the paths of its last episodes) — in world coordinates (metres, y up), with a time/return label and the current
 * action drawn as an arrow or arc. The MuJoCo tasks come with their own projected drawing
 * ({@link SystemDrawing}), painted generically: shapes by colour class, the floor with metre ticks that show the
 * motion when the view follows a running body, and a torque arc at every motor's hinge. Painted by hand: an
 * animation of a physical system has no chart type, and no axes.
 */
public final class SystemPainter implements Painter {
    private static final Color BODY = new Color(0x2F3A4A);
    private static final Color BODY_ON_DARK = new Color(0xC5CDD8);
    private static final Color LINK = new Color(0x3B6FD8);
    private static final Color TARGET = new Color(0x1B9E77);
    private static final Color ACTION = new Color(0xE66101);
    private static final Color GROUND = new Color(0xC9CDD3);
    private static final Color GROUND_ON_DARK = new Color(0x555A63);
    /** The fork task's routes: gold through the left gap, blue through the right (apart for colour-blind eyes too). */
    static final Color LEFT_ROUTE = new Color(0xD4A106);
    static final Color RIGHT_ROUTE = new Color(0x3B6FD8);
    /** Spacing of a projected drawing's floor ticks (metres); every second one is labelled. */
    private static final double TICK = 0.5;

    private final SystemFrame frame;

    public SystemPainter(SystemFrame frame) {
        this.frame = frame;
    }

    /** World → pixel mapping of a world box fitted into the drawing area, aspect preserved. */
    record World(double ox, double oy, double scale) {
        double x(double wx) {
            return ox + wx * scale;
        }

        double y(double wy) {
            return oy - wy * scale;
        }

        double len(double w) {
            return w * scale;
        }
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        PaintKit.prepare(g);
        float base = PaintKit.baseSize(g, width, height);
        double top = PaintKit.title(g, frame.title(), null, width, base);
        List<Legend.Item> key = legendItems();
        double keyHeight = Legend.height(key, width, base);
        double bottom = base * 2.4 + keyHeight;
        Rectangle2D area = new Rectangle2D.Double(base, top, width - 2 * base, Math.max(10, height - top - bottom));
        String id = frame.envId();
        double[] s = frame.state();
        if (frame.drawing() != null) {
            projected(g, area, frame.drawing(), base);
        } else if (id.startsWith("cartpole")) {
            cartpole(g, fit(area, -2.3, 2.3, -1.15, 1.15), s);
        } else if (id.equals("pendulum-swingup") || id.equals("gym-pendulum")) {
            pendulum(g, fit(area, -1.3, 1.3, -1.3, 1.3), s);
        } else if (id.startsWith("acrobot")) {
            acrobot(g, fit(area, -2.4, 2.4, -0.2, 4.4), s);
        } else if (id.equals(ForkEasy.ID)) {
            fork(g, fit(area, -0.32, 0.32, -0.32, 0.32), s, base);
        } else if (id.startsWith("point_mass")) {
            pointMass(g, fit(area, -0.32, 0.32, -0.32, 0.32), s);
        } else if (id.startsWith("reacher")) {
            reacher(g, fit(area, -0.3, 0.3, -0.3, 0.3), s, id.endsWith("hard") ? 0.015 : 0.05);
        } else if (id.startsWith("mountain-car")) {
            mountainCar(g, fit(area, -1.25, 0.65, -0.05, 1.15), s);
        } else {
            g.setColor(PaintKit.style(g).muted());
            g.setFont(PaintKit.font(base, false));
            PaintKit.text(g, "no drawing for " + id, width / 2.0, height / 2.0, PaintKit.Align.CENTER);
        }
        Legend.paint(g, key, height - bottom + base * 1.1, width, base);
        g.setFont(PaintKit.font(base * 0.95f, false));
        g.setColor(PaintKit.style(g).ink());
        String label = String.format(Locale.ROOT, "t = %.2f s   ·   return %.1f", frame.time(), frame.episodeReturn());
        if (!Double.isNaN(frame.lastReturn())) {
            label += String.format(Locale.ROOT, "   ·   last episode %.1f", frame.lastReturn());
        }
        if (frame.action() != null && frame.action().length > 0) {
            StringBuilder a = new StringBuilder("   ·   u = [");
            for (int i = 0; i < frame.action().length; i++) {
                a.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%+.2f", frame.action()[i]));
            }
            // Many actions (the cheetah's six) may not fit a narrow view; their arcs show them anyway.
            if (g.getFontMetrics().stringWidth(label + a + "]") <= width - 2 * base) {
                label += a.append(']');
            }
        }
        PaintKit.text(g, label, width / 2.0, height - base * 0.9, PaintKit.Align.CENTER);
    }

    /** The key: what the orange arrow or arc is (the policy's action, drawn as a force or a torque), and the fork's routes. */
    private List<Legend.Item> legendItems() {
        String id = frame.envId();
        if (id.equals(ForkEasy.ID)) {
            int[] counts = new int[3];
            List<double[]> paths = frame.paths();
            for (int i = 0; i < paths.size() - 1; i++) {
                counts[route(paths.get(i)) + 1]++;
            }
            return List.of(Legend.Item.line(LEFT_ROUTE, "left gap (" + counts[0] + ")"),
                    Legend.Item.line(RIGHT_ROUTE, "right gap (" + counts[2] + ")"),
                    Legend.Item.line(PaintKit.MUTED, "no gap yet (" + counts[1] + ")"),
                    Legend.Item.custom(SystemPainter::forceGlyph, 1.6, "action u: force"));
        }
        if (id.startsWith("fish")) {
            return List.of(Legend.Item.dot(TARGET, "target · u: the tail's and fins' set angles (servos)"));
        }
        boolean torques = id.equals("pendulum-swingup") || id.equals("gym-pendulum") || id.startsWith("acrobot")
                || id.startsWith("reacher") || id.startsWith("cheetah") || id.startsWith("finger");
        if (torques) {
            return List.of(Legend.Item.custom(SystemPainter::torqueGlyph, 1.2,
                    "action u: torque at the joint (arc length ∝ |u|)"));
        }
        return List.of(Legend.Item.custom(SystemPainter::forceGlyph, 1.6,
                "action u: force (arrow length ∝ |u|)"));
    }

    private static void forceGlyph(Graphics2D g, double x, double y, double w, double h) {
        arrow(g, new World(x, y - h / 2, 1), 0, 0, w, 0);
    }

    private static void torqueGlyph(Graphics2D g, double x, double y, double w, double h) {
        torque(g, new World(x + w / 2, y - h / 2, 1), 0, 0, h * 0.55, 0.9);
    }

    static World fit(Rectangle2D area, double xlo, double xhi, double ylo, double yhi) {
        double scale = Math.min(area.getWidth() / (xhi - xlo), area.getHeight() / (yhi - ylo));
        double ox = area.getCenterX() - (xlo + xhi) / 2 * scale;
        double oy = area.getCenterY() + (ylo + yhi) / 2 * scale;
        return new World(ox, oy, scale);
    }

    private double action(int i) {
        double[] a = frame.action();
        return a == null || a.length <= i ? 0 : a[i];
    }

    /**
     * A MuJoCo task's projected drawing: its window fitted into the area (which may show more of the plane on one
     * axis), the floor across the whole width, the strings, the shapes, then a pin and a torque arc at every motor's
     * hinge and an arrow at every sliding motor.
     */
    private void projected(Graphics2D g, Rectangle2D area, SystemDrawing d, float base) {
        SystemDrawing.Window win = d.window();
        World w = fit(area, win.xlo(), win.xhi(), win.ylo(), win.yhi());
        Graphics2D c = (Graphics2D) g.create();
        c.clip(area);
        if (d.floor() != null) {
            floor(c, w, area, d.floor(), base);
        }
        c.setColor(PaintKit.style(c).muted());
        c.setStroke(PaintKit.stroke(Math.max(1.2, w.len(0.004))));
        for (double[] line : d.strings()) {
            Path2D.Double path = new Path2D.Double();
            path.moveTo(w.x(line[0]), w.y(line[1]));
            for (int k = 2; k + 1 < line.length; k += 2) {
                path.lineTo(w.x(line[k]), w.y(line[k + 1]));
            }
            c.draw(path);
        }
        for (SystemDrawing.Shape shape : d.shapes()) {
            shape(c, w, shape);
        }
        for (SystemDrawing.Torque t : d.torques()) {
            dot(c, w, t.x(), t.y(), d.torqueRadius() * 0.18, PaintKit.style(c).background());
        }
        for (SystemDrawing.Torque t : d.torques()) {
            torque(c, w, t.x(), t.y(), d.torqueRadius(), t.sign() * action(t.actuator()));
        }
        // Pushes on one anchor (ball_in_cup's x and z motors on the cup) add up to one arrow; a push of |u| = 1 is
        // five torque radii long.
        double push = 5 * d.torqueRadius();
        Map<List<Double>, double[]> sums = new LinkedHashMap<>();
        for (SystemDrawing.Force f : d.forces()) {
            double u = action(f.actuator());
            double[] sum = sums.computeIfAbsent(List.of(f.x(), f.y()), k -> new double[2]);
            sum[0] += f.dx() * u * push;
            sum[1] += f.dy() * u * push;
        }
        sums.forEach((at, sum) -> arrow(c, w, at.get(0), at.get(1), sum[0], sum[1]));
        c.dispose();
    }

    /** Ground under the floor line, the line, and ticks every half metre labelled every metre, where it exists. */
    private static void floor(Graphics2D g, World w, Rectangle2D area, SystemDrawing.Floor f, float base) {
        double lo = Math.max(f.xlo(), (area.getMinX() - w.ox()) / w.scale());
        double hi = Math.min(f.xhi(), (area.getMaxX() - w.ox()) / w.scale());
        if (hi <= lo) {
            return;
        }
        double y = w.y(f.level());
        g.setColor(PaintKit.style(g).surface());
        g.fill(new Rectangle2D.Double(w.x(lo), y, w.x(hi) - w.x(lo), Math.max(0, area.getMaxY() - y)));
        g.setColor(ground(g));
        double line = Math.max(2, w.len(0.012));
        g.setStroke(PaintKit.stroke(line));
        g.draw(new Line2D.Double(w.x(lo), y, w.x(hi), y));
        g.setFont(PaintKit.font(base * 0.75f, false));
        for (long k = (long) Math.ceil(lo / TICK); k <= Math.floor(hi / TICK); k++) {
            boolean metre = k % 2 == 0;
            double x = w.x(k * TICK);
            double len = metre ? Math.max(6, w.len(0.05)) : Math.max(3, w.len(0.025));
            g.setColor(ground(g));
            g.setStroke(PaintKit.stroke(Math.max(1.5, line * 0.6)));
            g.draw(new Line2D.Double(x, y, x, y + len));
            String label = (k / 2) + " m";
            double half = g.getFontMetrics().stringWidth(label) / 2.0;
            if (metre && x - half >= area.getMinX() && x + half <= area.getMaxX()) {
                g.setColor(PaintKit.style(g).muted());
                PaintKit.text(g, label, x, y + len + base * 0.85, PaintKit.Align.CENTER);
            }
        }
    }

    /** One projected shape in the colour of its class. */
    private static void shape(Graphics2D g, World w, SystemDrawing.Shape shape) {
        Color c = tone(g, shape.tone());
        g.setColor(c);
        if (shape instanceof SystemDrawing.Segment s) {
            g.setStroke(PaintKit.stroke(Math.max(2, w.len(2 * s.radius()))));
            g.draw(new Line2D.Double(w.x(s.x0()), w.y(s.y0()), w.x(s.x1()), w.y(s.y1())));
        } else if (shape instanceof SystemDrawing.Disc d) {
            dot(g, w, d.x(), d.y(), d.radius(), c);
        } else if (shape instanceof SystemDrawing.Polygon p) {
            double[] xy = p.xy();
            Path2D.Double path = new Path2D.Double();
            path.moveTo(w.x(xy[0]), w.y(xy[1]));
            for (int k = 2; k + 1 < xy.length; k += 2) {
                path.lineTo(w.x(xy[k]), w.y(xy[k + 1]));
            }
            path.closePath();
            g.fill(path);
            if (shape.tone() == SystemDrawing.Tone.GROUND) {
                g.setColor(ground(g));
                g.setStroke(PaintKit.stroke(2));
                g.draw(path);
            }
        }
    }

    /** The colours of the drawings of the Java tasks: dark bodies, blue links, green targets, quiet scenery. */
    private static Color tone(Graphics2D g, SystemDrawing.Tone tone) {
        return switch (tone) {
            case GROUND -> PaintKit.style(g).surface();
            case STATIC -> ground(g);
            case BODY -> body(g);
            case LINK -> LINK;
            case TARGET -> Colormaps.alpha(TARGET, 0.6);
        };
    }

    private void cartpole(Graphics2D g, World w, double[] s) {
        double x = s[0];
        double th = s[1];
        g.setColor(ground(g));
        g.setStroke(PaintKit.stroke(Math.max(2, w.len(0.02))));
        g.draw(new Line2D.Double(w.x(-1.8), w.y(0), w.x(1.8), w.y(0)));
        for (double stop : new double[] {-1.8, 1.8}) {
            g.draw(new Line2D.Double(w.x(stop), w.y(-0.1), w.x(stop), w.y(0.1)));
        }
        double cw = 0.4;
        double ch = 0.2;
        g.setColor(body(g));
        g.fill(new RoundRectangle2D.Double(w.x(x - cw / 2), w.y(ch / 2), w.len(cw), w.len(ch), w.len(0.05), w.len(0.05)));
        double tipX = x + Math.sin(th);
        double tipY = Math.cos(th);
        g.setColor(LINK);
        g.setStroke(PaintKit.stroke(Math.max(3, w.len(0.06))));
        g.draw(new Line2D.Double(w.x(x), w.y(0), w.x(tipX), w.y(tipY)));
        dot(g, w, x, 0, 0.035, PaintKit.style(g).background());
        arrow(g, w, x + Math.signum(action(0)) * cw / 2, 0, action(0) * 0.6, 0);
    }

    private void pendulum(Graphics2D g, World w, double[] s) {
        double th = s[0];
        g.setColor(TARGET);
        g.setStroke(PaintKit.dashed(Math.max(1, w.len(0.01)), w.len(0.04)));
        g.draw(new Line2D.Double(w.x(0), w.y(0), w.x(0), w.y(1.1)));
        double bx = Math.sin(th);
        double by = Math.cos(th);
        g.setColor(LINK);
        g.setStroke(PaintKit.stroke(Math.max(3, w.len(0.05))));
        g.draw(new Line2D.Double(w.x(0), w.y(0), w.x(bx), w.y(by)));
        dot(g, w, bx, by, 0.1, body(g));
        dot(g, w, 0, 0, 0.04, PaintKit.style(g).ink());
        // θ grows clockwise on screen (θ = 0 up, x = sin θ), so a positive torque turns clockwise.
        torque(g, w, 0, 0, 0.3, -action(0));
    }

    private void acrobot(Graphics2D g, World w, double[] s) {
        double t1 = s[0];
        double t2 = s[1];
        g.setColor(Colormaps.alpha(TARGET, 0.35));
        g.fill(new Ellipse2D.Double(w.x(-0.2), w.y(4.2), w.len(0.4), w.len(0.4)));
        g.setColor(ground(g));
        g.setStroke(PaintKit.stroke(Math.max(2, w.len(0.03))));
        g.draw(new Line2D.Double(w.x(-0.5), w.y(2), w.x(0.5), w.y(2)));
        double ex = Math.sin(t1);
        double ey = 2 + Math.cos(t1);
        double tx = ex + Math.sin(t1 + t2);
        double ty = ey + Math.cos(t1 + t2);
        g.setColor(LINK);
        g.setStroke(PaintKit.stroke(Math.max(3, w.len(0.08))));
        g.draw(new Line2D.Double(w.x(0), w.y(2), w.x(ex), w.y(ey)));
        g.setColor(body(g));
        g.draw(new Line2D.Double(w.x(ex), w.y(ey), w.x(tx), w.y(ty)));
        dot(g, w, 0, 2, 0.06, PaintKit.style(g).ink());
        dot(g, w, ex, ey, 0.06, PaintKit.style(g).background());
        dot(g, w, tx, ty, 0.07, ACTION);
        torque(g, w, ex, ey, 0.35, -action(0));
    }

    private void pointMass(Graphics2D g, World w, double[] s) {
        g.setColor(PaintKit.style(g).surface());
        g.fill(new Rectangle2D.Double(w.x(-0.3), w.y(0.3), w.len(0.6), w.len(0.6)));
        g.setColor(ground(g));
        g.setStroke(PaintKit.stroke(2));
        g.draw(new Rectangle2D.Double(w.x(-0.3), w.y(0.3), w.len(0.6), w.len(0.6)));
        dot(g, w, 0, 0, 0.03, Colormaps.alpha(TARGET, 0.35));
        dot(g, w, 0, 0, 0.015, TARGET);
        dot(g, w, s[0], s[1], 0.012, body(g));
        arrow(g, w, s[0], s[1], action(0) * 0.08, action(1) * 0.08);
    }

    /**
     * The fork task: the arena, the wall at y = 0 with its two gaps, the goal, the start region on the
     * symmetry line, the paths of the last finished episodes coloured by the gap they passed (the running one
     * drawn bolder) and the mass with its action.
     */
    private void fork(Graphics2D g, World w, double[] s, float base) {
        forkArena(g, w, base);
        List<double[]> paths = frame.paths();
        for (int i = 0; i < paths.size(); i++) {
            double[] p = paths.get(i);
            boolean running = i == paths.size() - 1;
            Color c = routeColour(g, route(p));
            forkPath(g, w, p, running ? c : Colormaps.alpha(c, 0.45),
                    running ? Math.max(2.5, w.len(0.006)) : Math.max(1.5, w.len(0.003)));
        }
        forkWall(g, w);
        dot(g, w, s[0], s[1], 0.014, body(g));
        arrow(g, w, s[0], s[1], action(0) * 0.08, action(1) * 0.08);
    }

    /** The colour of a fork route: −1 left gap, +1 right gap, 0 none. */
    static Color routeColour(Graphics2D g, int route) {
        return route < 0 ? LEFT_ROUTE : route > 0 ? RIGHT_ROUTE : PaintKit.style(g).muted();
    }

    /** The fork task's arena, goal and start line with their labels (the wall goes over the paths: {@link #forkWall}). */
    static void forkArena(Graphics2D g, World w, float base) {
        double a = ForkEasy.ARENA;
        g.setColor(PaintKit.style(g).surface());
        g.fill(new Rectangle2D.Double(w.x(-a), w.y(a), w.len(2 * a), w.len(2 * a)));
        g.setColor(ground(g));
        g.setStroke(PaintKit.stroke(2));
        g.draw(new Rectangle2D.Double(w.x(-a), w.y(a), w.len(2 * a), w.len(2 * a)));
        dot(g, w, 0, ForkEasy.GOAL_Y, 0.03, Colormaps.alpha(TARGET, 0.35));
        dot(g, w, 0, ForkEasy.GOAL_Y, 0.012, TARGET);
        g.setColor(PaintKit.style(g).muted());
        g.setStroke(PaintKit.dashed(Math.max(1.5, w.len(0.004)), w.len(0.012)));
        g.draw(new Line2D.Double(w.x(0), w.y(ForkEasy.START_Y - ForkEasy.START_SPREAD), w.x(0),
                w.y(ForkEasy.START_Y + ForkEasy.START_SPREAD)));
        g.setFont(PaintKit.font(base * 0.8f, false));
        PaintKit.text(g, "goal", w.x(0.045), w.y(ForkEasy.GOAL_Y) + base * 0.3, PaintKit.Align.LEFT);
        PaintKit.text(g, "start", w.x(0.02), w.y(ForkEasy.START_Y - ForkEasy.START_SPREAD) + base, PaintKit.Align.LEFT);
    }

    /** One path {@code [x0, y0, x1, y1, …]} of the fork task. */
    static void forkPath(Graphics2D g, World w, double[] p, Color c, double width) {
        g.setColor(c);
        g.setStroke(PaintKit.stroke(width));
        Path2D.Double line = new Path2D.Double();
        for (int k = 0; k + 1 < p.length; k += 2) {
            if (k == 0) {
                line.moveTo(w.x(p[k]), w.y(p[k + 1]));
            } else {
                line.lineTo(w.x(p[k]), w.y(p[k + 1]));
            }
        }
        g.draw(line);
    }

    /** The wall as filled bars ending exactly at the gaps' edges and the arena's sides (no stroke caps). */
    static void forkWall(Graphics2D g, World w) {
        g.setColor(body(g));
        double a = ForkEasy.ARENA;
        double half = Math.max(2, w.len(0.006));
        double in = ForkEasy.GAP_IN;
        double out = ForkEasy.GAP_OUT;
        for (double[] bar : new double[][] {{-a, -out}, {-in, in}, {out, a}}) {
            g.fill(new Rectangle2D.Double(w.x(bar[0]), w.y(0) - half, w.len(bar[1] - bar[0]), 2 * half));
        }
    }

    /** The gap a path first passed: −1 left, +1 right, 0 none. */
    static int route(double[] p) {
        for (int k = 2; k + 1 < p.length; k += 2) {
            if (p[k - 1] < 0 && p[k + 1] >= 0) {
                return p[k] < 0 ? -1 : 1;
            }
        }
        return 0;
    }

    private void reacher(Graphics2D g, World w, double[] s, double size) {
        g.setColor(PaintKit.style(g).surface());
        g.fill(new Rectangle2D.Double(w.x(-0.3), w.y(0.3), w.len(0.6), w.len(0.6)));
        dot(g, w, s[4], s[5], size, Colormaps.alpha(TARGET, 0.6));
        double ex = 0.12 * Math.cos(s[0]);
        double ey = 0.12 * Math.sin(s[0]);
        double fx = ex + 0.12 * Math.cos(s[0] + s[1]);
        double fy = ey + 0.12 * Math.sin(s[0] + s[1]);
        g.setStroke(PaintKit.stroke(Math.max(3, w.len(0.02))));
        g.setColor(LINK);
        g.draw(new Line2D.Double(w.x(0), w.y(0), w.x(ex), w.y(ey)));
        g.setColor(body(g));
        g.draw(new Line2D.Double(w.x(ex), w.y(ey), w.x(fx), w.y(fy)));
        dot(g, w, 0, 0, 0.012, PaintKit.style(g).ink());
        dot(g, w, ex, ey, 0.01, PaintKit.style(g).background());
        dot(g, w, fx, fy, 0.01, ACTION);
        torque(g, w, 0, 0, 0.04, action(0));
        torque(g, w, ex, ey, 0.035, action(1));
    }

    private void mountainCar(Graphics2D g, World w, double[] s) {
        Path2D.Double hill = new Path2D.Double();
        for (int i = 0; i <= 200; i++) {
            double x = -1.2 + 1.8 * i / 200;
            double y = hillHeight(x);
            if (i == 0) {
                hill.moveTo(w.x(x), w.y(y));
            } else {
                hill.lineTo(w.x(x), w.y(y));
            }
        }
        g.setColor(ground(g));
        g.setStroke(PaintKit.stroke(Math.max(2, w.len(0.012))));
        g.draw(hill);
        double fx = 0.45;
        double fy = hillHeight(fx);
        g.setColor(PaintKit.style(g).ink());
        g.setStroke(PaintKit.stroke(Math.max(1.5, w.len(0.006))));
        g.draw(new Line2D.Double(w.x(fx), w.y(fy), w.x(fx), w.y(fy + 0.15)));
        Path2D.Double flag = new Path2D.Double();
        flag.moveTo(w.x(fx), w.y(fy + 0.15));
        flag.lineTo(w.x(fx + 0.08), w.y(fy + 0.13));
        flag.lineTo(w.x(fx), w.y(fy + 0.11));
        flag.closePath();
        g.setColor(TARGET);
        g.fill(flag);
        double x = s[0];
        double slope = Math.atan(0.45 * 3 * Math.cos(3 * x));
        Graphics2D c = (Graphics2D) g.create();
        c.translate(w.x(x), w.y(hillHeight(x)));
        c.rotate(-slope);
        double cw = w.len(0.16);
        double ch = w.len(0.07);
        double wheel = w.len(0.025);
        c.setColor(body(c));
        c.fill(new RoundRectangle2D.Double(-cw / 2, -ch - wheel, cw, ch, ch / 3, ch / 3));
        c.setColor(PaintKit.style(c).ink());
        for (double off : new double[] {-cw / 3, cw / 3}) {
            c.fill(new Ellipse2D.Double(off - wheel, -2 * wheel, 2 * wheel, 2 * wheel));
        }
        c.dispose();
        double ax = Math.cos(slope) * action(0) * 0.2;
        double ay = Math.sin(slope) * action(0) * 0.2;
        arrow(g, w, x, hillHeight(x) + 0.14, ax, ay);
    }

    private static double hillHeight(double x) {
        return Math.sin(3 * x) * 0.45 + 0.55;
    }

    static void dot(Graphics2D g, World w, double x, double y, double r, Color c) {
        g.setColor(c);
        g.fill(new Ellipse2D.Double(w.x(x - r), w.y(y + r), w.len(2 * r), w.len(2 * r)));
    }

    /** An arrow for a force: from (x, y), world vector (dx, dy). */
    private static void arrow(Graphics2D g, World w, double x, double y, double dx, double dy) {
        double len = w.len(Math.hypot(dx, dy));
        if (len < 3) {
            return;
        }
        double x0 = w.x(x);
        double y0 = w.y(y);
        double x1 = w.x(x + dx);
        double y1 = w.y(y + dy);
        double a = Math.atan2(y1 - y0, x1 - x0);
        double head = Math.min(len * 0.5, Math.max(6, len * 0.3));
        g.setColor(ACTION);
        g.setStroke(PaintKit.stroke(Math.max(2, head / 4)));
        g.draw(new Line2D.Double(x0, y0, x1 - Math.cos(a) * head * 0.6, y1 - Math.sin(a) * head * 0.6));
        Path2D.Double tri = new Path2D.Double();
        tri.moveTo(x1, y1);
        tri.lineTo(x1 - Math.cos(a - 0.45) * head, y1 - Math.sin(a - 0.45) * head);
        tri.lineTo(x1 - Math.cos(a + 0.45) * head, y1 - Math.sin(a + 0.45) * head);
        tri.closePath();
        g.fill(tri);
    }

    /** A torque as an arc around (x, y) whose sweep follows u ∈ [−1, 1] (positive counter-clockwise). */
    private static void torque(Graphics2D g, World w, double x, double y, double radius, double u) {
        double sweep = Math.max(-1, Math.min(1, u)) * 150;
        if (Math.abs(sweep) < 5) {
            return;
        }
        double r = w.len(radius);
        g.setColor(ACTION);
        g.setStroke(PaintKit.stroke(Math.max(2, r / 10)));
        g.draw(new java.awt.geom.Arc2D.Double(w.x(x) - r, w.y(y) - r, 2 * r, 2 * r, 90, sweep,
                java.awt.geom.Arc2D.OPEN));
        double end = Math.toRadians(90 + sweep);
        double ex = w.x(x) + Math.cos(end) * r;
        double ey = w.y(y) - Math.sin(end) * r;
        double dir = end + Math.signum(sweep) * Math.PI / 2;
        double head = Math.max(6, r / 3.5);
        Path2D.Double tri = new Path2D.Double();
        tri.moveTo(ex + Math.cos(dir) * head * 0.6, ey - Math.sin(dir) * head * 0.6);
        tri.lineTo(ex + Math.cos(dir + 2.4) * head * 0.6, ey - Math.sin(dir + 2.4) * head * 0.6);
        tri.lineTo(ex + Math.cos(dir - 2.4) * head * 0.6, ey - Math.sin(dir - 2.4) * head * 0.6);
        tri.closePath();
        g.fill(tri);
    }

    /** Bodies (cart, masses): dark on the light figure, light on the dark one. */
    private static Color body(Graphics2D g) {
        return PaintKit.style(g).dark() ? BODY_ON_DARK : BODY;
    }

    /** Rails, ground and arenas: a quiet line on either palette. */
    private static Color ground(Graphics2D g) {
        return PaintKit.style(g).dark() ? GROUND_ON_DARK : GROUND;
    }
}
