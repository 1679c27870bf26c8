package io.fpolab.env.control;

import io.fpolab.core.math.Rng;
import io.fpolab.env.EnvSpec;
import io.fpolab.env.StepResult;
import io.fpolab.env.VecEnv;
import java.util.Arrays;
import java.util.List;

/**
 * Vectorized stepping, episode bookkeeping and auto-reset for environments whose state is a short
 * vector of doubles. A subclass only defines one copy of the physics: how to reset a state, advance
 * it by one control step (returning the reward), observe it, and whether it is terminal.
 *
 * <p>Layout: the states of all envs live in one {@code double[numEnvs * stateDim]} array; env
 * {@code i} starts at offset {@code i * stateDim}. A state is {@code [qpos (nq), qvel (nv), target]}:
 * generalized positions and velocities in dm_control's joint order and conventions (nv = nq unless the
 * model has a free joint, whose orientation is a quaternion of four positions and three angular
 * velocities), then the task's target, which moves nothing (reacher's target point, finger-turn's target
 * centre, fish's target; empty elsewhere). Observations are {@code float[numEnvs * obsDim]}
 * and are the very array {@link StepResult#obs} and {@link #observations()} expose. Stepping does not
 * allocate. Not thread-safe: subclasses keep integrator scratch in fields.
 *
 * <p>An episode ends when {@link #terminated} holds (bootstrap 0) or, otherwise, when it reaches
 * {@link EnvSpec#maxSteps()} steps (truncated, bootstrap V(finalObs)); the two flags are exclusive.
 */
public abstract class PhysicsVecEnv implements VecEnv {
    private final EnvSpec spec;
    private final int numEnvs;
    private final List<String> joints;
    private final List<String> velocities;
    private final int nq;
    private final int nv;
    private final int targetDim;
    private final int stateDim;
    private final double[] states;
    private final StepResult result;
    private final float[] obs;
    private final double[] action;
    private final double[] runningReturn;
    private final int[] runningLength;
    private final boolean[] partial;

    /**
     * @param joints    names of the generalized coordinates in dm_control's joint order (for the Gym
     *                  classics, the name of the state variable); one qpos and one qvel value each
     * @param targetDim values of the task's target after qpos and qvel
     */
    protected PhysicsVecEnv(EnvSpec spec, int numEnvs, List<String> joints, int targetDim) {
        this(spec, numEnvs, joints, joints, targetDim);
    }

    /**
     * @param positions  names of the generalized positions (qpos), in the model's order
     * @param velocities names of the generalized velocities (qvel), in the model's order
     * @param targetDim  values of the task's target after qpos and qvel
     */
    protected PhysicsVecEnv(EnvSpec spec, int numEnvs, List<String> positions, List<String> velocities,
            int targetDim) {
        if (numEnvs <= 0) {
            throw new IllegalArgumentException("numEnvs must be positive, got " + numEnvs);
        }
        this.spec = spec;
        this.numEnvs = numEnvs;
        this.joints = List.copyOf(positions);
        this.velocities = List.copyOf(velocities);
        this.nq = positions.size();
        this.nv = velocities.size();
        this.targetDim = targetDim;
        this.stateDim = nq + nv + targetDim;
        this.states = new double[numEnvs * stateDim];
        this.result = new StepResult(numEnvs, spec.obsDim());
        this.obs = result.obs;
        this.action = new double[spec.actDim()];
        this.runningReturn = new double[numEnvs];
        this.runningLength = new int[numEnvs];
        this.partial = new boolean[numEnvs];
    }

    /** Draws a fresh initial state into {@code s[off .. off + stateDim)}. */
    protected abstract void resetState(double[] s, int off, Rng rng);

    /**
     * Advances {@code s[off ..]} by one control step under {@code a} (already clipped to
     * ±{@code actionHigh} unless {@link #clipsActions()} is false) and returns the step's reward.
     */
    protected abstract double advance(double[] s, int off, double[] a);

    /** Writes the observation of {@code s[off ..]} into {@code out[outOff .. outOff + obsDim)}. */
    protected abstract void observe(double[] s, int off, float[] out, int outOff);

    /** True when the state ends the episode with no future value (a goal or a failure). */
    protected boolean terminated(double[] s, int off) {
        return false;
    }

    /** Whether raw actions are clipped to ±{@code actionHigh} before {@link #advance}; false when the reward needs the raw action. */
    protected boolean clipsActions() {
        return true;
    }

    @Override
    public final EnvSpec spec() {
        return spec;
    }

    @Override
    public final int numEnvs() {
        return numEnvs;
    }

    @Override
    public final float[] reset(Rng rng) {
        for (int i = 0; i < numEnvs; i++) {
            resetEnv(i, rng);
        }
        return obs;
    }

    @Override
    public final StepResult step(float[] actions, Rng rng) {
        int actDim = spec.actDim();
        int obsDim = spec.obsDim();
        if (actions.length != numEnvs * actDim) {
            throw new IllegalArgumentException("expected " + numEnvs * actDim + " actions (" + numEnvs + " envs × "
                    + actDim + "), got " + actions.length);
        }
        for (int i = 0; i < numEnvs; i++) {
            int off = i * stateDim;
            for (int j = 0; j < actDim; j++) {
                action[j] = clip(actions[i * actDim + j]);
            }
            double r = advance(states, off, action);
            runningReturn[i] += r;
            runningLength[i]++;
            boolean term = terminated(states, off);
            boolean trunc = !term && runningLength[i] >= spec.maxSteps();
            result.reward[i] = (float) r;
            result.terminated[i] = term;
            result.truncated[i] = trunc;
            result.outcome[i] = 0;
            result.partial[i] = (term || trunc) && partial[i];
            observe(states, off, obs, i * obsDim);
            if (term || trunc) {
                System.arraycopy(obs, i * obsDim, result.finalObs, i * obsDim, obsDim);
                result.episodeReturn[i] = runningReturn[i];
                result.episodeLength[i] = runningLength[i];
                resetEnv(i, rng);
            }
        }
        return result;
    }

    @Override
    public final void staggerEpisodes(Rng rng) {
        for (int i = 0; i < numEnvs; i++) {
            runningLength[i] = rng.nextInt(spec.maxSteps());
            partial[i] |= runningLength[i] > 0;
        }
    }

    /**
     * Advances env {@code i}'s physics by one control step under {@code a} (one value per action
     * dimension, clipped as {@link #step} clips) and refreshes its observation, with no episode
     * bookkeeping: no termination, truncation or reset, and the running step count and return stay as
     * they are. For replaying action sequences of any length from a chosen state.
     *
     * @return the step's reward
     */
    public final double stepPhysics(int i, double[] a) {
        checkIndex(i);
        if (a.length != spec.actDim()) {
            throw new IllegalArgumentException(spec.id() + " takes " + spec.actDim() + " action values, got " + a.length);
        }
        for (int j = 0; j < a.length; j++) {
            action[j] = clip(a[j]);
        }
        double r = advance(states, i * stateDim, action);
        observe(states, i * stateDim, obs, i * spec.obsDim());
        return r;
    }

    private double clip(double a) {
        double high = spec.actionHigh();
        return clipsActions() ? Math.max(-high, Math.min(high, a)) : a;
    }

    @Override
    public final float[] observations() {
        return obs;
    }

    @Override
    public final double[] state(int i) {
        checkIndex(i);
        return Arrays.copyOfRange(states, i * stateDim, (i + 1) * stateDim);
    }

    /**
     * Overwrites env {@code i}'s physical state (layout as {@link #state(int)} returns it) and refreshes
     * its observation; the running episode's step count and return are kept.
     */
    public final void setState(int i, double[] state) {
        checkIndex(i);
        if (state.length != stateDim) {
            throw new IllegalArgumentException(spec.id() + " state has " + stateDim + " values, got " + state.length);
        }
        System.arraycopy(state, 0, states, i * stateDim, stateDim);
        observe(states, i * stateDim, obs, i * spec.obsDim());
    }

    /**
     * Why env {@code i}'s motion since its last reset can no longer be trusted although its state is finite, or
     * null. The Java tasks let an overflow show as NaN and return null; an engine that resets itself on a bad
     * number instead (MuJoCo) says so here.
     */
    public String instability(int i) {
        checkIndex(i);
        return null;
    }

    /** Names of the generalized positions, in the order of qpos. */
    public final List<String> joints() {
        return joints;
    }

    /** Names of the generalized velocities, in the order of qvel (the positions' names without a free joint). */
    public final List<String> velocities() {
        return velocities;
    }

    /** Number of generalized positions. */
    public final int nq() {
        return nq;
    }

    /** Number of generalized velocities: {@link #nq()} unless the model has a free joint. */
    public final int nv() {
        return nv;
    }

    /** Number of target values after qpos and qvel in a state (2 for reacher and finger-turn, 3 for fish, else 0). */
    public final int targetDim() {
        return targetDim;
    }

    /** Env {@code i}'s generalized positions. */
    public final double[] qpos(int i) {
        checkIndex(i);
        return Arrays.copyOfRange(states, i * stateDim, i * stateDim + nq);
    }

    /** Env {@code i}'s generalized velocities. */
    public final double[] qvel(int i) {
        checkIndex(i);
        return Arrays.copyOfRange(states, i * stateDim + nq, i * stateDim + nq + nv);
    }

    /** Overwrites env {@code i}'s positions and velocities, keeping its target, and refreshes its observation. */
    public final void setJointState(int i, double[] qpos, double[] qvel) {
        checkIndex(i);
        if (qpos.length != nq || qvel.length != nv) {
            throw new IllegalArgumentException(spec.id() + " has " + nq + " qpos and " + nv + " qvel values, got "
                    + qpos.length + " and " + qvel.length);
        }
        System.arraycopy(qpos, 0, states, i * stateDim, nq);
        System.arraycopy(qvel, 0, states, i * stateDim + nq, nv);
        observe(states, i * stateDim, obs, i * spec.obsDim());
    }

    /** Overwrites env {@code i}'s target ({@link #targetDim()} values) and refreshes its observation. */
    public final void setTarget(int i, double[] target) {
        checkIndex(i);
        if (target.length != targetDim) {
            throw new IllegalArgumentException(spec.id() + " has " + targetDim + " target values, got " + target.length);
        }
        System.arraycopy(target, 0, states, i * stateDim + nq + nv, targetDim);
        observe(states, i * stateDim, obs, i * spec.obsDim());
    }

    /** All envs' physical states, then per env the running return, the length and 1 if the episode is partial. */
    @Override
    public final double[] saveState() {
        double[] out = Arrays.copyOf(states, states.length + 3 * numEnvs);
        for (int i = 0; i < numEnvs; i++) {
            out[states.length + 3 * i] = runningReturn[i];
            out[states.length + 3 * i + 1] = runningLength[i];
            out[states.length + 3 * i + 2] = partial[i] ? 1 : 0;
        }
        return out;
    }

    @Override
    public final void restoreState(double[] saved) {
        // Stride 3 per env; checkpoints written before staggered starts have stride 2 (no partial flag).
        int stride = saved.length == states.length + 2 * numEnvs ? 2 : 3;
        if (saved.length != states.length + stride * numEnvs) {
            throw new IllegalArgumentException(spec.id() + " saved state has " + saved.length + " values, expected "
                    + (states.length + 3 * numEnvs));
        }
        System.arraycopy(saved, 0, states, 0, states.length);
        for (int i = 0; i < numEnvs; i++) {
            int at = states.length + stride * i;
            runningReturn[i] = saved[at];
            runningLength[i] = (int) saved[at + 1];
            partial[i] = stride == 3 && saved[at + 2] != 0;
            observe(states, i * stateDim, obs, i * spec.obsDim());
        }
    }

    private void resetEnv(int i, Rng rng) {
        resetState(states, i * stateDim, rng);
        runningReturn[i] = 0;
        runningLength[i] = 0;
        partial[i] = false;
        observe(states, i * stateDim, obs, i * spec.obsDim());
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= numEnvs) {
            throw new IndexOutOfBoundsException("env index " + i + " outside [0, " + numEnvs + ")");
        }
    }

    /** A dm_control task spec: reward per step in [0, 1], 1000 steps, actions in [−1, 1]. */
    static EnvSpec dmControlSpec(String id, int obsDim, int actDim) {
        return new EnvSpec(id, obsDim, actDim, 1000, 1000.0, 1.0);
    }
}
