package io.fpolab.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fpolab.config.ExperimentConfig.Algorithm;
import io.fpolab.config.ExperimentConfig.EnvConfig;
import io.fpolab.config.ExperimentConfig.Integration;
import io.fpolab.core.ConfigException;
import io.fpolab.core.TestConfigs;
import io.fpolab.core.math.Rng;
import io.fpolab.env.control.ControlSuite;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EnvsTest {
    private static EnvConfig env(String id, Integration integration) {
        return TestConfigs.with(TestConfigs.base(Algorithm.FPO), "env.id", id, "env.numEnvs", 2,
                "env.integration", integration).env();
    }

    private static double[] afterTenSteps(VecEnv env) {
        Rng rng = new Rng(4);
        env.reset(rng);
        for (int t = 0; t < 10; t++) {
            env.step(new float[] {0.5f, -1f, 1f, 0.25f}, rng);
        }
        return env.saveState();
    }

    @Test
    void theConfiguredIntegrationReachesTheEnvironment() {
        double[] playground = afterTenSteps(Envs.create(env("point_mass-easy", Integration.PLAYGROUND)));
        assertArrayEquals(afterTenSteps(ControlSuite.create("point_mass-easy", 2, Integration.PLAYGROUND)), playground);
        double[] dmControl = afterTenSteps(Envs.create(env("point_mass-easy", Integration.DM_CONTROL)));
        assertArrayEquals(afterTenSteps(ControlSuite.create("point_mass-easy", 2)), dmControl);
        assertFalse(Arrays.equals(playground, dmControl));
    }

    @Test
    void playgroundIntegrationOfAnEnvWithoutItIsAConfigError() {
        for (String id : new String[] {"gridworld", "gym-pendulum"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> Envs.create(env(id, Integration.PLAYGROUND)));
            assertEquals("env.integration", e.field());
        }
    }
}
