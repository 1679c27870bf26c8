package io.fpolab.ui.views;

import io.fpolab.ui.paint.PaintKit;
import io.fpolab.ui.paint.Painter;
import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Region;
import org.jfree.fx.FXGraphics2D;

/**
 * A resizable JavaFX node that shows a {@link Painter} through FXGraphics2D — the same Java2D code
 * that writes the PNG and SVG exports draws on screen.
 */
public final class PainterCanvas extends Region {
    private final Canvas canvas = new Canvas();
    private final FXGraphics2D g2;
    private Painter painter;
    private boolean dirty;

    public PainterCanvas() {
        getChildren().add(canvas);
        g2 = new FXGraphics2D(canvas.getGraphicsContext2D());
        setMinSize(80, 80);
        setPrefSize(480, 420);
        getStyleClass().add("painter-canvas");
    }

    /**
     * Shows {@code p} (null: blank). Drawing waits for the next layout pass, so a burst of updates
     * (an animation, a slider drag) costs one repaint per frame, never a backlog on the FX thread.
     */
    public void setPainter(Painter p) {
        painter = p;
        dirty = true;
        requestLayout();
    }

    public Painter painter() {
        return painter;
    }

    @Override
    protected void layoutChildren() {
        double w = Math.floor(getWidth());
        double h = Math.floor(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            dirty = true;
        }
        if (dirty) {
            dirty = false;
            redraw();
        }
    }

    private void redraw() {
        int w = (int) canvas.getWidth();
        int h = (int) canvas.getHeight();
        canvas.getGraphicsContext2D().clearRect(0, 0, w, h);
        if (painter == null || w < 2 || h < 2) {
            return;
        }
        PaintKit.background(g2, w, h);
        painter.paint(g2, w, h);
    }
}
