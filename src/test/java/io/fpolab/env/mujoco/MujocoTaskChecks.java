package io.fpolab.env.mujoco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fpolab.core.math.Rng;
import io.fpolab.env.StepResult;
import java.util.Arrays;
import java.util.function.IntFunction;

/** Checks that every MuJoCo task's tests make the same way. */
final class MujocoTaskChecks {
    private MujocoTaskChecks() {
    }

    /**
     * Two sets of three envs reset from the same seed and stepped {@code steps} times with the same random actions
     * give the same observations, rewards and final state; a set reset from another seed starts elsewhere.
     */
    static void sameSeedAndActionsGiveTheSameTrajectory(IntFunction<? extends MujocoVecEnv> make, long seed, int steps) {
        try (MujocoVecEnv a = make.apply(3); MujocoVecEnv b = make.apply(3)) {
            Rng ra = new Rng(seed);
            Rng rb = new Rng(seed);
            assertArrayEquals(a.reset(ra), b.reset(rb));
            Rng actions = new Rng(seed + 1);
            float[] act = new float[3 * a.spec().actDim()];
            for (int t = 0; t < steps; t++) {
                for (int k = 0; k < act.length; k++) {
                    act[k] = (float) actions.uniform(-1, 1);
                }
                StepResult sa = a.step(act, ra);
                float[] obsA = sa.obs.clone();
                float[] rewA = sa.reward.clone();
                StepResult sb = b.step(act, rb);
                assertArrayEquals(obsA, sb.obs, "step " + t);
                assertArrayEquals(rewA, sb.reward, "step " + t);
            }
            assertArrayEquals(a.saveState(), b.saveState());
        }
        try (MujocoVecEnv a = make.apply(1); MujocoVecEnv b = make.apply(1)) {
            assertFalse(Arrays.equals(a.reset(new Rng(seed)), b.reset(new Rng(seed + 2))), "different seeds, same start");
        }
    }
}
