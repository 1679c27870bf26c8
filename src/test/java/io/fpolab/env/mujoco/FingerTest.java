package io.fpolab.env.mujoco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fpolab.core.math.Rng;
import io.fpolab.env.StepResult;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * dm_control's finger tasks in MuJoCo: sizes, resets, hand-checked rewards, determinism and saved states
 * with their target. Needs MuJoCo 2.2.2 ({@code apt-get install libmujoco-dev}); skipped, with the reason,
 * without it.
 */
class FingerTest {
    /** The spinner's hinge, where {@code finger.xml} puts the spinner body. */
    private static final double HINGE_X = 0.2;
    private static final double HINGE_Z = 0.4;
    /** The tip site's distance from the hinge ({@code pos="0 0 .13"}). */
    private static final double TIP = 0.13;
    /** The finger hanging straight down (the proximal joint's ref is −90°), clear of the spinner. */
    private static final double HANGING = -Math.PI / 2;

    @BeforeEach
    void needsMujoco() {
        assumeTrue(Mujoco.available(), () -> "MuJoCo is not usable here: " + Mujoco.problem());
    }

    /** The tip's (x, z) relative to the hinge at hinge angle θ: the axis is −y, so θ > 0 turns it from +z to −x. */
    private static double[] tip(double theta) {
        return new double[] {-TIP * Math.sin(theta), TIP * Math.cos(theta)};
    }

    @Test
    void theSuiteMakesTheThreeTasksWithDmControlsSizes() {
        try (MujocoVecEnv spin = MujocoSuite.create("finger-spin", 2);
                MujocoVecEnv easy = MujocoSuite.create("finger-turn_easy", 2);
                MujocoVecEnv hard = MujocoSuite.create("finger-turn_hard", 2)) {
            assertInstanceOf(FingerSpin.class, spin);
            assertEquals(0.07, assertInstanceOf(FingerTurn.class, easy).targetRadius());
            assertEquals(0.03, assertInstanceOf(FingerTurn.class, hard).targetRadius());
            for (MujocoVecEnv env : new MujocoVecEnv[] {spin, easy, hard}) {
                assertEquals(2, env.spec().actDim());
                assertEquals(1000, env.spec().maxSteps(), "20 s of 0.02 s control steps");
                assertEquals(2, env.substeps(), "0.02 s control step of 0.01 s physics steps");
                assertEquals(Finger.JOINTS, env.joints());
            }
            assertEquals(9, spin.spec().obsDim());
            assertEquals(12, easy.spec().obsDim());
            assertEquals(0, spin.targetDim());
            assertEquals(2, hard.targetDim());
        }
    }

    @Test
    void theBindingReadsTheModelAndDataFieldsTheTasksUse() {
        try (FingerSpin spin = new FingerSpin(1); FingerTurn turn = FingerTurn.easy(1)) {
            MujocoPhysics p = turn.physics();
            assertArrayEquals(new double[] {0.04, 0.09, 0}, p.geomSize(p.geomId("cap1")), 1e-12);
            int hinge = p.jointId("hinge");
            assertEquals(2, hinge);
            assertEquals(0.5, p.dofDamping(hinge), 1e-12, "finger.xml's hinge damping");
            assertEquals(2.5, p.dofDamping(p.jointId("distal")), 1e-12, "the finger class's joint damping");
            assertEquals(FingerSpin.HINGE_DAMPING, spin.physics().dofDamping(hinge), 1e-12, "Spin's hinge damping");
            turn.reset(new Rng(1));
            assertArrayEquals(new double[] {HINGE_X, 0, HINGE_Z}, p.jointAnchor(0, hinge), 1e-12);
            assertEquals(0, p.ncon(0), "a reset state is collision-free");
            // The finger straight out along +x (qpos 0 with the −90° ref) reaches into the spinner.
            turn.setJointState(0, new double[] {0, 0, 0}, new double[3]);
            turn.currentReward(0);
            assertTrue(p.ncon(0) > 0, "the finger pushed into the spinner touches nothing");
        }
    }

    @Test
    void spinObservesPositionsTipVelocitiesAndTouch() {
        try (FingerSpin env = new FingerSpin(4)) {
            float[] obs = env.reset(new Rng(2));
            assertEquals(4 * 9, obs.length);
            for (int i = 0; i < 4; i++) {
                double[] s = env.state(i);
                assertEquals(6, s.length);
                int o = i * 9;
                assertEquals((float) s[0], obs[o], "proximal");
                assertEquals((float) s[1], obs[o + 1], "distal");
                double[] tip = tip(s[2]);
                assertEquals(tip[0], obs[o + 2], 1e-6, "tip x");
                assertEquals(tip[1], obs[o + 3], 1e-6, "tip z");
                for (int k = 0; k < 3; k++) {
                    assertEquals(0.0f, obs[o + 4 + k], "velocities start at 0");
                }
                assertEquals(0.0f, obs[o + 7], "no touch in a collision-free start");
                assertEquals(0.0f, obs[o + 8]);
            }
        }
    }

    @Test
    void resetsDrawCollisionFreeAnglesInTheJointsRanges() {
        try (FingerTurn env = FingerTurn.hard(64)) {
            env.reset(new Rng(3));
            double limit = Math.toRadians(110);
            double minHinge = Double.MAX_VALUE;
            double maxHinge = -Double.MAX_VALUE;
            for (int i = 0; i < 64; i++) {
                double[] q = env.qpos(i);
                assertTrue(Math.abs(q[0]) <= limit && Math.abs(q[1]) <= limit, Arrays.toString(q));
                assertTrue(Math.abs(q[2]) <= Math.PI, "hinge " + q[2]);
                assertArrayEquals(new double[3], env.qvel(i));
                assertEquals(0, env.physics().ncon(i), "env " + i + " starts in contact");
                minHinge = Math.min(minHinge, q[2]);
                maxHinge = Math.max(maxHinge, q[2]);
            }
            assertTrue(minHinge < -2 && maxHinge > 2, "hinge angles " + minHinge + " .. " + maxHinge);
        }
    }

    @Test
    void turnPlacesTheTargetOnTheTipsCircleAndObservesIt() {
        try (FingerTurn env = FingerTurn.easy(32)) {
            float[] obs = env.reset(new Rng(4));
            assertEquals(32 * 12, obs.length);
            boolean left = false;
            boolean right = false;
            for (int i = 0; i < 32; i++) {
                double[] s = env.state(i);
                assertEquals(8, s.length);
                double tx = s[6] - HINGE_X;
                double tz = s[7] - HINGE_Z;
                assertEquals(TIP, Math.hypot(tx, tz), 1e-12, "target on the circle of cap1's size sum");
                left |= tx < -0.1;
                right |= tx > 0.1;
                int o = i * 12;
                assertEquals(tx, obs[o + 9], 1e-6, "target_position x");
                assertEquals(tz, obs[o + 10], 1e-6, "target_position z");
                double[] tip = tip(s[2]);
                double dist = Math.hypot(tx - tip[0], tz - tip[1]) - 0.07;
                assertEquals(dist, obs[o + 11], 1e-6, "dist_to_target");
                assertEquals(dist <= 0 ? 1.0 : 0.0, env.currentReward(i));
            }
            assertTrue(left && right, "targets all on one side");
        }
    }

    @Test
    void spinRewardsHingeVelocityOfMinus15OrFaster() {
        try (FingerSpin env = new FingerSpin(1)) {
            env.reset(new Rng(5));
            double[] q = {HANGING, 0, 1.0};
            double[][] cases = {{-20, 1}, {-15, 1}, {-14.9, 0}, {-5, 0}, {0, 0}, {20, 0}};
            for (double[] c : cases) {
                env.setJointState(0, q, new double[] {0, 0, c[0]});
                assertEquals(c[1], env.currentReward(0), "hinge velocity " + c[0]);
                assertEquals((float) c[0], env.observations()[6], "observed hinge velocity");
            }
        }
        assertEquals(1.0, FingerSpin.spinReward(-15), 0);
        assertEquals(0.0, FingerSpin.spinReward(Math.nextUp(-15.0)), 0);
    }

    @Test
    void turnRewardsTheTipInsideTheTargetWithTheTasksRadius() {
        try (FingerTurn easy = FingerTurn.easy(1); FingerTurn hard = FingerTurn.hard(1)) {
            Rng rng = new Rng(6);
            easy.reset(rng);
            hard.reset(rng);
            double theta = 0.7;
            double[] tip = tip(theta);
            // Targets on the tip's circle at chord d from the tip: inside both (0), the easy one only (0.05,
            // between 0.03 and 0.07), neither (0.1).
            double[][] cases = {{0, 1, 1}, {0.02, 1, 1}, {0.05, 1, 0}, {0.069, 1, 0}, {0.071, 0, 0}, {0.1, 0, 0}};
            for (double[] c : cases) {
                double alpha = -theta + 2 * Math.asin(c[0] / (2 * TIP)); // the target's angle as Turn draws it
                double[] target = {HINGE_X + TIP * Math.sin(alpha), HINGE_Z + TIP * Math.cos(alpha)};
                double[] chord = {target[0] - HINGE_X - tip[0], target[1] - HINGE_Z - tip[1]};
                assertEquals(c[0], Math.hypot(chord[0], chord[1]), 1e-12);
                for (FingerTurn env : new FingerTurn[] {easy, hard}) {
                    env.setJointState(0, new double[] {HANGING, 0, theta}, new double[3]);
                    env.setTarget(0, target);
                    double expected = env == easy ? c[1] : c[2];
                    assertEquals(expected, env.currentReward(0), env.spec().id() + " at distance " + c[0]);
                    assertEquals(c[0] - env.targetRadius(), env.observations()[11], 1e-6, "dist_to_target");
                    assertArrayEquals(target, Arrays.copyOfRange(env.state(0), 6, 8), "the state holds the target");
                }
            }
        }
        assertEquals(1.0, FingerTurn.turnReward(0), 0);
        assertEquals(0.0, FingerTurn.turnReward(1e-12), 0);
    }

    @Test
    void spinsLowHingeDampingKeepsAFlickedBodySpinning() {
        try (FingerSpin spin = new FingerSpin(1); FingerTurn turn = FingerTurn.easy(1)) {
            Rng rng = new Rng(7);
            spin.reset(rng);
            turn.reset(rng);
            double[] w = new double[2];
            MujocoVecEnv[] envs = {spin, turn};
            for (int e = 0; e < 2; e++) {
                envs[e].setJointState(0, new double[] {HANGING, 0, 0}, new double[] {0, 0, -20});
                for (int t = 0; t < 5; t++) {
                    envs[e].stepPhysics(0, new double[2]);
                }
                w[e] = envs[e].qvel(0)[2];
            }
            // 0.1 s of coasting: damping 0.03 (spin) loses little, dm_control's XML's 0.5 (turn) much more.
            assertTrue(w[0] < -12 && w[1] > -3 && w[1] < 0, "after 0.1 s: spin " + w[0] + ", turn " + w[1]);
        }
    }

    @Test
    void rewardsStayInTheUnitIntervalAndTheFingerTouchesTheSpinner() {
        for (String id : MujocoSuite.ids().stream().filter(id -> id.startsWith("finger")).toList()) {
            try (MujocoVecEnv env = MujocoSuite.create(id, 4)) {
                Rng rng = new Rng(8);
                env.reset(rng);
                float[] actions = new float[4 * 2];
                double maxTouch = 0;
                for (int t = 0; t < 500; t++) {
                    for (int k = 0; k < actions.length; k++) {
                        actions[k] = (float) rng.uniform(-1.5, 1.5);
                    }
                    StepResult r = env.step(actions, rng);
                    for (float x : r.reward) {
                        assertTrue(x == 0 || x == 1, id + ": reward " + x + " at step " + t);
                    }
                    int obsDim = env.spec().obsDim();
                    for (int i = 0; i < 4; i++) {
                        for (int k = 0; k < obsDim; k++) {
                            assertTrue(Float.isFinite(r.obs[i * obsDim + k]), id + ": observation " + k);
                        }
                        maxTouch = Math.max(maxTouch, Math.max(r.obs[i * obsDim + 7], r.obs[i * obsDim + 8]));
                    }
                }
                assertTrue(maxTouch > 0, id + ": random play never registered a touch");
            }
        }
    }

    @Test
    void sameSeedAndActionsGiveTheSameTrajectory() {
        // Past the 1000-step limit: the auto-reset draws alike too.
        MujocoTaskChecks.sameSeedAndActionsGiveTheSameTrajectory(FingerTurn::hard, 9, 1100);
    }

    @Test
    void aRestoredStateKeepsItsTargetAndStepsLikeTheOriginal() {
        try (FingerTurn a = FingerTurn.easy(2); FingerTurn b = FingerTurn.easy(2)) {
            Rng rng = new Rng(12);
            a.reset(rng);
            b.reset(new Rng(13));
            float[] act = new float[2 * 2];
            Arrays.fill(act, 0.4f);
            for (int t = 0; t < 20; t++) {
                a.step(act, rng);
            }
            b.restoreState(a.saveState());
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(a.state(i), b.state(i), "env " + i + "'s state, target included");
                assertEquals(a.currentReward(i), b.currentReward(i));
            }
            float[] before = a.observations().clone();
            float[] restored = b.observations();
            for (int k = 0; k < before.length; k++) {
                // Touch (7, 8) is an acceleration-stage sensor: after a step it holds the forces of the last
                // physics step's start, as in dm_control; a restored state recomputes it for the state itself.
                if (k % 12 != 7 && k % 12 != 8) {
                    assertEquals(before[k], restored[k], 1e-6, "observation " + k);
                }
            }
            float[] next = a.step(act, rng).obs.clone();
            float[] nextRestored = b.step(act, rng).obs;
            // Only MuJoCo's solver warm start differs, so the next state agrees to solver tolerance.
            for (int k = 0; k < next.length; k++) {
                assertEquals(next[k], nextRestored[k], 1e-3, "observation " + k + " after a step");
            }
        }
    }
}
