package io.fpolab.env.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.core.math.Rng;
import org.junit.jupiter.api.Test;

/** The fork task's dynamics, collisions and reward, checked against numbers worked out by hand. */
class ForkEasyTest {
    private static final double EPS = 1e-12;

    private static PhysicsVecEnv at(double x, double y, double vx, double vy) {
        PhysicsVecEnv env = ControlSuite.create(ForkEasy.ID, 1);
        env.reset(new Rng(1));
        env.setJointState(0, new double[] {x, y}, new double[] {vx, vy});
        return env;
    }

    @Test
    void freeMotionFollowsImplicitDampingByHand() {
        PhysicsVecEnv env = at(0, -0.2, 0, 0);
        // Step 1, u = (1, 1): v = (0.3·0 + 0.05·0.6·1)/(0.3 + 0.05) = 0.03/0.35 = 3/35 = 0.0857142857…,
        // p = p0 + 0.05·v = (0 + 3/700, −0.2 + 3/700) = (0.0042857142857…, −0.1957142857…).
        double r1 = env.stepPhysics(0, new double[] {1, 1});
        assertArrayEquals(new double[] {3.0 / 700, -0.2 + 3.0 / 700, 3.0 / 35, 3.0 / 35}, env.state(0), EPS);
        // Reward: below the wall, the straight line to the goal (0, 0.2) meets y = 0 at x = 0.0021…, which
        // clamps to the right gap's inner edge (0.15, 0): |p − (0.15, 0)| = hypot(0.1457142857, 0.1957142857)
        // = 0.2440015…, plus |(0.15, 0) − goal| = 0.25, so d = 0.4940015… and r = 1 − d/0.5 = 0.0119970….
        double d1 = Math.hypot(0.15 - 3.0 / 700, 0.2 - 3.0 / 700) + 0.25;
        assertEquals(1 - d1 / 0.5, r1, EPS);
        assertEquals(0.011996988968807, r1, 1e-12);
        // Step 2: v = (0.3·3/35 + 0.03)/0.35 = (1.95/35)/0.35 = 0.1591836734…, x = 3/700 + 0.05·0.1591836… = 0.0122448979….
        env.stepPhysics(0, new double[] {1, 1});
        double v2 = 1.95 / 35 / 0.35;
        assertArrayEquals(new double[] {3.0 / 700 + 0.05 * v2, -0.2 + 3.0 / 700 + 0.05 * v2, v2, v2}, env.state(0), EPS);
        assertEquals(0.0122448979591837, env.state(0)[0], 1e-15);
    }

    @Test
    void actionsAreClippedToUnitForce() {
        PhysicsVecEnv big = at(0, -0.2, 0, 0);
        PhysicsVecEnv unit = at(0, -0.2, 0, 0);
        big.step(new float[] {5f, -7f}, new Rng(2));
        unit.step(new float[] {1f, -1f}, new Rng(2));
        assertArrayEquals(unit.state(0), big.state(0), 0);
    }

    @Test
    void theWallStopsTheYMotionOutsideTheGapsAndTheMassSlidesAlong() {
        // From (0, −0.01) at (0.2, 0.5) m/s under u = (0, 1): v = (0.3·0.2/0.35, (0.15 + 0.03)/0.35) = (0.1714…, 0.5142…),
        // so free motion would end at y = −0.01 + 0.0257… > 0, crossing y = 0 at x ≈ 0.003: wall. y stays,
        // ẏ = 0, x moves on to 0.05·0.06/0.35 = 0.0085714….
        PhysicsVecEnv env = at(0, -0.01, 0.2, 0.5);
        env.stepPhysics(0, new double[] {0, 1});
        assertArrayEquals(new double[] {0.06 / 0.35 * 0.05, -0.01, 0.06 / 0.35, 0}, env.state(0), EPS);
        // The same push through the right gap (x = 0.2) passes: y = −0.01 + 0.05·0.18/0.35 = 0.0157142857….
        PhysicsVecEnv gap = at(0.2, -0.01, 0, 0.5);
        gap.stepPhysics(0, new double[] {0, 1});
        assertArrayEquals(new double[] {0.2, -0.01 + 0.05 * 0.18 / 0.35, 0, 0.18 / 0.35}, gap.state(0), EPS);
        // The outer part of the wall (|x| > 0.25) blocks from above too.
        PhysicsVecEnv outer = at(-0.28, 0.01, 0, -0.5);
        outer.stepPhysics(0, new double[] {0, -1});
        assertEquals(0.01, outer.state(0)[1], 0);
        assertEquals(0, outer.state(0)[3], 0);
    }

    @Test
    void theArenaEdgeStopsTheMass() {
        // x would reach 0.29 + 0.05·(0.15 + 0.03)/0.35 = 0.3157… > 0.3: set to 0.3 with ẋ = 0.
        PhysicsVecEnv env = at(0.29, 0.1, 0.5, 0);
        env.stepPhysics(0, new double[] {1, 0});
        assertArrayEquals(new double[] {0.3, 0.1, 0, 0}, env.state(0), EPS);
    }

    @Test
    void aMassPushedAtTheWallNeverEndsOnTheOtherSideOutsideAGap() {
        Rng rng = new Rng(3);
        PhysicsVecEnv env = ControlSuite.create(ForkEasy.ID, 64);
        env.reset(rng);
        float[] a = new float[128];
        for (int t = 0; t < 200; t++) {
            double[][] before = new double[64][];
            for (int i = 0; i < 64; i++) {
                before[i] = env.state(i);
                a[2 * i] = (float) rng.uniform(-1, 1);
                a[2 * i + 1] = (float) rng.uniform(-0.2, 1);
            }
            var r = env.step(a, rng);
            for (int i = 0; i < 64; i++) {
                if (r.done(i)) {
                    continue;
                }
                double[] after = env.state(i);
                if (before[i][1] < 0 && after[1] >= 0) {
                    double cross = before[i][0] + (after[0] - before[i][0]) * -before[i][1] / (after[1] - before[i][1]);
                    assertTrue(ForkEasy.inGap(cross), "passed the wall at x = " + cross);
                }
            }
        }
    }

    @Test
    void theRewardIsMirrorSymmetricAndFollowsTheShortestFeasiblePath() {
        for (double[] p : new double[][] {{0.1, -0.2}, {0.27, -0.05}, {0.2, 0.1}, {0.05, -0.29}, {0.3, 0.3}}) {
            assertEquals(ForkEasy.reward(p[0], p[1]), ForkEasy.reward(-p[0], p[1]), 0);
        }
        // From the symmetry point both routes go round a gap's inner edge: 2·hypot(0.15, 0.2) = 0.5, reward 0.
        assertEquals(0.5, ForkEasy.pathLength(0, -0.2), EPS);
        assertEquals(0, ForkEasy.reward(0, -0.2), EPS);
        // Below a gap, straight to the goal when the line passes the gap: from (0.2, −0.1) the line meets y = 0 at
        // x = 0.2·0.2/0.3 = 0.1333… < 0.15, so via (0.15, 0): hypot(0.05, 0.1) + 0.25.
        assertEquals(Math.hypot(0.05, 0.1) + 0.25, ForkEasy.pathLength(0.2, -0.1), EPS);
        // From (0.3, −0.3) the line meets y = 0 at x = 0.3·0.2/0.5 = 0.12; again via (0.15, 0).
        assertEquals(Math.hypot(0.15, 0.3) + 0.25, ForkEasy.pathLength(0.3, -0.3), EPS);
        // From (0.24, −0.01) the line meets y = 0 at 0.24·0.2/0.21 = 0.2286, inside the gap: the straight distance.
        assertEquals(Math.hypot(0.24, 0.21), ForkEasy.pathLength(0.24, -0.01), EPS);
        // Above the wall the straight distance, and 1 at the goal.
        assertEquals(Math.hypot(0.1, 0.1), ForkEasy.pathLength(0.1, 0.1), EPS);
        assertEquals(1, ForkEasy.reward(0, 0.2), 0);
    }

    @Test
    void mirroredActionsGiveMirroredTrajectoriesThroughTheTwoGaps() {
        PhysicsVecEnv right = at(0, -0.2, 0, 0);
        PhysicsVecEnv left = at(0, -0.2, 0, 0);
        int rightGap = 0;
        int leftGap = 0;
        for (int t = 0; t < 28; t++) {
            // Up-right, then up, then back towards the goal: through the right gap at step 14.
            double[] a = t < 8 ? new double[] {1, 0.6} : t < 14 ? new double[] {0.2, 1} : new double[] {-1, 1};
            double[] yBefore = {right.state(0)[1], left.state(0)[1]};
            double rr = right.stepPhysics(0, a);
            double rl = left.stepPhysics(0, new double[] {-a[0], a[1]});
            double[] s = right.state(0);
            double[] m = left.state(0);
            assertArrayEquals(new double[] {-s[0], s[1], -s[2], s[3]}, m, 0, "step " + t);
            assertEquals(rr, rl, 0, "step " + t);
            if (yBefore[0] < 0 && s[1] >= 0) {
                rightGap += s[0] > 0 ? 1 : 0;
            }
            if (yBefore[1] < 0 && m[1] >= 0) {
                leftGap += m[0] < 0 ? 1 : 0;
            }
        }
        assertEquals(1, rightGap);
        assertEquals(1, leftGap);
        assertTrue(right.state(0)[1] > 0.1, "ends above the wall near the goal");
    }

    @Test
    void startsOnTheSymmetryLineAtRest() {
        PhysicsVecEnv env = ControlSuite.create(ForkEasy.ID, 100);
        env.reset(new Rng(4));
        for (int i = 0; i < 100; i++) {
            double[] s = env.state(i);
            assertEquals(0, s[0], 0);
            assertTrue(s[1] >= -0.25 && s[1] <= -0.15, "y = " + s[1]);
            assertEquals(0, s[2], 0);
            assertEquals(0, s[3], 0);
        }
        assertEquals(40, env.spec().maxSteps());
    }
}
