package io.fpolab.ui.views;

import io.fpolab.ui.util.FxRelay;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;

/**
 * Bounded-rate refresh of a view from its run (its copy's thread, {@link io.fpolab.train.TrainingRun#submitOnCopy}). At most one request is in flight; a
 * tick is skipped while the previous one runs. A request is made when the inputs changed
 * ({@link #invalidate}) or, while {@code live} holds (the run is training), at every tick. Results are
 * applied on the FX thread; the FX thread never waits for the trainer.
 */
final class Refresher {
    private final Timeline timeline;
    private final BooleanSupplier live;
    private final Supplier<CompletableFuture<Runnable>> request;
    private final Consumer<Throwable> onError;
    private boolean active;
    private boolean inFlight;
    private boolean dirty = true;

    /**
     * @param hz      ticks per second
     * @param request makes the trainer-thread request and returns what to run on the FX thread with its
     *                result, or null when there is nothing to ask
     */
    Refresher(double hz, BooleanSupplier live, Supplier<CompletableFuture<Runnable>> request, Consumer<Throwable> onError) {
        this.live = live;
        this.request = request;
        this.onError = onError;
        timeline = new Timeline(new KeyFrame(Duration.seconds(1 / hz), e -> tick()));
        timeline.setCycleCount(Timeline.INDEFINITE);
    }

    /** Starts or stops ticking (a hidden view or one without a run is inactive). */
    void setActive(boolean on) {
        if (on == active) {
            return;
        }
        active = on;
        if (on) {
            timeline.play();
            tick();
        } else {
            timeline.stop();
        }
    }

    /** The inputs changed: refresh at the next chance (right now if idle). */
    void invalidate() {
        dirty = true;
        if (active) {
            tick();
        }
    }

    boolean inFlight() {
        return inFlight;
    }

    private void tick() {
        if (!active || inFlight || (!dirty && !live.getAsBoolean())) {
            return;
        }
        CompletableFuture<Runnable> f = request.get();
        dirty = false;
        if (f == null) {
            return;
        }
        inFlight = true;
        f.whenComplete((apply, error) -> FxRelay.later(() -> {
            inFlight = false;
            if (error != null) {
                onError.accept(error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error);
            } else if (apply != null) {
                apply.run();
            }
        }));
    }
}
