package io.fpolab.ui.util;

import io.fpolab.ui.paint.PaintStyle;

/**
 * How the lab currently looks: the dark theme and presentation mode (full screen, larger fonts,
 * thicker lines, the side panel collapsed, for a projector). The main window applies it as stylesheets
 * and the {@code presentation} style class on its root; painted views follow it through their canvas's CSS
 * properties ({@code PainterCanvas}), which turn it into a {@link PaintStyle}, and views drawn otherwise (the
 * training-curves chart) through {@link Aware}.
 *
 * @param dark         dark theme
 * @param presentation presentation mode
 */
public record Appearance(boolean dark, boolean presentation) {
    public static final Appearance DEFAULT = new Appearance(false, false);

    /** The palette and size factor painters draw with in this appearance. */
    public PaintStyle paintStyle() {
        return PaintStyle.of(dark, presentation);
    }

    /**
     * Views that draw with their own colors and fonts outside a {@code PainterCanvas} implement this to
     * follow the theme; the main window calls it on every change.
     */
    public interface Aware {
        void setAppearance(Appearance appearance);
    }
}
