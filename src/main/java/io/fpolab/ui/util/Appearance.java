package io.fpolab.ui.util;

/**
 * How the lab currently looks: the dark theme and presentation mode (full screen, larger fonts,
 * thicker lines for a projector). Views that draw their own pixels (charts) follow it.
 *
 * @param dark         dark theme
 * @param presentation presentation mode
 */
public record Appearance(boolean dark, boolean presentation) {
    public static final Appearance DEFAULT = new Appearance(false, false);

    /** Views that draw with their own colors and fonts implement this to follow the theme. */
    public interface Aware {
        void setAppearance(Appearance appearance);
    }
}
