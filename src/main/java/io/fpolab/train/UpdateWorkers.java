package io.fpolab.train;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The threads that help trainers with their updates (policy shards, the critic). One pool for the whole
 * process, kept alive so that each worker's ND4J workspaces are made once; one thread fewer than the
 * cores, because the trainer's own thread works too.
 *
 * <p>A worker runs each job at the priority of the trainer that handed it over: the lowest for the lab's
 * trainers (which the launcher maps to nice 19, see {@code io.fpolab.Main}, so the window's threads always get
 * a core first), normal for headless commands.
 */
final class UpdateWorkers {
    private static final ExecutorService POOL = Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors() - 1), r -> {
                Thread t = new Thread(r, "update-worker");
                t.setDaemon(true);
                t.setPriority(Thread.MIN_PRIORITY);
                return t;
            });

    private UpdateWorkers() {
    }

    /**
     * Runs each task once, on the calling thread and up to {@code threads − 1} workers, and returns when all
     * have finished, rethrowing the first failure. Tasks are claimed in list order from a shared counter and the
     * calling thread starts claiming at once, so put the largest first: a worker that wakes late (waking a
     * parked thread took ~0.1–1 ms here) then finds only small tasks left, or nothing, and leaves at once. The
     * tasks must not depend on one another.
     */
    static void runAll(List<Runnable> tasks, int threads) {
        int helpers = Math.min(threads, tasks.size()) - 1;
        if (helpers <= 0) {
            tasks.forEach(Runnable::run);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(tasks.size());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int priority = Thread.currentThread().getPriority();
        Runnable lane = () -> {
            // Workers take the caller's priority: the lowest for the lab's trainers, normal headless.
            if (Thread.currentThread().getPriority() != priority) {
                Thread.currentThread().setPriority(priority);
            }
            for (int i = next.getAndIncrement(); i < tasks.size(); i = next.getAndIncrement()) {
                try {
                    tasks.get(i).run();
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            }
        };
        for (int h = 0; h < helpers; h++) {
            POOL.execute(lane);
        }
        lane.run();
        awaitUninterruptibly(done);
        Throwable t = failure.get();
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    /** Waits for every task: none may still be writing gradients when the trainer moves on. */
    private static void awaitUninterruptibly(CountDownLatch done) {
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
