package io.fpolab.env.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.core.math.Rng;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** qpos / qvel / target access in dm_control's joint order, and stepping without episode bookkeeping. */
class JointStateTest {
    private static final Map<String, List<String>> JOINTS = Map.ofEntries(
            Map.entry("pendulum-swingup", List.of("hinge")),
            Map.entry("cartpole-balance", List.of("slider", "hinge_1")),
            Map.entry("cartpole-balance_sparse", List.of("slider", "hinge_1")),
            Map.entry("cartpole-swingup", List.of("slider", "hinge_1")),
            Map.entry("cartpole-swingup_sparse", List.of("slider", "hinge_1")),
            Map.entry("acrobot-swingup", List.of("shoulder", "elbow")),
            Map.entry("acrobot-swingup_sparse", List.of("shoulder", "elbow")),
            Map.entry("point_mass-easy", List.of("root_x", "root_y")),
            Map.entry("reacher-easy", List.of("shoulder", "wrist")),
            Map.entry("reacher-hard", List.of("shoulder", "wrist")),
            Map.entry("gym-pendulum", List.of("theta")),
            Map.entry("mountain-car-continuous", List.of("position")),
            Map.entry("fork-easy", List.of("root_x", "root_y")));

    static List<String> ids() {
        return ControlSuite.ids();
    }

    @ParameterizedTest
    @MethodSource("ids")
    void stateIsQposThenQvelThenTarget(String id) {
        PhysicsVecEnv env = ControlSuite.create(id, 2);
        env.reset(new Rng(1));
        assertEquals(JOINTS.get(id), env.joints());
        int nq = env.nq();
        assertEquals(2 * nq + env.targetDim(), env.state(1).length);
        assertEquals(id.startsWith("reacher") ? 2 : 0, env.targetDim());
        double[] qpos = new double[nq];
        double[] qvel = new double[nq];
        for (int j = 0; j < nq; j++) {
            qpos[j] = 0.1 * (j + 1);
            qvel[j] = -0.2 * (j + 1);
        }
        double[] before = env.state(1);
        env.setJointState(1, qpos, qvel);
        assertArrayEquals(qpos, env.qpos(1));
        assertArrayEquals(qvel, env.qvel(1));
        double[] state = env.state(1);
        for (int j = 0; j < nq; j++) {
            assertEquals(qpos[j], state[j]);
            assertEquals(qvel[j], state[nq + j]);
        }
        for (int j = 2 * nq; j < state.length; j++) {
            assertEquals(before[j], state[j], "the target is kept");
        }
    }

    @Test
    void reacherTargetIsSetApartAndMovesNothing() {
        PhysicsVecEnv a = ControlSuite.create("reacher-easy", 1);
        PhysicsVecEnv b = ControlSuite.create("reacher-easy", 1);
        a.reset(new Rng(2));
        b.reset(new Rng(2));
        b.setTarget(0, new double[] {-0.1, 0.05});
        assertEquals(-0.1, b.state(0)[4]);
        assertEquals(0.05, b.state(0)[5]);
        for (int t = 0; t < 50; t++) {
            a.stepPhysics(0, new double[] {0.3, -0.8});
            b.stepPhysics(0, new double[] {0.3, -0.8});
        }
        assertArrayEquals(a.qpos(0), b.qpos(0));
        assertArrayEquals(a.qvel(0), b.qvel(0));
        assertThrows(IllegalArgumentException.class, () -> ControlSuite.create("point_mass-easy", 1)
                .setTarget(0, new double[] {0, 0}));
    }

    @Test
    void stepPhysicsFollowsStepWithinAnEpisode() {
        PhysicsVecEnv a = ControlSuite.create("acrobot-swingup", 1);
        PhysicsVecEnv b = ControlSuite.create("acrobot-swingup", 1);
        a.reset(new Rng(3));
        b.reset(new Rng(3));
        Rng actions = new Rng(4);
        for (int t = 0; t < 100; t++) {
            float u = (float) actions.uniform(-2, 2);
            double reward = a.stepPhysics(0, new double[] {u});
            assertEquals((float) reward, b.step(new float[] {u}, new Rng(0)).reward[0]);
            assertArrayEquals(b.state(0), a.state(0));
            assertArrayEquals(b.observations(), a.observations());
        }
    }

    /** Upright at rest with zero force the cart-pole stays put for ever; a reset would move it. */
    @Test
    void stepPhysicsNeverEndsTheEpisode() {
        PhysicsVecEnv cartpole = ControlSuite.create("cartpole-balance", 1);
        cartpole.setJointState(0, new double[] {0, 0}, new double[] {0, 0});
        for (int t = 0; t < 2500; t++) {
            cartpole.stepPhysics(0, new double[] {0});
        }
        assertArrayEquals(new double[] {0, 0, 0, 0}, cartpole.state(0));

        PhysicsVecEnv car = ControlSuite.create("mountain-car-continuous", 1);
        car.setJointState(0, new double[] {0.44}, new double[] {0.05});
        for (int t = 0; t < 20; t++) {
            car.stepPhysics(0, new double[] {1});
        }
        assertEquals(0.6, car.qpos(0)[0], "past the goal the car runs to the right end instead of resetting");
    }

    @Test
    void stepPhysicsClipsActionsAsStepDoes() {
        PhysicsVecEnv a = ControlSuite.create("point_mass-easy", 1);
        PhysicsVecEnv b = ControlSuite.create("point_mass-easy", 1);
        a.stepPhysics(0, new double[] {5, -7});
        b.stepPhysics(0, new double[] {1, -1});
        assertArrayEquals(b.state(0), a.state(0));
        assertTrue(a.qvel(0)[0] > 0);
    }
}
