package io.fpolab.env.mujoco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;
import io.fpolab.core.math.Rng;
import io.fpolab.env.StepResult;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code cheetah-run} in MuJoCo: sizes, reward, determinism and native memory. Needs MuJoCo 2.2.2
 * ({@code apt-get install libmujoco-dev}); skipped, with the reason, without it.
 */
class CheetahRunTest {
    @BeforeEach
    void needsMujoco() {
        assumeTrue(Mujoco.available(), () -> "MuJoCo is not usable here: " + Mujoco.problem());
    }

    @Test
    void resetGivesPositionsButRootxThenVelocities() {
        try (CheetahRun env = new CheetahRun(3)) {
            assertEquals(17, env.spec().obsDim());
            assertEquals(6, env.spec().actDim());
            assertEquals(1000, env.spec().maxSteps());
            float[] obs = env.reset(new Rng(1));
            assertEquals(3 * 17, obs.length);
            for (int i = 0; i < 3; i++) {
                double[] s = env.state(i);
                assertEquals(18, s.length);
                for (int k = 0; k < 8; k++) {
                    assertEquals((float) s[1 + k], obs[i * 17 + k], "qpos " + (k + 1) + " of env " + i);
                }
                for (int k = 0; k < 9; k++) {
                    assertEquals((float) s[9 + k], obs[i * 17 + 8 + k], "qvel " + k + " of env " + i);
                }
            }
        }
    }

    @Test
    void resetRandomisesTheLimitedJointsAndLetsTheBodySettle() {
        try (CheetahRun env = new CheetahRun(8)) {
            env.reset(new Rng(2));
            double[] a = env.qpos(0);
            double[] b = env.qpos(1);
            assertFalse(Arrays.equals(a, b), "two envs start in the same pose");
            for (int i = 0; i < 8; i++) {
                double[] q = env.qpos(i);
                double[] v = env.qvel(i);
                // 200 settling steps from 0.7 m: the torso has come down onto the legs (rootz < 0) and has
                // nearly stopped (dm_control's episodes start from such a rest pose).
                assertTrue(q[1] < 0 && q[1] > -0.7, "rootz " + q[1]);
                assertTrue(Math.abs(v[1]) < 0.5, "settled rootz velocity " + v[1]);
            }
        }
    }

    @Test
    void rewardStaysInTheUnitIntervalUnderRandomActions() {
        try (CheetahRun env = new CheetahRun(4)) {
            Rng rng = new Rng(3);
            env.reset(rng);
            float[] actions = new float[4 * 6];
            double max = 0;
            for (int t = 0; t < 300; t++) {
                for (int k = 0; k < actions.length; k++) {
                    actions[k] = (float) rng.uniform(-1.5, 1.5);
                }
                StepResult r = env.step(actions, rng);
                for (float x : r.reward) {
                    assertTrue(x >= 0 && x <= 1, "reward " + x + " at step " + t);
                    max = Math.max(max, x);
                }
            }
            assertTrue(max > 0, "random actions never moved the cheetah forward");
        }
    }

    @Test
    void rewardIsTheLinearToleranceOfTheCentreOfMassSpeed() {
        try (CheetahRun env = new CheetahRun(1)) {
            env.reset(new Rng(4));
            double[] q = env.qpos(0);
            // A pure translation (every body moves at rootx's velocity): the centre of mass moves at it too.
            double[][] cases = {{5, 0.5}, {2.5, 0.25}, {10, 1}, {12, 1}, {0, 0}, {-3, 0}};
            for (double[] c : cases) {
                double[] v = new double[9];
                v[0] = c[0];
                v[1] = 0.7; // vertical motion does not count
                env.setJointState(0, q, v);
                assertEquals(c[1], env.currentReward(0), 1e-9, "speed " + c[0]);
            }
        }
        assertEquals(0.5, CheetahRun.runReward(5), 0);
        assertEquals(0.0, CheetahRun.runReward(0), 0);
        assertEquals(1.0, CheetahRun.runReward(10), 0);
        assertEquals(0.99, CheetahRun.runReward(9.9), 1e-12);
    }

    @Test
    void sameSeedAndActionsGiveTheSameTrajectory() {
        MujocoTaskChecks.sameSeedAndActionsGiveTheSameTrajectory(CheetahRun::new, 5, 200);
    }

    @Test
    void aRestoredStateStepsLikeTheOriginal() {
        float[] act = new float[2 * 6];
        Arrays.fill(act, 0.3f);
        MujocoTaskChecks.aRestoredStateStepsLikeTheOriginal(CheetahRun::new, 8, act, 20, 1, 1e-3);
    }

    @Test
    void hundredCreateCloseCyclesDoNotGrowNativeMemory() {
        assumeTrue(LibC.INSTANCE != null, "needs glibc's mallinfo2 to count native memory");
        long before = 0;
        for (int cycle = 0; cycle < 110; cycle++) {
            if (cycle == 10) {
                before = mallocInUse();
            }
            CheetahRun env = new CheetahRun(4);
            Rng rng = new Rng(cycle);
            env.reset(rng);
            env.step(new float[4 * 6], rng);
            env.close();
        }
        long grown = mallocInUse() - before;
        // Each mjData holds about 0.6 MB, so 100 cycles of 4 envs that were not freed would add about 240 MB. Bytes
        // handed out by malloc, not the resident set: in a JVM that ran other tests first, the heap ZGC commits
        // meanwhile grew the resident set by hundreds of MB.
        assertTrue(grown < 24L << 20, "malloc'ed memory grew by " + (grown >> 10) + " kB over 100 create/close cycles");
    }

    /** glibc's {@code struct mallinfo2}: ten {@code size_t} counters over all arenas. */
    public static class MallInfo2 extends Structure implements Structure.ByValue {
        public long arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost;

        @Override
        protected java.util.List<String> getFieldOrder() {
            return java.util.List.of("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
                    "fordblks", "keepcost");
        }
    }

    interface LibC extends Library {
        LibC INSTANCE = load();

        MallInfo2 mallinfo2();

        private static LibC load() {
            try {
                LibC c = Native.loadLibrary("c", LibC.class);
                c.mallinfo2();
                return c;
            } catch (LinkageError | RuntimeException e) {
                return null;
            }
        }
    }

    /** Bytes malloc has handed out and not taken back: in use in its arenas plus its own mmapped blocks. */
    private static long mallocInUse() {
        MallInfo2 m = LibC.INSTANCE.mallinfo2();
        return m.uordblks + m.hblkhd;
    }

    @Test
    void aClosedEnvRefusesToStep() {
        CheetahRun env = new CheetahRun(1);
        env.reset(new Rng(9));
        env.close();
        env.close();
        assertThrows(IllegalStateException.class, () -> env.step(new float[6], new Rng(9)));
    }
}
