package io.fpolab.ui.runs;

import io.fpolab.analysis.RunSummary;
import io.fpolab.config.ConfigIO;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.runs.RunFolder;
import io.fpolab.runs.SweepRuns;
import io.fpolab.train.Checkpoint;
import io.fpolab.train.IterationStats;
import io.fpolab.train.Trainer;
import io.fpolab.train.TrainingRun;
import io.fpolab.train.TrainingRun.State;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One run in the lab: its {@link TrainingRun}, the config it was started from, and the FX-side view
 * of its progress. The trainer thread only appends to lock-free inboxes; {@link #drain()} moves what
 * arrived into the FX-thread properties at the rate the caller chooses (the lab pumps at 10 Hz), so a
 * fast trainer never floods the FX thread.
 *
 * <p>At every iteration boundary the listener also keeps the run's {@link TrainingRun#boundaryState()} and
 * takes the run summary on the trainer thread: exports then write a state that matches {@code metrics.csv}
 * exactly, even for a run paused between minibatches.
 */
public final class RunRecord {
    private static final AtomicInteger NEXT_COLOR = new AtomicInteger();

    private final ReadOnlyStringWrapper name;
    private final ExperimentConfig config;
    private final String configJson;
    private final String seedGroup;
    private final int colorIndex;
    private final long totalIterations;
    private final TrainingRun run;
    private final Checkpoint restoredFrom;
    /** The run folder it was opened from (renames are written there), or null. */
    private final Path folder;
    /** Opened from a run folder and not trained in the lab since: its metrics are a finished record (FX thread). */
    private boolean fromDisk;
    /** The last iteration written to a folder: read from one, or exported by the user (FX thread). */
    private int savedIteration;
    /** A run of a followed sweep: its state as read from the sweep folder, or null (FX thread). */
    private SweepRuns.State sweepState;
    /** What the sweep folder says about it beside the state (FX thread; "" for other runs). */
    private String diskMessage = "";

    // Written by the trainer thread, read anywhere.
    private final ConcurrentLinkedQueue<IterationStats> inbox = new ConcurrentLinkedQueue<>();
    private volatile Boundary boundary;
    private volatile List<String> evalKeys = List.of();
    private Trainer trainer;

    // FX thread only.
    private final List<IterationStats> history = new ArrayList<>();
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper(this, "revision");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.NEW);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyObjectWrapper<Status> status;
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyObjectWrapper<IterationStats> latest = new ReadOnlyObjectWrapper<>(this, "latest");

    private RunRecord(String name, ExperimentConfig config, List<IterationStats> imported, Checkpoint restoreFrom,
            int colorIndex, Path folder) {
        this.name = new ReadOnlyStringWrapper(this, "name", name);
        this.folder = folder;
        this.fromDisk = folder != null;
        this.config = config;
        this.configJson = ConfigIO.toJson(config);
        this.seedGroup = TrainingKey.seedGroup(config);
        this.colorIndex = colorIndex;
        long batch = (long) config.env().numEnvs() * config.ppo().stepsPerEnv();
        // Same formula as Trainer, so progress is known before the trainer exists.
        this.totalIterations = Math.max(1, (config.ppo().totalSteps() + batch - 1) / batch);
        this.restoredFrom = restoreFrom;
        this.status = new ReadOnlyObjectWrapper<>(this, "status", new Status(name, about(config), State.NEW, "",
                null));
        if (fromDisk) {
            state.set(State.FINISHED);
            status.set(new Status(name, about(config), State.FINISHED, "", null));
        }
        this.history.addAll(imported);
        this.savedIteration = imported.isEmpty() ? 0 : imported.get(imported.size() - 1).iteration();
        this.run = new TrainingRun(name, this::buildTrainer, () -> RunFolder.trainer(config));
        run.addListener(new TrainingRun.Listener() {
            @Override
            public void onIteration(IterationStats stats) {
                captureBoundary(stats);
                inbox.add(stats);
            }
        });
        if (!imported.isEmpty()) {
            IterationStats last = imported.get(imported.size() - 1);
            latest.set(last);
            progress.set(Math.min(1.0, (double) last.iteration() / totalIterations));
            revision.set(1);
        }
    }

    /** A fresh run of {@code config}. */
    public static RunRecord create(String name, ExperimentConfig config) {
        return new RunRecord(name, config, List.of(), null, NEXT_COLOR.getAndIncrement(), null);
    }

    /**
     * A run read from a run folder: {@link State#FINISHED} with its metrics shown. If its checkpoint is short of
     * the training budget it {@link #canContinue() can continue}: Resume and Step train on from the checkpoint.
     */
    public static RunRecord restore(RunFolder.Loaded loaded) {
        return new RunRecord(loaded.name(), loaded.config(), loaded.history(), loaded.checkpoint(),
                NEXT_COLOR.getAndIncrement(), loaded.folder());
    }

    /**
     * A run of a sweep that trains elsewhere, shown as its sweep folder says ({@link #showFromDisk}): like a run
     * opened from a folder it cannot train in the lab, and its curves grow as the folder does.
     */
    public static RunRecord followed(String name, ExperimentConfig config, Path folder) {
        RunRecord r = new RunRecord(name, config, List.of(), null, NEXT_COLOR.getAndIncrement(), folder);
        r.sweepState = SweepRuns.State.NOT_STARTED;
        r.status.set(new Status(name, about(config), State.FINISHED, "", r.sweepState));
        return r;
    }

    /**
     * Shows what the sweep folder now says of a {@link #followed} run (FX thread): its iterations so far (a list
     * that differs from the one shown replaces it), its state and the detail beside it.
     */
    void showFromDisk(List<IterationStats> rows, SweepRuns.State now, String detail) {
        if (rows.size() != history.size() || (!rows.isEmpty() && rows.get(rows.size() - 1).iteration()
                != history.get(history.size() - 1).iteration())) {
            history.clear();
            history.addAll(rows);
            IterationStats last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
            latest.set(last);
            progress.set(last == null ? 0 : Math.min(1.0, (double) last.iteration() / totalIterations));
            revision.set(revision.get() + 1);
        }
        if (now == SweepRuns.State.FINISHED) {
            progress.set(1.0);
        }
        sweepState = now;
        diskMessage = detail;
        if (fromDisk) {
            status.set(new Status(name.get(), about(config), State.FINISHED, detail, now));
        }
    }

    /** The state a followed sweep's folder gives this run, or null for other runs (FX thread). */
    public SweepRuns.State sweepState() {
        return fromDisk ? sweepState : null;
    }

    /** The same experiment from scratch, keeping name and color (for Reset). */
    public RunRecord restarted() {
        return new RunRecord(name.get(), config, List.of(), null, colorIndex, null);
    }

    /** True for a run opened from a run folder that has not trained in the lab since. */
    public boolean fromDisk() {
        return fromDisk;
    }

    /**
     * True when Resume and Step apply: the run waits (not started, or paused), or it was opened from a run
     * folder whose checkpoint is short of the training budget.
     */
    public boolean canContinue() {
        State s = state.get();
        if (fromDisk) {
            return restoredFrom != null && restoredFrom.iteration() < totalIterations;
        }
        return s == State.NEW || s == State.PAUSED;
    }

    /**
     * Before Resume or Step: a run opened from a run folder that can continue stops being a finished record and
     * from here on shows its trainer's state.
     *
     * @return true if the run may train (it was not opened from a folder, or its checkpoint lets it continue)
     */
    boolean leaveDisk() {
        if (!fromDisk || !canContinue()) {
            return !fromDisk;
        }
        fromDisk = false;
        return true;
    }

    /** The folder the run was opened from, or null. */
    public Path folder() {
        return folder;
    }

    /** Runs on the trainer thread: builds environment and trainer, restores the checkpoint if any. */
    private Trainer buildTrainer() {
        Trainer t = RunFolder.trainer(config);
        if (restoredFrom != null) {
            restoredFrom.restoreInto(t);
        }
        evalKeys = RunFolder.evaluationKeys(t);
        trainer = t;
        return t;
    }

    /** The trainer's state right after an iteration, with that iteration's number. */
    private record Boundary(int iteration, Checkpoint checkpoint, Map<String, Object> summary) {
    }

    /** Trainer thread, between iterations: the state an export will write. */
    private void captureBoundary(IterationStats stats) {
        boundary = new Boundary(stats.iteration(), run.boundaryState().withConfig(configJson),
                Collections.unmodifiableMap(new LinkedHashMap<>(RunSummary.of(trainer, stats))));
    }

    /**
     * Moves what the trainer published since the last call into the FX properties (FX thread).
     *
     * @return true if anything changed
     */
    public boolean drain() {
        boolean changed = false;
        IterationStats s;
        List<IterationStats> batch = new ArrayList<>();
        while ((s = inbox.poll()) != null) {
            batch.add(s);
        }
        if (!batch.isEmpty()) {
            fromDisk = false;
            int first = batch.get(0).iteration();
            // Iterations follow those already shown; drop any the new ones replace, so the curve never doubles back.
            history.removeIf(h -> h.iteration() >= first);
            history.addAll(batch);
            IterationStats last = batch.get(batch.size() - 1);
            latest.set(last);
            progress.set(Math.min(1.0, (double) last.iteration() / totalIterations));
            revision.set(revision.get() + 1);
            changed = true;
        }
        // A run opened from a folder stays a finished record until it trains again.
        State now = fromDisk ? State.FINISHED : run.state();
        String msg = fromDisk ? diskMessage : run.message();
        if (now != state.get()) {
            state.set(now);
            changed = true;
        }
        if (!msg.equals(message.get())) {
            message.set(msg);
            changed = true;
        }
        if (status.get().state() != now || !status.get().message().equals(msg)) {
            status.set(new Status(name.get(), about(config), now, msg, sweepState()));
        }
        return changed;
    }

    /**
     * What the run list shows of a run, as one value that changes whenever state or message do.
     *
     * @param about   algorithm and experiment ("FPO · Reproduce Figure 1"), for a run opened from a folder
     *                whose name does not say
     * @param message why the run failed or paused itself, or what its sweep folder says of it; empty otherwise
     * @param sweep   its state in a followed sweep (then {@code state} is {@link State#FINISHED}: nothing trains it
     *                in the lab), or null
     */
    public record Status(String name, String about, State state, String message, SweepRuns.State sweep) {
        /** True when training diverged and the run paused itself (the trainer is back at its last good state). */
        public boolean diverged() {
            return state == State.PAUSED && !message.isEmpty();
        }

        /** True when the run needs the user's attention: it diverged or failed (in the lab or in its sweep). */
        public boolean alert() {
            return diverged() || (state == State.FAILED && !message.isEmpty()) || sweep == SweepRuns.State.FAILED;
        }
    }

    public String name() {
        return name.get();
    }

    /** The run's name; {@link RunsViewModel#rename} changes it. */
    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    /** Renames the run (FX thread): the run list, the status line and the chart legend follow. */
    void rename(String newName) {
        name.set(newName);
        run.setName(newName);
        Status s = status.get();
        status.set(new Status(newName, s.about(), s.state(), s.message(), s.sweep()));
        // The chart redraws on a new revision; its legend then shows the new name.
        revision.set(revision.get() + 1);
    }

    /** The config as JSON, as it is written to the run folder's {@code config.json}. */
    public String configJson() {
        return configJson;
    }

    public ExperimentConfig config() {
        return config;
    }

    public TrainingRun run() {
        return run;
    }

    /** Runs that differ only in seed (and name) share this key; the chart's band mode groups by it. */
    public String seedGroup() {
        return seedGroup;
    }

    /** Stable palette index, kept across Reset so the curve keeps its color. */
    public int colorIndex() {
        return colorIndex;
    }

    public long totalIterations() {
        return totalIterations;
    }

    /** Evaluation metric names, known once the trainer is built, or from imported metrics. */
    public List<String> evaluationKeys() {
        if (!evalKeys.isEmpty()) {
            return evalKeys;
        }
        List<String> keys = new ArrayList<>();
        for (IterationStats h : history) {
            for (String k : h.evaluation().keySet()) {
                if (!keys.contains(k)) {
                    keys.add(k);
                }
            }
        }
        return keys;
    }

    /** All iterations so far, oldest first (FX thread; a copy). */
    public List<IterationStats> history() {
        return List.copyOf(history);
    }

    /**
     * True when the run trained in the lab beyond what any folder holds (FX thread): closing the lab would lose
     * those iterations. Runs of a followed sweep never are; their folders are written as they train.
     */
    public boolean hasUnsavedTraining() {
        return !fromDisk && !history.isEmpty() && history.get(history.size() - 1).iteration() > savedIteration;
    }

    /** Records that {@code s}, a snapshot of this run, was written to a folder (FX thread). */
    public void markSaved(RunFolder.Snapshot s) {
        if (!s.history().isEmpty()) {
            savedIteration = Math.max(savedIteration, s.history().get(s.history().size() - 1).iteration());
        }
    }

    /** Number of iterations in {@link #history()} (FX thread). */
    public int historySize() {
        return history.size();
    }

    /** What an export of this run writes (FX thread; the parts are immutable). */
    public RunFolder.Snapshot snapshot() {
        Boundary b = boundary;
        // The trainer's own history is ahead of what the FX side has drained; take metrics from it, cut at the
        // captured checkpoint, so metrics.csv and checkpoint.ckpt describe the same iteration.
        List<IterationStats> live = run.history();
        int firstLive = live.isEmpty() ? Integer.MAX_VALUE : live.get(0).iteration();
        List<IterationStats> h = new ArrayList<>();
        for (IterationStats x : history) {
            if (x.iteration() < firstLive) {
                h.add(x);
            }
        }
        int cut = b == null ? Integer.MAX_VALUE : b.iteration();
        for (IterationStats x : live) {
            if (x.iteration() <= cut) {
                h.add(x);
            }
        }
        if (b == null) {
            return new RunFolder.Snapshot(name.get(), config, h, evaluationKeys(), restoredFrom, null);
        }
        return new RunFolder.Snapshot(name.get(), config, h, evaluationKeys(), b.checkpoint(), b.summary());
    }

    /** Increases whenever new iterations arrive (FX thread). */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public State state() {
        return state.get();
    }

    /** Name, state and message together (FX thread); the run list's cells follow it. */
    public ReadOnlyObjectProperty<Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Why the run failed, or why it paused itself after a divergence; empty otherwise. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Fraction of the training budget done, 0..1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The most recent iteration's metrics, or null before the first. */
    public ReadOnlyObjectProperty<IterationStats> latestProperty() {
        return latest.getReadOnlyProperty();
    }

    private static String about(ExperimentConfig c) {
        return Labels.algorithm(c.algorithm()) + " · " + c.name();
    }

    @Override
    public String toString() {
        return name.get();
    }
}
