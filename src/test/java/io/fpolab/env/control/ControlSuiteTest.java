package io.fpolab.env.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ControlSuiteTest {
    @Test
    void listsTheTwelveTasks() {
        assertEquals(List.of("pendulum-swingup", "cartpole-balance", "cartpole-balance_sparse", "cartpole-swingup",
                "cartpole-swingup_sparse", "acrobot-swingup", "acrobot-swingup_sparse", "point_mass-easy",
                "reacher-easy", "reacher-hard", "gym-pendulum", "mountain-car-continuous"), ControlSuite.ids());
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
