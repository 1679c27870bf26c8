package io.fpolab.env;

import io.fpolab.core.math.Rng;

/**
 * N environments stepped together: arrays in, arrays out, with auto-reset.
 *
 * <p>Layout: row-major, env-major. {@code obs} has {@code numEnvs * obsDim} floats, actions
 * {@code numEnvs * actDim}. After {@link #step}, {@link StepResult} holds for every env the reward,
 * whether the episode terminated (bootstrap 0) or was truncated (bootstrap V(finalObs)), the
 * observation the episode ended in ({@code finalObs}, valid where done) and the next observation,
 * which for a finished episode is already the first observation of the next one.
 *
 * <p>Implementations own their arrays and reuse them between calls; callers copy what they keep.
 *
 * <p>Whoever builds an env closes it when done with it ({@link #close()}): the MuJoCo tasks hold native
 * memory, the Java tasks nothing.
 */
public interface VecEnv extends AutoCloseable {
    /** Static description (name, dimensions, horizon). */
    EnvSpec spec();

    int numEnvs();

    /** Resets every env with randomness from {@code rng}; returns the observation array (owned by the env). */
    float[] reset(Rng rng);

    /**
     * Steps every env with {@code actions} ({@code numEnvs * actDim}, raw policy output: each env
     * clips or maps it as its definition says). Envs whose episode ends are reset with {@code rng}.
     */
    StepResult step(float[] actions, Rng rng);

    /**
     * Desynchronizes the envs' episodes: moves each env's step count within its current episode to a
     * uniform random value in [0, {@link EnvSpec#maxSteps()}), so that episode is cut by the time limit
     * after fewer steps (truncated, as any time limit) and later episodes start at different times.
     * Where the count moved, the episode is flagged in {@link StepResult#partial} when it ends.
     */
    void staggerEpisodes(Rng rng);

    /** The current observation array (owned by the env). */
    float[] observations();

    /** Copies env {@code i}'s full physical state (for drawing and analysis). */
    double[] state(int i);

    /** Everything needed to continue all envs exactly (positions, step counters, running returns). */
    double[] saveState();

    /** Restores {@link #saveState()} output of an env of the same kind and size. */
    void restoreState(double[] state);

    /**
     * Frees what the env holds outside the Java heap (a MuJoCo model and its data); the env cannot step
     * afterwards. Idempotent; nothing to do for the Java tasks.
     */
    @Override
    default void close() {
    }
}
