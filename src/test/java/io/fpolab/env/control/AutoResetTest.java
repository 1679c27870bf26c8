package io.fpolab.env.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.core.math.Rng;
import io.fpolab.env.StepResult;
import io.fpolab.env.VecEnv;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AutoResetTest {
    @Test
    void stepResultObsIsTheObservationsArray() {
        VecEnv env = ControlSuite.create("cartpole-swingup", 3);
        Rng rng = new Rng(4);
        assertSame(env.observations(), env.reset(rng));
        assertSame(env.observations(), env.step(new float[3], rng).obs);
    }

    @Test
    void episodeIsTruncatedAfterThousandStepsAndRestarts() {
        int n = 2;
        PhysicsVecEnv env = (PhysicsVecEnv) ControlSuite.create("cartpole-balance", n);
        Rng rng = new Rng(7);
        env.reset(rng);
        float[] zeros = new float[n];
        double[] returns = new double[n];
        for (int t = 1; t < 1000; t++) {
            StepResult r = env.step(zeros, rng);
            for (int i = 0; i < n; i++) {
                assertFalse(r.done(i), "env " + i + " ended early at step " + t);
                returns[i] += r.reward[i];
            }
        }
        // Replays the last step from a copy of env 0's state in an env with a fresh step counter.
        PhysicsVecEnv replay = (PhysicsVecEnv) ControlSuite.create("cartpole-balance", 1);
        replay.setState(0, env.state(0));
        float[] expectedFinal = replay.step(new float[1], new Rng(0)).obs.clone();

        StepResult r = env.step(zeros, rng);
        for (int i = 0; i < n; i++) {
            returns[i] += r.reward[i];
            assertTrue(r.truncated[i], "env " + i);
            assertFalse(r.terminated[i], "env " + i);
            assertEquals(1000, r.episodeLength[i]);
            assertEquals(returns[i], r.episodeReturn[i], 1e-3);
        }
        assertArrayEquals(expectedFinal, Arrays.copyOfRange(r.finalObs, 0, 5));
        double[] fresh = env.state(0);
        assertTrue(Math.abs(fresh[0]) <= 0.1 && Math.abs(fresh[1]) <= 0.034, "not a balance reset: " + Arrays.toString(fresh));
        assertEquals((float) fresh[0], r.obs[0]);
        assertEquals((float) Math.cos(fresh[1]), r.obs[1]);

        StepResult next = env.step(zeros, rng);
        assertFalse(next.done(0), "the new episode must run its own 1000 steps");
    }
}
