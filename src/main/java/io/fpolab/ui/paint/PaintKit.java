package io.fpolab.ui.paint;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Rectangle2D;
import java.util.Locale;

/**
 * Shared drawing helpers of the painters: rendering hints, a type scale that follows the panel size,
 * aligned text and where a colour bar goes (axes, ticks and colour bars themselves are JFreeChart's, through
 * {@link ChartKit}). Keeping them in one place keeps every figure of the lab in one visual style.
 *
 * <p>Sizes and colours follow the {@link PaintStyle} that whoever paints puts on the {@code Graphics2D}
 * ({@link #withStyle}); {@link #style} reads it back, {@link PaintStyle#LIGHT} when there is none.
 */
public final class PaintKit {
    /** Text colour of titles and labels on the light palette ({@link PaintStyle#ink()} follows the theme). */
    public static final Color INK = PaintStyle.LIGHT.ink();
    /** Text colour of secondary labels on the light palette ({@link PaintStyle#muted()}). */
    public static final Color MUTED = PaintStyle.LIGHT.muted();
    /** Axis frame colour on the light palette ({@link PaintStyle#frame()}). */
    public static final Color FRAME = PaintStyle.LIGHT.frame();

    /** The rendering hint that carries a paint's {@link PaintStyle} on its {@code Graphics2D} (and its copies). */
    public static final RenderingHints.Key STYLE = new RenderingHints.Key(0x46504F) {
        @Override
        public boolean isCompatibleValue(Object value) {
            return value instanceof PaintStyle;
        }
    };

    private PaintKit() {
    }

    /** Horizontal anchor of a text. */
    public enum Align { LEFT, CENTER, RIGHT }

    /** Anti-aliasing for shapes and text, pure strokes (sharp 1-px lines in PNGs). */
    public static void prepare(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    }

    /** Puts {@code style} on {@code g}: everything painted on it (and on its copies) follows the style. */
    public static void withStyle(Graphics2D g, PaintStyle style) {
        g.setRenderingHint(STYLE, style);
    }

    /** The style {@code g} paints with ({@link PaintStyle#LIGHT} when none was put on it). */
    public static PaintStyle style(Graphics2D g) {
        return g.getRenderingHint(STYLE) instanceof PaintStyle s ? s : PaintStyle.LIGHT;
    }

    /** Fills the area with the style's background (figures have an opaque background). */
    public static void background(Graphics2D g, int width, int height) {
        g.setColor(style(g).background());
        g.fill(new Rectangle2D.Double(0, 0, width, height));
    }

    /** Base font size of a panel at normal size: readable on a small tab and in a large export alike. */
    public static float baseSize(int width, int height) {
        return (float) Math.max(9, Math.min(18, Math.min(width, height) / 32.0));
    }

    /**
     * Base font size of a panel in {@code style}. At normal size it is {@link #baseSize(int, int)}; a scaled
     * style (presentation mode) draws at the largest normal size times the scale, as far as a 12th of the
     * panel's shorter side allows, and never below normal. Aiming at the largest size rather than the
     * panel's own normal size keeps text at twice its normal size although presentation mode's larger
     * toolbars leave the panel a little shorter; the limit keeps room for the plot in a small panel. A style
     * with a {@link PaintStyle#fontSize()} (an export that asked for one) uses that size.
     */
    public static float baseSize(PaintStyle style, int width, int height) {
        if (style.fontSize() > 0) {
            return (float) style.fontSize();
        }
        float normal = baseSize(width, height);
        if (style.scale() == 1) {
            return normal;
        }
        return (float) Math.max(normal, Math.min(18 * style.scale(), Math.min(width, height) / 12.0));
    }

    /** Base font size of a panel painted on {@code g} ({@link #baseSize(PaintStyle, int, int)} of its style). */
    public static float baseSize(Graphics2D g, int width, int height) {
        return baseSize(style(g), width, height);
    }

    public static Font font(float size, boolean bold) {
        return new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 12).deriveFont(size);
    }

    /** Draws {@code text} with its baseline at {@code y}; returns the advance width. */
    public static double text(Graphics2D g, String text, double x, double y, Align align) {
        FontMetrics fm = g.getFontMetrics();
        double w = fm.getStringBounds(text, g).getWidth();
        double left = switch (align) {
            case LEFT -> x;
            case CENTER -> x - w / 2;
            case RIGHT -> x - w;
        };
        g.drawString(text, (float) left, (float) y);
        return w;
    }

    /** Draws {@code text} rotated 90° counter-clockwise, centred on (x, y) (y-axis labels). */
    public static void verticalText(Graphics2D g, String text, double x, double y) {
        // Turn and restore the same Graphics rather than draw on a create()d copy: FXGraphics2D's copies share
        // one GraphicsContext, and after such a copy was disposed everything drawn later was lost.
        java.awt.geom.AffineTransform saved = g.getTransform();
        g.translate(x, y);
        g.rotate(-Math.PI / 2);
        text(g, text, 0, 0, Align.CENTER);
        g.setTransform(saved);
    }

    /**
     * Title (bold) and optional subtitle at the top of a panel; returns the height they use, which is
     * {@link #titleHeight} (computed from font sizes, so click mapping can repeat it without a Graphics). A line
     * wider than the panel is drawn in a smaller font in the same place, so a long run name is never cut off.
     */
    public static double title(Graphics2D g, String title, String subtitle, int width, float base) {
        double y = 0;
        if (title != null && !title.isEmpty()) {
            g.setFont(fitted(g, title, font(base * 1.2f, true), width - base));
            g.setColor(style(g).ink());
            y += base * 1.2 + base * 0.5;
            text(g, title, width / 2.0, y, Align.CENTER);
        }
        if (subtitle != null && !subtitle.isEmpty()) {
            g.setFont(fitted(g, subtitle, font(base * 0.9f, false), width - base));
            g.setColor(style(g).muted());
            y += base * 0.9 + base * 0.4;
            text(g, subtitle, width / 2.0, y, Align.CENTER);
        }
        return titleHeight(title, subtitle, base);
    }

    /** {@code font}, made smaller if {@code text} would be wider than {@code room} in it. */
    private static Font fitted(Graphics2D g, String text, Font font, double room) {
        double w = font.getStringBounds(text, g.getFontRenderContext()).getWidth();
        if (w <= room || room <= 0) {
            return font;
        }
        return font.deriveFont((float) Math.max(4, font.getSize2D() * room / w));
    }

    /** Height {@link #title} uses. */
    public static double titleHeight(String title, String subtitle, float base) {
        double y = 0;
        if (title != null && !title.isEmpty()) {
            y += base * 1.7;
        }
        if (subtitle != null && !subtitle.isEmpty()) {
            y += base * 1.3;
        }
        return y + base * 0.6;
    }

    /** A number without trailing zeros in legend text ("0.5", "2", "-1.5", "1e+03" for large counts). */
    public static String shortNumber(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.3g", v);
        return s.contains("e") ? s : s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** A thin stroke scaled to the panel. */
    public static Stroke stroke(double width) {
        return new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /** A dashed stroke. */
    public static Stroke dashed(double width, double dash) {
        return new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {(float) dash, (float) dash}, 0f);
    }

    /** Width to reserve right of a plot for a colour bar ({@link ChartKit#colorbar}): gap, bar, ticks, tick labels, unit label. */
    public static double colorbarRoom(float base) {
        return base * 7.5;
    }

    /**
     * The bar's rectangle right of {@code plot}: it leaves room above for the title and spans down to the
     * plot's bottom edge.
     */
    public static Rectangle2D colorbarRect(Rectangle2D plot, float base) {
        double top = plot.getY() + base * 1.6;
        return new Rectangle2D.Double(plot.getMaxX() + base * 1.0, top, base * 1.3, Math.max(base, plot.getMaxY() - top));
    }

    /**
     * Text colour readable on a {@code fill} (a label on a colour-mapped cell): {@link #INK} on light
     * fills, white on dark ones, by the fill's relative luminance.
     */
    public static Color inkOn(Color fill) {
        double l = 0.2126 * linear(fill.getRed()) + 0.7152 * linear(fill.getGreen()) + 0.0722 * linear(fill.getBlue());
        // 0.18 is where white and INK text have about the same contrast with the fill.
        return l > 0.18 ? INK : Color.WHITE;
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    /** Formats a fraction as a percentage with one decimal. */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    /** A painter that shows a short message centred in the area (e.g. why a panel has nothing to show). */
    public static Painter message(String title, String text) {
        return (g, width, height) -> {
            prepare(g);
            float base = baseSize(g, width, height);
            g.setFont(font(base * 1.1f, true));
            g.setColor(style(g).ink());
            text(g, title, width / 2.0, height / 2.0 - base * 0.6, Align.CENTER);
            g.setFont(font(base * 0.9f, false));
            g.setColor(style(g).muted());
            text(g, text, width / 2.0, height / 2.0 + base * 1.0, Align.CENTER);
        };
    }
}
