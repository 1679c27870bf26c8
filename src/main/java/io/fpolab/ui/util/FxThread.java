package io.fpolab.ui.util;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.application.Platform;

/** Hops from a background thread to the FX thread for a short read of UI state. */
public final class FxThread {
    /** Generous: building the lab window on a machine whose cores are busy training takes well over 10 s. */
    static final int TIMEOUT_SECONDS = 120;

    private FxThread() {
    }

    /**
     * Returns {@code work}'s result computed on the FX thread (directly if already on it).
     *
     * @throws IllegalStateException if the FX thread does not answer within {@link #TIMEOUT_SECONDS} s or
     *                               {@code work} throws
     */
    public static <T> T call(Supplier<T> work) {
        if (Platform.isFxApplicationThread()) {
            return work.get();
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the FX thread", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the FX thread did not answer within " + TIMEOUT_SECONDS
                    + " s (is the machine very busy?)", e);
        }
    }
}
