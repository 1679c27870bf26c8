package io.fpolab.env.mujoco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fpolab.core.math.Rng;
import io.fpolab.env.StepResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code fish-swim} in MuJoCo: sizes with a free joint (14 positions, 13 velocities), the reset's draws, the
 * observation's parts, the reward at hand-placed states, motion through the fluid, determinism and restored states.
 * Needs MuJoCo 2.2.2; skipped, with the reason, without it.
 */
class FishSwimTest {
    /** The mouth capsule's centre in the torso's frame: fromto (0, .079, 0)–(0, .07, 0) of fish.xml. */
    private static final double MOUTH_Y = 0.0745;
    private static final double TORSO_Z = 0.1;
    /** Mouth radius 0.005 plus target radius 0.04. */
    private static final double RADII = 0.045;

    @BeforeEach
    void needsMujoco() {
        assumeTrue(Mujoco.available(), () -> "MuJoCo is not usable here: " + Mujoco.problem());
    }

    @Test
    void aStateIsFourteenPositionsThirteenVelocitiesAndTheTarget() {
        try (FishSwim env = new FishSwim(2)) {
            assertEquals(24, env.spec().obsDim());
            assertEquals(5, env.spec().actDim());
            assertEquals(1000, env.spec().maxSteps());
            assertEquals(14, env.nq());
            assertEquals(13, env.nv());
            assertEquals(3, env.targetDim());
            assertEquals(FishSwim.POSITIONS, env.joints());
            assertEquals(FishSwim.VELOCITIES, env.velocities());
            assertEquals(10, env.substeps());
            assertEquals(0.04, env.controlTimestep(), 1e-15);
            env.reset(new Rng(1));
            assertEquals(30, env.state(0).length);
            assertEquals(14, env.qpos(0).length);
            assertEquals(13, env.qvel(0).length);
        }
    }

    @Test
    void resetDrawsAUnitQuaternionSmallHingeAnglesAndATargetInItsBox() {
        int n = 400;
        try (FishSwim env = new FishSwim(n)) {
            float[] obs = env.reset(new Rng(2));
            double[] lo = {1, 1, 1};
            double[] hi = {-1, -1, -1};
            for (int i = 0; i < n; i++) {
                double[] s = env.state(i);
                assertArrayEquals(new double[] {0, 0, TORSO_Z}, new double[] {s[0], s[1], s[2]}, 0, "root position");
                double norm = Math.sqrt(s[3] * s[3] + s[4] * s[4] + s[5] * s[5] + s[6] * s[6]);
                assertEquals(1, norm, 1e-12, "quaternion norm of env " + i);
                for (int k = 7; k < 14; k++) {
                    assertTrue(Math.abs(s[k]) <= 0.2, "hinge " + k + " at " + s[k]);
                    assertEquals((float) s[k], obs[24 * i + k - 7], "joint_angles " + (k - 7));
                }
                for (int k = 14; k < 27; k++) {
                    assertEquals(0, s[k], "velocity " + (k - 14));
                    assertEquals(0f, obs[24 * i + 11 + k - 14], "observed velocity " + (k - 14));
                }
                // upright is the torso's xmat zz, 1 − 2(qx² + qy²) for a unit quaternion (w, x, y, z).
                assertEquals(1 - 2 * (s[4] * s[4] + s[5] * s[5]), obs[24 * i + 7], 1e-6, "upright of env " + i);
                for (int k = 0; k < 3; k++) {
                    lo[k] = Math.min(lo[k], s[27 + k]);
                    hi[k] = Math.max(hi[k], s[27 + k]);
                }
            }
            assertTrue(lo[0] >= -0.4 && hi[0] <= 0.4 && lo[0] < -0.38 && hi[0] > 0.38, "target x " + lo[0] + ".." + hi[0]);
            assertTrue(lo[1] >= -0.4 && hi[1] <= 0.4 && lo[1] < -0.38 && hi[1] > 0.38, "target y " + lo[1] + ".." + hi[1]);
            assertTrue(lo[2] >= 0.1 && hi[2] <= 0.3 && lo[2] < 0.11 && hi[2] > 0.29, "target z " + lo[2] + ".." + hi[2]);
        }
    }

    @Test
    void rewardWeighsTheMouthInTheTargetSevenToOneAgainstUprightness() {
        try (FishSwim env = new FishSwim(1)) {
            env.reset(new Rng(3));
            double[] upright = {0, 0, TORSO_Z, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
            double[] velocity = new double[13];
            env.setJointState(0, upright, velocity);
            // Upright with the target on the mouth: in_target 1, upright 1.
            env.setTarget(0, new double[] {0, MOUTH_Y, TORSO_Z});
            assertEquals(1, env.currentReward(0), 1e-12);
            // 0.1 m ahead of the mouth: in_target = 0.1^(((0.1 − 0.045) / 0.09)²) = 0.42320.
            env.setTarget(0, new double[] {0, MOUTH_Y + 0.1, TORSO_Z});
            double inTarget = Math.pow(0.1, Math.pow((0.1 - RADII) / (2 * RADII), 2));
            assertEquals(0.42320, inTarget, 1e-5);
            assertEquals((7 * inTarget + 1) / 8, env.currentReward(0), 1e-9);
            // Within the radii the mouth is in the target.
            env.setTarget(0, new double[] {0.03, MOUTH_Y, TORSO_Z + 0.03});
            assertEquals(1, env.currentReward(0), 1e-12);
            // Upside down (half a turn about x: the mouth moves to −y) with the target on the mouth: 7/8.
            env.setJointState(0, new double[] {0, 0, TORSO_Z, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0}, velocity);
            env.setTarget(0, new double[] {0, -MOUTH_Y, TORSO_Z});
            assertEquals(7.0 / 8, env.currentReward(0), 1e-12);
            // On its side (a quarter turn about y): upright 0, far from the target: in_target ~0.
            double h = Math.sqrt(0.5);
            env.setJointState(0, new double[] {0, 0, TORSO_Z, h, 0, h, 0, 0, 0, 0, 0, 0, 0, 0}, velocity);
            env.setTarget(0, new double[] {0.4, -0.4, 0.3});
            assertEquals(0.5 / 8, env.currentReward(0), 1e-9);
        }
        assertEquals(1, FishSwim.swimReward(0.02, 1, RADII), 1e-15);
        assertEquals((7 * 0.1 + 1) / 8, FishSwim.swimReward(RADII + 2 * RADII, 1, RADII), 1e-12, "0.1 at the margin");
    }

    @Test
    void theTargetIsObservedInTheMouthsFrame() {
        try (FishSwim env = new FishSwim(1)) {
            env.reset(new Rng(4));
            double[] velocity = new double[13];
            // The fish as written, its mouth towards +y, the target 0.2 ahead and 0.05 above.
            env.setJointState(0, new double[] {0, 0, TORSO_Z, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, velocity);
            env.setTarget(0, new double[] {0, MOUTH_Y + 0.2, TORSO_Z + 0.05});
            float[] ahead = observedTarget(env);
            assertEquals(Math.hypot(0.2, 0.05), Math.sqrt(ahead[0] * ahead[0] + ahead[1] * ahead[1] + ahead[2] * ahead[2]),
                    1e-6);
            // Turned a quarter turn about z (mouth towards −x), moved, the target placed the same way relative to it.
            double h = Math.sqrt(0.5);
            env.setJointState(0, new double[] {0.1, 0.2, 0.15, h, 0, 0, h, 0, 0, 0, 0, 0, 0, 0}, velocity);
            env.setTarget(0, new double[] {0.1 - MOUTH_Y - 0.2, 0.2, 0.15 + 0.05});
            assertArrayEquals(ahead, observedTarget(env), 1e-6f);
        }
    }

    private static float[] observedTarget(FishSwim env) {
        float[] obs = env.observations();
        return new float[] {obs[8], obs[9], obs[10]};
    }

    @Test
    void aFlappingTailMovesTheFishThroughTheFluid() {
        // Without gravity or contacts only the fluid's forces can move the centre of mass; the tail pushes on it.
        try (FishSwim env = new FishSwim(1)) {
            Rng rng = new Rng(5);
            env.reset(rng);
            env.setJointState(0, new double[] {0, 0, TORSO_Z, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, new double[13]);
            float[] act = new float[5];
            for (int t = 0; t < 250; t++) {
                act[0] = (t / 5) % 2 == 0 ? 1 : -1;
                env.step(act, rng);
            }
            double[] q = env.qpos(0);
            double moved = Math.sqrt(q[0] * q[0] + q[1] * q[1] + (q[2] - TORSO_Z) * (q[2] - TORSO_Z));
            assertTrue(moved > 0.01, "the torso moved " + moved + " m in 10 s of flapping");
        }
    }

    @Test
    void rewardStaysInZeroOneUnderRandomActions() {
        try (FishSwim env = new FishSwim(8)) {
            Rng rng = new Rng(6);
            env.reset(rng);
            float[] actions = new float[8 * 5];
            for (int t = 0; t < 300; t++) {
                for (int k = 0; k < actions.length; k++) {
                    actions[k] = (float) rng.uniform(-1.5, 1.5);
                }
                StepResult r = env.step(actions, rng);
                for (int i = 0; i < 8; i++) {
                    assertTrue(r.reward[i] >= 0 && r.reward[i] <= 1, "reward " + r.reward[i] + " at step " + t);
                    assertTrue(Math.abs(r.obs[24 * i + 7]) <= 1, "upright " + r.obs[24 * i + 7]);
                }
            }
        }
    }

    @Test
    void sameSeedAndActionsGiveTheSameTrajectory() {
        MujocoTaskChecks.sameSeedAndActionsGiveTheSameTrajectory(FishSwim::new, 7, 200);
    }

    @Test
    void aRestoredStateStepsLikeTheOriginal() {
        // No constraints, so no solver warm start either: the restored copy steps bit for bit alike.
        MujocoTaskChecks.aRestoredStateStepsLikeTheOriginal(FishSwim::new, 9,
                new float[] {0.8f, -0.6f, -0.5f, 0.9f, 0.3f, -0.2f, 0.4f, 0.1f, -0.7f, 0.5f}, 40, 20, 0);
    }
}
