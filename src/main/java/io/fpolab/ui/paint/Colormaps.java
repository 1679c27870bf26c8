package io.fpolab.ui.paint;

import java.awt.Color;

/**
 * Colour scales: viridis (perceptually uniform, colour-blind safe) for densities, a grey ramp for
 * value maps (so direction-coloured arrows stay readable on top), hue-by-angle for directions, and a
 * fixed palette for goal regions and episode outcomes.
 */
public final class Colormaps {
    /** Colour of episodes that ended on a death cell. */
    public static final Color DEATH = new Color(0xC0392B);
    /** Colour of episodes that hit the time limit. */
    public static final Color TIMEOUT = new Color(0x8A8F98);
    /** Wall cells. */
    public static final Color WALL = new Color(0x3A3D45);
    /** Walkable cells. */
    public static final Color EMPTY = new Color(0xF7F7F5);
    /** Accent for selections. */
    public static final Color ACCENT = new Color(0xE4007C);

    // Region colours: bottom band orange, top band blue (the paper's two modes), then more distinct hues.
    private static final Color[] REGIONS = {new Color(0xE66101), new Color(0x3B6FD8), new Color(0x1B9E77),
        new Color(0x7570B3), new Color(0xD4A106), new Color(0x66A61E), new Color(0xA6761D)};

    // Polynomial fit of matplotlib's viridis (max error well below one 8-bit step).
    private static final double[][] VIRIDIS = {
        {0.2777273272234177, 0.005407344544966578, 0.3340998053353061},
        {0.1050930431085774, 1.404613529898575, 1.384590162594685},
        {-0.3308618287255563, 0.214847559468213, 0.09509516302823659},
        {-4.634230498983486, -5.799100973351585, -19.33244095627987},
        {6.228269936347081, 14.17993336680509, 56.69055260068105},
        {4.776384997670288, -13.74514537774601, -65.35303263337234},
        {-5.435455855934631, 4.645852612178535, 26.3124352495832}};

    private static final Color[] VIRIDIS_LUT = new Color[256];

    static {
        for (int i = 0; i < 256; i++) {
            double t = i / 255.0;
            double[] c = new double[3];
            for (int ch = 0; ch < 3; ch++) {
                double v = 0;
                for (int k = VIRIDIS.length - 1; k >= 0; k--) {
                    v = v * t + VIRIDIS[k][ch];
                }
                c[ch] = Math.max(0, Math.min(1, v));
            }
            VIRIDIS_LUT[i] = new Color((float) c[0], (float) c[1], (float) c[2]);
        }
    }

    private Colormaps() {
    }

    /** Viridis at {@code t ∈ [0, 1]} (clamped): dark purple → teal → yellow. */
    public static Color viridis(double t) {
        return VIRIDIS_LUT[index(t)];
    }

    /** Grey ramp for value maps: white at 0, mid grey at 1. */
    public static Color greys(double t) {
        int v = 250 - (int) Math.round(140 * clamp01(t));
        return new Color(v, v, v);
    }

    /**
     * Hue by angle (radians, 0 = right, counter-clockwise): the colour of a direction. The hue circle
     * is turned so that up is blue and down orange, the colours of the top and bottom goal bands.
     */
    public static Color direction(double angle) {
        double hue = angle / (2 * Math.PI) + 0.37;
        hue -= Math.floor(hue);
        return Color.getHSBColor((float) hue, 0.8f, 0.82f);
    }

    /** Colour of goal region {@code r}. */
    public static Color region(int r) {
        return REGIONS[Math.floorMod(r, REGIONS.length)];
    }

    /** Goal cell fill: a green whose depth follows the reward relative to the largest goal reward. */
    public static Color goal(double reward, double maxReward) {
        double t = maxReward > 0 ? clamp01(reward / maxReward) : 1;
        return blend(new Color(0xC7E9C0), new Color(0x238B45), 0.35 + 0.65 * t);
    }

    /** Linear blend from {@code a} (t = 0) to {@code b} (t = 1). */
    public static Color blend(Color a, Color b, double t) {
        double u = clamp01(t);
        return new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * u),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * u),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * u));
    }

    /** {@code c} with alpha {@code a ∈ [0, 1]}. */
    public static Color alpha(Color c, double a) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * clamp01(a)));
    }

    private static int index(double t) {
        return (int) Math.round(255 * clamp01(t));
    }

    private static double clamp01(double t) {
        return Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t));
    }
}
