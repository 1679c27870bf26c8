package io.fpolab.analysis.probe;

import io.fpolab.analysis.probe.GridScene.Trajectory;
import io.fpolab.config.ExperimentConfig.Algorithm;
import io.fpolab.core.math.Rng;
import io.fpolab.env.grid.GridLayout;
import io.fpolab.train.Trainer;
import java.util.List;

/**
 * Everything the paper's Figure 1 (and, for Gaussian PPO, Fig. A.1) shows for one GridWorld run:
 * the policy field, the denoising path of many samples at the analysis cell, and episodes from it.
 *
 * @param cell analysis cell index (the saddle cell by default)
 */
public record FigureOneData(String runName, Algorithm algorithm, int iteration, long envSteps, GridLayout layout,
        float[] field, FlowPaths flow, int cell, List<Trajectory> trajectories) {

    /** Collects the data on the calling (trainer) thread; deterministic for a given seed. */
    public static FigureOneData collect(Trainer t, String runName, int x, int y, int samples, int episodes, long seed) {
        Rng rng = new Rng(seed);
        GridProbe.Snapshot snap = GridProbe.snapshot(t, false, false, rng);
        GridLayout l = snap.layout();
        FlowPaths flow = PolicyProbe.flowAt(t, PolicyProbe.gridObservation(t, x, y), samples, false, rng, null);
        int cell = l.cellIndex(x, y);
        List<Trajectory> ts = GridProbe.trajectories(t, List.of(cell), episodes, rng);
        return new FigureOneData(runName, t.config().algorithm(), t.iteration(), t.envSteps(), l, snap.field(), flow,
                cell, ts);
    }
}
