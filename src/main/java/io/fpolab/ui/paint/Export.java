package io.fpolab.ui.paint;

import io.fpolab.core.AtomicFiles;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jfree.svg.SVGGraphics2D;

/**
 * Renders a {@link Painter} to a PNG (any size and pixel scale) or to SVG, headless. Files are always
 * painted in {@link PaintStyle#LIGHT} — the light figure at normal size — whatever theme or presentation
 * mode the lab shows: an exported figure goes into papers and slides, where it should look the same
 * whoever exported it. The on-screen canvas paints with its own style through
 * {@link #image(Painter, PaintStyle, int, int, double, int, int, int)}.
 */
public final class Export {
    private Export() {
    }

    /**
     * The painter on a white {@code width × height} canvas, {@code scale} pixels per unit (2 gives a
     * sharp image for print at the same layout).
     */
    public static BufferedImage image(Painter painter, int width, int height, double scale) {
        return image(painter, width, height, scale, (int) Math.round(width * scale), (int) Math.round(height * scale),
                BufferedImage.TYPE_INT_RGB);
    }

    /**
     * Paints {@code painter} at {@code width × height} points, {@code scale} pixels per point, into a new
     * image of {@code pw × ph} pixels (at least 1 × 1) of the given {@link BufferedImage} type.
     */
    public static BufferedImage image(Painter painter, int width, int height, double scale, int pw, int ph, int type) {
        return image(painter, PaintStyle.LIGHT, width, height, scale, pw, ph, type);
    }

    /** As {@link #image(Painter, int, int, double, int, int, int)}, painted in {@code style}. */
    public static BufferedImage image(Painter painter, PaintStyle style, int width, int height, double scale, int pw,
            int ph, int type) {
        BufferedImage img = new BufferedImage(Math.max(1, pw), Math.max(1, ph), type);
        Graphics2D g = img.createGraphics();
        try {
            PaintKit.withStyle(g, style);
            g.scale(scale, scale);
            PaintKit.background(g, width, height);
            painter.paint(g, width, height);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Writes a PNG of {@code width × height} pixels. */
    public static void png(Painter painter, Path file, int width, int height) throws IOException {
        png(painter, file, width, height, 1.0);
    }

    /**
     * Writes a PNG of the painter laid out at {@code width × height}, rendered at {@code scale}, atomically
     * ({@link AtomicFiles}): a failed write leaves no partial file.
     */
    public static void png(Painter painter, Path file, int width, int height, double scale) throws IOException {
        png(painter, file, width, height, scale, 0);
    }

    /**
     * As {@link #png(Painter, Path, int, int, double)} with base text of {@code fontSize} points (0: sized from
     * the figure), so a figure's text matches the paper it goes into.
     */
    public static void png(Painter painter, Path file, int width, int height, double scale, double fontSize)
            throws IOException {
        createParent(file);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BufferedImage img = image(painter, PaintStyle.LIGHT.withFontSize(fontSize), width, height, scale,
                (int) Math.round(width * scale), (int) Math.round(height * scale), BufferedImage.TYPE_INT_RGB);
        if (!ImageIO.write(img, "png", bytes)) {
            throw new IOException("no PNG writer available");
        }
        AtomicFiles.write(file, bytes.toByteArray());
    }

    /** The painter as an SVG document. */
    public static String svg(Painter painter, int width, int height) {
        return svg(painter, width, height, 0);
    }

    /** The painter as an SVG document, with base text of {@code fontSize} points (0: sized from the figure). */
    public static String svg(Painter painter, int width, int height, double fontSize) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        PaintKit.withStyle(g, PaintStyle.LIGHT.withFontSize(fontSize));
        PaintKit.background(g, width, height);
        painter.paint(g, width, height);
        return g.getSVGDocument();
    }

    /** Writes an SVG file atomically. */
    public static void svg(Painter painter, Path file, int width, int height) throws IOException {
        svg(painter, file, width, height, 0);
    }

    /** Writes an SVG file atomically, with base text of {@code fontSize} points (0: sized from the figure). */
    public static void svg(Painter painter, Path file, int width, int height, double fontSize) throws IOException {
        createParent(file);
        AtomicFiles.write(file, svg(painter, width, height, fontSize));
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
