package io.fpolab.ui.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.ui.paint.Painter;
import java.awt.Color;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The canvas paints off the FX thread, shows the painter's pixels, and paints only the latest of a burst. */
class PainterCanvasTest extends FxRobot {
    private final ConcurrentLinkedQueue<Boolean> paintedOnFxThread = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void cleanup() throws Exception {
        FxToolkit.cleanupStages();
    }

    private Painter fill(Color c) {
        return (g, w, h) -> {
            paintedOnFxThread.add(Platform.isFxApplicationThread());
            g.setColor(c);
            g.fillRect(0, 0, w, h);
        };
    }

    private PainterCanvas show() throws Exception {
        PainterCanvas canvas = new PainterCanvas();
        FxToolkit.setupStage(s -> {
            s.setScene(new Scene(new StackPane(canvas), 300, 200));
            s.show();
        });
        return canvas;
    }

    private static int centrePixel(PainterCanvas canvas) throws Exception {
        WritableImage img = WaitForAsyncUtils.asyncFx(() -> canvas.snapshot(null, null)).get(10, TimeUnit.SECONDS);
        return img.getPixelReader().getArgb((int) img.getWidth() / 2, (int) img.getHeight() / 2);
    }

    @Test
    void paintsOffTheFxThreadAndShowsThePaintersPixels() throws Exception {
        PainterCanvas canvas = show();
        WaitForAsyncUtils.asyncFx(() -> canvas.setPainter(fill(Color.RED))).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> canvas.paints() >= 1);
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(Color.RED.getRGB(), centrePixel(canvas));
        assertFalse(paintedOnFxThread.contains(true), "painted on the FX thread");
    }

    @Test
    void aBurstOfPaintersEndsShowingTheLastWithoutABacklog() throws Exception {
        PainterCanvas canvas = show();
        WaitForAsyncUtils.asyncFx(() -> {
            for (int i = 0; i < 50; i++) {
                canvas.setPainter(fill(new Color(0, 0, i)));
            }
            canvas.setPainter(fill(Color.GREEN));
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> centrePixel(canvas) == Color.GREEN.getRGB());

        // The first painter of the burst, perhaps, and the last: never all 51.
        long paints = WaitForAsyncUtils.asyncFx(canvas::paints).get(10, TimeUnit.SECONDS);
        assertTrue(paints <= 3, paints + " paints for a burst of 51 painters");
    }
}
