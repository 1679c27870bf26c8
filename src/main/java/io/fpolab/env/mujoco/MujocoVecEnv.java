package io.fpolab.env.mujoco;

import io.fpolab.core.math.Rng;
import io.fpolab.env.EnvSpec;
import io.fpolab.env.control.PhysicsVecEnv;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link PhysicsVecEnv} whose physics is MuJoCo itself: one model, one {@code mjData} per env, stepped
 * in a loop. It keeps the contract of the pure-Java tasks (state {@code [qpos, qvel]}, auto-reset, time
 * limit, {@link #setState}, {@link #saveState}), so the trainer, the evaluator and checkpoints treat it
 * like any other task.
 *
 * <p>The {@code mjData} is the physics; the base class's state array mirrors its qpos and qvel after every
 * reset and step. When the mirror was overwritten from outside ({@link #setState}, {@link #restoreState},
 * {@link #setJointState}) the next step first writes it into the {@code mjData} and runs
 * {@code mj_forward}. A control step is dm_control's ({@code Physics.step(n_sub_steps)} with its default
 * legacy stepping, {@code n_sub_steps} = control timestep / model timestep): {@code mj_step2} on the
 * quantities the previous {@code mj_step1} computed, {@code n_sub_steps − 1} × {@code mj_step}, then
 * {@code mj_step1}, so that positions, velocities and sensors are those of the new state when the reward
 * reads them.
 *
 * <p>Tasks without free joints only (the base class's state has as many velocities as positions).
 * Holds native memory: {@link #close()} frees it (a dropped env is also freed once unreachable).
 */
public abstract class MujocoVecEnv extends PhysicsVecEnv implements AutoCloseable {
    private final MujocoPhysics physics;
    private final int nq;
    private final int stateDim;
    private final int substeps;
    private final double[] mirror;

    /** A task with one physics step per control step (dm_control's default control timestep). */
    protected MujocoVecEnv(EnvSpec spec, int numEnvs, List<String> joints, String model) {
        this(spec, numEnvs, joints, model, 0);
    }

    /**
     * @param model           class-path resource of the MJCF model
     * @param joints          names of the model's joints, in its qpos order (checked against the model's size)
     * @param controlTimestep seconds per control step (the task's {@code _CONTROL_TIMESTEP}), a whole multiple
     *                        of the model's timestep; 0 for one physics step per control step
     */
    protected MujocoVecEnv(EnvSpec spec, int numEnvs, List<String> joints, String model, double controlTimestep) {
        super(spec, numEnvs, joints, 0);
        this.physics = new MujocoPhysics(model, numEnvs);
        this.nq = joints.size();
        if (physics.nq() != nq || physics.nv() != nq || physics.nu() != spec.actDim()) {
            physics.close();
            throw new IllegalStateException(model + " has nq " + physics.nq() + ", nv " + physics.nv() + ", nu "
                    + physics.nu() + "; " + spec.id() + " expects " + nq + ", " + nq + ", " + spec.actDim());
        }
        this.substeps = controlTimestep == 0 ? 1 : subSteps(controlTimestep, physics.timestep());
        if (substeps < 1) {
            physics.close();
            throw new IllegalStateException(spec.id() + "'s control timestep " + controlTimestep
                    + " s is not a whole multiple of " + model + "'s timestep " + physics.timestep() + " s");
        }
        this.stateDim = 2 * nq;
        this.mirror = new double[numEnvs * stateDim];
        Arrays.fill(mirror, Double.NaN);
    }

    /**
     * dm_control's {@code compute_n_steps} ({@code dm_control/rl/control.py}): the physics steps per control
     * step, or 0 when the control timestep is smaller than the physics timestep or their ratio is more than
     * 1e-8 from a whole number.
     */
    static int subSteps(double controlTimestep, double physicsTimestep) {
        double n = controlTimestep / physicsTimestep;
        long rounded = Math.round(n);
        return controlTimestep >= physicsTimestep && Math.abs(n - rounded) <= 1e-8 ? (int) rounded : 0;
    }

    /** Physics steps per control step. */
    public final int substeps() {
        return substeps;
    }

    /** Seconds per control step: {@link #substeps()} × the model's timestep. */
    public final double controlTimestep() {
        return substeps * physics.timestep();
    }

    /** The MuJoCo model and data of all envs, for the task's reset and reward. */
    protected final MujocoPhysics physics() {
        return physics;
    }

    /**
     * Puts env {@code i}'s {@code mjData} in the first state of a new episode, as the task's
     * {@code initialize_episode} does, with randomness from {@code rng}. Ends with the data's position- and
     * velocity-dependent quantities computed ({@code mj_step1} or {@code mj_forward}).
     */
    protected abstract void initializeEpisode(int i, Rng rng);

    /** The reward of env {@code i}'s current {@code mjData}, whose sensors are up to date. */
    protected abstract double reward(int i);

    @Override
    protected final void resetState(double[] s, int off, Rng rng) {
        int i = off / stateDim;
        initializeEpisode(i, rng);
        pull(i, s, off);
    }

    @Override
    protected final double advance(double[] s, int off, double[] a) {
        int i = off / stateDim;
        sync(i, s, off);
        physics.writeCtrl(i, a);
        physics.step2(i);
        for (int k = 1; k < substeps; k++) {
            physics.step(i);
        }
        physics.step1(i);
        pull(i, s, off);
        return reward(i);
    }

    /** The reward of env {@code i}'s current state, as a step ending in it would return it. */
    public final double currentReward(int i) {
        double[] s = state(i);
        sync(i, s, 0);
        return reward(i);
    }

    /**
     * Writes the state {@code s[off ..]} into env {@code i}'s {@code mjData} and recomputes what depends on
     * it, unless the data already holds it.
     */
    private void sync(int i, double[] s, int off) {
        if (Arrays.equals(s, off, off + stateDim, mirror, i * stateDim, (i + 1) * stateDim)) {
            return;
        }
        physics.writeQpos(i, s, off);
        physics.writeQvel(i, s, off + nq);
        physics.forward(i);
        System.arraycopy(s, off, mirror, i * stateDim, stateDim);
    }

    private void pull(int i, double[] s, int off) {
        physics.readQpos(i, s, off);
        physics.readQvel(i, s, off + nq);
        System.arraycopy(s, off, mirror, i * stateDim, stateDim);
    }

    /** Frees the MuJoCo model and data; the env cannot step afterwards. Idempotent. */
    @Override
    public void close() {
        physics.close();
    }
}
