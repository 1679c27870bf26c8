package io.fpolab.ui.views;

import io.fpolab.ui.paint.Export;
import io.fpolab.ui.paint.PaintStyle;
import io.fpolab.ui.paint.Painter;
import io.fpolab.ui.util.FxRelay;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javafx.css.CssMetaData;
import javafx.css.SimpleStyleableBooleanProperty;
import javafx.css.StyleConverter;
import javafx.css.Styleable;
import javafx.css.StyleableBooleanProperty;
import javafx.css.StyleableProperty;
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
 *
 * <p>The theme and presentation mode reach the painter through CSS: the canvas has the properties
 * {@code -fpo-paint-dark} and {@code -fpo-paint-presentation} (style class {@code painter-canvas}), which
 * the lab's stylesheets set for the dark theme and presentation mode. Every canvas in the window — in any
 * view — so follows the theme without being told, and repaints when it changes. Each paint gets the
 * {@link PaintStyle} of that moment as an immutable value on its own {@code Graphics2D}.
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
    private PaintStyle painted = PaintStyle.LIGHT;

    private static final CssMetaData<PainterCanvas, Boolean> DARK = flag("-fpo-paint-dark", c -> c.dark);
    private static final CssMetaData<PainterCanvas, Boolean> PRESENTATION = flag("-fpo-paint-presentation",
            c -> c.presentation);

    /** A boolean CSS property of the canvas, settable from a stylesheet unless bound in code. */
    private static CssMetaData<PainterCanvas, Boolean> flag(String name,
            java.util.function.Function<PainterCanvas, StyleableBooleanProperty> property) {
        return new CssMetaData<>(name, StyleConverter.getBooleanConverter(), false) {
            @Override
            public boolean isSettable(PainterCanvas c) {
                return !property.apply(c).isBound();
            }

            @Override
            public StyleableProperty<Boolean> getStyleableProperty(PainterCanvas c) {
                return property.apply(c);
            }
        };
    }

    private static final List<CssMetaData<? extends Styleable, ?>> CSS_META_DATA;

    static {
        List<CssMetaData<? extends Styleable, ?>> all = new ArrayList<>(Region.getClassCssMetaData());
        all.add(DARK);
        all.add(PRESENTATION);
        CSS_META_DATA = Collections.unmodifiableList(all);
    }

    private final StyleableBooleanProperty dark = new SimpleStyleableBooleanProperty(DARK, this, "paintDark", false);
    private final StyleableBooleanProperty presentation = new SimpleStyleableBooleanProperty(PRESENTATION, this,
            "paintPresentation", false);

    public PainterCanvas() {
        getChildren().add(view);
        view.setSmooth(true);
        setMinSize(80, 80);
        setPrefSize(480, 420);
        getStyleClass().add("painter-canvas");
        dark.addListener((obs, old, now) -> schedule());
        presentation.addListener((obs, old, now) -> schedule());
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS_META_DATA;
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return CSS_META_DATA;
    }

    /** The style paints use now: the theme and presentation mode as the stylesheets set them (FX thread). */
    public PaintStyle style() {
        return PaintStyle.of(dark.get(), presentation.get());
    }

    /** The style of the image on screen: clicks map to what was painted in it (e.g. a GridWorld cell). */
    public PaintStyle paintedStyle() {
        return painted;
    }

    private static ExecutorService paintThread() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "lab-painter");
            t.setDaemon(true);
            // Explicit: a new thread inherits its creator's priority, and that may be a low-priority trainer.
            t.setPriority(Thread.NORM_PRIORITY);
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
        PaintStyle style = style();
        inFlight = true;
        pending = false;
        CompletableFuture.supplyAsync(() -> render(p, style, w, h, scale), PAINT_THREAD)
                .whenComplete((img, error) -> FxRelay.later(() -> {
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
                        painted = style;
                        paints++;
                    }
                    boolean resized = (int) Math.floor(getWidth()) != w || (int) Math.floor(getHeight()) != h;
                    if (pending || painter != p || resized || !style.equals(style())) {
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
    private static WritableImage render(Painter p, PaintStyle style, int w, int h, double scale) {
        BufferedImage img = Export.image(p, style, w, h, scale, (int) Math.ceil(w * scale), (int) Math.ceil(h * scale),
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
