package io.fpolab.ui.views;

import io.fpolab.analysis.probe.ControlDemo;
import io.fpolab.analysis.probe.SystemFrame;
import io.fpolab.train.TrainingRun;
import io.fpolab.ui.paint.Painter;
import io.fpolab.ui.paint.SystemPainter;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * State of the system view: a private demo episode of the run's control task stepped with the
 * current policy on the run's copy ({@link TrainingRun#submitOnCopy}), published as immutable frames about 25 times a second.
 */
final class SystemViewModel {
    /** Frames per second of the animation. */
    static final double FPS = 25;

    final ObjectProperty<Painter> frame = new SimpleObjectProperty<>();
    final BooleanProperty playing = new SimpleBooleanProperty(true);
    final BooleanProperty gridRun = new SimpleBooleanProperty(false);
    final StringProperty status = new SimpleStringProperty("");

    private TrainingRun run;
    private Holder holder = new Holder();
    private boolean resetRequested;

    /** The demo of the selected run; touched only on that run's copy thread. */
    private static final class Holder {
        ControlDemo demo;
    }

    TrainingRun run() {
        return run;
    }

    /** Shows run {@code r}; the previous run's demo is closed on that run's copy thread, which owns it. */
    void setRun(TrainingRun r) {
        TrainingRun old = run;
        Holder previous = holder;
        if (old != null && old != r && old.state() != TrainingRun.State.NEW) {
            old.submitOnCopy(t -> {
                if (previous.demo != null) {
                    previous.demo.close();
                    previous.demo = null;
                }
                return null;
            });
        }
        run = r;
        holder = new Holder();
        frame.set(null);
        gridRun.set(false);
    }

    void reset() {
        resetRequested = true;
    }

    CompletableFuture<Runnable> request() {
        TrainingRun r = run;
        if (r == null || (!playing.get() && !resetRequested && frame.get() != null)) {
            return null;
        }
        Holder h = holder;
        boolean reset = resetRequested;
        boolean advance = playing.get();
        resetRequested = false;
        return r.submitOnCopy(t -> {
            RunInfo info = RunInfo.of(t);
            if (info.gridWorld()) {
                return (Runnable) () -> gridRun.set(true);
            }
            if (h.demo == null) {
                h.demo = ControlDemo.of(t, System.nanoTime());
            }
            if (reset) {
                h.demo.reset();
            }
            // Real time: as many control steps per frame as the task's step size fits into 1/FPS.
            int steps = advance ? Math.max(1, (int) Math.round(1 / (FPS * h.demo.dt()))) : 0;
            SystemFrame f = h.demo.step(t, steps);
            SystemFrame titled = f.titled(info.title(r.name())
                    + (r.name().contains(info.envId()) ? "" : " · " + info.envId()) + " · iteration " + t.iteration());
            return (Runnable) () -> {
                gridRun.set(false);
                frame.set(new SystemPainter(titled));
            };
        }).thenApply(apply -> () -> {
            if (run == r) {
                apply.run();
            }
        });
    }
}
