package io.fpolab.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.core.math.Rng;
import io.fpolab.env.control.ControlSuite;
import io.fpolab.env.grid.GridLayouts;
import io.fpolab.env.grid.GridWorldVecEnv;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link VecEnv#staggerEpisodes}: first episodes cut at random lengths and flagged, later ones whole. */
class StaggerEpisodesTest {
    private static final int N = 64;

    /** Steps {@code steps} times with zero actions; per env, the step (1-based) at which each episode ended. */
    private static int[][] endSteps(VecEnv env, Rng rng, int steps, boolean[][] partialOut) {
        int[][] ends = new int[N][2];
        int[] count = new int[N];
        float[] zero = new float[N * env.spec().actDim()];
        for (int t = 1; t <= steps; t++) {
            StepResult r = env.step(zero, rng);
            for (int i = 0; i < N; i++) {
                if (r.done(i) && count[i] < 2) {
                    partialOut[i][count[i]] = r.partial[i];
                    ends[i][count[i]++] = t;
                } else {
                    assertFalse(r.partial[i], "partial is only set where an episode ends");
                }
            }
        }
        return ends;
    }

    /** point_mass-easy (1000-step episodes) reset with seed 3, staggered or not, stepped {@code episodes} × 1000 times. */
    private static int[][] pointMassEnds(boolean stagger, int episodes, boolean[][] partialOut) {
        VecEnv env = ControlSuite.create("point_mass-easy", N);
        Rng rng = new Rng(3);
        env.reset(rng);
        if (stagger) {
            env.staggerEpisodes(rng);
        }
        return endSteps(env, rng, episodes * env.spec().maxSteps(), partialOut);
    }

    @Test
    void controlTaskFirstEpisodesEndAtSpreadTimesAndAreFlagged() {
        int max = 1000;
        boolean[][] partial = new boolean[N][2];
        int[][] ends = pointMassEnds(true, 2, partial);
        Set<Integer> firstEnds = new HashSet<>();
        for (int i = 0; i < N; i++) {
            int first = ends[i][0];
            assertTrue(first >= 1 && first <= max, "first end " + first);
            firstEnds.add(first);
            assertEquals(first < max, partial[i][0], "env " + i + " first episode (" + first + " steps) flagged partial");
            assertEquals(first + max, ends[i][1], "the second episode runs the whole time limit");
            assertFalse(partial[i][1], "the second episode is whole");
        }
        assertTrue(firstEnds.size() > N / 2, "first episodes end at " + firstEnds.size() + " different steps");
    }

    @Test
    void withoutStaggeringEveryEpisodeEndsTogether() {
        boolean[][] partial = new boolean[N][2];
        int[][] ends = pointMassEnds(false, 1, partial);
        for (int i = 0; i < N; i++) {
            assertEquals(1000, ends[i][0]);
            assertFalse(partial[i][0]);
        }
    }

    @Test
    void savedStateKeepsThePartialFlagAndOldLayoutsStillLoad() {
        VecEnv env = ControlSuite.create("cartpole-balance", N);
        Rng rng = new Rng(8);
        env.reset(rng);
        env.staggerEpisodes(rng);
        double[] saved = env.saveState();
        VecEnv copy = ControlSuite.create("cartpole-balance", N);
        copy.restoreState(saved);
        assertArrayEquals(saved, copy.saveState());
        boolean[][] a = new boolean[N][2];
        boolean[][] b = new boolean[N][2];
        assertArrayEquals(endSteps(env, new Rng(1), 1000, a), endSteps(copy, new Rng(1), 1000, b));
        assertTrue(Arrays.deepEquals(a, b));

        // A checkpoint from before staggering: per env only the running return and length.
        VecEnv fresh = ControlSuite.create("cartpole-balance", 2);
        fresh.reset(new Rng(2));
        double[] now = fresh.saveState();
        int physics = now.length - 3 * 2;
        double[] legacy = Arrays.copyOf(now, physics + 2 * 2);
        legacy[physics + 1] = 7;
        legacy[physics + 3] = 9;
        fresh.restoreState(legacy);
        double[] back = fresh.saveState();
        assertEquals(7, back[physics + 1]);
        assertEquals(9, back[physics + 4]);
        assertEquals(0, back[physics + 2]);
    }

    @Test
    void gridWorldStaggersToo() {
        GridWorldVecEnv env = new GridWorldVecEnv(GridLayouts.twoBands(), N, 100);
        Rng rng = new Rng(5);
        env.reset(rng);
        env.staggerEpisodes(rng);
        double[] saved = env.saveState();
        Set<Double> steps = new HashSet<>();
        for (int i = 0; i < N; i++) {
            steps.add(saved[4 * i + 1]);
            assertEquals(saved[4 * i + 1] > 0 ? 1.0 : 0.0, saved[4 * i + 3], "partial flag of env " + i);
        }
        assertTrue(steps.size() > N / 2, steps.size() + " different step counts");
        GridWorldVecEnv copy = new GridWorldVecEnv(GridLayouts.twoBands(), N, 100);
        copy.restoreState(saved);
        assertArrayEquals(saved, copy.saveState());
    }
}
