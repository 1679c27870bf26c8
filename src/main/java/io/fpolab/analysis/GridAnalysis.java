package io.fpolab.analysis;

import io.fpolab.core.math.Rng;
import io.fpolab.env.StepResult;
import io.fpolab.env.grid.GridLayout;
import io.fpolab.env.grid.GridWorldVecEnv;
import io.fpolab.train.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Multimodality analysis of a GridWorld policy — the data behind the paper's Figure 1. All methods
 * run on the trainer thread (they use the policy's ND4J network) and use their own envs and RNG, so
 * they never disturb training.
 */
public final class GridAnalysis {
    private final Trainer trainer;
    private final GridLayout layout;
    private final int maxSteps;

    public GridAnalysis(Trainer trainer) {
        this.trainer = trainer;
        GridWorldVecEnv env = (GridWorldVecEnv) trainer.env();
        this.layout = env.layout();
        this.maxSteps = env.maxSteps();
    }

    public GridLayout layout() {
        return layout;
    }

    /** Outcomes of episodes: per-region fractions, death and timeout fractions, mean length. */
    public record Outcomes(int episodes, double[] regionFraction, double deathFraction, double timeoutFraction,
            double meanLength) {
        public double successRate() {
            return Arrays.stream(regionFraction).sum();
        }
    }

    /** Moves on one axis after the env's mapping, as fractions of samples. */
    public record MoveDistribution(double minus, double stay, double plus) {
    }

    /** Episodes with the stochastic (rollout) sampler from uniformly random start cells. */
    public Outcomes randomStarts(int episodes, Rng rng) {
        return summarize(runEpisodes(randomStartCells(episodes, rng), rng, false), 0, episodes);
    }

    /** Episodes from one cell. */
    public Outcomes fromCell(int x, int y, int episodes, Rng rng) {
        return summarize(runEpisodes(repeat(x, y, episodes), rng, false), 0, episodes);
    }

    /**
     * Random-start episodes and episodes from (x, y), stepped together in one batch (half the policy
     * calls of running them apart): returns {random starts, from the cell}.
     */
    public Outcomes[] randomStartsAndCell(int randomEpisodes, int x, int y, int cellEpisodes, Rng rng) {
        int[] cells = new int[randomEpisodes + cellEpisodes];
        System.arraycopy(randomStartCells(randomEpisodes, rng), 0, cells, 0, randomEpisodes);
        Arrays.fill(cells, randomEpisodes, cells.length, layout.cellIndex(x, y));
        Episodes e = runEpisodes(cells, rng, false);
        return new Outcomes[] {summarize(e, 0, randomEpisodes), summarize(e, randomEpisodes, cells.length)};
    }

    /** Paths (cell indices, start first) of {@code episodes} episodes from (x, y). */
    public List<int[]> trajectories(int x, int y, int episodes, Rng rng) {
        return runEpisodes(repeat(x, y, episodes), rng, true).paths;
    }

    private int[] randomStartCells(int episodes, Rng rng) {
        int[] starts = layout.startCells();
        int[] cells = new int[episodes];
        for (int i = 0; i < episodes; i++) {
            cells[i] = starts[rng.nextInt(starts.length)];
        }
        return cells;
    }

    private int[] repeat(int x, int y, int n) {
        int[] cells = new int[n];
        Arrays.fill(cells, layout.cellIndex(x, y));
        return cells;
    }

    /** Per-episode results of a batch: outcome code, length, and optionally the visited cells. */
    private record Episodes(int[] outcome, int[] length, List<int[]> paths) {
    }

    /**
     * Runs one episode per entry of {@code startCells}, all envs stepped together, with the rollout
     * sampler (the stochastic policy being trained). Unfinished episodes count as timeouts.
     */
    private Episodes runEpisodes(int[] startCells, Rng rng, boolean keepPaths) {
        int n = startCells.length;
        GridWorldVecEnv env = new GridWorldVecEnv(layout, n, maxSteps);
        env.reset(rng);
        for (int i = 0; i < n; i++) {
            env.resetTo(i, layout.cellX(startCells[i]), layout.cellY(startCells[i]));
        }
        int[][] track = keepPaths ? new int[n][maxSteps + 1] : null;
        int[] trackLen = new int[n];
        if (keepPaths) {
            for (int i = 0; i < n; i++) {
                track[i][0] = startCells[i];
                trackLen[i] = 1;
            }
        }
        boolean[] finished = new boolean[n];
        int[] outcome = new int[n];
        int[] length = new int[n];
        Arrays.fill(outcome, GridWorldVecEnv.OUTCOME_NONE);
        Arrays.fill(length, maxSteps);
        int remaining = n;
        for (int t = 0; t < maxSteps && remaining > 0; t++) {
            float[] obs = trainer.normalize(env.observations(), n);
            float[] act = trainer.policy().sample(obs, n, rng, false, null);
            StepResult r = env.step(trainer.envActions(act), rng);
            for (int i = 0; i < n; i++) {
                if (finished[i]) {
                    continue;
                }
                if (keepPaths) {
                    double[] st = r.done(i) ? cellOf(r.finalObs, i) : env.state(i);
                    track[i][trackLen[i]++] = layout.cellIndex((int) st[0], (int) st[1]);
                }
                if (r.done(i)) {
                    finished[i] = true;
                    remaining--;
                    outcome[i] = r.outcome[i];
                    length[i] = r.episodeLength[i];
                }
            }
        }
        List<int[]> paths = new ArrayList<>();
        if (keepPaths) {
            for (int i = 0; i < n; i++) {
                paths.add(Arrays.copyOf(track[i], trackLen[i]));
            }
        }
        return new Episodes(outcome, length, paths);
    }

    private Outcomes summarize(Episodes e, int from, int to) {
        int n = to - from;
        double[] region = new double[layout.regionCount()];
        double death = 0;
        double timeout = 0;
        double len = 0;
        for (int i = from; i < to; i++) {
            int o = e.outcome[i];
            if (o == GridWorldVecEnv.OUTCOME_NONE) {
                timeout++;
            } else if (o == GridWorldVecEnv.OUTCOME_DEATH) {
                death++;
            } else {
                region[o]++;
            }
            len += e.length[i];
        }
        for (int k = 0; k < region.length; k++) {
            region[k] /= n;
        }
        return new Outcomes(n, region, death / n, timeout / n, len / n);
    }

    /** Grid cell (x, y) from a GridWorld observation {@code (pos − c)/c}. */
    private double[] cellOf(float[] obs, int i) {
        double cx = (layout.width() - 1) / 2.0;
        double cy = (layout.height() - 1) / 2.0;
        return new double[] {Math.rint(obs[2 * i] * cx + cx), Math.rint(obs[2 * i + 1] * cy + cy)};
    }

    /** {@code count} raw action samples at cell (x, y) ({@code [count·2]}), rollout or evaluation sampler. */
    public float[] actionSamples(int x, int y, int count, boolean eval, Rng rng) {
        return trainer.sampleActions(cellObs(x, y, count), count, rng, eval);
    }

    /**
     * Samples with the whole denoising path at cell (x, y): {@code path[k]} holds x_k of every sample
     * ({@code [count·2]}), k = 0 … K (Figure 1, centre).
     */
    public float[][] denoisingPath(int x, int y, int count, boolean eval, Rng rng) {
        float[][] path = new float[trainer.policy().pathLength()][];
        trainer.policy().sample(cellObs(x, y, count), count, rng, eval, path);
        return path;
    }

    private float[] cellObs(int x, int y, int rows) {
        float[] one = new float[2];
        GridWorldVecEnv.obsOf(layout, x, y, one, 0);
        float[] obs = new float[rows * 2];
        for (int r = 0; r < rows; r++) {
            obs[2 * r] = one[0];
            obs[2 * r + 1] = one[1];
        }
        return trainer.normalize(obs, rows);
    }

    /** Distribution of the y-axis move ({@code −1, 0, +1}) of raw action samples after the env's mapping. */
    public static MoveDistribution yMoves(float[] actions) {
        return moves(actions, 1);
    }

    /** Distribution of the move on {@code axis} (0 = x, 1 = y) of raw action samples. */
    public static MoveDistribution moves(float[] actions, int axis) {
        int n = actions.length / 2;
        int[] counts = new int[3];
        for (int i = 0; i < n; i++) {
            counts[GridWorldVecEnv.axisMove(actions[2 * i + axis]) + 1]++;
        }
        return new MoveDistribution((double) counts[0] / n, (double) counts[1] / n, (double) counts[2] / n);
    }

    /** One action per non-wall cell ({@code [cells·2]}, NaN for walls): the policy field of Figure 1 (left). */
    public float[] policyField(boolean eval, Rng rng) {
        int cells = layout.cellCount();
        float[] obs = new float[cells * 2];
        for (int c = 0; c < cells; c++) {
            GridWorldVecEnv.obsOf(layout, layout.cellX(c), layout.cellY(c), obs, 2 * c);
        }
        float[] a = trainer.policy().sample(trainer.normalize(obs, cells), cells, rng, eval, null);
        for (int c = 0; c < cells; c++) {
            if (layout.type(layout.cellX(c), layout.cellY(c)) == GridLayout.CellType.WALL) {
                a[2 * c] = Float.NaN;
                a[2 * c + 1] = Float.NaN;
            }
        }
        return a;
    }

    /** V(s) per cell ({@code [cells]}). */
    public float[] valueMap() {
        int cells = layout.cellCount();
        float[] obs = new float[cells * 2];
        for (int c = 0; c < cells; c++) {
            GridWorldVecEnv.obsOf(layout, layout.cellX(c), layout.cellY(c), obs, 2 * c);
        }
        return trainer.values(trainer.normalize(obs, cells), cells);
    }
}
