package io.fpolab.ui.views;

import io.fpolab.analysis.GridEvaluator;
import io.fpolab.analysis.probe.ControlDemo;
import io.fpolab.analysis.probe.GridProbe;
import io.fpolab.analysis.probe.GridScene;
import io.fpolab.analysis.probe.PolicyProbe;
import io.fpolab.analysis.probe.SystemFrame;
import io.fpolab.env.grid.GridLayout;
import io.fpolab.train.Trainer;
import io.fpolab.ui.paint.GridWorldPainter;
import io.fpolab.ui.paint.Painter;
import io.fpolab.ui.paint.SystemPainter;
import java.util.Locale;

/**
 * The state a distribution or flow view looks at: a GridWorld cell the user picked (the saddle cell
 * until then), or the current state of a private demo episode of a control task. The cell is written
 * on the FX thread and read on the run's copy thread ({@link io.fpolab.train.TrainingRun#submitOnCopy}); the demo
 * lives on that thread only.
 */
final class StateTarget {
    private volatile int cellX = -1;
    private volatile int cellY = -1;
    private volatile boolean resetDemo;
    private ControlDemo demo;

    /**
     * The state resolved on the copy thread and what the picker shows of it: the grid with the cell marked,
     * or the demo episode's frame (exactly one of the two).
     */
    record Resolved(float[] obs, String label, GridScene grid, SystemFrame frame) {
        /** The picker's painter: plain data wrapped for painting. */
        Painter picker() {
            return grid != null ? new GridWorldPainter(grid) : new SystemPainter(frame);
        }
    }

    void selectCell(int x, int y) {
        cellX = x;
        cellY = y;
    }

    /** Asks for a fresh demo episode at the next resolve. */
    void newDemoState() {
        resetDemo = true;
    }

    /** On the copy thread: the observation to probe; advances the demo by {@code demoSteps} first. */
    Resolved resolve(Trainer t, int demoSteps) {
        RunInfo info = RunInfo.of(t);
        if (info.gridWorld()) {
            GridLayout l = GridProbe.layout(t);
            int x = cellX;
            int y = cellY;
            if (!l.contains(x, y) || l.type(x, y) != GridLayout.CellType.EMPTY) {
                int[] saddle = GridEvaluator.saddleCell(l);
                if (l.type(saddle[0], saddle[1]) == GridLayout.CellType.EMPTY) {
                    x = saddle[0];
                    y = saddle[1];
                } else {
                    int start = l.startCells()[0];
                    x = l.cellX(start);
                    y = l.cellY(start);
                }
            }
            return new Resolved(PolicyProbe.gridObservation(t, x, y), "cell (" + x + ", " + y + ")",
                    GridScene.of(l, l.cellIndex(x, y)), null);
        }
        if (demo == null || resetDemo || !demo.envId().equals(info.envId())) {
            if (demo != null) {
                demo.close();
            }
            demo = ControlDemo.of(t, System.nanoTime());
            resetDemo = false;
        }
        SystemFrame f = demoSteps > 0 ? demo.step(t, demoSteps) : demo.frame(null);
        SystemFrame titled = f.titled(null);
        return new Resolved(demo.observation(), String.format(Locale.ROOT, "demo state at t = %.2f s", f.time()),
                null, titled);
    }
}
