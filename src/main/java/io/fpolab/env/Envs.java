package io.fpolab.env;

import io.fpolab.config.ConfigException;
import io.fpolab.config.ExperimentConfig.EnvConfig;
import io.fpolab.env.grid.GridLayout;
import io.fpolab.env.grid.GridLayoutIO;
import io.fpolab.env.grid.GridLayouts;
import io.fpolab.env.grid.GridWorldVecEnv;
import java.nio.file.Path;

/** Builds the vectorized environment an experiment names. */
public final class Envs {
    private Envs() {
    }

    public static VecEnv create(EnvConfig cfg) {
        if (GridWorldVecEnv.ID.equals(cfg.id())) {
            GridLayout layout = gridLayout(cfg);
            int maxSteps = cfg.maxSteps() > 0 ? cfg.maxSteps() : GridWorldVecEnv.DEFAULT_MAX_STEPS;
            return new GridWorldVecEnv(layout, cfg.numEnvs(), maxSteps);
        }
        throw new ConfigException("env.id", "unknown environment '" + cfg.id() + "'");
    }

    /** The GridWorld layout of a config: the layout file if given, else the named built-in layout. */
    public static GridLayout gridLayout(EnvConfig cfg) {
        if (cfg.layoutFile() != null && !cfg.layoutFile().isBlank()) {
            return GridLayoutIO.read(Path.of(cfg.layoutFile()));
        }
        return GridLayouts.named(cfg.layout());
    }
}
