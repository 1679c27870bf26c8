package io.fpolab.train;

import io.fpolab.core.nn.Workspaces;
import io.fpolab.env.grid.GridLayout;
import io.fpolab.env.grid.GridWorldVecEnv;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The copy of a run's trainer that the views' analyses run on ({@link TrainingRun#submitOnCopy}): a second trainer
 * of the same config and environment, owned by a thread of its own at the lowest priority, restored from the run's
 * latest {@link Snapshot} before a task whenever the run has moved on. So a heatmap of 50,000 action samples or a fan
 * of rollouts takes none of the trainer thread's time and never reads weights while an optimizer step writes them;
 * while the run trains, the copy's tasks keep within {@link TrainingRun#TASK_SHARE} of the wall time on their own
 * thread (they lag instead), so two runs training on two cores still get nearly all of them.
 */
final class RunCopy {
    /**
     * A run's state for the copy, taken on the trainer thread at an iteration boundary (or while the run rests):
     * the checkpoint and the GridWorld map, which a user may have edited since the run began.
     */
    record Snapshot(long version, Checkpoint state, GridLayout layout) {
        /** Trainer thread. */
        static Snapshot of(long version, Trainer t) {
            return new Snapshot(version, Checkpoint.capture(t, ""),
                    t.env() instanceof GridWorldVecEnv g ? g.layout() : null);
        }
    }

    private final Supplier<Trainer> factory;

    private final ExecutorService thread;
    private final TaskBudget budget = new TaskBudget(TrainingRun.TASK_SHARE, TrainingRun.MAX_TASK_BUDGET_NANOS);
    /** Copy thread only: the copy, and the version of the snapshot it holds. */
    private Trainer copy;
    private long restored = -1;

    /** @param factory builds a trainer like the run's (same config and environment), on the copy's thread */
    RunCopy(String runName, Supplier<Trainer> factory) {
        this.factory = factory;
        thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(() -> {
                try {
                    r.run();
                } finally {
                    if (copy != null) {
                        copy.env().close();
                        copy = null;
                    }
                    Workspaces.releaseThread();
                }
            }, "copy-" + runName);
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
    }

    /**
     * Runs {@code task} on the copy, brought up to {@code latest}'s state first if that is newer than the copy's.
     *
     * @param latest   the run's latest snapshot (may block until the trainer thread has taken one)
     * @param training whether the run trains now: then the task waits for its share of the time
     */
    <T> CompletableFuture<T> submit(Function<Trainer, T> task, Supplier<Snapshot> latest, BooleanSupplier training) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            thread.execute(new CopyTask(() -> {
                try {
                    waitForShare(training);
                    Snapshot s = latest.get();
                    long start = System.nanoTime();
                    // Built and restored outside the task's workspace: the copy's arrays outlive every task.
                    Trainer c = upTo(s);
                    f.complete(Workspaces.run("copy-task", () -> task.apply(c)));
                    budget.spend(start, training.getAsBoolean());
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                } catch (InterruptedException e) {
                    f.completeExceptionally(e);
                    Thread.currentThread().interrupt();
                }
            }, () -> f.completeExceptionally(new IllegalStateException("the run is closed"))));
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(new IllegalStateException("the run is closed", e));
        }
        return f;
    }

    /** While the run trains, waits until the tasks' share allows one more; a run at rest takes tasks at once. */
    private void waitForShare(BooleanSupplier training) throws InterruptedException {
        budget.tick(training.getAsBoolean());
        while (training.getAsBoolean() && !budget.available()) {
            // Short sleeps: a run that pauses or ends meanwhile stops the wait (its budget no longer grows).
            Thread.sleep(Math.min(budget.waitMillis(), 50));
            budget.tick(training.getAsBoolean());
        }
    }

    /** The copy at snapshot {@code s}'s state; built the first time (copy thread). */
    private Trainer upTo(Snapshot s) {
        if (copy == null) {
            copy = factory.get();
            restored = -1;
        }
        if (s.version() != restored) {
            if (s.layout() != null && copy.env() instanceof GridWorldVecEnv g && g.layout() != s.layout()) {
                g.setLayout(s.layout());
            }
            s.state().restoreInto(copy);
            restored = s.version();
        }
        return copy;
    }

    /** Fails tasks not yet started and ends the thread once the running one (if any) returns. */
    void close() {
        for (Runnable r : thread.shutdownNow()) {
            ((CopyTask) r).abandon().run();
        }
    }

    /** A queued task and how to fail it if the run closes first. */
    private record CopyTask(Runnable body, Runnable abandon) implements Runnable {
        @Override
        public void run() {
            body.run();
        }
    }
}
