package io.fpolab.analysis.probe;

import io.fpolab.analysis.ActionShape;
import io.fpolab.analysis.ForkEvaluator;
import io.fpolab.config.ExperimentConfig.Algorithm;
import io.fpolab.core.math.Rng;
import io.fpolab.train.Trainer;

/**
 * What the fork figure shows of one fork-task run ({@code fork-easy}), the continuous counterpart of
 * {@link FigureOneData}: episodes from the symmetry point with the rollout sampler (their paths and the gap
 * each first passed), the route split of the evaluation sampler, and the actions the env receives there —
 * their 2-D histogram and the density of the x-force with its peaks. Every number is the fork measure's
 * ({@link ForkEvaluator}), so the figure and {@code summary.json} count routes and peaks the same way.
 *
 * @param episodes     {@link ForkEvaluator#episodes} with the rollout sampler: the drawn paths and their split
 * @param evalSplit    left, right, none of as many episodes with the evaluation sampler (the measure's
 *                     {@code fork_left}, {@code fork_right}, {@code fork_none})
 * @param samples      how many actions were drawn at the symmetry point
 * @param actions      their histogram over [−{@value #ACTION_BOX}, {@value #ACTION_BOX}]², action x across
 * @param xDensity     the density of their x-force ({@link ActionShape#density}, as the measure reads it)
 * @param xModes       its highest peak right of +0.5 ("up") and left of −0.5 ("down"), and the valley between
 */
public record ForkFigureData(String runName, Algorithm algorithm, int iteration, long envSteps,
        ForkEvaluator.Episodes episodes, double[] evalSplit, int samples, Histogram2D actions,
        ActionShape.Density xDensity, ActionShape.Modes xModes) {
    /** Half side of the action box: the env receives forces in [−1, 1] per axis, with a margin round the bound. */
    public static final double ACTION_BOX = 1.1;

    public ForkFigureData {
        evalSplit = evalSplit.clone();
    }

    /** Bins per axis of the action histogram. */
    static final int BINS = 66;

    /** Collects the data on the calling (trainer) thread; deterministic for a given seed. */
    public static ForkFigureData collect(Trainer t, String runName, int samples, int episodes, long seed) {
        Rng rng = new Rng(seed);
        ForkEvaluator.Episodes sampled = ForkEvaluator.episodes(t, episodes, false, rng);
        double[] eval = ForkEvaluator.routes(t, episodes, true, rng);
        float[] actions = ForkEvaluator.startActions(t, samples, rng);
        ActionShape.Density d = ActionShape.density(actions, 2, 0);
        return new ForkFigureData(runName, t.config().algorithm(), t.iteration(), t.envSteps(), sampled, eval, samples,
                Histogram2D.of(actions, 2, 0, 1, BINS, -ACTION_BOX, ACTION_BOX), d, d.modes());
    }
}
