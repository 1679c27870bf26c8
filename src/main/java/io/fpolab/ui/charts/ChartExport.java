package io.fpolab.ui.charts;

import io.fpolab.core.AtomicFiles;
import io.fpolab.ui.charts.MetricsChartModel.ChartData;
import io.fpolab.ui.charts.MetricsChartModel.RunData;
import io.fpolab.ui.charts.MetricsChartModel.XAxis;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/**
 * Writes charts as PNG (at a DPI scale, so text stays sharp on slides) and SVG (JFreeSVG), always
 * atomically ({@link AtomicFiles}). Runs on background threads. It draws the chart it is given; the lab
 * exports charts styled {@code PaintStyle.LIGHT} (light, normal size) whatever the window shows.
 */
public final class ChartExport {
    private ChartExport() {
    }

    /** Renders {@code chart} at {@code width × height} logical pixels times {@code scale}. */
    public static void png(JFreeChart chart, Path file, int width, int height, double scale) throws IOException {
        BufferedImage img = new BufferedImage((int) Math.round(width * scale), (int) Math.round(height * scale),
                BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.scale(scale, scale);
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g.dispose();
        }
        writePng(img, file);
    }

    /**
     * The training-curves chart of {@code runs} as the Curves tab exports it: light, titled with the metric, one
     * band (mean ± std over seeds) per group of runs that differ only in their seed when {@code bands}, else one
     * curve per run; any thread.
     *
     * @param smoothing exponential smoothing weight in [0, 1), 0 for none (raw values then drawn faint)
     */
    public static JFreeChart curves(List<RunData> runs, String metric, XAxis axis, boolean bands, double smoothing) {
        ChartData data = MetricsChartModel.compute(runs, metric, axis, bands);
        if (smoothing > 0) {
            data = MetricsChartModel.smoothed(data, smoothing);
        }
        return CurvesPlot.exportChart(new CurvesPlot.Frame(data, Set.of(), false, smoothing), null, null, 0);
    }

    /**
     * Writes {@link #curves} to {@code file}: SVG when its name ends in ".svg", else PNG at twice
     * {@code width × height} (sharp in print).
     */
    public static void writeCurves(List<RunData> runs, String metric, XAxis axis, boolean bands, double smoothing,
            Path file, int width, int height) throws IOException {
        JFreeChart chart = curves(runs, metric, axis, bands, smoothing);
        if (String.valueOf(file.getFileName()).toLowerCase(java.util.Locale.ROOT).endsWith(".svg")) {
            svg(chart, file, width, height);
        } else {
            png(chart, file, width, height, 2);
        }
    }

    /** Writes {@code chart} as an SVG document of {@code width × height}. */
    public static void svg(JFreeChart chart, Path file, int width, int height) throws IOException {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        AtomicFiles.write(file, g.getSVGDocument());
    }

    /** Encodes {@code img} as PNG and writes it atomically ({@link AtomicFiles}). */
    public static void writePng(BufferedImage img, Path file) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        if (!ImageIO.write(img, "png", png)) {
            throw new IOException("no PNG encoder available");
        }
        AtomicFiles.write(file, png.toByteArray());
    }
}
