package io.fpolab.ui.paint;

import java.awt.Graphics2D;
import java.util.List;

/** Composes painters: a row of panels with relative widths, optionally under a figure title. */
public final class Panels {
    private Panels() {
    }

    /** Panels side by side; {@code weights[i]} is panel i's share of the width. */
    public static Painter row(List<Painter> panels, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double sum = total;
        return (g, width, height) -> {
            double x = 0;
            for (int i = 0; i < panels.size(); i++) {
                int w = (int) Math.round(width * weights[i] / sum);
                Graphics2D c = (Graphics2D) g.create();
                c.translate((int) Math.round(x), 0);
                c.clipRect(0, 0, w, height);
                panels.get(i).paint(c, w, height);
                c.dispose();
                x += width * weights[i] / sum;
            }
        };
    }

    /** Panels of equal width side by side. */
    public static Painter row(List<Painter> panels) {
        double[] w = new double[panels.size()];
        java.util.Arrays.fill(w, 1);
        return row(panels, w);
    }

    /**
     * Whether {@code n} equal panels of width/height {@code aspect} are drawn larger one above the other than
     * side by side in a {@code width × height} area (a panel's scale: the largest height whose aspect box fits).
     */
    public static boolean stackIsLarger(double width, double height, int n, double aspect) {
        return n > 1 && Math.min(width / aspect, height / n) > Math.min(width / n / aspect, height);
    }

    /** Panels of equal size side by side or one above the other, whichever draws each larger at the size painted. */
    public static Painter fitted(List<Painter> panels, double aspect) {
        Painter row = row(panels);
        Painter column = grid(panels, 1);
        return (g, width, height) -> (stackIsLarger(width, height, panels.size(), aspect) ? column : row)
                .paint(g, width, height);
    }

    /** Panels of equal size in a grid of {@code cols} columns, filled row by row. */
    public static Painter grid(List<Painter> panels, int cols) {
        int rows = (panels.size() + cols - 1) / cols;
        return (g, width, height) -> {
            for (int i = 0; i < panels.size(); i++) {
                int x0 = (int) Math.round((double) width * (i % cols) / cols);
                int x1 = (int) Math.round((double) width * (i % cols + 1) / cols);
                int y0 = (int) Math.round((double) height * (i / cols) / rows);
                int y1 = (int) Math.round((double) height * (i / cols + 1) / rows);
                Graphics2D c = (Graphics2D) g.create();
                c.translate(x0, y0);
                c.clipRect(0, 0, x1 - x0, y1 - y0);
                panels.get(i).paint(c, x1 - x0, y1 - y0);
                c.dispose();
            }
        };
    }

    /** {@code body} under a bold title line. */
    public static Painter titled(String title, String subtitle, Painter body) {
        return (g, width, height) -> {
            PaintKit.prepare(g);
            float base = PaintKit.baseSize(g, width, height) * 1.1f;
            double top = PaintKit.title(g, title, subtitle, width, base);
            Graphics2D c = (Graphics2D) g.create();
            c.translate(0, (int) Math.round(top));
            int h = height - (int) Math.round(top);
            c.clipRect(0, 0, width, h);
            body.paint(c, width, h);
            c.dispose();
        };
    }
}
