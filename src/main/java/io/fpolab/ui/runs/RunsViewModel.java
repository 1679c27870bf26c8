package io.fpolab.ui.runs;

import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.config.ExperimentConfig.Algorithm;
import io.fpolab.runs.RunFolder;
import io.fpolab.train.IterationStats;
import io.fpolab.train.TrainingRun.State;
import io.fpolab.ui.util.FxRelay;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;

/**
 * The runs of the lab and the commands on them (start, pause, resume, step, stop, reset, remove,
 * compare; Compare and the Figure 1 demo reuse a run that already trains the same config). A 10 Hz pump
 * drains every run's trainer-thread updates on the FX thread and refreshes the status line of the selected
 * run; nothing here blocks the FX thread (closing a run, which joins its thread, happens on the background
 * executor).
 */
public final class RunsViewModel {
    /** A diverged run resumed from the lab continues with its learning rates divided by this. */
    public static final double LR_DIVISOR = 10;
    /** Pump period: fast enough to look live, slow enough that many runs never load the FX thread. */
    public static final Duration PUMP_PERIOD = Duration.millis(100);

    private final Executor background;
    private final ObservableList<RunRecord> runs = FXCollections.observableArrayList();
    private final ObjectProperty<RunRecord> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper statusLine = new ReadOnlyStringWrapper(this, "statusLine", "");
    private final ReadOnlyDoubleWrapper selectedProgress = new ReadOnlyDoubleWrapper(this, "selectedProgress");
    private final ReadOnlyBooleanWrapper statusAlert = new ReadOnlyBooleanWrapper(this, "statusAlert");
    private final ReadOnlyStringWrapper lastAlert = new ReadOnlyStringWrapper(this, "lastAlert", "");
    private final Timeline pump = new Timeline(new KeyFrame(PUMP_PERIOD, e -> pump()));
    /** Presets and opened configs by their {@code name}: what a new run's default name lists changes against. */
    private final Map<String, Base> bases = new HashMap<>();

    /**
     * A config runs are named against; a preset's runs are named by their task ({@code family} after it, if any), a
     * config file's by its name.
     */
    private record Base(ExperimentConfig config, boolean preset, String family) {
    }

    public RunsViewModel(Executor background) {
        this.background = background;
        pump.setCycleCount(Timeline.INDEFINITE);
        pump.play();
        // The editor starts from the schema's defaults: runs of an untouched editor are named against them.
        rememberPreset(ConfigSchema.defaults());
        selected.addListener((obs, old, now) -> refreshStatus());
    }

    public ObservableList<RunRecord> runs() {
        return runs;
    }

    public ObjectProperty<RunRecord> selectedProperty() {
        return selected;
    }

    public RunRecord selected() {
        return selected.get();
    }

    /** "name: 40,960 / 500,000 env steps · 5,210 steps/s · 1:28 left", or why the run failed or paused itself. */
    public ReadOnlyStringProperty statusLineProperty() {
        return statusLine.getReadOnlyProperty();
    }

    /** True while the status line reports a divergence or a failure of the selected run. */
    public ReadOnlyBooleanProperty statusAlertProperty() {
        return statusAlert.getReadOnlyProperty();
    }

    /**
     * The latest "run X diverged / failed" announcement of a run that is not selected (empty until the first);
     * the window shows it as a notice so a run that stops in the background is noticed.
     */
    public ReadOnlyStringProperty lastAlertProperty() {
        return lastAlert.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty selectedProgressProperty() {
        return selectedProgress.getReadOnlyProperty();
    }

    /** Drains all runs now (the pump does this every {@link #PUMP_PERIOD}; tests call it to skip the wait). */
    public void pump() {
        for (RunRecord r : runs) {
            RunRecord.Status before = r.statusProperty().get();
            r.drain();
            RunRecord.Status now = r.statusProperty().get();
            if (now.alert() && !now.equals(before) && r != selected.get()) {
                lastAlert.set(now.name() + ": " + (now.diverged() ? Labels.alertLine(now) : "failed"));
            }
        }
        refreshStatus();
    }

    private void refreshStatus() {
        RunRecord r = selected.get();
        if (r == null) {
            statusLine.set("");
            statusAlert.set(false);
            selectedProgress.set(0);
            return;
        }
        selectedProgress.set(r.progressProperty().get());
        statusLine.set(describe(r));
        statusAlert.set(r.statusProperty().get().alert());
    }

    static String describe(RunRecord r) {
        State s = r.state();
        RunRecord.Status status = r.statusProperty().get();
        if (status.alert()) {
            return r.name() + ": " + Labels.state(status) + " · " + status.message();
        }
        IterationStats last = r.latestProperty().get();
        long total = r.config().ppo().totalSteps();
        if (r.sweepState() != null) {
            String where = status.message().isEmpty() ? "" : " · " + status.message();
            return String.format(Locale.ROOT, "%s: %s in its sweep · %,d / %,d env steps%s", r.name(),
                    Labels.state(status), last == null ? 0 : last.envSteps(), total, where);
        }
        if (last == null) {
            return String.format(Locale.ROOT, "%s: %s · 0 / %,d env steps", r.name(), Labels.state(s), total);
        }
        long done = last.iteration();
        // Both numbers come from the last finished iteration only, so they stand still while the run is paused.
        double secondsLeft = (r.totalIterations() - done) * last.wallSeconds() / Math.max(1, done);
        String left;
        if (r.fromDisk()) {
            left = r.canContinue() ? "opened from disk · Resume continues from its checkpoint"
                    : done >= r.totalIterations() ? "done" : "opened from disk · no checkpoint to continue from";
        } else {
            // A stopped run will not go on, so it has no time left.
            left = s == State.FINISHED ? "done" : s == State.CANCELLED ? null : Labels.duration(secondsLeft) + " left";
        }
        return String.format(Locale.ROOT, "%s: %s · %,d / %,d env steps · %,.0f steps/s%s", r.name(),
                Labels.state(s), last.envSteps(), total, last.stepsPerSecond(), left == null ? "" : " · " + left);
    }

    /**
     * Remembers {@code preset} by its {@code name}: a run of a config of that name is named by its task and its
     * changes against the preset ({@link Labels#defaultRunName(ExperimentConfig, ExperimentConfig)}).
     */
    public void rememberPreset(ExperimentConfig preset) {
        rememberPreset(preset, "");
    }

    /**
     * As {@link #rememberPreset(ExperimentConfig)}, for a preset of a family its runs name after the task
     * ("FPO · reacher-hard (lab-tuned) · s0"), so they are told apart from runs of the paper's recipe; "" for none.
     */
    public void rememberPreset(ExperimentConfig preset, String family) {
        bases.put(preset.name(), new Base(preset, true, family));
    }

    /**
     * Remembers a config opened from a file by its {@code name}: its runs are named by that name and their changes
     * against it ("FPO · my variant · lr=1e-3 · s0"). A preset of the same name stays the base.
     */
    public void rememberConfig(ExperimentConfig config) {
        Base known = bases.get(config.name());
        if (known == null || !known.preset()) {
            bases.put(config.name(), new Base(config, false, ""));
        }
    }

    /**
     * The name a new run of {@code config} gets: algorithm, task (or, for a config file that is not a preset, the
     * config's name), the settings changed against it, and the seed.
     */
    public String defaultName(ExperimentConfig config) {
        Base b = bases.get(config.name());
        if (b == null) {
            // Nothing known to compare with (a config built in code): algorithm, task and seed.
            return Labels.defaultRunName(config);
        }
        String what = !b.preset() ? config.name()
                : b.family().isEmpty() ? config.env().id() : config.env().id() + " (" + b.family() + ")";
        return Labels.defaultRunName(config, b.config(), what);
    }

    /** The preset or config file {@code config} is named against (by its {@code name}), or null. */
    public ExperimentConfig baseOf(ExperimentConfig config) {
        Base b = bases.get(config.name());
        return b == null ? null : b.config();
    }

    /** The settings {@code config} changes from its preset or config file ("nMc=8 clip=0.3"), or "". */
    public String changesFromBase(ExperimentConfig config) {
        ExperimentConfig base = baseOf(config);
        return base == null ? "" : Labels.changes(config, base);
    }

    /** Starts a run of {@code config} named "FPO · gridworld · nMc=8 · s0" (made unique) and selects it. */
    public RunRecord start(ExperimentConfig config) {
        RunRecord r = RunRecord.create(uniqueName(defaultName(config)), config);
        runs.add(r);
        selected.set(r);
        r.run().start();
        return r;
    }

    /**
     * FPO and Gaussian PPO on the same config and seed, side by side: each reuses a run of the list that trains
     * the same (see {@link #obtain}), so only what is missing is trained.
     *
     * @throws io.fpolab.core.ConfigException if the config does not allow one of the algorithms
     */
    public List<RunRecord> compare(ExperimentConfig config) {
        ExperimentConfig fpo = ConfigSchema.withOverride(config, "algorithm", "fpo");
        ExperimentConfig gauss = ConfigSchema.withOverride(config, "algorithm", "gaussian_ppo");
        return pair(fpo, gauss);
    }

    /**
     * Two runs to show together (Compare, the Figure 1 demo), each {@link #obtain obtained}: reused if the list
     * already trains it, started otherwise; both train at once, on their own trainer threads. Selects the first.
     */
    public List<RunRecord> pair(ExperimentConfig first, ExperimentConfig second) {
        RunRecord a = obtain(first);
        RunRecord b = obtain(second);
        selected.set(a);
        return List.of(a, b);
    }

    /**
     * The run of {@code config}: a {@link #reusable} run of the list (resumed if it waits: opened from a run
     * folder, or paused), or else a new run, started.
     */
    public RunRecord obtain(ExperimentConfig config) {
        RunRecord existing = reusable(config);
        if (existing == null) {
            return start(config);
        }
        if (existing.canContinue()) {
            resume(existing);
        }
        return existing;
    }

    /**
     * A run of the list that trains exactly {@code config} ({@link TrainingKey#sameTraining}: every field but
     * name and description, the seed included) and is running, paused, finished or not started yet (opened from
     * a run folder); stopped, failed and diverged runs are not reused. Null if there is none.
     */
    public RunRecord reusable(ExperimentConfig config) {
        for (RunRecord r : runs) {
            State s = r.state();
            boolean usable = s == State.NEW || s == State.RUNNING || s == State.PAUSED || s == State.FINISHED;
            // A run of a followed sweep that is still training elsewhere is not a finished run of its config.
            usable &= r.sweepState() == null || r.sweepState() == io.fpolab.runs.SweepRuns.State.FINISHED;
            if (usable && !r.statusProperty().get().alert() && TrainingKey.sameTraining(r.config(), config)) {
                return r;
            }
        }
        return null;
    }

    /**
     * Adds runs read from run folders. They are {@link State#FINISHED}; one whose checkpoint is short of its budget
     * {@link RunRecord#canContinue() can continue} (Resume, Step).
     */
    public void addRestored(List<RunFolder.Loaded> loaded) {
        RunRecord last = null;
        for (RunFolder.Loaded l : loaded) {
            last = RunRecord.restore(new RunFolder.Loaded(uniqueName(l.name()), l.config(), l.history(),
                    l.checkpoint(), l.folder()));
            runs.add(last);
        }
        if (last != null) {
            selected.set(last);
        }
    }

    /**
     * Adds a run of a followed sweep ({@link RunRecord#followed}) under a unique name; it is not selected, so
     * following a sweep never moves the selection away from the run being looked at.
     */
    public RunRecord addFollowed(String name, ExperimentConfig config, java.nio.file.Path folder) {
        RunRecord r = RunRecord.followed(uniqueName(name), config, folder);
        runs.add(r);
        if (selected.get() == null) {
            selected.set(r);
        }
        return r;
    }

    public void pause(RunRecord r) {
        if (r != null && r.state() == State.RUNNING) {
            r.run().pause();
        }
    }

    /**
     * Resumes a paused run, starts a run that has not started yet, or continues a run opened from a run folder
     * from its checkpoint.
     */
    public void resume(RunRecord r) {
        if (r != null && r.canContinue() && r.leaveDisk()) {
            r.run().resume();
        }
    }

    /**
     * For a run that diverged (its trainer is already back at the last good state): divides both base learning
     * rates by {@link #LR_DIVISOR} and resumes. Completes on the FX thread with the new rates {actor, critic},
     * or with null if the run had not diverged.
     */
    public CompletableFuture<double[]> lowerLearningRateAndResume(RunRecord r) {
        if (r == null || !r.statusProperty().get().diverged()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<double[]> done = new CompletableFuture<>();
        r.run().submit(t -> new double[] {t.actorLearningRate() / LR_DIVISOR, t.criticLearningRate() / LR_DIVISOR})
                .whenComplete((lr, error) -> FxRelay.later(() -> {
                    if (error != null) {
                        done.completeExceptionally(error);
                        return;
                    }
                    r.run().setLearningRate(lr[0], lr[1]);
                    resume(r);
                    done.complete(lr);
                }));
        return done;
    }

    /** Pause if running, resume otherwise (Space / F6). */
    public void togglePause(RunRecord r) {
        if (r == null) {
            return;
        }
        if (r.state() == State.RUNNING) {
            pause(r);
        } else {
            resume(r);
        }
    }

    /** Runs exactly one more iteration, then pauses. */
    public void step(RunRecord r) {
        if (r != null && (r.canContinue() || r.state() == State.RUNNING) && r.leaveDisk()) {
            r.run().step();
        }
    }

    /**
     * Renames a run (FX thread). If it was opened from a run folder, the new name is written there in the
     * background, so the folder opens under it again.
     *
     * @return the new name, made unique among the runs ("… (2)")
     * @throws IllegalArgumentException with a one-line message for an empty or overlong name
     */
    public CompletableFuture<String> rename(RunRecord r, String newName) {
        String wanted = newName == null ? "" : newName.strip();
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("run name: empty (allowed: 1 to " + RunFolder.MAX_NAME_LENGTH
                    + " characters on one line)");
        }
        if (wanted.length() > RunFolder.MAX_NAME_LENGTH || wanted.contains("\n")) {
            throw new IllegalArgumentException("run name: '" + wanted.lines().findFirst().orElse("")
                    + "…' is too long (allowed: 1 to " + RunFolder.MAX_NAME_LENGTH + " characters on one line)");
        }
        if (wanted.equals(r.name())) {
            return CompletableFuture.completedFuture(wanted);
        }
        String unique = uniqueName(wanted);
        r.rename(unique);
        refreshStatus();
        if (r.folder() == null) {
            return CompletableFuture.completedFuture(unique);
        }
        java.nio.file.Path dir = r.folder();
        return CompletableFuture.supplyAsync(() -> {
            try {
                RunFolder.writeName(dir, unique);
                return unique;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(dir + ": cannot keep the new name: " + e.getMessage(), e);
            }
        }, background);
    }

    /** Stops training; the run stays in the list with its curves. */
    public void stop(RunRecord r) {
        if (r != null && isActive(r.state())) {
            r.run().cancel();
        }
    }

    /** Closes the run and starts the same experiment again from scratch, in the same place in the list. */
    public RunRecord reset(RunRecord r) {
        int i = runs.indexOf(r);
        if (i < 0) {
            return null;
        }
        closeInBackground(r);
        RunRecord fresh = r.restarted();
        runs.set(i, fresh);
        selected.set(fresh);
        fresh.run().start();
        return fresh;
    }

    /** Closes the run and removes it. */
    public void remove(RunRecord r) {
        int i = runs.indexOf(r);
        if (i < 0) {
            return;
        }
        closeInBackground(r);
        runs.remove(i);
        if (selected.get() == r) {
            selected.set(runs.isEmpty() ? null : runs.get(Math.min(i, runs.size() - 1)));
        }
    }

    /** True while a run has a live training loop to pause or stop. */
    public static boolean isActive(State s) {
        return s == State.RUNNING || s == State.PAUSED || s == State.NEW;
    }

    private void closeInBackground(RunRecord r) {
        r.run().cancel();
        background.execute(r.run()::close);
    }

    /**
     * Cancels and closes every run and waits (up to 10 s in total) for their threads to end. Called
     * when the window closes; runs close in parallel so one slow minibatch does not delay the others.
     */
    public void shutdown() {
        pump.stop();
        List<Thread> threads = new ArrayList<>();
        for (RunRecord r : runs) {
            r.run().cancel();
            Thread t = new Thread(r.run()::close, "close-" + r.name());
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private String uniqueName(String base) {
        return Labels.unique(base, this::nameTaken);
    }

    private boolean nameTaken(String name) {
        return runs.stream().anyMatch(r -> r.name().equals(name));
    }

    /** The algorithms the lab offers, in menu order. */
    public static List<Algorithm> algorithms() {
        return List.of(Algorithm.FPO, Algorithm.GAUSSIAN_PPO, Algorithm.DPPO);
    }
}
