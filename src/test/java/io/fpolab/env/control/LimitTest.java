package io.fpolab.env.control;

import static io.fpolab.config.ExperimentConfig.Integration.DM_CONTROL;
import static io.fpolab.config.ExperimentConfig.Integration.PLAYGROUND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.ExperimentConfig.Integration;
import io.fpolab.core.math.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * MuJoCo's soft limits (docs/mujoco-check compares them with MuJoCo itself): a joint pushed into its
 * stop sinks in a little (centimetres, degrees), comes to rest there, and the stop never adds energy.
 */
class LimitTest {
    private final Rng rng = new Rng(0);

    @ParameterizedTest
    @EnumSource(Integration.class)
    void cartUnderFullForceSinksALittleIntoTheRailEndAndComesToRest(Integration integration) {
        CartPole env = new CartPole(1, false, false, integration);
        env.setState(0, new double[] {1.7, 0, 1.0, 0});
        double deepest = 0;
        for (int t = 0; t < 300; t++) {
            env.stepPhysics(0, new double[] {1});
            deepest = Math.max(deepest, env.state(0)[0]);
        }
        double[] s = env.state(0);
        assertTrue(deepest > 1.8 && deepest < 1.8 + 0.1, "deepest " + deepest);
        // At rest the stop holds the 10 N push: still slightly inside the stop, not moving.
        assertTrue(s[0] > 1.8 && s[0] < 1.8 + 0.01, "rests at " + s[0]);
        assertEquals(0.0, s[2], 1e-2, "cart still moving");
    }

    /** Without damping or force, the pole's energy after the cart bounces off the rail is no higher. */
    @ParameterizedTest
    @EnumSource(Integration.class)
    void railImpactDoesNotAddEnergy(Integration integration) {
        CartPole env = new CartPole(1, false, false, integration, 0, 0);
        double[] start = {1.75, 0.3, 2.0, 0.5};
        env.setState(0, start);
        boolean touched = false;
        for (int t = 0; t < 50; t++) {
            env.stepPhysics(0, new double[] {0});
            touched |= env.state(0)[0] > 1.8;
        }
        double[] s = env.state(0);
        assertTrue(touched, "never reached the rail");
        assertTrue(s[2] < 0, "cart did not bounce back: ẋ = " + s[2]);
        assertTrue(energy(s) < energy(start), "energy rose at the stop: " + energy(start) + " → " + energy(s));
    }

    @ParameterizedTest
    @EnumSource(Integration.class)
    void wristPushedIntoItsStopSinksInByAFewDegreesAtMost(Integration integration) {
        Reacher env = new Reacher(1, false, integration);
        env.setState(0, new double[] {0, 2.7, 0, 0, 0.1, 0.1});
        double limit = Math.toRadians(160);
        double deepest = 0;
        for (int t = 0; t < 200; t++) {
            env.stepPhysics(0, new double[] {0, 1});
            deepest = Math.max(deepest, env.state(0)[1]);
        }
        // The light arm meets a soft stop: MuJoCo lets it in by ~6.5° under full torque (dm_control step).
        assertTrue(deepest > limit && deepest < limit + 0.15, "deepest " + deepest);
        assertEquals(0.0, env.state(0)[3], 1e-3, "wrist still moving");
    }

    @ParameterizedTest
    @EnumSource(Integration.class)
    void pointMassComesToRestJustPastTheSlideEnd(Integration integration) {
        PointMass env = new PointMass(1, integration);
        env.setState(0, new double[] {0.28, 0, 0.5, 0});
        double deepest = 0;
        for (int t = 0; t < 100; t++) {
            env.stepPhysics(0, new double[] {1, 0});
            deepest = Math.max(deepest, env.state(0)[0]);
        }
        assertTrue(deepest > 0.29 && deepest < 0.29 + 0.01, "deepest " + deepest);
        assertTrue(env.state(0)[0] > 0.29, "rests at " + env.state(0)[0]);
        assertEquals(0.0, env.state(0)[2], 1e-6, "still moving");
    }

    /** Kinetic plus potential energy of the cart-pole (θ = 0 up). */
    private static double energy(double[] s) {
        double th = s[1];
        double xd = s[2];
        double wd = s[3];
        double kinetic = 0.5 * 1.1 * xd * xd + 0.05 * Math.cos(th) * xd * wd + 0.5 * 0.034424593 * wd * wd;
        return kinetic + 0.1 * 9.81 * 0.5 * Math.cos(th);
    }
}
