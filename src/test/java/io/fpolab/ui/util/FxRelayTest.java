package io.fpolab.ui.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** Work handed over from low-priority threads runs on the FX thread, in order, and the caller never waits. */
class FxRelayTest {
    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    /** Runs {@code body} on a new thread of the lowest priority, as the trainers are, and waits for it. */
    private static void fromTrainerPriority(Runnable body) throws InterruptedException {
        Thread t = new Thread(body, "test-trainer");
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        t.join(10_000);
    }

    @Test
    void runsOnTheFxThreadInOrderOfSubmission() throws Exception {
        int n = 2_000;
        List<Integer> seen = new ArrayList<>();
        AtomicInteger offFx = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(n);
        fromTrainerPriority(() -> {
            for (int i = 0; i < n; i++) {
                int k = i;
                FxRelay.later(() -> {
                    if (!Platform.isFxApplicationThread()) {
                        offFx.incrementAndGet();
                    }
                    seen.add(k);
                    done.countDown();
                });
            }
        });
        assertTrue(done.await(20, TimeUnit.SECONDS), "all work ran");
        assertEquals(0, offFx.get(), "work ran only on the FX thread");
        for (int i = 0; i < n; i++) {
            assertEquals(i, seen.get(i), "order at " + i);
        }
    }

    @Test
    void theCallerDoesNotWaitForABusyFxThreadAndTheRelayHasNormalPriority() throws Exception {
        CountDownLatch fxBlocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Platform.runLater(() -> {
            fxBlocked.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(fxBlocked.await(10, TimeUnit.SECONDS));
        AtomicReference<Boolean> onFx = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);
        long[] postNanos = new long[1];
        fromTrainerPriority(() -> {
            long t0 = System.nanoTime();
            FxRelay.later(() -> {
                onFx.set(Platform.isFxApplicationThread());
                ran.countDown();
            });
            postNanos[0] = System.nanoTime() - t0;
        });
        assertEquals(1, ran.getCount(), "nothing runs while the FX thread is busy");
        assertTrue(postNanos[0] < TimeUnit.SECONDS.toNanos(1), "handing over returned at once: " + postNanos[0] + " ns");
        release.countDown();
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        assertTrue(onFx.get(), "ran on the FX thread");
        Thread relay = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("fx-relay")).findFirst().orElseThrow();
        assertEquals(Thread.NORM_PRIORITY, relay.getPriority(),
                "the thread that enters JavaFX's lock has normal priority even when a trainer started it");
    }

    @Test
    void aFailingTaskDoesNotStopTheOnesAfterIt() throws Exception {
        CountDownLatch after = new CountDownLatch(1);
        Thread.UncaughtExceptionHandler[] old = new Thread.UncaughtExceptionHandler[1];
        AtomicReference<Throwable> reported = new AtomicReference<>();
        CountDownLatch installed = new CountDownLatch(1);
        Platform.runLater(() -> {
            old[0] = Thread.currentThread().getUncaughtExceptionHandler();
            Thread.currentThread().setUncaughtExceptionHandler((t, e) -> reported.set(e));
            installed.countDown();
        });
        assertTrue(installed.await(10, TimeUnit.SECONDS));
        try {
            fromTrainerPriority(() -> {
                FxRelay.later(() -> {
                    throw new IllegalStateException("boom");
                });
                FxRelay.later(after::countDown);
            });
            assertTrue(after.await(10, TimeUnit.SECONDS), "the task after the failing one ran");
            assertEquals("boom", reported.get().getMessage(), "the failure was reported");
        } finally {
            Platform.runLater(() -> Thread.currentThread().setUncaughtExceptionHandler(old[0]));
        }
    }
}
