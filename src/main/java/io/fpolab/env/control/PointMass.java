package io.fpolab.env.control;

import io.fpolab.config.ExperimentConfig.Integration;
import io.fpolab.core.math.Rng;
import java.util.List;

/**
 * dm_control {@code point_mass-easy}: a 0.3 kg mass on two perpendicular damped slides, pushed by a
 * force of 0.1·u per axis towards a target at the origin.
 *
 * <p>Dynamics per axis {@code 0.3·ẍ = 0.1·u − ẋ} (damping b = 1), h = 0.02. With
 * {@link Integration#DM_CONTROL} semi-implicit Euler with implicit damping:
 * {@code v' = (0.3·v + h·0.1·u)/(0.3 + h)}, {@code x' = x + h·v'}; with {@link Integration#PLAYGROUND}
 * explicit damping ({@link SemiImplicitEuler}, one step): {@code v' = v + h·(0.1·u − v)/0.3},
 * {@code x' = x + h·v'}. The slides' limits ±0.29 are MuJoCo's soft limits ({@link SoftLimit}): past
 * one, the axis gets a force f that joins 0.1·u above, so the mass sinks a little into the stop and is
 * pushed back. Reward {@code near·small_control} with
 * {@code near = tol(d, [0, 0.015], margin 0.015)} and
 * {@code small_control = (4 + mean_i max(0, 1 − u_i²))/5}. State and observation {@code [x, y, ẋ, ẏ]};
 * reset x, y ~ U(−0.29, 0.29), velocities 0.
 */
final class PointMass extends PhysicsVecEnv {
    static final double H = 0.02;
    static final double MASS = 0.3;
    static final double DAMPING = 1.0;
    static final double GEAR = 0.1;
    static final double LIMIT = 0.29;
    static final double TARGET_SIZE = 0.015;
    /** Both slides' limits (one step of h with either integration; the axes are uncoupled). */
    static final SoftLimit SLIDE = new SoftLimit(-LIMIT, LIMIT, H, 1 / MASS);

    private final Integration integration;
    private final SemiImplicitEuler euler = new SemiImplicitEuler(2, this::derivative);
    private final double[] force = new double[2];

    PointMass(int numEnvs, Integration integration) {
        super(dmControlSpec("point_mass-easy", 4, 2), numEnvs, List.of("root_x", "root_y"), 0);
        this.integration = integration;
    }

    @Override
    protected void resetState(double[] s, int off, Rng rng) {
        s[off] = rng.uniform(-LIMIT, LIMIT);
        s[off + 1] = rng.uniform(-LIMIT, LIMIT);
        s[off + 2] = 0;
        s[off + 3] = 0;
    }

    @Override
    protected double advance(double[] s, int off, double[] a) {
        switch (integration) {
            case DM_CONTROL -> {
                for (int axis = 0; axis < 2; axis++) {
                    double x = s[off + axis];
                    double v = s[off + 2 + axis];
                    double u = GEAR * a[axis];
                    double f = SLIDE.force(x, v, (u - DAMPING * v) / MASS, 1 / MASS);
                    v = (MASS * v + H * (u + f)) / (MASS + H * DAMPING);
                    s[off + axis] = x + H * v;
                    s[off + 2 + axis] = v;
                }
            }
            case PLAYGROUND -> {
                force[0] = GEAR * a[0];
                force[1] = GEAR * a[1];
                euler.stepInPlace(s, off, H, 1);
            }
        }
        return reward(s, off, a);
    }

    private void derivative(double[] y, double[] dydt) {
        for (int axis = 0; axis < 2; axis++) {
            dydt[axis] = y[2 + axis];
            double a0 = (force[axis] - DAMPING * y[2 + axis]) / MASS;
            dydt[2 + axis] = a0 + SLIDE.force(y[axis], y[2 + axis], a0, 1 / MASS) / MASS;
        }
    }

    static double reward(double[] s, int off, double[] u) {
        double near = Rewards.tolerance(Math.hypot(s[off], s[off + 1]), 0, TARGET_SIZE, TARGET_SIZE);
        double control = (Rewards.smallControl(u[0]) + Rewards.smallControl(u[1])) / 2;
        return near * (4 + control) / 5;
    }

    @Override
    protected void observe(double[] s, int off, float[] out, int o) {
        for (int j = 0; j < 4; j++) {
            out[o + j] = (float) s[off + j];
        }
    }
}
