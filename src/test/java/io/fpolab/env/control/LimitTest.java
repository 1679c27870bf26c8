package io.fpolab.env.control;

import static io.fpolab.config.ExperimentConfig.Integration.DM_CONTROL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.core.math.Rng;
import org.junit.jupiter.api.Test;

/** Hard stops: the rail and wrist limits hold and take only the velocity into the stop. */
class LimitTest {
    private final Rng rng = new Rng(0);

    @Test
    void cartStopsAtTheRailEndUnderFullForce() {
        CartPole env = new CartPole(1, false, false, DM_CONTROL);
        env.setState(0, new double[] {1.7, 0, 0, 0});
        for (int t = 0; t < 100; t++) {
            env.step(new float[] {1}, rng);
            assertTrue(env.state(0)[0] <= 1.8, "cart beyond the rail at step " + t);
        }
        assertEquals(1.8, env.state(0)[0], 0);
    }

    /**
     * The stop's impulse acts along the slider only, so the pole's horizontal momentum change must be
     * consistent with the cart stopping: kinetic energy can only drop.
     */
    @Test
    void railImpactDoesNotAddEnergy() {
        CartPole env = new CartPole(1, false, false, DM_CONTROL, 0, 0);
        env.setState(0, new double[] {1.79, 0.3, 2.0, 0.5});
        env.step(new float[] {0}, rng);
        double[] s = env.state(0);
        assertEquals(0.0, s[2], 0);
        double before = kinetic(2.0, 0.5, 0.3);
        assertTrue(kinetic(s[2], s[3], s[1]) < before, "kinetic energy rose at the stop");
    }

    @Test
    void wristNeverPassesOneHundredSixtyDegrees() {
        Reacher env = new Reacher(1, false, DM_CONTROL);
        env.setState(0, new double[] {0, 2.7, 0, 0, 0.1, 0.1});
        for (int t = 0; t < 200; t++) {
            env.step(new float[] {0, 1}, rng);
            assertTrue(Math.abs(env.state(0)[1]) <= Math.toRadians(160), "wrist at " + env.state(0)[1]);
        }
        assertEquals(Math.toRadians(160), env.state(0)[1], 0);
    }

    private static double kinetic(double xd, double wd, double th) {
        return 0.5 * 1.1 * xd * xd + 0.05 * Math.cos(th) * xd * wd + 0.5 * 0.034424593 * wd * wd;
    }
}
