package io.fpolab.ui.views;

import io.fpolab.analysis.probe.FlowPaths;
import io.fpolab.analysis.probe.PolicyProbe;
import io.fpolab.core.math.Rng;
import io.fpolab.train.TrainingRun;
import io.fpolab.ui.paint.FlowFramePainter;
import io.fpolab.ui.paint.Painter;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * State of the flow view: the denoising paths at the selected state (fetched from the trainer) and
 * the flow time τ the slider or the animation shows; the frame painter follows both.
 */
final class FlowViewModel {
    /** Samples drawn as points (fewer than the heatmap's: each is a dot on screen). */
    static final int SAMPLES = 3000;

    final ObjectProperty<FlowPaths> paths = new SimpleObjectProperty<>();
    final ObjectProperty<Painter> frame = new SimpleObjectProperty<>();
    final ObjectProperty<Painter> picker = new SimpleObjectProperty<>();
    final DoubleProperty tau = new SimpleDoubleProperty(1.0);
    final BooleanProperty eval = new SimpleBooleanProperty(false);
    final BooleanProperty playing = new SimpleBooleanProperty(false);
    final StringProperty status = new SimpleStringProperty("");
    final StringProperty pickerHint = new SimpleStringProperty("");

    private TrainingRun run;
    private StateTarget target = new StateTarget();
    private long sequence;

    FlowViewModel() {
        paths.addListener((o, a, b) -> updateFrame());
        tau.addListener((o, a, b) -> updateFrame());
    }

    TrainingRun run() {
        return run;
    }

    StateTarget target() {
        return target;
    }

    void setRun(TrainingRun r) {
        run = r;
        target = new StateTarget();
        paths.set(null);
        picker.set(null);
    }

    private void updateFrame() {
        FlowPaths p = paths.get();
        frame.set(p == null ? null : new FlowFramePainter(p, tau.get()));
    }

    private double held;

    /** Advances the animation by {@code dt} of flow time; at τ = 1 it holds for 0.3 of a cycle, then restarts. */
    void advance(double dt) {
        if (tau.get() >= 1) {
            held += dt;
            if (held >= 0.3) {
                held = 0;
                tau.set(0);
            }
            return;
        }
        tau.set(Math.min(1, tau.get() + dt));
    }

    CompletableFuture<Runnable> request() {
        TrainingRun r = run;
        if (r == null) {
            return null;
        }
        StateTarget tg = target;
        boolean ev = eval.get();
        long seed = ++sequence;
        int demoSteps = Views.training(r) ? 5 : 0;
        return r.submitOnCopy(t -> {
            RunInfo info = RunInfo.of(t);
            StateTarget.Resolved s = tg.resolve(t, demoSteps);
            FlowPaths p = PolicyProbe.flowAt(t, s.obs(), SAMPLES, ev, new Rng(seed),
                    info.title(r.name()) + " · " + s.label());
            return new Object[] {p, s.picker(), !info.gridWorld(), t.iteration()};
        }).thenApply(res -> () -> {
            if (run != r) {
                return;
            }
            paths.set((FlowPaths) res[0]);
            picker.set((Painter) res[1]);
            pickerHint.set((Boolean) res[2] ? "Demo episode of the current policy" : "Click a cell");
            status.set("iteration " + res[3] + " · " + SAMPLES + " samples · drag the slider or press Play");
        });
    }
}
