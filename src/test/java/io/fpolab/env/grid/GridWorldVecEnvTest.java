package io.fpolab.env.grid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.core.math.Rng;
import io.fpolab.env.StepResult;
import io.fpolab.env.grid.GridLayout.CellType;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GridWorldVecEnvTest {
    private static final float[] STAY = {0f, 0f};

    private static GridWorldVecEnv single(GridLayout layout) {
        GridWorldVecEnv env = new GridWorldVecEnv(layout, 1);
        env.reset(new Rng(1));
        return env;
    }

    private static int[] position(GridWorldVecEnv env) {
        double[] s = env.state(0);
        return new int[] {(int) s[0], (int) s[1]};
    }

    @ParameterizedTest
    @CsvSource({"0.5, 0", "-0.5, 0", "1.5, 1", "0.51, 1", "-0.7, -1", "0.49, 0", "-3, -1", "2.5, 1", "0, 0"})
    void axisMoveRoundsHalfToEvenAfterClipping(float action, int expected) {
        assertEquals(expected, GridWorldVecEnv.axisMove(action));
    }

    @Test
    void nanActionDoesNotMove() {
        assertEquals(0, GridWorldVecEnv.axisMove(Float.NaN));
    }

    @Test
    void actionMovesEachAxisIndependently() {
        GridWorldVecEnv env = single(GridLayouts.twoBands());
        env.resetTo(0, 10, 10);
        env.step(new float[] {0.51f, -0.7f}, new Rng(2));
        assertArrayEquals(new int[] {11, 9}, position(env));
        env.step(new float[] {-0.5f, 1.5f}, new Rng(2));
        assertArrayEquals(new int[] {11, 10}, position(env));
    }

    @Test
    void moveIsClippedAtTheBorder() {
        GridWorldVecEnv env = single(GridLayouts.twoBands());
        env.resetTo(0, 0, 5);
        env.step(new float[] {-1f, 0f}, new Rng(2));
        assertArrayEquals(new int[] {0, 5}, position(env));
        env.resetTo(0, 24, 5);
        env.step(new float[] {1f, 1f}, new Rng(2));
        assertArrayEquals(new int[] {24, 6}, position(env), "x clipped, y still moves");
    }

    @Test
    void wallBlocksStraightAndDiagonalMoves() {
        GridLayout layout = GridLayouts.twoBands().toBuilder().wall(11, 10).wall(12, 11).build();
        GridWorldVecEnv env = single(layout);
        env.resetTo(0, 10, 10);
        env.step(new float[] {1f, 0f}, new Rng(2));
        assertArrayEquals(new int[] {10, 10}, position(env), "straight into the wall: stay");
        env.resetTo(0, 11, 11);
        env.step(new float[] {1f, 0f}, new Rng(2));
        assertArrayEquals(new int[] {11, 11}, position(env));
        env.resetTo(0, 11, 12);
        env.step(new float[] {1f, -1f}, new Rng(2));
        assertArrayEquals(new int[] {11, 12}, position(env), "diagonal target is a wall: stay, no sliding");
        env.step(new float[] {0f, 1f}, new Rng(2));
        assertArrayEquals(new int[] {11, 13}, position(env), "a free target still moves");
    }

    @Test
    void enteringTheTopBandGivesTwentyAndTerminatesWithRegionOne() {
        GridWorldVecEnv env = single(GridLayouts.twoBands());
        env.resetTo(0, 7, 22);
        StepResult r = env.step(new float[] {0f, 1f}, new Rng(2));
        assertEquals(20f, r.reward[0]);
        assertTrue(r.terminated[0]);
        assertFalse(r.truncated[0]);
        assertEquals(1, r.outcome[0]);
        assertEquals(20.0, r.episodeReturn[0]);
        assertEquals(1, r.episodeLength[0]);
        assertArrayEquals(new float[] {(7 - 12) / 12f, (23 - 12) / 12f}, new float[] {r.finalObs[0], r.finalObs[1]});
    }

    @Test
    void enteringTheBottomBandReportsRegionZero() {
        GridWorldVecEnv env = single(GridLayouts.twoBands());
        env.resetTo(0, 3, 2);
        StepResult r = env.step(new float[] {-1f, -1f}, new Rng(2));
        assertTrue(r.terminated[0]);
        assertEquals(0, r.outcome[0]);
        assertEquals("bottom", GridLayouts.twoBands().regionName(r.outcome[0]));
    }

    @Test
    void deathCellGivesMinusTenAndTerminatesWithOutcomeMinusTwo() {
        GridLayout layout = GridLayouts.twoBands().toBuilder().paint(5, 6, CellType.DEATH).build();
        GridWorldVecEnv env = single(layout);
        env.resetTo(0, 5, 5);
        StepResult r = env.step(new float[] {0f, 1f}, new Rng(2));
        assertEquals(-10f, r.reward[0]);
        assertTrue(r.terminated[0]);
        assertEquals(GridWorldVecEnv.OUTCOME_DEATH, r.outcome[0]);
    }

    @Test
    void ordinaryStepGivesZeroRewardAndNoOutcome() {
        GridWorldVecEnv env = single(GridLayouts.twoBands());
        env.resetTo(0, 12, 12);
        StepResult r = env.step(new float[] {1f, 1f}, new Rng(2));
        assertEquals(0f, r.reward[0]);
        assertFalse(r.done(0));
        assertEquals(GridWorldVecEnv.OUTCOME_NONE, r.outcome[0]);
        assertEquals(1f / 12, r.obs[0], 1e-7);
        assertEquals(1f / 12, r.obs[1], 1e-7);
    }

    @Test
    void episodeIsTruncatedAfterOneHundredStepsWithFinalObsAndAFreshStart() {
        GridWorldVecEnv env = new GridWorldVecEnv(GridLayouts.twoBands(), 1);
        Rng rng = new Rng(3);
        env.reset(rng);
        env.resetTo(0, 12, 12);
        StepResult r = null;
        for (int t = 1; t <= 99; t++) {
            r = env.step(STAY, rng);
            assertFalse(r.done(0), "step " + t);
        }
        r = env.step(STAY, rng);
        assertTrue(r.truncated[0]);
        assertFalse(r.terminated[0]);
        assertEquals(GridWorldVecEnv.OUTCOME_NONE, r.outcome[0]);
        assertEquals(100, r.episodeLength[0]);
        assertEquals(0.0, r.episodeReturn[0]);
        assertEquals(0f, r.finalObs[0]);
        assertEquals(0f, r.finalObs[1]);
        double[] s = env.state(0);
        assertEquals(0.0, s[2], "the next episode has started");
        assertEquals((s[0] - 12) / 12, r.obs[0], 1e-6);
        assertEquals((s[1] - 12) / 12, r.obs[1], 1e-6);
    }

    @Test
    void maxStepsIsAConstructorParameter() {
        GridWorldVecEnv env = new GridWorldVecEnv(GridLayouts.twoBands(), 1, 3);
        Rng rng = new Rng(3);
        env.reset(rng);
        env.resetTo(0, 12, 12);
        env.step(STAY, rng);
        env.step(STAY, rng);
        assertTrue(env.step(STAY, rng).truncated[0]);
        assertEquals(3, env.spec().maxSteps());
    }

    @Test
    void goalOnTheLastStepTerminatesInsteadOfTruncating() {
        GridWorldVecEnv env = new GridWorldVecEnv(GridLayouts.twoBands(), 1, 2);
        Rng rng = new Rng(3);
        env.reset(rng);
        env.resetTo(0, 12, 21);
        env.step(new float[] {0f, 1f}, rng);
        StepResult r = env.step(new float[] {0f, 1f}, rng);
        assertTrue(r.terminated[0]);
        assertFalse(r.truncated[0]);
        assertEquals(1, r.outcome[0]);
    }

    @Test
    void startsCoverExactlyTheNonGoalCellsOfTwoBands() {
        GridWorldVecEnv env = new GridWorldVecEnv(GridLayouts.twoBands(), 64);
        Rng rng = new Rng(11);
        Set<Integer> seen = new HashSet<>();
        for (int round = 0; round < 200; round++) {
            env.reset(rng);
            for (int i = 0; i < 64; i++) {
                double[] s = env.state(i);
                int x = (int) s[0];
                int y = (int) s[1];
                assertTrue(y >= 2 && y <= 22, "start on a goal band: " + x + "," + y);
                seen.add(y * 25 + x);
            }
        }
        assertEquals(525, seen.size());
    }

    @Test
    void startsNeverLandOnWallsOrGoals() {
        GridLayout layout = GridLayouts.obstacle();
        GridWorldVecEnv env = new GridWorldVecEnv(layout, 32);
        Rng rng = new Rng(5);
        for (int round = 0; round < 100; round++) {
            env.reset(rng);
            for (int i = 0; i < 32; i++) {
                double[] s = env.state(i);
                assertTrue(layout.isStart((int) s[0], (int) s[1]));
                assertEquals(CellType.EMPTY, layout.type((int) s[0], (int) s[1]));
            }
        }
    }

    @Test
    void sameSeedGivesTheSameTrajectories() {
        assertArrayEquals(rollout(42), rollout(42));
        assertNotEquals(java.util.Arrays.toString(rollout(42)), java.util.Arrays.toString(rollout(43)));
    }

    private static float[] rollout(long seed) {
        GridWorldVecEnv env = new GridWorldVecEnv(GridLayouts.threeGoals(), 8);
        Rng rng = new Rng(seed);
        Rng policy = new Rng(seed + 1000);
        env.reset(rng);
        float[] actions = new float[16];
        float[] trace = new float[300 * 8 * 3];
        int k = 0;
        for (int t = 0; t < 300; t++) {
            for (int j = 0; j < actions.length; j++) {
                actions[j] = (float) policy.nextGaussian();
            }
            StepResult r = env.step(actions, rng);
            for (int i = 0; i < 8; i++) {
                trace[k++] = r.obs[2 * i];
                trace[k++] = r.obs[2 * i + 1];
                trace[k++] = r.reward[i];
            }
        }
        return trace;
    }

    @Test
    void observationIsCenteredAndScaledToUnitRange() {
        GridWorldVecEnv env = new GridWorldVecEnv(GridLayouts.twoBands(), 1);
        float[] out = new float[4];
        env.obsOf(0, 24, out, 0);
        env.obsOf(12, 18, out, 2);
        assertArrayEquals(new float[] {-1f, 1f, 0f, 0.5f}, out);
    }

    @Test
    void specDescribesTheTwoDimensionalTask() {
        GridWorldVecEnv env = new GridWorldVecEnv(GridLayouts.twoBands(), 4);
        assertEquals("gridworld", env.spec().id());
        assertEquals(2, env.spec().obsDim());
        assertEquals(2, env.spec().actDim());
        assertEquals(100, env.spec().maxSteps());
        assertEquals(20.0, env.spec().maxReturn());
        assertEquals(4, env.numEnvs());
    }

    @Test
    void episodeInProgressContinuesOnASwappedLayout() {
        GridWorldVecEnv env = single(GridLayouts.twoBands());
        env.resetTo(0, 12, 12);
        env.step(STAY, new Rng(2));
        env.setLayout(GridLayouts.twoBands().toBuilder().paint(12, 13, CellType.GOAL).build());
        StepResult r = env.step(new float[] {0f, 1f}, new Rng(2));
        assertTrue(r.terminated[0]);
        assertEquals(2, r.episodeLength[0], "the step count carried over");
        assertEquals(2, r.outcome[0], "a newly painted goal group is appended after the bands");
    }

    @Test
    void layoutOfAnotherSizeIsRefused() {
        GridWorldVecEnv env = single(GridLayouts.twoBands());
        GridLayout small = GridLayout.builder(5, 5).goal(0, 0, 1).build();
        assertThrows(IllegalArgumentException.class, () -> env.setLayout(small));
    }

    @Test
    void resetToRefusesNonEmptyCells() {
        GridWorldVecEnv env = single(GridLayouts.twoBands());
        assertThrows(IllegalArgumentException.class, () -> env.resetTo(0, 3, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> env.resetTo(0, 25, 3));
    }

    @Test
    void saddleRowIsElevenStepsFromBothBands() {
        GridLayout layout = GridLayouts.twoBands();
        for (int x = 0; x < 25; x++) {
            assertEquals(11, layout.stepsToRegion(0, x, 12));
            assertEquals(11, layout.stepsToRegion(1, x, 12));
        }
        assertEquals(10, layout.stepsToRegion(0, 12, 11));
        assertEquals(12, layout.stepsToRegion(1, 12, 11));
    }

    @Test
    void movingStraightUpFromTheSaddleReachesTheTopBandInElevenSteps() {
        GridWorldVecEnv env = single(GridLayouts.twoBands());
        env.resetTo(0, 12, 12);
        StepResult r = null;
        int steps = 0;
        do {
            r = env.step(new float[] {0f, 1f}, new Rng(2));
            steps++;
        } while (!r.done(0));
        assertEquals(11, steps);
        assertEquals(1, r.outcome[0]);
    }
}
