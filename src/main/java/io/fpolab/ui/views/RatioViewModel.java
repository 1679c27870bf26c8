package io.fpolab.ui.views;

import io.fpolab.analysis.ExactLikelihood;
import io.fpolab.analysis.RatioInspector;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.core.nn.Workspaces;
import io.fpolab.train.Checkpoint;
import io.fpolab.train.TrainingRun;
import io.fpolab.ui.paint.PaintKit;
import io.fpolab.ui.paint.Painter;
import io.fpolab.ui.paint.RatioScatterPainter;
import io.fpolab.ui.paint.RatioTrendPainter;
import io.fpolab.ui.util.FxRelay;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * State of the ratio view. A check takes the run's current state on its trainer thread (a checkpoint capture,
 * between minibatches) and hands it to a thread of its own at the lowest priority, which restores a copy of the
 * trainer, runs one PPO iteration on the copy and computes the exact likelihoods ({@link RatioInspector#inspectCopy}):
 * the run keeps training untouched, and the window keeps a core first, as with trainers. The copy's ND4J work is
 * that thread's alone.
 */
final class RatioViewModel {
    /** The painter shown before the first check of a run. */
    static final Painter PROMPT = PaintKit.message("FPO's ratio against the exact likelihood ratio",
            "Check ratio runs one PPO iteration on a copy of the run and compares both ratios on its actions.");

    final ObjectProperty<Painter> painter = new SimpleObjectProperty<>(PROMPT);
    /** The run's checks over training, or null before its first. */
    final ObjectProperty<Painter> trend = new SimpleObjectProperty<>();
    /** Check again whenever the run has trained on since the last check. */
    final BooleanProperty track = new SimpleBooleanProperty(false);
    final StringProperty status = new SimpleStringProperty("");
    final BooleanProperty running = new SimpleBooleanProperty(false);
    /** Why the selected run cannot be checked (not FPO, too many action dimensions), or empty. */
    final StringProperty unsupported = new SimpleStringProperty("");

    private TrainingRun run;
    private int generation;
    private final List<RatioTrendPainter.Point> points = new ArrayList<>();
    /** Iterations the run had finished when the last check took its state (FX thread). */
    private int checkedAt = -1;

    TrainingRun run() {
        return run;
    }

    void setRun(TrainingRun r) {
        run = r;
        generation++;
        painter.set(PROMPT);
        status.set("");
        running.set(false);
        unsupported.set("");
        points.clear();
        trend.set(null);
        checkedAt = -1;
    }

    /**
     * While {@link #track} is on: starts a check when none is running and the run has finished an iteration since
     * the last one took its state (FX thread; called a few times a second).
     */
    void trackTick(int samples) {
        TrainingRun r = run;
        if (!track.get() || r == null || running.get() || !unsupported.get().isEmpty()) {
            return;
        }
        if (r.historySize() > checkedAt) {
            check(samples);
        }
    }

    /** Asks the trainer thread what the run is, to say early when it has no exact likelihood here. */
    CompletableFuture<Runnable> requestInfo() {
        TrainingRun r = run;
        if (r == null) {
            return null;
        }
        return RunInfo.fetch(r).thenApply(info -> () -> {
            if (run != r) {
                return;
            }
            try {
                ExactLikelihood.requireSupported(info.algorithm(), info.actDim());
                unsupported.set("");
            } catch (IllegalArgumentException e) {
                unsupported.set("The ratio check compares FPO's ratio with an exact likelihood: " + e.getMessage() + ".");
            }
        });
    }

    /** Starts a check with {@code samples} transitions, unless one is running or no run is selected. */
    void check(int samples) {
        TrainingRun r = run;
        if (r == null || running.get() || !unsupported.get().isEmpty()) {
            return;
        }
        int ticket = ++generation;
        checkedAt = r.historySize();
        running.set(true);
        status.set("Taking the run's current state…");
        long start = System.nanoTime();
        r.submit(t -> new Capture(Checkpoint.capture(t, ""), t.config(), RunInfo.of(t).title(r.name())))
                .whenComplete((capture, error) -> {
                    if (error != null) {
                        finish(ticket, null, "Could not take the run's state: " + Views.message(error), null, null);
                        return;
                    }
                    Thread worker = new Thread(() -> inspect(ticket, capture, samples, start), "ratio-check");
                    worker.setDaemon(true);
                    worker.setPriority(Thread.MIN_PRIORITY);
                    worker.start();
                });
    }

    private void inspect(int ticket, Capture c, int samples, long start) {
        try {
            int n = Math.min(samples, RatioInspector.rolloutSize(c.config()));
            FxRelay.later(() -> status(ticket, String.format(Locale.ROOT,
                    "One PPO iteration on a copy of the run (iteration %d)…", c.checkpoint().iteration())));
            RatioInspector.Inspection result = RatioInspector.inspectCopy(c.config(), c.checkpoint(), n, 0,
                    ExactLikelihood.DEFAULT_STEPS, false, done -> FxRelay.later(() -> status(ticket,
                            String.format(Locale.ROOT, "Exact likelihoods: %d of %d actions…", done, n))));
            RatioInspector.Summary s = result.report().summary();
            String title = String.format(Locale.ROOT, "%s · θ_old = iteration %d, θ = %d", c.title(),
                    result.iteration(), result.iteration() + 1);
            Painter p = new RatioScatterPainter(title, result.report());
            String done = String.format(Locale.ROOT, "%d actions in %.0f s: pearson r %s, the ratios agree about the "
                    + "clip band on %s; training's clip fraction in that iteration %s. The run itself was not changed.",
                    s.samples(), (System.nanoTime() - start) / 1e9, Double.isNaN(s.pearson()) ? "n/a"
                            : String.format(Locale.ROOT, "%.3f", s.pearson()), PaintKit.percent(s.clipAgreement()),
                    PaintKit.percent(result.update().clipFraction()));
            RatioTrendPainter.Point point = new RatioTrendPainter.Point(result.iteration(), s.pearson(),
                    s.clipAgreement(), result.update().clipFraction());
            finish(ticket, p, done, point, c.title());
        } catch (RuntimeException e) {
            finish(ticket, null, "Could not check the ratio: " + Views.message(e), null, null);
        } finally {
            Workspaces.releaseThread();
        }
    }

    private void status(int ticket, String text) {
        if (ticket == generation) {
            status.set(text);
        }
    }

    private void finish(int ticket, Painter p, String text, RatioTrendPainter.Point point, String title) {
        FxRelay.later(() -> {
            if (ticket != generation) {
                return;
            }
            running.set(false);
            status.set(text);
            if (p != null) {
                painter.set(p);
            }
            if (point != null) {
                points.add(point);
                points.sort(java.util.Comparator.comparingInt(RatioTrendPainter.Point::iteration));
                trend.set(new RatioTrendPainter(title + " · over training", points));
            }
        });
    }

    /** The run's state at the check: what the copy is restored from, and its title. */
    private record Capture(Checkpoint checkpoint, ExperimentConfig config, String title) {
    }
}
