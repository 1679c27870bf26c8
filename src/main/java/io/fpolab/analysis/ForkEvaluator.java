package io.fpolab.analysis;

import io.fpolab.core.math.Rng;
import io.fpolab.env.StepResult;
import io.fpolab.env.control.ControlSuite;
import io.fpolab.env.control.ForkEasy;
import io.fpolab.env.control.PhysicsVecEnv;
import io.fpolab.train.Trainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluation of the fork task ({@link ForkEasy}): the control evaluation ({@link ControlEvaluator}) plus
 * the route split from the symmetry point, the continuous-control counterpart of GridWorld's saddle.
 *
 * <p>From the symmetry point (x = 0, y = −0.2, at rest) it runs {@code episodes} episodes and records
 * through which gap each first passes the wall: {@code fork_left}, {@code fork_right} and
 * {@code fork_none} (never passed) as fractions, once with the evaluation sampler (the measure) and once
 * with the rollout sampler ({@code fork_left_sampled}, {@code fork_right_sampled}; for a Gaussian policy
 * evaluated at its mean every evaluation episode takes the same route, so the sampled split says how
 * committed the distribution itself is). It also draws {@value #SAMPLES} actions at the symmetry point
 * with the rollout sampler, as the env receives them, and reads the density of their x component
 * ({@link ActionShape#density}): the heights of its highest peak right of +0.5 ({@code x_peak_right})
 * and left of −0.5 ({@code x_peak_left}) and the valley between them ({@code x_valley}).
 */
public final class ForkEvaluator implements Trainer.Evaluator {
    /** Action samples at the symmetry point for the density. */
    public static final int SAMPLES = 20_000;

    /** Least share of each route for "both routes". */
    public static final double MIN_ROUTE = 0.30;
    /** Least share of one route for "committed". */
    public static final double COMMITTED = 0.90;

    public static final List<String> KEYS;

    static {
        List<String> k = new ArrayList<>(ControlEvaluator.KEYS);
        k.addAll(List.of("fork_left", "fork_right", "fork_none", "fork_left_sampled", "fork_right_sampled",
                "x_peak_left", "x_peak_right", "x_valley"));
        KEYS = List.copyOf(k);
    }

    private final ControlEvaluator control;
    private final int episodes;

    public ForkEvaluator(int episodes) {
        this.control = new ControlEvaluator(episodes);
        this.episodes = episodes;
    }

    @Override
    public Map<String, Double> evaluate(Trainer trainer) {
        Map<String, Double> m = new LinkedHashMap<>(control.evaluate(trainer));
        Rng rng = new Rng(trainer.config().seed() * 1_000_003L + trainer.iteration() + 29);
        double[] eval = routes(trainer, episodes, true, rng);
        double[] sampled = routes(trainer, episodes, false, rng);
        m.put("fork_left", eval[0]);
        m.put("fork_right", eval[1]);
        m.put("fork_none", eval[2]);
        m.put("fork_left_sampled", sampled[0]);
        m.put("fork_right_sampled", sampled[1]);
        ActionShape.Modes modes = ActionShape.density(startActions(trainer, SAMPLES, rng), 2, 0).modes();
        m.put("x_peak_right", modes.peakUp());
        m.put("x_peak_left", modes.peakDown());
        m.put("x_valley", modes.valley());
        return m;
    }

    /** The observation at the symmetry point. */
    public static float[] startObservation() {
        return new float[] {0f, (float) ForkEasy.START_Y, 0f, 0f};
    }

    /** {@code n} actions at the symmetry point with the rollout sampler, as the env receives them (rows x, y). */
    public static float[] startActions(Trainer trainer, int n, Rng rng) {
        float[] rows = new float[n * 4];
        float[] start = startObservation();
        for (int i = 0; i < n; i++) {
            System.arraycopy(start, 0, rows, i * 4, 4);
        }
        return trainer.envActions(trainer.policy().sample(trainer.normalize(rows, n), n, rng, false, null));
    }

    /** A policy as the measure needs it: {@code n} rows of raw observations in, env actions out. */
    @FunctionalInterface
    public interface Actor {
        float[] act(float[] observations, int n);
    }

    /**
     * Fractions of {@code n} episodes from the symmetry point that first pass the wall through the left gap,
     * the right gap, or not at all, acting with the trainer's policy.
     *
     * @param eval the evaluation sampler (else the rollout sampler)
     */
    public static double[] routes(Trainer trainer, int n, boolean eval, Rng rng) {
        return episodes(trainer, n, eval, rng).split();
    }

    /** The same for any {@link Actor}; {@code rng} draws only the (unused) reset states. */
    public static double[] routes(Actor actor, int n, Rng rng) {
        return episodes(actor, n, rng).split();
    }

    /**
     * Episodes from the symmetry point: the gap each first passed and the positions it visited.
     *
     * @param routes per episode −1 (left gap), +1 (right gap) or 0 (never passed the wall)
     * @param paths  per episode the positions from the start to the end, {@code [x0, y0, x1, y1, …]}
     */
    public record Episodes(int[] routes, List<double[]> paths) {
        public Episodes {
            routes = routes.clone();
            paths = List.copyOf(paths);
        }

        /** Fractions of the episodes through the left gap, the right gap and neither. */
        public double[] split() {
            double[] split = new double[3];
            for (int r : routes) {
                split[r < 0 ? 0 : r > 0 ? 1 : 2]++;
            }
            for (int k = 0; k < 3; k++) {
                split[k] /= Math.max(1, routes.length);
            }
            return split;
        }

        public int count() {
            return routes.length;
        }
    }

    /** {@code n} episodes from the symmetry point with the trainer's policy (see {@link #routes(Trainer, int, boolean, Rng)}). */
    public static Episodes episodes(Trainer trainer, int n, boolean eval, Rng rng) {
        return episodes((obs, k) -> trainer.envActions(trainer.policy().sample(trainer.normalize(obs, k), k, rng, eval,
                null)), n, rng);
    }

    /** {@code n} episodes from the symmetry point with any {@link Actor}; {@code rng} draws only the (unused) reset states. */
    public static Episodes episodes(Actor actor, int n, Rng rng) {
        PhysicsVecEnv env = ControlSuite.create(ForkEasy.ID, n);
        env.reset(rng);
        double[][] paths = new double[n][2 * (ForkEasy.MAX_STEPS + 1)];
        for (int i = 0; i < n; i++) {
            env.setJointState(i, new double[] {0, ForkEasy.START_Y}, new double[] {0, 0});
            paths[i][1] = ForkEasy.START_Y;
        }
        int[] route = new int[n];
        float[] before = new float[n * 4];
        for (int t = 0; t < ForkEasy.MAX_STEPS; t++) {
            float[] obs = env.observations();
            System.arraycopy(obs, 0, before, 0, before.length);
            StepResult r = env.step(actor.act(obs.clone(), n), rng);
            for (int i = 0; i < n; i++) {
                // The last step resets the env; its final position is in finalObs.
                float[] after = r.done(i) ? r.finalObs : r.obs;
                if (route[i] == 0 && before[i * 4 + 1] < 0 && after[i * 4 + 1] >= 0) {
                    route[i] = after[i * 4] < 0 ? -1 : 1;
                }
                paths[i][2 * (t + 1)] = after[i * 4];
                paths[i][2 * (t + 1) + 1] = after[i * 4 + 1];
            }
        }
        return new Episodes(route, List.of(paths));
    }

    /**
     * FPO's condition for "both routes": each route taken in at least {@value #MIN_ROUTE} of the evaluation
     * episodes and two peaks in the x-density at the symmetry point, valley at most half the smaller.
     */
    public static boolean twoRoutes(Map<String, Double> evaluation) {
        double[] v = ActionShape.values(evaluation, "fork_left", "fork_right", "x_peak_right", "x_peak_left", "x_valley");
        return v != null && v[0] >= MIN_ROUTE && v[1] >= MIN_ROUTE && ActionShape.twoPeaks(v[2], v[3], v[4]);
    }

    /** Gaussian PPO's condition for "committed": one route taken in at least {@value #COMMITTED} of the evaluation episodes. */
    public static boolean committed(Map<String, Double> evaluation) {
        Double left = evaluation.get("fork_left");
        Double right = evaluation.get("fork_right");
        return left != null && right != null && Math.max(left, right) >= COMMITTED;
    }
}
