package io.fpolab.analysis.probe;

/**
 * One moment of a continuous-control system for {@link SystemPainter}.
 *
 * @param envId         control-suite id ("cartpole-balance", "reacher-easy", ...)
 * @param state         the env's physical state as {@code VecEnv.state(i)} returns it (layout in each task's Javadoc)
 * @param action        the action the env received at the last step (after clipping/squashing)
 * @param time          simulated seconds since the episode started
 * @param episodeReturn return so far in this episode
 * @param lastReturn    return of the previous finished episode, NaN if none yet
 */
public record SystemFrame(String title, String envId, double[] state, double[] action, double time,
        double episodeReturn, double lastReturn) {
}
