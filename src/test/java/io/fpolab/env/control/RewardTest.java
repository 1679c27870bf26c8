package io.fpolab.env.control;

import static io.fpolab.config.ExperimentConfig.Integration.DM_CONTROL;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fpolab.core.math.Rng;
import io.fpolab.env.StepResult;
import org.junit.jupiter.api.Test;

/** Rewards at hand-picked states against values worked out from the task definitions. */
class RewardTest {
    private static final double EPS = 1e-12;

    @Test
    void toleranceIsOneInsideAndPointOneAtOneMargin() {
        assertEquals(1.0, Rewards.tolerance(0.3, 0.2, 0.4, 1), EPS);
        assertEquals(0.1, Rewards.tolerance(1.4, 0.2, 0.4, 1), EPS);
        assertEquals(0.1, Rewards.tolerance(-2.0, 0, 0, 2), EPS);
        assertEquals(0.0, Rewards.tolerance(0.41, 0.2, 0.4, 0), EPS);
    }

    @Test
    void cartpoleUprightCenteredStillEarnsOneEveryStep() {
        CartPole env = new CartPole(1, false, false, DM_CONTROL);
        env.setState(0, new double[] {0, 0, 0, 0});
        StepResult r = env.step(new float[] {0}, new Rng(0));
        assertEquals(1.0, r.reward[0], 0);
    }

    @Test
    void cartpoleSmoothRewardMultipliesItsFourTerms() {
        CartPole env = new CartPole(1, true, false, DM_CONTROL);
        double[] s = {1.0, Math.PI / 2, 0, 5.0};
        double upright = 0.5;
        double centered = (1 + Math.pow(0.1, 0.25)) / 2;
        double smallControl = (4 + 0.75) / 5;
        double smallVelocity = (1 + 0.1) / 2;
        assertEquals(upright * centered * smallControl * smallVelocity, env.reward(s, 0, 0.5), EPS);
    }

    @Test
    void cartpoleSparseRewardNeedsCartCenteredAndPoleWithinCosinePointNineNineFive() {
        CartPole env = new CartPole(1, true, true, DM_CONTROL);
        assertEquals(1.0, env.reward(new double[] {0.25, 0.09, 3, 3}, 0, 1), 0);
        assertEquals(0.0, env.reward(new double[] {0.26, 0, 0, 0}, 0, 0), 0);
        assertEquals(0.0, env.reward(new double[] {0, 0.11, 0, 0}, 0, 0), 0);
    }

    @Test
    void acrobotTipDistanceFollowsTheTwoLinks() {
        assertEquals(0.0, Acrobot.tipToTarget(0, 0), EPS);
        assertEquals(Math.sqrt(2), Acrobot.tipToTarget(0, Math.PI / 2), EPS);
        assertEquals(4.0, Acrobot.tipToTarget(Math.PI, 0), EPS);
    }

    @Test
    void acrobotSmoothRewardDecaysWithDistanceBeyondTheTargetRadius() {
        double[] s = {0, Math.PI / 2, 0, 0};
        double d = Math.sqrt(2);
        assertEquals(Math.pow(0.1, (d - 0.2) * (d - 0.2)), new Acrobot(1, false, DM_CONTROL).reward(s, 0), EPS);
        assertEquals(0.0, new Acrobot(1, true, DM_CONTROL).reward(s, 0), 0);
        assertEquals(1.0, new Acrobot(1, true, DM_CONTROL).reward(new double[] {0.05, 0, 0, 0}, 0), 0);
    }

    @Test
    void pointMassRewardIsNearTimesSmallControl() {
        double[] s = {0.03, 0, 0, 0};
        double near = 0.1;
        double smallControl = (4 + (0.75 + 0.0) / 2) / 5;
        assertEquals(near * smallControl, PointMass.reward(s, 0, new double[] {0.5, 1.0}), EPS);
        assertEquals(1.0, PointMass.reward(new double[] {0.01, 0.01, 0, 0}, 0, new double[] {0, 0}), EPS);
    }

    @Test
    void pendulumRewardIsOneWithinEightDegreesOfUpright() {
        assertEquals(1.0, PendulumSwingup.reward(new double[] {Math.toRadians(7.9)}, 0), 0);
        assertEquals(0.0, PendulumSwingup.reward(new double[] {Math.toRadians(-8.1)}, 0), 0);
    }

    @Test
    void reacherRewardsFingerWithinTargetSizePlusFingerRadius() {
        // θ1 = 90°, θ2 = −90° puts the fingertip at (0.12, 0.12); the target is 0.055 above it.
        double[] s = {Math.PI / 2, -Math.PI / 2, 0, 0, 0.12, 0.175};
        assertEquals(1.0, new Reacher(1, false, DM_CONTROL).reward(s, 0), 0);
        assertEquals(0.0, new Reacher(1, true, DM_CONTROL).reward(s, 0), 0);
    }

    @Test
    void gymPendulumCostUsesPreStepStateAndClippedTorque() {
        GymPendulum env = new GymPendulum(1);
        env.setState(0, new double[] {1.0 + 2 * Math.PI, 2.0});
        StepResult r = env.step(new float[] {3f}, new Rng(0));
        assertEquals(-(1.0 + 0.1 * 4 + 0.001 * 4), r.reward[0], 1e-6);
        double thdot = 2.0 + (15 * Math.sin(1.0) + 3 * 2.0) * 0.05;
        assertEquals(thdot, env.state(0)[1], 1e-12);
    }
}
