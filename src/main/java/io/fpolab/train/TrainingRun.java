package io.fpolab.train;

import io.fpolab.core.nn.Workspaces;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training run on its own thread. The thread builds the {@link Trainer} and owns all of its ND4J
 * work; everyone else talks to it through this class: start, pause, resume, single-step, cancel,
 * {@link #submit} for tasks that need the trainer itself (saving a checkpoint, editing the map), which run on the
 * trainer thread between minibatches — also while paused and after training has ended, until {@link #close()},
 * which also closes the trainer's environment — and {@link #submitOnCopy} for the views' analyses, which run on a
 * copy of the trainer on a thread of their own.
 *
 * <p>Listeners receive immutable {@link IterationStats} and state changes on the trainer thread;
 * UIs must hop to their own thread.
 *
 * <p>When training diverges (NaN or infinity anywhere, see {@link Trainer}), the run does not fail: the
 * trainer is back at the start of the failing iteration and the run goes to {@link State#PAUSED} with a
 * {@link #message()} saying so; {@link #setLearningRate} and {@link #resume()} continue it.
 */
public final class TrainingRun implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);
    /** Share of the trainer thread's time that submitted tasks may take while the run trains. */
    static final double TASK_SHARE = 0.10;
    /** The most task time saved up while no task came, so a burst after a quiet spell stays short. */
    static final long MAX_TASK_BUDGET_NANOS = 300_000_000L;

    /** Lifecycle of a run; PAUSED with a non-empty {@link #message()} means it paused itself after a divergence. */
    public enum State { NEW, RUNNING, PAUSED, FINISHED, CANCELLED, FAILED }

    /** Receives progress on the trainer thread. */
    public interface Listener {
        default void onIteration(IterationStats stats) {
        }

        default void onState(State state, String message) {
        }
    }

    /** A queued piece of work and how to fail it if the run closes first. */
    private record Task(Runnable body, Runnable abandon) {
    }

    /** Thrown inside the trainer thread to unwind a cancelled iteration. */
    private static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super(null, null, false, false);
        }
    }

    private volatile String name;
    private final Supplier<Trainer> factory;
    private final Supplier<Trainer> copyFactory;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<IterationStats> history = new ArrayList<>();
    private final List<Task> tasks = new ArrayList<>();
    private final Object lock = new Object();
    /** Time the trainer thread may still give queued tasks while training (its own). */
    private final TaskBudget budget = new TaskBudget(TASK_SHARE, MAX_TASK_BUDGET_NANOS);
    /** Counts changes of the trainer's state (iterations, tasks that may have changed it) for the copy. */
    private final AtomicLong version = new AtomicLong();
    /** The state the copy restores from: the last iteration boundary's, or one taken while the run rests. */
    private volatile RunCopy.Snapshot snapshot;
    /** The state at the end of the latest iteration ({@link #snapshot} may be newer, taken mid-iteration). */
    private volatile Checkpoint boundary;
    /** The trainer's copy for {@link #submitOnCopy}, made on first use (guarded by lock). */
    private RunCopy copy;
    private Thread thread;
    private volatile State state = State.NEW;
    private volatile String message = "";
    private boolean pauseRequested;
    private boolean stepRequested;
    private boolean cancelRequested;
    private boolean closeRequested;
    private volatile Trainer trainer;
    /** Learning rates to apply on the trainer thread at its next checkpoint, or null. */
    private double[] pendingLr;

    /** A run whose trainer and copy ({@link #submitOnCopy}) are both built by {@code factory}. */
    public TrainingRun(String name, Supplier<Trainer> factory) {
        this(name, factory, factory);
    }

    /**
     * @param factory     builds the run's trainer, on the trainer thread
     * @param copyFactory builds a trainer of the same config and environment for {@link #submitOnCopy}, on the
     *                    copy's thread; its state is replaced by the run's before any task sees it
     */
    public TrainingRun(String name, Supplier<Trainer> factory, Supplier<Trainer> copyFactory) {
        this.name = name;
        this.factory = factory;
        this.copyFactory = copyFactory;
    }

    public String name() {
        return name;
    }

    /** Renames the run (what views title it with from now on; the thread keeps its name). */
    public void setName(String name) {
        this.name = java.util.Objects.requireNonNull(name);
    }

    public State state() {
        return state;
    }

    /** Last state message (e.g. why a run failed). */
    public String message() {
        return message;
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    /** Number of iterations trained so far (any thread; no copy). */
    public int historySize() {
        synchronized (history) {
            return history.size();
        }
    }

    /** Metrics of all iterations so far (a copy). */
    public List<IterationStats> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /** Starts training on a new thread (paused immediately if {@link #step()} was the first call). */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = new Thread(this::loop, "trainer-" + name);
        thread.setDaemon(true);
        // The lab window's threads come first: with the launcher's priority mapping (see io.fpolab.Main) the
        // lowest Java priority is the OS's lowest (nice 19), so training takes only the CPU the UI leaves.
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    public void pause() {
        synchronized (lock) {
            pauseRequested = true;
            lock.notifyAll();
        }
    }

    public void resume() {
        synchronized (lock) {
            pauseRequested = false;
            stepRequested = false;
            lock.notifyAll();
        }
        start();
    }

    /** Runs exactly one more iteration, then pauses. */
    public void step() {
        synchronized (lock) {
            pauseRequested = false;
            stepRequested = true;
            lock.notifyAll();
        }
        start();
    }

    /**
     * Sets the base learning rates (actor, critic) from the next iteration on; the config's schedule still
     * scales them. Applied on the trainer thread at its next checkpoint, also while paused, and before the
     * first iteration if the run has not started yet (without starting it).
     *
     * @throws IllegalArgumentException if a rate is not a positive finite number
     */
    public void setLearningRate(double actorLr, double criticLr) {
        Trainer.checkLearningRates(actorLr, criticLr);
        synchronized (lock) {
            pendingLr = new double[] {actorLr, criticLr};
            lock.notifyAll();
        }
    }

    /** Stops training at the next minibatch boundary; the thread keeps serving {@link #submit} until closed. */
    public void cancel() {
        synchronized (lock) {
            cancelRequested = true;
            lock.notifyAll();
        }
    }

    /**
     * Runs {@code task} on the trainer thread with the trainer (between minibatches, or while idle).
     * Completes exceptionally if the run is closed before the task runs.
     */
    public <T> CompletableFuture<T> submit(Function<Trainer, T> task) {
        return enqueue(task, true);
    }

    /**
     * Runs {@code task} on a copy of the trainer, on a thread of its own at the lowest priority: the views'
     * analyses (action samples, rollouts from a state, the flow's paths), which only read the policy. The copy
     * holds the run's state at its last iteration boundary while it trains (a copy made mid-iteration starts from
     * the state between two minibatches), and its current state while it rests.
     * While the run trains, these tasks take at most {@link #TASK_SHARE} of the wall time (they lag instead) and
     * none of the trainer thread's. A task must not change the copy in a way the next one would notice: what it
     * changes survives until the run has moved on. Completes exceptionally if the run is closed first.
     */
    public <T> CompletableFuture<T> submitOnCopy(Function<Trainer, T> task) {
        RunCopy c;
        synchronized (lock) {
            if (closeRequested) {
                return CompletableFuture.failedFuture(new IllegalStateException("run " + name + " is closed"));
            }
            if (copy == null) {
                copy = new RunCopy(name, copyFactory);
            }
            c = copy;
        }
        start();
        return c.submit(task, this::latestSnapshot, () -> state == State.RUNNING);
    }

    /**
     * Copy thread: the state to restore the copy from. While the run trains, the last boundary's; otherwise, and
     * for a copy made in the middle of an iteration (so that the views need not wait for its end), the trainer's
     * state now, taken on the trainer thread between two minibatches unless nothing has changed.
     */
    private RunCopy.Snapshot latestSnapshot() {
        RunCopy.Snapshot s = snapshot;
        if (s != null && (state == State.RUNNING || s.version() == version.get())) {
            return s;
        }
        try {
            s = enqueue(t -> RunCopy.Snapshot.of(version.get(), t), false).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        snapshot = s;
        return s;
    }

    /** Queues a task for the trainer thread; {@code changes} says the trainer may differ afterwards. */
    private <T> CompletableFuture<T> enqueue(Function<Trainer, T> task, boolean changes) {
        CompletableFuture<T> f = new CompletableFuture<>();
        synchronized (lock) {
            if (closeRequested) {
                f.completeExceptionally(new IllegalStateException("run " + name + " is closed"));
                return f;
            }
            tasks.add(new Task(() -> {
                T result;
                try {
                    result = Workspaces.run("task", () -> task.apply(trainer));
                } catch (RuntimeException e) {
                    result = null;
                    f.completeExceptionally(e);
                }
                // Counted before the caller hears of it, so a copy task it submits next sees the change.
                if (changes) {
                    version.incrementAndGet();
                }
                f.complete(result);
            }, () -> f.completeExceptionally(new IllegalStateException("run " + name + " closed"))));
            lock.notifyAll();
        }
        start();
        return f;
    }

    /** Stops the thread (cancelling training), frees its ND4J workspaces and waits up to 10 s for it. */
    @Override
    public void close() {
        Thread t;
        synchronized (lock) {
            closeRequested = true;
            cancelRequested = true;
            lock.notifyAll();
            t = thread;
        }
        closeCopy();
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** True once the thread has ended (after {@link #close()}). */
    public boolean isTerminated() {
        Thread t = thread;
        return t != null && !t.isAlive();
    }

    private void setState(State s, String msg) {
        state = s;
        message = msg;
        for (Listener l : listeners) {
            try {
                l.onState(s, msg);
            } catch (RuntimeException e) {
                LOG.warn("listener failed on state {}", s, e);
            }
        }
    }

    private void loop() {
        try {
            trainer = factory.get();
            trainer.setControl(this::checkpoint);
            applyPendingLearningRate();
            train();
            serveUntilClosed();
        } catch (Cancelled c) {
            serveUntilClosed();
        } catch (RuntimeException | Error e) {
            LOG.error("run {} failed", name, e);
            setState(State.FAILED, describe(e));
            serveUntilClosed();
        } finally {
            failPendingTasks();
            closeCopy();
            // A closed run may stay referenced (a UI list, a history view); close the trainer's env (a MuJoCo
            // task's native memory) and drop the trainer and its states so its networks, ND4J buffers and their
            // copies can be freed with it.
            Trainer t = trainer;
            trainer = null;
            snapshot = null;
            boundary = null;
            if (t != null) {
                t.env().close();
            }
            Workspaces.releaseThread();
        }
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** The PAUSED message after a divergence; the trainer has already rolled itself back. */
    static String divergenceMessage(DivergenceException e) {
        return e.getMessage() + ". The last good state was restored; lower the learning rate and resume.";
    }

    private void train() {
        boolean announcedRunning = false;
        while (!trainer.isDone()) {
            checkpoint();
            if (!announcedRunning || state == State.PAUSED) {
                setState(State.RUNNING, "");
                announcedRunning = true;
            }
            IterationStats stats;
            try {
                stats = trainer.iterate();
            } catch (DivergenceException e) {
                publishBoundary();
                LOG.warn("run {}: {}", name, e.getMessage());
                synchronized (lock) {
                    pauseRequested = true;
                    stepRequested = false;
                }
                setState(State.PAUSED, divergenceMessage(e));
                continue;
            }
            publishBoundary();
            synchronized (history) {
                history.add(stats);
            }
            for (Listener l : listeners) {
                try {
                    l.onIteration(stats);
                } catch (RuntimeException e) {
                    LOG.warn("listener failed on iteration {}", stats.iteration(), e);
                }
            }
            synchronized (lock) {
                if (stepRequested) {
                    stepRequested = false;
                    pauseRequested = true;
                }
            }
        }
        setState(State.FINISHED, "");
    }

    /** Trainer thread, at an iteration boundary: a new state, for the copy and for {@link #boundaryState()}. */
    private void publishBoundary() {
        RunCopy.Snapshot s = RunCopy.Snapshot.of(version.incrementAndGet(), trainer);
        snapshot = s;
        boundary = s.state();
    }

    /**
     * The trainer's state at the end of the latest iteration (null before the first and once the run is closed). A
     * listener's {@link Listener#onIteration} sees the state of the iteration it is told about.
     */
    public Checkpoint boundaryState() {
        return boundary;
    }

    private void closeCopy() {
        RunCopy c;
        synchronized (lock) {
            c = copy;
        }
        if (c != null) {
            c.close();
        }
    }

    /** Called between minibatches: runs queued tasks, blocks while paused, unwinds when cancelled. */
    private void checkpoint() {
        boolean announcedPause = false;
        boolean cancelled;
        while (true) {
            runTasks(!announcedPause);
            synchronized (lock) {
                cancelled = cancelRequested;
                if (cancelled || !pauseRequested) {
                    break;
                }
                if (!announcedPause) {
                    announcedPause = true;
                } else if (tasks.isEmpty()) {
                    waitQuietly();
                }
            }
            if (announcedPause && state != State.PAUSED) {
                setState(State.PAUSED, "");
            }
        }
        if (!cancelled) {
            // A rate set just before resume() may have arrived after runTasks() above looked for one;
            // apply it now, or the next update would still use the old rate.
            applyPendingLearningRate();
            return;
        }
        if (state != State.CANCELLED) {
            setState(State.CANCELLED, "");
        }
        throw new Cancelled();
    }

    private void serveUntilClosed() {
        while (true) {
            runTasks(false);
            synchronized (lock) {
                if (closeRequested) {
                    return;
                }
                if (tasks.isEmpty()) {
                    waitQuietly();
                }
            }
        }
    }

    /**
     * Runs the queued tasks. While training they share the thread within a budget: it grows by
     * {@link #TASK_SHARE} of the wall time and each task spends its own duration, so views drawing large samples
     * at a few hertz slow the run by at most that share and lag instead. Paused or finished, tasks run at once.
     */
    private void runTasks(boolean training) {
        applyPendingLearningRate();
        budget.tick(training);
        while (!training || budget.available()) {
            Task t;
            synchronized (lock) {
                if (tasks.isEmpty()) {
                    return;
                }
                t = tasks.remove(0);
            }
            long start = System.nanoTime();
            (trainer == null ? t.abandon() : t.body()).run();
            budget.spend(start, training);
        }
    }

    private void applyPendingLearningRate() {
        Trainer t = trainer;
        if (t == null) {
            return;
        }
        double[] lr;
        synchronized (lock) {
            lr = pendingLr;
            pendingLr = null;
        }
        if (lr != null) {
            t.setLearningRates(lr[0], lr[1]);
        }
    }

    private void failPendingTasks() {
        List<Task> left;
        synchronized (lock) {
            closeRequested = true;
            left = new ArrayList<>(tasks);
            tasks.clear();
        }
        left.forEach(t -> t.abandon().run());
    }

    private void waitQuietly() {
        try {
            lock.wait(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelRequested = true;
            closeRequested = true;
        }
    }
}
