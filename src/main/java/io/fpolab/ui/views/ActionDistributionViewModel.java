package io.fpolab.ui.views;

import io.fpolab.analysis.probe.PolicyProbe;
import io.fpolab.core.math.Rng;
import io.fpolab.train.Trainer;
import io.fpolab.train.TrainingRun;
import io.fpolab.ui.paint.ActionPlots;
import io.fpolab.ui.paint.PaintKit;
import io.fpolab.ui.paint.Painter;
import io.fpolab.ui.paint.Panels;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * State of the action-distribution view: which run and state, which sampler, how many samples, which
 * run to compare with — and the painters the last refresh produced. Builds the trainer-thread
 * requests; knows nothing about controls.
 */
final class ActionDistributionViewModel {
    static final int DEFAULT_SAMPLES = 10_000;

    final ObjectProperty<Painter> main = new SimpleObjectProperty<>();
    final ObjectProperty<Painter> compare = new SimpleObjectProperty<>();
    final ObjectProperty<Painter> picker = new SimpleObjectProperty<>();
    final StringProperty status = new SimpleStringProperty("");
    final StringProperty pickerHint = new SimpleStringProperty("");
    final BooleanProperty eval = new SimpleBooleanProperty(false);
    final BooleanProperty continuous = new SimpleBooleanProperty(false);
    /** Show a tanh task's actions as the policy outputs them (before tanh) instead of as the env receives them. */
    final BooleanProperty beforeTanh = new SimpleBooleanProperty(false);
    /** The shown run squashes its actions with tanh, so {@link #beforeTanh} means something. */
    final BooleanProperty squashed = new SimpleBooleanProperty(false);
    final IntegerProperty samples = new SimpleIntegerProperty(DEFAULT_SAMPLES);
    final ObjectProperty<TrainingRun> compareRun = new SimpleObjectProperty<>();

    private TrainingRun run;
    private StateTarget target = new StateTarget();
    private List<TrainingRun> available = List.of();
    private long sequence;

    TrainingRun run() {
        return run;
    }

    void setRun(TrainingRun r) {
        run = r;
        target = new StateTarget();
        main.set(null);
        compare.set(null);
        picker.set(null);
        if (compareRun.get() == r) {
            compareRun.set(null);
        }
    }

    void setAvailable(List<TrainingRun> runs) {
        available = List.copyOf(runs);
        if (compareRun.get() != null && !available.contains(compareRun.get())) {
            compareRun.set(null);
        }
    }

    /** Runs that can be compared with the selected one. */
    List<TrainingRun> compareCandidates() {
        List<TrainingRun> out = new ArrayList<>(available);
        out.remove(run);
        return out;
    }

    StateTarget target() {
        return target;
    }

    /** What the export writes: the distribution, side by side with the compared run's if any. */
    Painter exportPainter() {
        if (main.get() == null) {
            return null;
        }
        return compare.get() == null ? main.get() : Panels.fitted(List.of(main.get(), compare.get()),
                ActionPlots.aspect(main.get()));
    }

    /**
     * Actions sampled at the state and the labels of their picture; the painter waits for the box's size.
     * {@code raw}: the actions are the policy's outputs before the env's tanh (else what the env receives).
     */
    private record Sampled(float[] actions, String title, String subtitle, RunInfo info, boolean raw) {
        /** The box these samples need (NaN for 1-D actions, whose histograms are not shared). */
        double range() {
            return info.actDim() >= 2 ? ActionPlots.range(actions, info.actDim(), info.gridWorld(), bound())
                    : Double.NaN;
        }

        /** After tanh the env's actions lie in [−1, 1]: that is the bound to mark. */
        double bound() {
            return info.preTanh() && !raw ? 1.0 : info.actionHigh();
        }

        Painter painter(double range) {
            return ActionPlots.distribution(title, subtitle, actions, info.actDim(), info.gridWorld(), bound(), raw,
                    range);
        }
    }

    /**
     * One refresh: this run's samples, the compared run's (or a message why there are none), the picker.
     */
    private record Result(Sampled main, Sampled compare, Painter compareMessage, Painter picker, String label,
            boolean continuous, float[] obs) {
        /**
         * The two painters; compared 2-D distributions share one box (the larger one needs), so the same
         * spread looks the same size in both.
         */
        Painter[] painters() {
            double shared = Double.NaN;
            if (compare != null && compare.info().actDim() == main.info().actDim()) {
                shared = Math.max(main.range(), compare.range());
            }
            return new Painter[] {main.painter(shared), compare != null ? compare.painter(shared) : compareMessage};
        }
    }

    /** The next refresh's request, or null without a run. */
    CompletableFuture<Runnable> request() {
        TrainingRun r = run;
        if (r == null) {
            return null;
        }
        StateTarget tg = target;
        boolean ev = eval.get();
        boolean raw = beforeTanh.get();
        int n = samples.get();
        TrainingRun cmp = compareRun.get();
        long seed = ++sequence;
        // While a control run trains, the demo episode moves on a little at each refresh.
        int demoSteps = Views.training(r) ? 5 : 0;
        CompletableFuture<Result> f = r.submitOnCopy(t -> {
            RunInfo info = RunInfo.of(t);
            StateTarget.Resolved s = tg.resolve(t, demoSteps);
            return new Result(sample(t, r, info, s.obs(), s.label(), n, ev, raw, seed), null, null, s.picker(),
                    s.label(), !info.gridWorld(), s.obs());
        });
        if (cmp != null && cmp != r) {
            f = f.thenCompose(res -> cmp.submitOnCopy(t -> {
                RunInfo other = RunInfo.of(t);
                // The same observation only means the same state for a run of the same task.
                boolean sameTask = t.policy().obsDim() == res.obs().length && other.gridWorld() == !res.continuous();
                Sampled c = sameTask ? sample(t, cmp, other, res.obs(), res.label(), n, ev, raw, seed) : null;
                Painter message = sameTask ? null
                        : PaintKit.message(cmp.name() + " trains " + other.envId(), "compare runs of the same task");
                return new Result(res.main(), c, message, res.picker(), res.label(), res.continuous(), res.obs());
            }));
        }
        // Histograms and densities are built as the samples arrive, on the copy's thread, not on the FX thread.
        return f.thenApply(res -> {
            Painter[] painters = res.painters();
            return () -> {
                if (run != r) {
                    return;
                }
                main.set(painters[0]);
                compare.set(cmp == null ? null : painters[1]);
                picker.set(res.picker());
                continuous.set(res.continuous());
                squashed.set(res.main().info().preTanh());
                pickerHint.set(res.continuous() ? "Demo episode of the current policy" : "Click a cell");
                status.set(res.label() + " · " + String.format(Locale.ROOT, "%,d", n) + " samples · "
                        + (ev ? "evaluation" : "rollout") + " sampler"
                        + (res.main().info().preTanh() ? (raw ? " · before tanh" : " · after tanh, as the env receives them")
                                : ""));
            };
        });
    }

    private static Sampled sample(Trainer t, TrainingRun r, RunInfo info, float[] obs, String label, int n,
            boolean eval, boolean beforeTanh, long seed) {
        float[] raw = PolicyProbe.samplesAt(t, obs, n, eval, new Rng(seed));
        boolean keepRaw = beforeTanh && info.preTanh();
        String subtitle = label + " · iteration " + t.iteration() + " · " + (eval ? "eval" : "rollout") + " sampler";
        return new Sampled(inShownSpace(t, info, raw, beforeTanh), info.title(r.name()), subtitle, info, keepRaw);
    }

    /** The sampled actions as shown: what the env receives (tanh applied for tanh tasks) unless {@code beforeTanh}. */
    static float[] inShownSpace(Trainer t, RunInfo info, float[] raw, boolean beforeTanh) {
        return info.preTanh() && !beforeTanh ? t.envActions(raw) : raw;
    }
}
