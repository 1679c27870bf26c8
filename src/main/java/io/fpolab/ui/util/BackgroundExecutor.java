package io.fpolab.ui.util;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The lab window's one executor for work that must stay off the FX thread: file reads and writes,
 * the ND4J warm-up, closing runs. Threads are daemons and die when idle, so nothing lingers after
 * the window closes; {@link #shutdown()} refuses further work.
 */
public final class BackgroundExecutor implements Executor {
    private final ThreadPoolExecutor pool;

    public BackgroundExecutor() {
        AtomicInteger count = new AtomicInteger();
        pool = new ThreadPoolExecutor(2, 2, 2, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "lab-background-" + count.incrementAndGet());
            t.setDaemon(true);
            // Explicit: a new thread inherits its creator's priority, and that may be a low-priority trainer.
            t.setPriority(Thread.NORM_PRIORITY);
            return t;
        });
        // Idle threads exit so a closed window leaves no threads behind.
        pool.allowCoreThreadTimeOut(true);
    }

    @Override
    public void execute(Runnable command) {
        pool.execute(command);
    }

    /** Runs {@code work} in the background; the future completes off the FX thread. */
    public <T> CompletableFuture<T> supply(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, this);
    }

    /** Stops accepting work and waits up to {@code seconds} for queued work (e.g. a file being written). */
    public void shutdown(long seconds) {
        pool.shutdown();
        try {
            pool.awaitTermination(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
