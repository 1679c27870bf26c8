package io.fpolab.env.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.ConfigSchema;
import io.fpolab.env.mujoco.MujocoSuite;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlSuiteTest {
    @Test
    void listsTheThirteenTasks() {
        assertEquals(List.of("pendulum-swingup", "cartpole-balance", "cartpole-balance_sparse", "cartpole-swingup",
                "cartpole-swingup_sparse", "acrobot-swingup", "acrobot-swingup_sparse", "point_mass-easy",
                "reacher-easy", "reacher-hard", "gym-pendulum", "mountain-car-continuous", "fork-easy"), ControlSuite.ids());
    }

    @Test
    void theConfigSchemaListsTheSameEnvironmentsDmControlAndMujocoTasks() {
        assertEquals(ControlSuite.ids(), ConfigSchema.ENV_IDS.subList(1, 1 + ControlSuite.ids().size()));
        assertEquals(MujocoSuite.ids(), ConfigSchema.ENV_IDS.subList(1 + ControlSuite.ids().size(),
                ConfigSchema.ENV_IDS.size()));
        assertEquals(MujocoSuite.ids(), ConfigSchema.MUJOCO_IDS);
        assertEquals("gridworld", ConfigSchema.ENV_IDS.get(0));
        assertEquals(ControlSuite.dmControlIds(), ConfigSchema.DM_CONTROL_IDS);
    }

    @Test
    void unknownIdNamesItAndListsKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ControlSuite.create("cartpole-swingupp", 1));
        assertTrue(e.getMessage().contains("'cartpole-swingupp'"), e.getMessage());
        assertTrue(e.getMessage().contains("cartpole-swingup, "), e.getMessage());
    }

    @Test
    void rejectsZeroEnvs() {
        assertThrows(IllegalArgumentException.class, () -> ControlSuite.create("point_mass-easy", 0));
    }
}
