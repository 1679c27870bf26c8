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
 * <p>Workers run at the lowest Java priority, like the lab's trainer threads: the lab's launcher maps Java
 * priorities to OS nice values (see {@code io.fpolab.Main}), so in the lab window the UI's threads always
 * get a core first and training takes what is left; headless they compete with nothing.
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
     * have finished, rethrowing the first failure. Tasks are claimed from a shared counter, so a worker that
     * starts late (the pool is shared by every trainer) finds nothing left and leaves at once. The tasks must
     * not depend on one another.
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
        Runnable lane = () -> {
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
