package io.fpolab.env.grid;

import io.fpolab.core.math.Rng;
import io.fpolab.env.EnvSpec;
import io.fpolab.env.StepResult;
import io.fpolab.env.VecEnv;

/**
 * The paper's GridWorld, {@code numEnvs} copies stepped together on one shared {@link GridLayout}.
 *
 * <p>Action (2 floats per env, raw policy output): each axis becomes a move
 * {@code Math.rint(clip(a, −1, 1))} ∈ {−1, 0, 1} (round half to even, so ±0.5 → 0, 0.51 → 1); the
 * agent moves as {@link GridLayout#move} says (clipped to the grid, staying put if the target is a
 * wall). Reward: the cell's reward when the agent ends a step on a goal (episode terminates, outcome =
 * goal region) or death cell (terminates, outcome −2), 0 otherwise. After {@code maxSteps} steps
 * without termination the episode is truncated (outcome −1). Observation (2 floats per env):
 * {@code (pos − c)/c} per axis with {@code c = (size − 1)/2}, i.e. {@code (pos − 12)/12} on 25×25.
 * Episodes start on a start cell drawn uniformly with the caller's {@link Rng}.
 *
 * <p>{@link #setLayout} swaps the map between steps (live editing): episodes in progress continue on
 * the new map from where they are; since the reward is decided by the cell an agent ends its step in,
 * an agent standing on a cell that was just painted goal or death ends its episode on its next step.
 *
 * <p>Not thread-safe except {@link #setLayout}, which another thread may call: each step reads the
 * layout once and uses that one throughout. Steps allocate nothing.
 */
public final class GridWorldVecEnv implements VecEnv {
    public static final String ID = "gridworld";
    public static final int DEFAULT_MAX_STEPS = 100;
    /** {@link StepResult#outcome} of an episode that entered a death cell. */
    public static final int OUTCOME_DEATH = -2;
    /** {@link StepResult#outcome} of an episode that was truncated (and of every step that ended nothing). */
    public static final int OUTCOME_NONE = -1;

    private static final byte GOAL = (byte) GridLayout.CellType.GOAL.ordinal();
    private static final byte DEATH = (byte) GridLayout.CellType.DEATH.ordinal();

    private final int numEnvs;
    private final int maxSteps;
    private final int width;
    private final int height;
    private final float cx;
    private final float cy;
    private volatile GridLayout layout;
    private volatile EnvSpec spec;
    private final int[] cell;
    private final int[] stepInEpisode;
    private final boolean[] partial;
    private final double[] runningReturn;
    private final StepResult result;

    public GridWorldVecEnv(GridLayout layout, int numEnvs) {
        this(layout, numEnvs, DEFAULT_MAX_STEPS);
    }

    /**
     * @param layout   the map (needs at least one start cell)
     * @param numEnvs  copies stepped together (≥ 1)
     * @param maxSteps truncation horizon (≥ 1; the paper uses 100)
     */
    public GridWorldVecEnv(GridLayout layout, int numEnvs, int maxSteps) {
        if (numEnvs < 1) {
            throw new IllegalArgumentException("numEnvs must be ≥ 1: " + numEnvs);
        }
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be ≥ 1: " + maxSteps);
        }
        checkStarts(layout);
        this.numEnvs = numEnvs;
        this.maxSteps = maxSteps;
        this.width = layout.width();
        this.height = layout.height();
        this.cx = (width - 1) / 2f;
        this.cy = (height - 1) / 2f;
        this.layout = layout;
        this.spec = specFor(layout, maxSteps);
        cell = new int[numEnvs];
        stepInEpisode = new int[numEnvs];
        partial = new boolean[numEnvs];
        runningReturn = new double[numEnvs];
        result = new StepResult(numEnvs, 2);
        for (int i = 0; i < numEnvs; i++) {
            cell[i] = layout.startCells[0];
            writeObs(cell[i], result.obs, 2 * i);
        }
    }

    @Override
    public EnvSpec spec() {
        return spec;
    }

    @Override
    public int numEnvs() {
        return numEnvs;
    }

    public int maxSteps() {
        return maxSteps;
    }

    public GridLayout layout() {
        return layout;
    }

    /**
     * Replaces the map for all envs from the next step on. The new layout must have the same size
     * (positions and observations stay meaningful) and at least one start cell.
     */
    public void setLayout(GridLayout newLayout) {
        if (newLayout.width() != width || newLayout.height() != height) {
            throw new IllegalArgumentException("layout is " + newLayout.width() + "×" + newLayout.height()
                    + " but this env is " + width + "×" + height + "; make a new env to change the size");
        }
        checkStarts(newLayout);
        spec = specFor(newLayout, maxSteps);
        layout = newLayout;
    }

    @Override
    public float[] reset(Rng rng) {
        GridLayout g = layout;
        for (int i = 0; i < numEnvs; i++) {
            startEpisode(g, i, g.startCells[rng.nextInt(g.startCells.length)]);
        }
        return result.obs;
    }

    /** Starts a fresh episode of env {@code env} on cell (x, y), which must be EMPTY (e.g. the saddle cell in analysis). */
    public void resetTo(int env, int x, int y) {
        if (env < 0 || env >= numEnvs) {
            throw new IndexOutOfBoundsException("env " + env + " outside 0.." + (numEnvs - 1));
        }
        GridLayout g = layout;
        if (g.type(x, y) != GridLayout.CellType.EMPTY) {
            throw new IllegalArgumentException("cell (" + x + ", " + y + ") is " + g.type(x, y) + "; episodes start on EMPTY cells");
        }
        startEpisode(g, env, g.cellIndex(x, y));
    }

    @Override
    public StepResult step(float[] actions, Rng rng) {
        if (actions.length < 2 * numEnvs) {
            throw new IllegalArgumentException("actions has " + actions.length + " floats, need " + 2 * numEnvs);
        }
        GridLayout g = layout;
        byte[] types = g.types;
        for (int i = 0; i < numEnvs; i++) {
            int next = g.move(cell[i], axisMove(actions[2 * i]), axisMove(actions[2 * i + 1]));
            cell[i] = next;
            int t = ++stepInEpisode[i];
            byte type = types[next];
            boolean terminal = type == GOAL || type == DEATH;
            float r = terminal ? (float) g.rewards[next] : 0f;
            runningReturn[i] += r;
            result.reward[i] = r;
            result.terminated[i] = terminal;
            result.truncated[i] = !terminal && t >= maxSteps;
            writeObs(next, result.finalObs, 2 * i);
            result.partial[i] = (terminal || t >= maxSteps) && partial[i];
            if (terminal || t >= maxSteps) {
                result.outcome[i] = type == GOAL ? g.regions[next] : type == DEATH ? OUTCOME_DEATH : OUTCOME_NONE;
                result.episodeReturn[i] = runningReturn[i];
                result.episodeLength[i] = t;
                startEpisode(g, i, g.startCells[rng.nextInt(g.startCells.length)]);
            } else {
                result.outcome[i] = OUTCOME_NONE;
                result.obs[2 * i] = result.finalObs[2 * i];
                result.obs[2 * i + 1] = result.finalObs[2 * i + 1];
            }
        }
        return result;
    }

    @Override
    public float[] observations() {
        return result.obs;
    }

    @Override
    public void staggerEpisodes(Rng rng) {
        for (int i = 0; i < numEnvs; i++) {
            stepInEpisode[i] = rng.nextInt(maxSteps);
            partial[i] |= stepInEpisode[i] > 0;
        }
    }

    /** {x, y, stepInEpisode} of env {@code i}. */
    @Override
    public double[] state(int i) {
        return new double[] {cell[i] % width, cell[i] / width, stepInEpisode[i]};
    }

    /** Per env: cell index, step in episode, return so far, 1 if the episode is partial. */
    @Override
    public double[] saveState() {
        double[] s = new double[4 * numEnvs];
        for (int i = 0; i < numEnvs; i++) {
            s[4 * i] = cell[i];
            s[4 * i + 1] = stepInEpisode[i];
            s[4 * i + 2] = runningReturn[i];
            s[4 * i + 3] = partial[i] ? 1 : 0;
        }
        return s;
    }

    @Override
    public void restoreState(double[] s) {
        // Stride 4 per env; checkpoints written before staggered starts have stride 3 (no partial flag).
        int stride = s.length == 3 * numEnvs ? 3 : 4;
        if (s.length != stride * numEnvs) {
            throw new IllegalArgumentException("GridWorld state has " + s.length + " values, expected " + 4 * numEnvs);
        }
        for (int i = 0; i < numEnvs; i++) {
            cell[i] = (int) s[stride * i];
            stepInEpisode[i] = (int) s[stride * i + 1];
            runningReturn[i] = s[stride * i + 2];
            partial[i] = stride == 4 && s[stride * i + 3] != 0;
            writeObs(cell[i], result.obs, 2 * i);
        }
    }

    /** Writes the observation of cell (x, y) into {@code out[off]}, {@code out[off + 1]}. */
    public void obsOf(int x, int y, float[] out, int off) {
        out[off] = (x - cx) / cx;
        out[off + 1] = (y - cy) / cy;
    }

    /** The observation of cell (x, y) on {@code layout}: {@code (pos − c)/c} with {@code c = (size − 1)/2}. */
    public static void obsOf(GridLayout layout, int x, int y, float[] out, int off) {
        float cx = (layout.width() - 1) / 2f;
        float cy = (layout.height() - 1) / 2f;
        out[off] = (x - cx) / cx;
        out[off + 1] = (y - cy) / cy;
    }

    /** The per-axis move of one action component: {@code Math.rint(clip(a, −1, 1))}; NaN means no move. */
    public static int axisMove(float a) {
        return (int) Math.rint(Math.max(-1f, Math.min(1f, a)));
    }

    private void startEpisode(GridLayout g, int i, int startCell) {
        cell[i] = startCell;
        stepInEpisode[i] = 0;
        partial[i] = false;
        runningReturn[i] = 0;
        writeObs(startCell, result.obs, 2 * i);
    }

    private void writeObs(int c, float[] out, int off) {
        obsOf(c % width, c / width, out, off);
    }

    private static void checkStarts(GridLayout g) {
        if (g.startCount() == 0) {
            throw new IllegalArgumentException("layout '" + g.name() + "' has no start cell");
        }
    }

    private static EnvSpec specFor(GridLayout g, int maxSteps) {
        return new EnvSpec(ID, 2, 2, maxSteps, g.maxGoalReward(), 1.0);
    }
}
