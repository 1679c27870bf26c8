package io.fpolab.env;

/**
 * Output arrays of one {@link VecEnv#step}, reused across steps (copy what you keep).
 *
 * <p>{@code outcome[i]} is an env-specific code of how a finished episode ended (GridWorld: index of
 * the goal region reached, -1 for none, -2 for death); 0 for envs without outcomes.
 */
public final class StepResult {
    public final float[] obs;
    public final float[] finalObs;
    public final float[] reward;
    public final boolean[] terminated;
    public final boolean[] truncated;
    /** Return and length of the episode that ended at this step (valid where terminated or truncated). */
    public final double[] episodeReturn;
    public final int[] episodeLength;
    public final int[] outcome;
    /**
     * True where the episode that ended at this step was cut short by {@link VecEnv#staggerEpisodes}: its
     * return and length cover only part of an episode.
     */
    public final boolean[] partial;

    public StepResult(int numEnvs, int obsDim) {
        obs = new float[numEnvs * obsDim];
        finalObs = new float[numEnvs * obsDim];
        reward = new float[numEnvs];
        terminated = new boolean[numEnvs];
        truncated = new boolean[numEnvs];
        episodeReturn = new double[numEnvs];
        episodeLength = new int[numEnvs];
        outcome = new int[numEnvs];
        partial = new boolean[numEnvs];
    }

    public boolean done(int i) {
        return terminated[i] || truncated[i];
    }
}
