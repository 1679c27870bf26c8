package io.fpolab.ui.util;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javafx.application.Platform;

/**
 * Hands work from any thread to the FX thread without the caller taking a lock the FX thread also takes.
 *
 * <p>{@link Platform#runLater} enters a monitor that the FX thread and JavaFX's pulse code enter too. The
 * trainer threads run at the lowest OS priority; one that is preempted inside that monitor (it completes
 * a view's request, whose callback hops to the FX thread) holds up the FX thread until the scheduler gets
 * back to it, which took up to 90 ms with both cores training. Here the caller only appends to a
 * lock-free queue and wakes a relay thread of normal priority, which calls {@code Platform.runLater} once
 * for everything queued; the FX thread then runs the work in order of submission.
 */
public final class FxRelay implements Executor {
    /** The lab's one relay. */
    public static final FxRelay FX = new FxRelay();

    private static final int IDLE = 0;
    private static final int SIGNALLED = 1;
    private static final int POSTED = 2;

    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private volatile Thread relay;

    private FxRelay() {
    }

    /** Runs {@code work} on the FX thread soon, after the work handed over before it. Never blocks. */
    @Override
    public void execute(Runnable work) {
        queue.add(work);
        if (state.compareAndSet(IDLE, SIGNALLED)) {
            LockSupport.unpark(relay());
        }
    }

    /** Same as {@link #execute}: reads better at a call site ({@code FxRelay.later(() -> ...)}). */
    public static void later(Runnable work) {
        FX.execute(work);
    }

    private Thread relay() {
        Thread t = relay;
        if (t == null) {
            synchronized (this) {
                t = relay;
                if (t == null) {
                    t = new Thread(this::loop, "fx-relay");
                    t.setDaemon(true);
                    // Explicit: a thread inherits its creator's priority, and the first caller may be a trainer.
                    t.setPriority(Thread.NORM_PRIORITY);
                    t.start();
                    relay = t;
                }
            }
        }
        return t;
    }

    private void loop() {
        while (true) {
            while (state.get() != SIGNALLED) {
                LockSupport.park(this);
            }
            state.set(POSTED);
            try {
                Platform.runLater(this::drain);
            } catch (IllegalStateException e) {
                // The FX toolkit is not running (not started yet, or exited): the work cannot run anywhere.
                queue.clear();
                state.set(IDLE);
            }
        }
    }

    /** FX thread: reopens the relay first, so work queued while this runs is posted again, then runs the queue. */
    private void drain() {
        state.set(IDLE);
        Runnable r;
        while ((r = queue.poll()) != null) {
            try {
                r.run();
            } catch (RuntimeException e) {
                // As Platform.runLater would: report it, and go on with the rest of the queue.
                Thread t = Thread.currentThread();
                t.getUncaughtExceptionHandler().uncaughtException(t, e);
            }
        }
    }
}
