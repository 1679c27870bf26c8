package io.fpolab.env.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fpolab.core.math.Rng;
import io.fpolab.env.StepResult;
import io.fpolab.env.VecEnv;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DeterminismTest {
    static java.util.List<String> ids() {
        return ControlSuite.ids();
    }

    @ParameterizedTest
    @MethodSource("ids")
    void sameSeedGivesIdenticalTrajectories(String id) {
        assertArrayEquals(rollout(id, 11), rollout(id, 11));
    }

    @ParameterizedTest
    @MethodSource("ids")
    void differentSeedsGiveDifferentStarts(String id) {
        VecEnv a = ControlSuite.create(id, 2);
        VecEnv b = ControlSuite.create(id, 2);
        assertFalse(Arrays.equals(a.reset(new Rng(1)), b.reset(new Rng(2))));
    }

    /** Observations and rewards of 4 envs over 1200 random-action steps, spanning an auto-reset. */
    private static float[] rollout(String id, long seed) {
        int n = 4;
        VecEnv env = ControlSuite.create(id, n);
        Rng envRng = new Rng(seed);
        Rng policy = new Rng(seed + 1);
        env.reset(envRng);
        int steps = 1200;
        int obsLen = n * env.spec().obsDim();
        float[] trace = new float[steps * (obsLen + n)];
        float[] actions = new float[n * env.spec().actDim()];
        for (int t = 0; t < steps; t++) {
            policy.fillGaussian(actions);
            StepResult r = env.step(actions, envRng);
            System.arraycopy(r.obs, 0, trace, t * (obsLen + n), obsLen);
            System.arraycopy(r.reward, 0, trace, t * (obsLen + n) + obsLen, n);
        }
        return trace;
    }
}
