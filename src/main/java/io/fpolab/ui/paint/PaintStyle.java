package io.fpolab.ui.paint;

import java.awt.Color;

/**
 * How a painter draws: a size factor for text, markers and line widths, and the light or dark palette.
 * The lab's painters read it through {@link PaintKit#style} from the {@code Graphics2D} they paint on,
 * so every paint carries its own immutable style: an on-screen paint in presentation mode on the paint
 * thread and a PNG export on another thread never see each other's settings, and painters keep their
 * one-method {@link Painter} shape.
 *
 * <p>{@link #LIGHT} is the look of exported figures and of any paint that was given no style.
 *
 * @param scale factor on the normal sizes of text, markers and lines ({@code 1} normal,
 *              {@link #PRESENTATION_SCALE} in presentation mode)
 * @param dark  the dark palette: dark background, light ink
 * @param fontSize base text size in points that an export asks for, or 0 to size text from the panel
 */
public record PaintStyle(double scale, boolean dark, double fontSize) {
    /** Smallest and largest base text size an export may ask for, in points. */
    public static final double MIN_FONT_SIZE = 6;
    public static final double MAX_FONT_SIZE = 72;

    /** Text, markers and lines in presentation mode are this many times their normal size (readable on a projector). */
    public static final double PRESENTATION_SCALE = 2.0;
    /** Normal size, light palette: exports and paints without a style. */
    public static final PaintStyle LIGHT = new PaintStyle(1, false);

    private static final Color LIGHT_BACKGROUND = Color.WHITE;
    private static final Color DARK_BACKGROUND = new Color(0x1E1F22);

    public PaintStyle {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("paint scale: " + scale + " (allowed: a positive number)");
        }
        if (fontSize != 0 && !(fontSize >= MIN_FONT_SIZE && fontSize <= MAX_FONT_SIZE)) {
            throw new IllegalArgumentException("font size: " + fontSize + " (allowed: 0 for automatic, or "
                    + (int) MIN_FONT_SIZE + " to " + (int) MAX_FONT_SIZE + " points)");
        }
    }

    /** Text sized from the panel. */
    public PaintStyle(double scale, boolean dark) {
        this(scale, dark, 0);
    }

    /** This style with base text of {@code points} (0: sized from the panel). */
    public PaintStyle withFontSize(double points) {
        return new PaintStyle(scale, dark, points);
    }

    /** The style of the lab's theme and presentation mode. */
    public static PaintStyle of(boolean dark, boolean presentation) {
        return new PaintStyle(presentation ? PRESENTATION_SCALE : 1, dark);
    }

    /** Whether this is presentation mode's size. */
    public boolean presentation() {
        return scale > 1;
    }

    /** A line width of {@code width} points at normal size, scaled. */
    public double line(double width) {
        return width * scale;
    }

    /** Figure background (also the JFreeChart background, so charts and painted views match). */
    public Color background() {
        return dark ? DARK_BACKGROUND : LIGHT_BACKGROUND;
    }

    /** Text colour of titles, labels and tick labels. */
    public Color ink() {
        return dark ? new Color(0xE3E5E8) : new Color(0x1F2328);
    }

    /** Text colour of secondary labels (subtitles, axis titles, footers). */
    public Color muted() {
        return dark ? new Color(0xA7ADB5) : new Color(0x5B616B);
    }

    /** Axis frames and tick marks. */
    public Color frame() {
        return dark ? new Color(0x7A8089) : new Color(0x9AA0A8);
    }

    /** Thin lines between cells and chart grid lines. */
    public Color gridLine() {
        return dark ? new Color(0x3A3D43) : new Color(0xDDE0E4);
    }

    /** Fill of empty areas inside a figure (walkable cells, a track), one step off the background. */
    public Color surface() {
        return dark ? new Color(0x2B2D32) : new Color(0xF7F7F5);
    }

    /** Fill of marked start cells. */
    public Color start() {
        return dark ? new Color(0x22395C) : new Color(0xDCEBFA);
    }

    /** Fill of walls and other solid bodies: dark on the light figure, light on the dark one. */
    public Color solid() {
        return dark ? new Color(0x8C939D) : new Color(0x3A3D45);
    }

    /** A translucent plate under text drawn over data (so it stays readable on any colour). */
    public Color plate() {
        Color b = background();
        return new Color(b.getRed(), b.getGreen(), b.getBlue(), 215);
    }

    /**
     * Grey ramp of value maps at {@code t ∈ [0, 1]}: from the walkable-cell colour at 0 towards mid grey
     * at 1, so low values blend with empty cells on both palettes and direction-coloured arrows stay
     * readable on top.
     */
    public Color valueGrey(double t) {
        double u = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t));
        int v = dark ? 44 + (int) Math.round(120 * u) : 250 - (int) Math.round(140 * u);
        return new Color(v, v, v);
    }
}
