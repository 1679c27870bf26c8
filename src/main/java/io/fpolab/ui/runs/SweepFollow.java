package io.fpolab.ui.runs;

import io.fpolab.runs.SweepRuns;
import io.fpolab.runs.SweepWatch;
import io.fpolab.ui.util.FxRelay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;

/**
 * A sweep folder followed while its runs train elsewhere (a local {@code sweep} or a Slurm job array): every
 * {@link #period} it {@link SweepWatch#refresh re-reads} what changed on the background executor and shows it on
 * the FX thread — each planned run with its state in {@link #planned}, and each run that has started as a run of the
 * list ({@link RunRecord#followed}) whose curves grow and which gets its final numbers when it finishes. It stops by
 * itself once every run has finished or failed, or when told to ({@link #stop}, {@link #close}).
 *
 * <p>A refresh that fails (the folder is gone, a file cannot be read) is reported once per new message through the
 * notice callback; nothing already shown is dropped, and following goes on, so a folder that comes back (a network
 * file system that was away) is followed again.
 */
public final class SweepFollow {
    /** How often the folder is looked at: a run's row every few seconds is live enough for runs of minutes. */
    public static final Duration PERIOD = Duration.seconds(3);

    private final RunsViewModel runs;
    private final Executor background;
    private final Consumer<String> notice;
    private final ObservableList<SweepWatch.Run> planned = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper open = new ReadOnlyBooleanWrapper(this, "open");
    private final ReadOnlyBooleanWrapper following = new ReadOnlyBooleanWrapper(this, "following");
    private final ReadOnlyStringWrapper indicator = new ReadOnlyStringWrapper(this, "indicator", "");
    private final Map<String, RunRecord> records = new HashMap<>();
    private Timeline timer;
    private Duration period = PERIOD;
    private SweepWatch watch;
    private boolean inFlight;
    private String lastProblem;

    /** @param notice shows a one-line message in the status area (FX thread) */
    public SweepFollow(RunsViewModel runs, Executor background, Consumer<String> notice) {
        this.runs = runs;
        this.background = background;
        this.notice = notice;
    }

    /** Every planned run of the open sweep as last read, in run-list order (FX thread). */
    public ObservableList<SweepWatch.Run> planned() {
        return planned;
    }

    /** True while a sweep is open (followed or not). */
    public ReadOnlyBooleanProperty openProperty() {
        return open.getReadOnlyProperty();
    }

    /** True while the folder is re-read periodically. */
    public ReadOnlyBooleanProperty followingProperty() {
        return following.getReadOnlyProperty();
    }

    /** "Following sweep lr: 3 of 8 finished, 2 running", or the same without following. */
    public ReadOnlyStringProperty indicatorProperty() {
        return indicator.getReadOnlyProperty();
    }

    /** How often the folder is re-read (tests shorten it); applies from the next {@link #open}. */
    public void setPeriod(Duration period) {
        this.period = period;
    }

    /** The run of the list that shows planned run {@code r}, or null before it has started. */
    public RunRecord record(SweepWatch.Run r) {
        return records.get(key(r));
    }

    /**
     * Opens {@code dir} as the followed sweep (FX thread), in place of any sweep followed before (whose runs stay in
     * the list). Completes on the FX thread once the first reading is shown, or exceptionally with its one-line
     * error, in which case nothing is opened.
     */
    public CompletableFuture<SweepWatch.Snapshot> open(Path dir) {
        close();
        SweepWatch w = new SweepWatch(dir);
        watch = w;
        inFlight = true;
        CompletableFuture<SweepWatch.Snapshot> done = new CompletableFuture<>();
        read(w).whenComplete((snap, err) -> FxRelay.later(() -> {
            inFlight = false;
            if (watch != w) {
                done.cancel(false);
                return;
            }
            if (err != null) {
                watch = null;
                done.completeExceptionally(unwrap(err));
                return;
            }
            open.set(true);
            show(snap);
            if (!snap.settled()) {
                startTimer();
            }
            indicator.set(indicatorText(snap));
            done.complete(snap);
        }));
        return done;
    }

    /** Re-reads the folder now unless a reading is under way (FX thread); the timer calls it every period. */
    public void refresh() {
        SweepWatch w = watch;
        if (w == null || inFlight) {
            return;
        }
        inFlight = true;
        read(w).whenComplete((snap, err) -> FxRelay.later(() -> {
            inFlight = false;
            if (watch != w) {
                return;
            }
            if (err != null) {
                problem(unwrap(err).getMessage());
                return;
            }
            show(snap);
            if (snap.settled()) {
                stopTimer();
            }
            indicator.set(indicatorText(snap));
        }));
    }

    /** Stops following; the sweep's runs and list stay as last read. */
    public void stop() {
        stopTimer();
        if (watch != null && watch.last() != null) {
            indicator.set(indicatorText(watch.last()));
        }
    }

    /** Stops following and hides the sweep's list; its runs stay in the run list. */
    public void close() {
        stopTimer();
        watch = null;
        records.clear();
        planned.clear();
        open.set(false);
        indicator.set("");
        lastProblem = null;
    }

    private CompletableFuture<SweepWatch.Snapshot> read(SweepWatch w) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return w.refresh();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, background);
    }

    private void show(SweepWatch.Snapshot snap) {
        for (SweepWatch.Run r : snap.runs()) {
            if (r.config() == null) {
                continue;
            }
            RunRecord rec = records.get(key(r));
            if (rec == null) {
                // The same sweep opened again: its runs already in the list are shown on, not added twice.
                rec = runs.runs().stream().filter(x -> x.sweepState() != null && r.dir().equals(x.folder()))
                        .findFirst().orElseGet(() -> runs.addFollowed(r.name() != null ? r.name() : r.planned().folder(),
                                r.config(), r.dir()));
                records.put(key(r), rec);
            }
            // A run the user removed (or reset into a run of the lab) is not brought back.
            if (runs.runs().contains(rec)) {
                rec.showFromDisk(r.history(), r.state(), r.detail());
            }
        }
        planned.setAll(snap.runs());
        List<String> problems = snap.problems();
        if (!problems.isEmpty()) {
            problem(problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        } else if (lastProblem != null) {
            // The notice must not go on saying the folder is gone once it reads again.
            lastProblem = null;
            notice.accept("Sweep " + snap.dir().getFileName() + " reads again: " + snap.progress());
        }
    }

    private void problem(String message) {
        if (!message.equals(lastProblem)) {
            lastProblem = message;
            notice.accept("⚠ Sweep: " + message);
        }
    }

    private String indicatorText(SweepWatch.Snapshot snap) {
        String name = String.valueOf(snap.dir().getFileName());
        if (snap.settled()) {
            return "Sweep " + name + ": " + snap.progress() + " · done";
        }
        return (following.get() ? "Following sweep " : "Not following sweep ") + name + ": " + snap.progress();
    }

    private void startTimer() {
        timer = new Timeline(new KeyFrame(period, e -> refresh()));
        timer.setCycleCount(Timeline.INDEFINITE);
        timer.play();
        following.set(true);
    }

    private void stopTimer() {
        if (timer != null) {
            timer.stop();
            timer = null;
        }
        following.set(false);
    }

    private static String key(SweepWatch.Run r) {
        return r.planned().folder() + "\n" + r.planned().index();
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof UncheckedIOException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The state a run of the sweep's list shows ("Pending" too for a run no task has started). */
    public static String stateLabel(SweepRuns.State s) {
        return Labels.sweepState(s);
    }
}
