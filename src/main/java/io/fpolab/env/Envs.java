package io.fpolab.env;

import io.fpolab.config.ExperimentConfig.EnvConfig;
import io.fpolab.config.ExperimentConfig.Integration;
import io.fpolab.core.ConfigException;
import io.fpolab.env.control.ControlSuite;
import io.fpolab.env.grid.GridLayout;
import io.fpolab.env.grid.GridLayoutIO;
import io.fpolab.env.grid.GridLayouts;
import io.fpolab.env.grid.GridWorldVecEnv;
import io.fpolab.env.mujoco.MujocoSuite;
import io.fpolab.env.mujoco.MujocoUnavailableException;
import java.nio.file.Path;

/** Builds the vectorized environment an experiment names, with the integration it chooses. */
public final class Envs {
    private Envs() {
    }

    /**
     * A new environment for {@code cfg}, not yet reset.
     *
     * @throws ConfigException for an unknown id, settings the environment does not take, a bad layout file,
     *                         or a MuJoCo task where MuJoCo is missing (field {@code env.id}; the message says
     *                         how to install it)
     */
    public static VecEnv create(EnvConfig cfg) {
        if (MujocoSuite.ids().contains(cfg.id())) {
            return mujoco(cfg);
        }
        if (cfg.integration() != Integration.DM_CONTROL && !ControlSuite.dmControlIds().contains(cfg.id())) {
            throw new ConfigException("env.integration", "\"playground\" is not supported for " + cfg.id()
                    + "; allowed: dm_control (playground applies only to the dm_control tasks)");
        }
        if (GridWorldVecEnv.ID.equals(cfg.id())) {
            GridLayout layout = gridLayout(cfg);
            int maxSteps = cfg.maxSteps() > 0 ? cfg.maxSteps() : GridWorldVecEnv.DEFAULT_MAX_STEPS;
            return new GridWorldVecEnv(layout, cfg.numEnvs(), maxSteps);
        }
        if (!ControlSuite.ids().contains(cfg.id())) {
            throw new ConfigException("env.id", "unknown environment '" + cfg.id() + "'; known: gridworld, "
                    + String.join(", ", ControlSuite.ids()) + ", " + String.join(", ", MujocoSuite.ids()));
        }
        if (cfg.maxSteps() > 0) {
            throw new ConfigException("env.maxSteps", cfg.maxSteps() + " is not supported for " + cfg.id()
                    + "; its horizon is fixed by the task definition (use 0)");
        }
        return ControlSuite.create(cfg.id(), cfg.numEnvs(), cfg.integration());
    }

    /**
     * Checks what {@link #create} checks, without keeping the environment. A MuJoCo task where MuJoCo is missing
     * is checked on its settings alone (the config may be meant for a machine that has MuJoCo) and gets a note.
     *
     * @return null, or a one-line note on why the config cannot train on this machine
     * @throws ConfigException as {@link #create} does, except for a missing MuJoCo
     */
    public static String check(EnvConfig cfg) {
        if (MujocoSuite.ids().contains(cfg.id()) && MujocoSuite.unavailableReason(cfg.id()) != null) {
            checkMujocoSettings(cfg);
            return "cannot train here: " + MujocoSuite.unavailableReason(cfg.id());
        }
        create(cfg).close();
        return null;
    }

    private static void checkMujocoSettings(EnvConfig cfg) {
        if (cfg.integration() != Integration.DM_CONTROL) {
            throw new ConfigException("env.integration", "\"playground\" is not supported for " + cfg.id()
                    + "; allowed: dm_control (" + cfg.id() + " runs dm_control's model in MuJoCo itself)");
        }
        if (cfg.maxSteps() > 0) {
            throw new ConfigException("env.maxSteps", cfg.maxSteps() + " is not supported for " + cfg.id()
                    + "; its horizon is fixed by the task definition (use 0)");
        }
    }

    private static VecEnv mujoco(EnvConfig cfg) {
        checkMujocoSettings(cfg);
        try {
            return MujocoSuite.create(cfg.id(), cfg.numEnvs());
        } catch (MujocoUnavailableException e) {
            throw new ConfigException("env.id", e.getMessage());
        }
    }

    /** The GridWorld layout of a config: the layout file if given, else the named built-in layout. */
    public static GridLayout gridLayout(EnvConfig cfg) {
        if (cfg.layoutFile() != null && !cfg.layoutFile().isBlank()) {
            return GridLayoutIO.read(Path.of(cfg.layoutFile()));
        }
        return GridLayouts.named(cfg.layout());
    }
}
