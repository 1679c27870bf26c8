package io.fpolab.env.mujoco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

    /**
     * Two envs stepped {@code warmup} times under the actions {@code act} (both envs' values), saved, and restored
     * into a second pair: the pairs observe the same, then step alike for {@code steps} more steps, to
     * {@code tolerance} (the restored data is written from the state and forwarded; MuJoCo's solver warm start is
     * not part of a state) or bit for bit when it is 0.
     */
    static void aRestoredStateStepsLikeTheOriginal(IntFunction<? extends MujocoVecEnv> make, long seed, float[] act,
            int warmup, int steps, double tolerance) {
        try (MujocoVecEnv a = make.apply(2); MujocoVecEnv b = make.apply(2)) {
            Rng rng = new Rng(seed);
            a.reset(rng);
            for (int t = 0; t < warmup; t++) {
                a.step(act, rng);
            }
            b.restoreState(a.saveState());
            assertArrayEquals(a.observations(), b.observations());
            for (int t = 0; t < steps; t++) {
                float[] next = a.step(act, rng).obs.clone();
                float[] restored = b.step(act, rng).obs;
                for (int k = 0; k < next.length; k++) {
                    assertEquals(next[k], restored[k], tolerance, "observation " + k + " at step " + t);
                }
            }
        }
    }
}
