package io.fpolab.env.control;

import static io.fpolab.config.ExperimentConfig.Integration.DM_CONTROL;
import static io.fpolab.config.ExperimentConfig.Integration.PLAYGROUND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.core.math.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** MuJoCo Playground's integration (explicit damping, sub-steps) against dm_control's and closed forms. */
class PlaygroundIntegrationTest {
    private static final double G = 9.81;
    private final Rng unused = new Rng(0);

    static List<String> dmControlIds() {
        return ControlSuite.dmControlIds();
    }

    /**
     * Both schemes are first-order accurate, so from the same state under the same actions the positions
     * may drift apart by O(h) over a short horizon (10 control steps, 0.1–0.2 s) — and the trajectories
     * must differ, or the switch would do nothing.
     */
    @ParameterizedTest
    @MethodSource("dmControlIds")
    void playgroundAndDmControlPositionsAgreeToFirstOrderButTrajectoriesDiffer(String id) {
        PhysicsVecEnv dm = ControlSuite.create(id, 1, DM_CONTROL);
        PhysicsVecEnv pg = ControlSuite.create(id, 1, PLAYGROUND);
        dm.reset(new Rng(3));
        pg.setState(0, dm.state(0));
        double h = id.startsWith("cartpole") || id.startsWith("acrobot") ? 0.01 : 0.02;
        Rng actions = new Rng(11);
        int actDim = dm.spec().actDim();
        double positionGap = 0;
        double stateGap = 0;
        for (int t = 0; t < 10; t++) {
            float[] a = new float[actDim];
            for (int j = 0; j < actDim; j++) {
                a[j] = (float) actions.uniform(-1, 1);
            }
            dm.step(a, unused);
            pg.step(a, unused);
            double[] x = dm.state(0);
            double[] y = pg.state(0);
            for (int j = 0; j < x.length; j++) {
                double gap = Math.abs(x[j] - y[j]);
                stateGap = Math.max(stateGap, gap);
                if (j < dm.nq()) {
                    positionGap = Math.max(positionGap, gap);
                }
            }
        }
        assertTrue(positionGap < h, id + ": positions " + positionGap + " apart after 10 steps, more than h = " + h);
        assertTrue(stateGap > 0, id + ": Playground integration gave the dm_control trajectory bit for bit");
    }

    /** One Playground step of the point mass is explicit damping: v' = v + h·(0.1·u − v)/0.3, x' = x + h·v'. */
    @Test
    void pointMassPlaygroundStepIsTheExplicitDampingClosedForm() {
        PhysicsVecEnv env = ControlSuite.create("point_mass-easy", 1, PLAYGROUND);
        double h = 0.02;
        double[] s = {-0.2, 0.1, 0.3, -0.1};
        env.setState(0, s.clone());
        Rng actions = new Rng(5);
        for (int n = 1; n <= 50; n++) {
            float[] u = {(float) actions.uniform(-1, 1), (float) actions.uniform(-1, 1)};
            env.step(u, unused);
            for (int axis = 0; axis < 2; axis++) {
                double v = s[2 + axis] + h * (0.1 * u[axis] - s[2 + axis]) / 0.3;
                s[axis] += h * v;
                s[2 + axis] = v;
            }
            assertTrue(Math.abs(s[0]) < 0.29 && Math.abs(s[1]) < 0.29, "the check assumes free motion: " + s[0] + ", " + s[1]);
            double[] got = env.state(0);
            for (int j = 0; j < 4; j++) {
                assertEquals(s[j], got[j], 1e-15, "state " + j + " at step " + n);
            }
        }
    }

    /**
     * Semi-implicit Euler is symplectic: with damping and control off the energy oscillates around its
     * true value instead of drifting. Pendulum from θ = 90° (2 sub-steps of 0.01, h·ω ≈ 0.044) and
     * cart-pole from θ = 90° (h = 0.01) over 2–4 s: every sample within 3 % of E0 (2.0 % measured for both).
     */
    @Test
    void playgroundKeepsEnergyBoundedWithoutDampingOrControl() {
        PendulumSwingup pendulum = new PendulumSwingup(1, PLAYGROUND, 0);
        pendulum.setState(0, new double[] {Math.PI / 2, 0});
        double e0 = pendulumEnergy(pendulum.state(0));
        double worst = 0;
        for (int t = 0; t < 200; t++) {
            pendulum.step(new float[] {0}, unused);
            worst = Math.max(worst, Math.abs(pendulumEnergy(pendulum.state(0)) - e0) / e0);
        }
        assertTrue(worst < 0.03, "Playground pendulum relative energy excursion " + worst);

        CartPole cartpole = new CartPole(1, true, false, PLAYGROUND, 0, 0);
        cartpole.setState(0, new double[] {0, Math.PI / 2, 0, 0});
        e0 = cartpoleEnergy(cartpole.state(0));
        worst = 0;
        for (int t = 0; t < 200; t++) {
            cartpole.step(new float[] {0}, unused);
            worst = Math.max(worst, Math.abs(cartpoleEnergy(cartpole.state(0)) - e0) / e0);
        }
        assertTrue(worst < 0.03, "Playground cart-pole relative energy excursion " + worst);
    }

    /**
     * The reacher's wrist is stiff for dm_control's step: its damping time M22/b ≈ 0.019 s is about one
     * step of 0.02, which is why Playground sub-steps it. Against a fine RK4 reference of the same
     * equations (M·θ̈ = 0.05·u − c − 0.01·θ̇, step 0.0002) the Playground velocities must be the closer
     * (measured over 10 random actions: 0.30 rad/s worst error against 1.48 for dm_control).
     */
    @Test
    void playgroundReacherTracksTheExactMotionMoreCloselyThanOneImplicitStep() {
        double[] start = {0.3, 0.5, 0, 0, 0.1, 0.1};
        PhysicsVecEnv dm = ControlSuite.create("reacher-easy", 1, DM_CONTROL);
        PhysicsVecEnv pg = ControlSuite.create("reacher-easy", 1, PLAYGROUND);
        dm.setState(0, start);
        pg.setState(0, start);
        double[] torque = new double[2];
        double[] m = new double[3];
        double[] c = new double[2];
        double[] acc = new double[2];
        Rk4 reference = new Rk4(4, (y, dydt) -> {
            Reacher.ARM.massMatrix(y[1], m);
            Reacher.ARM.bias(y[0], y[1], y[2], y[3], c);
            TwoLinkArm.solve(m[0], m[1], m[2], torque[0] - c[0] - 0.01 * y[2], torque[1] - c[1] - 0.01 * y[3], acc);
            dydt[0] = y[2];
            dydt[1] = y[3];
            dydt[2] = acc[0];
            dydt[3] = acc[1];
        });
        double[] exact = start.clone();
        Rng actions = new Rng(2);
        double dmError = 0;
        double pgError = 0;
        for (int t = 0; t < 10; t++) {
            float[] u = {(float) actions.uniform(-1, 1), (float) actions.uniform(-1, 1)};
            torque[0] = 0.05 * u[0];
            torque[1] = 0.05 * u[1];
            for (int k = 0; k < 100; k++) {
                reference.stepInPlace(exact, 0, 0.0002);
            }
            assertTrue(Math.abs(exact[1]) < Math.toRadians(160), "the check assumes the wrist stays off its stop");
            dm.step(u, unused);
            pg.step(u, unused);
            for (int j = 2; j < 4; j++) {
                dmError = Math.max(dmError, Math.abs(dm.state(0)[j] - exact[j]));
                pgError = Math.max(pgError, Math.abs(pg.state(0)[j] - exact[j]));
            }
        }
        assertTrue(pgError < dmError, "Playground velocity error " + pgError + " vs dm_control " + dmError);
    }

    @Test
    void playgroundIsOnlyForTheDmControlTasks() {
        for (String id : List.of("gym-pendulum", "mountain-car-continuous")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ControlSuite.create(id, 1, PLAYGROUND));
            assertTrue(e.getMessage().contains("'playground' applies only to the dm_control tasks"), e.getMessage());
            assertEquals(id, ControlSuite.create(id, 1, DM_CONTROL).spec().id());
        }
    }

    private static double pendulumEnergy(double[] s) {
        return 0.5 * 0.251 * s[1] * s[1] + 1.0 * G * 0.5 * (1 + Math.cos(s[0]));
    }

    private static double cartpoleEnergy(double[] s) {
        double th = s[1];
        double kinetic = 0.5 * 1.1 * s[2] * s[2] + 0.1 * 0.5 * Math.cos(th) * s[2] * s[3]
                + 0.5 * 0.034424593 * s[3] * s[3];
        return kinetic + 0.1 * G * 0.5 * (1 + Math.cos(th));
    }
}
