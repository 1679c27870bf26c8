package io.fpolab.analysis.probe;

import io.fpolab.config.ExperimentConfig.Integration;
import io.fpolab.core.math.Rng;
import io.fpolab.env.StepResult;
import io.fpolab.env.VecEnv;
import io.fpolab.env.control.ControlSuite;
import io.fpolab.env.control.ForkEasy;
import io.fpolab.env.mujoco.MujocoSuite;
import io.fpolab.env.mujoco.MujocoVecEnv;
import io.fpolab.train.Trainer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A private one-env copy of a run's control task, driven by the run's current policy, for the system
 * drawing and the action-distribution view. Its env and RNG are its own, so it never disturbs
 * training. Use it on the trainer thread only; it hands out immutable {@link SystemFrame}s, which for a
 * MuJoCo task carry the projected drawing of the state ({@link GeometryProjection}). Close it when it is no
 * longer shown: a MuJoCo task's env holds native memory.
 */
public final class ControlDemo implements AutoCloseable {
    private final String envId;
    private final VecEnv env;
    /** The env when it is a MuJoCo task (whose frames carry a drawing), else null. */
    private final MujocoVecEnv mujoco;
    private final Rng rng;
    private final double dt;
    private double time;
    private double episodeReturn;
    private double lastReturn = Double.NaN;
    private double[] lastAction;
    /** Fork task only: positions of the running episode and of the last {@value #KEPT_PATHS} finished ones. */
    private final boolean tracksPaths;
    private final ArrayDeque<double[]> finished = new ArrayDeque<>();
    private double[] path = new double[0];

    private ControlDemo(String envId, Integration integration, long seed) {
        this.envId = envId;
        this.mujoco = MujocoSuite.ids().contains(envId) ? MujocoSuite.create(envId, 1) : null;
        this.env = mujoco != null ? mujoco : ControlSuite.create(envId, 1, integration);
        this.rng = new Rng(seed);
        this.dt = env instanceof MujocoVecEnv mujoco ? mujoco.controlTimestep() : controlStep(envId);
        env.reset(rng);
        this.lastAction = new double[env.spec().actDim()];
        this.tracksPaths = envId.equals(ForkEasy.ID);
        startPath();
    }

    /** Finished episodes whose paths a frame keeps: enough to see how often each route is taken. */
    public static final int KEPT_PATHS = 16;

    /** A demo of the trainer's task, reset with {@code seed}. */
    public static ControlDemo of(Trainer t, long seed) {
        return new ControlDemo(t.config().env().id(), t.config().env().integration(), seed);
    }

    public String envId() {
        return envId;
    }

    /**
     * Simulated seconds per control step of a task in the lab's Java physics (dm_control's step sizes; Gymnasium's
     * render rate for mountain car). A MuJoCo task knows its own ({@link MujocoVecEnv#controlTimestep()}).
     */
    public static double controlStep(String id) {
        if (id.startsWith("cartpole") || id.startsWith("acrobot")) {
            return 0.01;
        }
        if (id.equals("gym-pendulum") || id.equals(ForkEasy.ID)) {
            return 0.05;
        }
        if (id.startsWith("mountain-car")) {
            return 1.0 / 30;
        }
        return 0.02;
    }

    /** Seconds per control step of this demo. */
    public double dt() {
        return dt;
    }

    /** Starts a new episode. */
    public void reset() {
        env.reset(rng);
        time = 0;
        episodeReturn = 0;
        lastAction = new double[lastAction.length];
        startPath();
    }

    private void startPath() {
        path = tracksPaths ? Arrays.copyOf(env.state(0), 2) : new double[0];
    }

    private void extendPath(double[] state) {
        if (tracksPaths) {
            path = Arrays.copyOf(path, path.length + 2);
            path[path.length - 2] = state[0];
            path[path.length - 1] = state[1];
        }
    }

    /** A copy of the current raw observation. */
    public float[] observation() {
        return env.observations().clone();
    }

    /** Steps the env {@code steps} times with the policy's rollout sampler; returns the frame after. */
    public SystemFrame step(Trainer t, int steps) {
        for (int i = 0; i < steps; i++) {
            float[] obs = t.normalize(env.observations().clone(), 1);
            float[] raw = t.policy().sample(obs, 1, rng, false, null);
            float[] a = t.envActions(raw);
            double high = env.spec().actionHigh();
            for (int j = 0; j < a.length; j++) {
                lastAction[j] = Math.max(-high, Math.min(high, a[j]));
            }
            StepResult r = env.step(a, rng);
            episodeReturn += r.reward[0];
            time += dt;
            if (r.done(0)) {
                lastReturn = r.episodeReturn[0];
                episodeReturn = 0;
                time = 0;
                if (tracksPaths) {
                    // The env has reset already; its final position is the final observation's (x, y).
                    extendPath(new double[] {r.finalObs[0], r.finalObs[1]});
                    finished.addLast(path);
                    if (finished.size() > KEPT_PATHS) {
                        finished.removeFirst();
                    }
                    startPath();
                }
            } else {
                extendPath(env.state(0));
            }
        }
        return frame(null);
    }

    /** The current state as a frame. */
    public SystemFrame frame(String title) {
        List<double[]> paths = new ArrayList<>();
        if (tracksPaths) {
            paths.addAll(finished);
            paths.add(path);
        }
        SystemDrawing drawing = mujoco == null ? null : GeometryProjection.of(mujoco.geometry(0));
        return new SystemFrame(title, envId, env.state(0), lastAction.clone(), time, episodeReturn, lastReturn, paths,
                drawing);
    }

    /** Frees the env's native resources (a MuJoCo task's model and data); the demo cannot step afterwards. */
    @Override
    public void close() {
        env.close();
    }
}
