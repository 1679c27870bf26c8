package io.fpolab.env.mujoco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fpolab.core.math.Rng;
import io.fpolab.env.StepResult;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ball_in_cup-catch} in MuJoCo: sizes, the reset's draw, the control step, the reward at hand-placed
 * states, determinism and restored states. Needs MuJoCo 2.2.2 ({@code apt-get install libmujoco-dev});
 * skipped, with the reason, without it.
 */
class BallInCupCatchTest {
    /** The cup's segments in its body frame ({@code cup_part_0..4} of ball_in_cup.xml): x0, z0, x1, z1. */
    private static final double[][] CUP = {{-.05, 0, -.05, -.075}, {-.05, -.075, -.025, -.1}, {-.025, -.1, .025, -.1},
        {.025, -.1, .05, -.075}, {.05, -.075, .05, 0}};
    private static final double CUP_HEIGHT = 0.6;
    private static final double BALL_HEIGHT = 0.2;
    private static final double CAPSULE_RADIUS = 0.008;
    private static final double BALL_RADIUS = 0.025;

    @BeforeEach
    void needsMujoco() {
        assumeTrue(Mujoco.available(), () -> "MuJoCo is not usable here: " + Mujoco.problem());
    }

    @Test
    void resetGivesPositionsThenVelocitiesWithTheCupAtRest() {
        try (BallInCupCatch env = new BallInCupCatch(3)) {
            assertEquals(8, env.spec().obsDim());
            assertEquals(2, env.spec().actDim());
            assertEquals(1000, env.spec().maxSteps());
            assertEquals(BallInCupCatch.JOINTS, env.joints());
            float[] obs = env.reset(new Rng(1));
            assertEquals(3 * 8, obs.length);
            for (int i = 0; i < 3; i++) {
                double[] s = env.state(i);
                assertEquals(8, s.length);
                for (int k = 0; k < 8; k++) {
                    assertEquals((float) s[k], obs[i * 8 + k], "state " + k + " of env " + i);
                }
                assertEquals(0, s[0], "cup_x");
                assertEquals(0, s[1], "cup_z");
                for (int k = 4; k < 8; k++) {
                    assertEquals(0, s[k], "velocity " + (k - 4));
                }
            }
        }
    }

    @Test
    void theBallStartsUniformlyInItsBoxAndNeverTouchingTheCup() {
        int n = 600;
        try (BallInCupCatch env = new BallInCupCatch(n)) {
            env.reset(new Rng(2));
            double minX = 1;
            double maxX = -1;
            double minZ = 1;
            double maxZ = -1;
            int inside = 0;
            for (int i = 0; i < n; i++) {
                double[] q = env.qpos(i);
                assertTrue(q[2] >= -0.2 && q[2] <= 0.2, "ball_x " + q[2]);
                assertTrue(q[3] >= 0.2 && q[3] <= 0.5, "ball_z " + q[3]);
                minX = Math.min(minX, q[2]);
                maxX = Math.max(maxX, q[2]);
                minZ = Math.min(minZ, q[3]);
                maxZ = Math.max(maxZ, q[3]);
                // About 15 % of raw draws overlap a cup capsule; dm_control draws those again.
                double gap = cupDistance(q[2], BALL_HEIGHT + q[3]) - CAPSULE_RADIUS - BALL_RADIUS;
                assertTrue(gap > 0, "env " + i + " starts with the ball " + (-gap) + " m into the cup");
                assertEquals(0, env.physics().ncon(i), "contacts of env " + i);
                inside += env.currentReward(i) > 0 ? 1 : 0;
            }
            assertTrue(minX < -0.19 && maxX > 0.19 && minZ < 0.21 && maxZ > 0.49,
                    "draws span x " + minX + ".." + maxX + ", z " + minZ + ".." + maxZ);
            // dm_control's draw can put the ball inside the cup, clear of its walls: a rare free catch.
            assertTrue(inside < n / 20, inside + " of " + n + " episodes start with the ball in the cup");
        }
    }

    @Test
    void aControlStepIsTenPhysicsStepsOfTwoMilliseconds() {
        assertEquals(10, MujocoVecEnv.subSteps(0.02, 0.002));
        assertEquals(1, MujocoVecEnv.subSteps(0.01, 0.01));
        assertEquals(0, MujocoVecEnv.subSteps(0.015, 0.01), "not a whole multiple");
        assertEquals(0, MujocoVecEnv.subSteps(0.001, 0.002), "shorter than a physics step");
        try (BallInCupCatch env = new BallInCupCatch(1)) {
            assertEquals(10, env.substeps());
            assertEquals(0.02, env.controlTimestep(), 1e-15);
            env.reset(new Rng(3));
            // The ball at rest, out to the side with the string slack: it falls freely under gravity 9.81, and
            // semi-implicit Euler over 10 steps of h gives v = −10 g h and a drop of 55 g h².
            env.setJointState(0, new double[] {0, 0, 0.15, 0.45}, new double[4]);
            env.step(new float[2], new Rng(3));
            double g = 9.81;
            double h = 0.002;
            assertEquals(-10 * g * h, env.qvel(0)[3], 1e-12);
            assertEquals(0.45 - 55 * g * h * h, env.qpos(0)[3], 1e-12);
            assertEquals(0, env.qvel(0)[2], 1e-12);
        }
    }

    @Test
    void rewardIsOneExactlyWhileTheBallIsInsideTheCup() {
        try (BallInCupCatch env = new BallInCupCatch(1)) {
            env.reset(new Rng(4));
            // With the cup at (cup_x, cup_z) its target box is centred at (cup_x, 0.6 + cup_z − 0.05), half-size
            // 0.05 in x and z; the ball (radius 0.025) is at (ball_x, 0.2 + ball_z). In: |offset| < 0.025 on both.
            double[][] cases = {
                // cup_x, cup_z, ball_x, ball_z, reward
                {0, 0, 0, 0.35, 1}, // ball at the target's centre
                {0, 0, 0.024, 0.35, 1},
                {0, 0, -0.026, 0.35, 0}, // against the left wall, outside the shrunk box
                {0, 0, 0, 0.35 + 0.024, 1},
                {0, 0, 0, 0.35 - 0.026, 0},
                {0, 0, 0.03, 0.38, 0},
                {0.1, -0.05, 0.1, 0.3, 1}, // the target moves with the cup
                {0.1, -0.05, 0, 0.35, 0},
                {0, 0, 0, 0.1, 0}, // hanging below the cup
                {0, 0, 0.15, 0.45, 0},
            };
            for (double[] c : cases) {
                env.setJointState(0, new double[] {c[0], c[1], c[2], c[3]}, new double[] {0.3, -0.2, 0.5, 0.1});
                assertEquals(c[4], env.currentReward(0), 0, Arrays.toString(c));
            }
        }
        assertTrue(BallInCupCatch.inTarget(0.01, -0.02, 0.025, 0.025));
        assertFalse(BallInCupCatch.inTarget(0.025, 0, 0.025, 0.025), "the bound itself is outside");
    }

    @Test
    void rewardIsZeroOrOneUnderRandomActions() {
        try (BallInCupCatch env = new BallInCupCatch(16)) {
            Rng rng = new Rng(5);
            env.reset(rng);
            float[] actions = new float[16 * 2];
            for (int t = 0; t < 400; t++) {
                for (int k = 0; k < actions.length; k++) {
                    actions[k] = (float) rng.uniform(-1.5, 1.5);
                }
                StepResult r = env.step(actions, rng);
                for (int i = 0; i < 16; i++) {
                    assertTrue(r.reward[i] == 0 || r.reward[i] == 1, "reward " + r.reward[i] + " at step " + t);
                    double[] q = env.qpos(i);
                    double[] cupSite = {q[0], CUP_HEIGHT + q[1] - 0.108};
                    double length = Math.hypot(q[2] - cupSite[0], BALL_HEIGHT + q[3] - cupSite[1]);
                    // The string's limit is a soft constraint: it stretches a little when jerked (to ~0.31 m),
                    // never much. Without it the ball would fall to the floor, ~0.47 m below the cup's bottom.
                    assertTrue(length < 0.35, "string of env " + i + " at " + length + " m at step " + t);
                }
            }
        }
    }

    @Test
    void sameSeedAndActionsGiveTheSameTrajectory() {
        MujocoTaskChecks.sameSeedAndActionsGiveTheSameTrajectory(BallInCupCatch::new, 6, 300);
    }

    @Test
    void aRestoredStateStepsLikeTheOriginal() {
        MujocoTaskChecks.aRestoredStateStepsLikeTheOriginal(BallInCupCatch::new, 9,
                new float[] {0.8f, -0.6f, -0.5f, 0.9f}, 40, 20, 1e-3);
    }

    /** Distance from the point (x, z) to the nearest of the cup's segments, cup at rest at 0. */
    private static double cupDistance(double x, double z) {
        double best = Double.POSITIVE_INFINITY;
        for (double[] c : CUP) {
            double ax = c[0];
            double az = CUP_HEIGHT + c[1];
            double dx = c[2] - c[0];
            double dz = c[3] - c[1];
            double t = Math.max(0, Math.min(1, ((x - ax) * dx + (z - az) * dz) / (dx * dx + dz * dz)));
            best = Math.min(best, Math.hypot(x - ax - t * dx, z - az - t * dz));
        }
        return best;
    }
}
