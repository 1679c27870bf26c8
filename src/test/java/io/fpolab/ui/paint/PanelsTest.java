package io.fpolab.ui.paint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A compared pair of plots is exported side by side in a wide image and one above the other in a tall one. */
class PanelsTest {
    private static Painter fill(Color c) {
        return (g, w, h) -> {
            g.setColor(c);
            g.fillRect(0, 0, w, h);
        };
    }

    @Test
    void fittedPanelsStackInATallImageAndSitSideBySideInAWideOne() {
        Painter pair = Panels.fitted(List.of(fill(Color.RED), fill(Color.BLUE)), ActionPlots.ASPECT);
        BufferedImage tall = Export.image(pair, 400, 800, 1.0);
        assertEquals(Color.RED.getRGB(), tall.getRGB(390, 10));
        assertEquals(Color.BLUE.getRGB(), tall.getRGB(10, 790), "second plot below the first");
        BufferedImage wide = Export.image(pair, 1200, 520, 1.0);
        assertEquals(Color.RED.getRGB(), wide.getRGB(10, 510));
        assertEquals(Color.BLUE.getRGB(), wide.getRGB(1190, 10), "second plot beside the first");
    }
}
