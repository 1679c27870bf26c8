package io.fpolab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.cli.LabCommand;
import io.fpolab.ui.views.ViewCatalog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** {@code fpo-lab screenshots} writes one full-window PNG per view tab, plus the GridWorld value map. */
class ScreenshotsTest {
    @Test
    void writesOnePngPerTabAndTheValueMap() throws Exception {
        FxToolkit.registerPrimaryStage();
        Path out = LabFixture.tmp("shots");
        StringWriter err = new StringWriter();
        int code = LabCommand.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "screenshots", "--out", out.toString(), "--steps", "4096");
        assertEquals(0, code, err.toString());
        int tabs = ViewCatalog.create().size();
        try (var files = Files.list(out)) {
            // Every tab, and the GridWorld tab again with its value map.
            assertEquals(tabs + 1, files.filter(p -> p.toString().endsWith(".png")).count(), err.toString());
        }
        assertTrue(Files.exists(out.resolve("gridworld-value-map.png")), err.toString());
        var img = ImageIO.read(out.resolve("training-curves.png").toFile());
        // Under the test's Monocle screen (1280×800) the window is as large as the screen allows.
        assertTrue(img.getWidth() >= 1280 && img.getHeight() >= 800, img.getWidth() + "×" + img.getHeight());
        assertTrue(err.toString().contains("wrote"), err.toString());
    }
}
