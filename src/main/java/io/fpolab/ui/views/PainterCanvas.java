package io.fpolab.ui.views;

import io.fpolab.ui.paint.Export;
import io.fpolab.ui.paint.Painter;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.stage.Window;

/**
 * A resizable JavaFX node that shows a {@link Painter}. The painter draws with plain Java2D into an
 * image on a background thread — the same code and the same pixels as the PNG export — and the FX
 * thread only swaps the finished image in. A 25×25 GridWorld with arrows or a 60×60 heatmap costs
 * several milliseconds of Java2D; on the FX thread that showed up as dropped frames while training.
 *
 * <p>At most one paint per canvas is in flight: a burst of {@link #setPainter} calls (an animation, a
 * slider drag) paints the latest painter once the current paint ends, never a backlog. The old image
 * stays on screen until the new one is ready, so resizing and refreshing never flash blank.
 */
public final class PainterCanvas extends Region {
    /** One shared thread: paints are short, and one thread keeps them from competing with the trainers. */
    private static final ExecutorService PAINT_THREAD = paintThread();
    private static final System.Logger LOG = System.getLogger(PainterCanvas.class.getName());

    private final ImageView view = new ImageView();
    private Painter painter;
    private boolean inFlight;
    private boolean pending;
    private int shownWidth = -1;
    private int shownHeight = -1;
    private long paints;

    public PainterCanvas() {
        getChildren().add(view);
        view.setSmooth(true);
        setMinSize(80, 80);
        setPrefSize(480, 420);
        getStyleClass().add("painter-canvas");
    }

    private static ExecutorService paintThread() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "lab-painter");
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Shows {@code p} (null: blank) as soon as it is painted. */
    public void setPainter(Painter p) {
        painter = p;
        if (p == null) {
            view.setImage(null);
            shownWidth = -1;
        }
        schedule();
    }

    public Painter painter() {
        return painter;
    }

    /** Paints finished and shown so far (tests wait for the first). */
    public long paints() {
        return paints;
    }

    @Override
    protected void layoutChildren() {
        view.relocate(0, 0);
        if ((int) Math.floor(getWidth()) != shownWidth || (int) Math.floor(getHeight()) != shownHeight) {
            schedule();
        }
    }

    private void schedule() {
        if (inFlight) {
            pending = true;
            return;
        }
        Painter p = painter;
        int w = (int) Math.floor(getWidth());
        int h = (int) Math.floor(getHeight());
        if (p == null || w < 2 || h < 2) {
            return;
        }
        double scale = renderScale();
        inFlight = true;
        pending = false;
        CompletableFuture.supplyAsync(() -> render(p, w, h, scale), PAINT_THREAD)
                .whenComplete((img, error) -> Platform.runLater(() -> {
                    inFlight = false;
                    if (error != null) {
                        // Keep the last good image; a painter bug must not take the view down.
                        LOG.log(System.Logger.Level.WARNING, "painting failed", error);
                    } else if (painter != null) {
                        view.setImage(img);
                        view.setFitWidth(w);
                        view.setFitHeight(h);
                        shownWidth = w;
                        shownHeight = h;
                        paints++;
                    }
                    boolean resized = (int) Math.floor(getWidth()) != w || (int) Math.floor(getHeight()) != h;
                    if (pending || painter != p || resized) {
                        schedule();
                    }
                }));
    }

    /** Output scale of the window (2 on a HiDPI screen), so the image is sharp there too. */
    private double renderScale() {
        Window w = getScene() == null ? null : getScene().getWindow();
        return w == null ? 1 : Math.max(1, Math.max(w.getRenderScaleX(), w.getRenderScaleY()));
    }

    /** Paint thread: the painter into an FX image of {@code w × h} points at {@code scale} pixels per point. */
    private static WritableImage render(Painter p, int w, int h, double scale) {
        BufferedImage img = Export.image(p, w, h, scale, (int) Math.ceil(w * scale), (int) Math.ceil(h * scale),
                BufferedImage.TYPE_INT_ARGB_PRE);
        int[] pixels = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        // The image is not on screen yet, so filling it here, off the FX thread, is safe.
        int iw = img.getWidth();
        int ih = img.getHeight();
        WritableImage out = new WritableImage(iw, ih);
        out.getPixelWriter().setPixels(0, 0, iw, ih, PixelFormat.getIntArgbPreInstance(), pixels, 0, iw);
        return out;
    }
}
