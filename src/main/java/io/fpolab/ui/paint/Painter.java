package io.fpolab.ui.paint;

import java.awt.Graphics2D;

/**
 * Something that draws itself into a {@code width × height} area of a Java2D context whose origin is
 * the area's top-left corner. The same painter draws on screen (into an image on a background
 * thread), into PNGs and into SVG, so every figure the lab shows can be exported exactly as seen. It
 * must only read immutable data: on screen it paints off the FX thread.
 */
@FunctionalInterface
public interface Painter {
    void paint(Graphics2D g, int width, int height);
}
