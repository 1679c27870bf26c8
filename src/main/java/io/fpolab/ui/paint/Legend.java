package io.fpolab.ui.paint;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * A key under a figure: items (a mark and its text) centred in rows that wrap when the panel is narrow.
 * Painters reserve {@link #height} before they lay out the figure above it, so the key never overlaps it.
 */
final class Legend {
    /** How an item is marked: a filled box (an area colour), a line (a path colour), a dot (a point colour). */
    enum Mark { BOX, LINE, DOT, CUSTOM }

    /** Draws a custom mark into the {@code w × h} box whose bottom-left corner is (x, y). */
    @FunctionalInterface
    interface Glyph {
        void draw(Graphics2D g, double x, double y, double w, double h);
    }

    /**
     * One entry of the key.
     *
     * @param width width of a custom glyph in units of the mark size (1 for the others)
     */
    record Item(Mark mark, Color color, String text, Glyph glyph, double width) {
        static Item box(Color c, String text) {
            return new Item(Mark.BOX, c, text, null, 1);
        }

        static Item line(Color c, String text) {
            return new Item(Mark.LINE, c, text, null, 1);
        }

        static Item dot(Color c, String text) {
            return new Item(Mark.DOT, c, text, null, 1);
        }

        static Item custom(Glyph glyph, double width, String text) {
            return new Item(Mark.CUSTOM, null, text, glyph, width);
        }
    }

    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

    private Legend() {
    }

    private static Font font(float base) {
        return PaintKit.font(base * 0.85f, false);
    }

    private static double itemWidth(Item it, float base) {
        return base * 0.9 * it.width() + base * 0.4 + font(base).getStringBounds(it.text(), FRC).getWidth();
    }

    /** The items split into rows no wider than {@code width}. */
    private static List<List<Item>> rows(List<Item> items, double width, float base) {
        List<List<Item>> rows = new ArrayList<>();
        List<Item> row = new ArrayList<>();
        double used = 0;
        for (Item it : items) {
            double w = itemWidth(it, base) + base;
            if (!row.isEmpty() && used + w > width - base * 0.6) {
                rows.add(row);
                row = new ArrayList<>();
                used = 0;
            }
            row.add(it);
            used += w;
        }
        if (!row.isEmpty()) {
            rows.add(row);
        }
        return rows;
    }

    /** Height the key of {@code items} takes in a panel {@code width} wide. */
    static double height(List<Item> items, double width, float base) {
        return rows(items, width, base).size() * base * 1.5;
    }

    /** Draws the key with its first row's baseline at {@code y}, rows centred in {@code width}. */
    static void paint(Graphics2D g, List<Item> items, double y, double width, float base) {
        g.setFont(font(base));
        double sw = base * 0.9;
        for (List<Item> row : rows(items, width, base)) {
            double total = -base;
            for (Item it : row) {
                total += itemWidth(it, base) + base;
            }
            double x = Math.max(base * 0.3, (width - total) / 2);
            for (Item it : row) {
                double mw = sw * it.width();
                switch (it.mark()) {
                    case BOX -> {
                        g.setColor(it.color());
                        g.fill(new Rectangle2D.Double(x, y - sw * 0.8, sw, sw * 0.8));
                    }
                    case LINE -> {
                        g.setColor(it.color());
                        g.setStroke(PaintKit.stroke(Math.max(2, base / 5)));
                        g.draw(new Line2D.Double(x, y - sw * 0.35, x + sw, y - sw * 0.35));
                    }
                    case DOT -> {
                        g.setColor(it.color());
                        double r = sw * 0.32;
                        g.fill(new Ellipse2D.Double(x + sw / 2 - r, y - sw * 0.35 - r, 2 * r, 2 * r));
                    }
                    case CUSTOM -> it.glyph().draw(g, x, y + sw * 0.1, mw, sw);
                }
                g.setFont(font(base));
                g.setColor(PaintKit.style(g).ink());
                x += mw + base * 0.4;
                x += PaintKit.text(g, it.text(), x, y, PaintKit.Align.LEFT) + base;
            }
            y += base * 1.5;
        }
    }
}
