package io.fpolab.env.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.core.math.Rng;
import io.fpolab.env.StepResult;
import org.junit.jupiter.api.Test;

class MountainCarTest {
    @Test
    void reachingXPointFourFiveTerminatesWithTheGoalBonus() {
        MountainCarContinuous env = new MountainCarContinuous(1);
        Rng rng = new Rng(2);
        env.reset(rng);
        env.setState(0, new double[] {0.44, 0.02});
        StepResult r = env.step(new float[] {0.5f}, rng);
        assertTrue(r.terminated[0]);
        assertFalse(r.truncated[0]);
        assertEquals(100 - 0.1 * 0.25, r.reward[0], 1e-5);
        assertTrue(r.finalObs[0] >= 0.45f, "final x " + r.finalObs[0]);
        assertEquals(1, r.episodeLength[0]);
        assertTrue(r.obs[0] >= -0.6f && r.obs[0] <= -0.4f && r.obs[1] == 0f, "not reset: " + r.obs[0] + ", " + r.obs[1]);
    }

    @Test
    void justShortOfTheFlagDoesNotTerminate() {
        MountainCarContinuous env = new MountainCarContinuous(1);
        env.setState(0, new double[] {0.40, 0.02});
        assertFalse(env.step(new float[] {0}, new Rng(0)).terminated[0]);
    }

    @Test
    void costUsesTheRawActionWhileTheForceIsClipped() {
        MountainCarContinuous a = new MountainCarContinuous(1);
        MountainCarContinuous b = new MountainCarContinuous(1);
        a.setState(0, new double[] {-0.5, 0});
        b.setState(0, new double[] {-0.5, 0});
        StepResult ra = a.step(new float[] {3}, new Rng(0));
        b.step(new float[] {1}, new Rng(0));
        assertEquals(-0.9, ra.reward[0], 1e-6);
        assertEquals(b.state(0)[1], a.state(0)[1], 0);
    }

    @Test
    void pushingAlongTheVelocityReachesTheGoalBeforeTruncation() {
        MountainCarContinuous env = new MountainCarContinuous(1);
        Rng rng = new Rng(9);
        float[] obs = env.reset(rng);
        for (int t = 1; t <= 999; t++) {
            StepResult r = env.step(new float[] {obs[1] >= 0 ? 1f : -1f}, rng);
            if (r.done(0)) {
                assertTrue(r.terminated[0], "truncated instead of reaching the goal");
                assertEquals(100 - 0.1 * t, r.episodeReturn[0], 1e-6, "full throttle costs 0.1 a step");
                assertEquals(t, r.episodeLength[0]);
                return;
            }
        }
        throw new AssertionError("episode never ended");
    }
}
