package io.fpolab.env.control;

import io.fpolab.config.ExperimentConfig.Integration;
import io.fpolab.core.math.Rng;
import java.util.List;

/**
 * dm_control {@code cartpole-balance}, {@code -balance_sparse}, {@code -swingup} and
 * {@code -swingup_sparse}: a pole hinged on a cart that a force of 10·u pushes along a rail.
 *
 * <p>Dynamics, θ = 0 upright, integrated at h = 0.01 with RK4 ({@link Integration#DM_CONTROL}) or one
 * step of {@link SemiImplicitEuler} ({@link Integration#PLAYGROUND}):
 * <pre>
 *   (M + m)·ẍ + m·l·cos θ·θ̈ = 10·u + m·l·sin θ·θ̇² − 5e-4·ẋ
 *   m·l·cos θ·ẍ + J·θ̈      = m·g·l·sin θ − 2e-6·θ̇
 * </pre>
 * with M = 1, m = 0.1, l = 0.5, J = 0.034424593 (about the hinge). The rail's limit ±1.8 is MuJoCo's
 * soft limit with dm_control's {@code solreflimit = (0.08, 1)} ({@link SoftLimit}): past the end the
 * cart gets a force along the slider, part of the accelerations above, so it sinks a little into the
 * stop and is pushed back over about 0.1 s.
 *
 * <p>Smooth reward: {@code (cos θ + 1)/2 · (1 + tol(x, margin 2))/2 · (4 + max(0, 1 − u²))/5 ·
 * (1 + tol(θ̇, margin 5))/2}; sparse: {@code 1[|x| ≤ 0.25]·1[cos θ ≥ 0.995]}. State
 * {@code [x, θ, ẋ, θ̇]}; observation {@code [x, cos θ, sin θ, ẋ, θ̇]}.
 */
final class CartPole extends PhysicsVecEnv {
    static final double H = 0.01;
    static final double CART_MASS = 1.0;
    static final double POLE_MASS = 0.1;
    static final double POLE_COM = 0.5;
    static final double POLE_INERTIA = 0.034424593;
    static final double GRAVITY = 9.81;
    static final double SLIDER_DAMPING = 5e-4;
    static final double HINGE_DAMPING = 2e-6;
    static final double FORCE_GEAR = 10.0;
    static final double RAIL_LIMIT = 1.8;
    /** dm_control's {@code solreflimit} time constant for the rail. */
    static final double RAIL_TIMECONST = 0.08;
    /** The slider's entry of M⁻¹ with the pole upright (MuJoCo's {@code dof_invweight0}). */
    static final double RAIL_INV_WEIGHT0 = POLE_INERTIA
            / ((CART_MASS + POLE_MASS) * POLE_INERTIA - Math.pow(POLE_MASS * POLE_COM, 2));
    static final SoftLimit RAIL = new SoftLimit(-RAIL_LIMIT, RAIL_LIMIT, RAIL_TIMECONST, 1, H, RAIL_INV_WEIGHT0);

    private final boolean swingup;
    private final boolean sparse;
    private final Integration integration;
    private final double sliderDamping;
    private final double hingeDamping;
    private final Rk4 rk4 = new Rk4(4, this::derivative);
    private final SemiImplicitEuler euler = new SemiImplicitEuler(2, this::derivative);
    private double force;

    CartPole(int numEnvs, boolean swingup, boolean sparse, Integration integration) {
        this(numEnvs, swingup, sparse, integration, SLIDER_DAMPING, HINGE_DAMPING);
    }

    /** With chosen joint damping (0 lets tests check energy conservation). */
    CartPole(int numEnvs, boolean swingup, boolean sparse, Integration integration, double sliderDamping,
            double hingeDamping) {
        super(dmControlSpec("cartpole-" + (swingup ? "swingup" : "balance") + (sparse ? "_sparse" : ""), 5, 1),
                numEnvs, List.of("slider", "hinge_1"), 0);
        this.swingup = swingup;
        this.sparse = sparse;
        this.integration = integration;
        this.sliderDamping = sliderDamping;
        this.hingeDamping = hingeDamping;
    }

    @Override
    protected void resetState(double[] s, int off, Rng rng) {
        if (swingup) {
            s[off] = 0.01 * rng.nextGaussian();
            s[off + 1] = Math.PI + 0.01 * rng.nextGaussian();
        } else {
            s[off] = rng.uniform(-0.1, 0.1);
            s[off + 1] = rng.uniform(-0.034, 0.034);
        }
        s[off + 2] = 0.01 * rng.nextGaussian();
        s[off + 3] = 0.01 * rng.nextGaussian();
    }

    @Override
    protected double advance(double[] s, int off, double[] a) {
        force = FORCE_GEAR * a[0];
        switch (integration) {
            case DM_CONTROL -> rk4.stepInPlace(s, off, H);
            case PLAYGROUND -> euler.stepInPlace(s, off, H, 1);
        }
        return reward(s, off, a[0]);
    }

    private void derivative(double[] y, double[] dydt) {
        double sin = Math.sin(y[1]);
        double cos = Math.cos(y[1]);
        double xdot = y[2];
        double thdot = y[3];
        double ml = POLE_MASS * POLE_COM;
        double r0 = force + ml * sin * thdot * thdot - sliderDamping * xdot;
        double r1 = ml * GRAVITY * sin - hingeDamping * thdot;
        double a = CART_MASS + POLE_MASS;
        double b = ml * cos;
        double det = a * POLE_INERTIA - b * b;
        dydt[0] = xdot;
        dydt[1] = thdot;
        dydt[2] = (POLE_INERTIA * r0 - b * r1) / det;
        dydt[3] = (a * r1 - b * r0) / det;
        // The rail's force f along the slider adds M⁻¹·(f, 0) = f·(J, −b)/det.
        double f = RAIL.force(y[0], xdot, dydt[2], POLE_INERTIA / det);
        if (f != 0) {
            dydt[2] += f * POLE_INERTIA / det;
            dydt[3] -= f * b / det;
        }
    }

    /** The reward of the post-step state {@code s[off ..]} under the applied (clipped) action {@code u}. */
    double reward(double[] s, int off, double u) {
        double x = s[off];
        double cos = Math.cos(s[off + 1]);
        if (sparse) {
            return Rewards.tolerance(x, -0.25, 0.25, 0) * Rewards.tolerance(cos, 0.995, 1, 0);
        }
        double upright = (cos + 1) / 2;
        double centered = (1 + Rewards.tolerance(x, 0, 0, 2)) / 2;
        double smallControl = (4 + Rewards.smallControl(u)) / 5;
        double smallVelocity = (1 + Rewards.tolerance(s[off + 3], 0, 0, 5)) / 2;
        return upright * centered * smallControl * smallVelocity;
    }

    @Override
    protected void observe(double[] s, int off, float[] out, int o) {
        out[o] = (float) s[off];
        out[o + 1] = (float) Math.cos(s[off + 1]);
        out[o + 2] = (float) Math.sin(s[off + 1]);
        out[o + 3] = (float) s[off + 2];
        out[o + 4] = (float) s[off + 3];
    }
}
