package io.fpolab.analysis.probe;

import java.util.List;

/**
 * One moment of a continuous-control system for {@code SystemPainter}.
 *
 * @param envId         control-suite id ("cartpole-balance", "reacher-easy", ...)
 * @param state         the env's physical state as {@code VecEnv.state(i)} returns it (layout in each task's Javadoc)
 * @param action        the action the env received at the last step (after clipping/squashing)
 * @param time          simulated seconds since the episode started
 * @param episodeReturn return so far in this episode
 * @param lastReturn    return of the previous finished episode, NaN if none yet
 * @param paths         for tasks in a plane (the fork task), the positions visited, oldest episode first and the
 *                      running one last, each as {@code [x0, y0, x1, y1, …]}; empty for the other tasks
 * @param drawing       for the MuJoCo tasks, whose state does not say what the body looks like, the projected
 *                      drawing of the state; null for the Java tasks, which the painter draws from their state
 */
public record SystemFrame(String title, String envId, double[] state, double[] action, double time,
        double episodeReturn, double lastReturn, List<double[]> paths, SystemDrawing drawing) {

    public SystemFrame {
        paths = List.copyOf(paths);
    }

    /** A frame without a projected drawing. */
    public SystemFrame(String title, String envId, double[] state, double[] action, double time, double episodeReturn,
            double lastReturn, List<double[]> paths) {
        this(title, envId, state, action, time, episodeReturn, lastReturn, paths, null);
    }

    /** A frame without paths. */
    public SystemFrame(String title, String envId, double[] state, double[] action, double time, double episodeReturn,
            double lastReturn) {
        this(title, envId, state, action, time, episodeReturn, lastReturn, List.of());
    }

    /** The same frame under another title. */
    public SystemFrame titled(String newTitle) {
        return new SystemFrame(newTitle, envId, state, action, time, episodeReturn, lastReturn, paths, drawing);
    }
}
