package io.fpolab.env;

import io.fpolab.config.ConfigException;
import io.fpolab.config.ExperimentConfig.EnvConfig;
import io.fpolab.config.ExperimentConfig.Integration;
import io.fpolab.env.control.ControlSuite;
import io.fpolab.env.grid.GridLayout;
import io.fpolab.env.grid.GridLayoutIO;
import io.fpolab.env.grid.GridLayouts;
import io.fpolab.env.grid.GridWorldVecEnv;
import java.nio.file.Path;

/** Builds the vectorized environment an experiment names, with the integration it chooses. */
public final class Envs {
    private Envs() {
    }

    public static VecEnv create(EnvConfig cfg) {
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
                    + String.join(", ", ControlSuite.ids()));
        }
        if (cfg.maxSteps() > 0) {
            throw new ConfigException("env.maxSteps", cfg.maxSteps() + " is not supported for " + cfg.id()
                    + "; its horizon is fixed by the task definition (use 0)");
        }
        return ControlSuite.create(cfg.id(), cfg.numEnvs(), cfg.integration());
    }

    /** The GridWorld layout of a config: the layout file if given, else the named built-in layout. */
    public static GridLayout gridLayout(EnvConfig cfg) {
        if (cfg.layoutFile() != null && !cfg.layoutFile().isBlank()) {
            return GridLayoutIO.read(Path.of(cfg.layoutFile()));
        }
        return GridLayouts.named(cfg.layout());
    }
}
