package io.fpolab.env.control;

import io.fpolab.config.ExperimentConfig.Integration;
import io.fpolab.core.math.Rng;
import java.util.List;

/**
 * dm_control {@code acrobot-swingup} and {@code -swingup_sparse}: a two-link pendulum actuated only at
 * the elbow (torque 2·u) that must bring its tip to a target 2 m above the shoulder.
 *
 * <p>Dynamics: {@link TwoLinkArm} with m1 = m2 = 1, l1 = 1, lc1 = lc2 = 0.5, I1 = 0.34557031,
 * I2 = 0.34530366, g = 9.81, damping 0.05 on both joints, θ = 0 up:
 * {@code M·θ̈ = (0, 2u) − c(θ, θ̇) − 0.05·θ̇}, integrated at h = 0.01 with RK4
 * ({@link Integration#DM_CONTROL}) or one step of {@link SemiImplicitEuler} ({@link Integration#PLAYGROUND}). The tip is at {@code (sin θ1 + sin(θ1+θ2),
 * 2 + cos θ1 + cos(θ1+θ2))} and the target at (0, 4). Reward with tip distance d: smooth
 * {@code tol(d, [0, 0.2], margin 1)}, sparse {@code 1[d ≤ 0.2]}. State {@code [θ1, θ2, θ̇1, θ̇2]};
 * observation {@code [sin θ1, sin(θ1+θ2), cos θ1, cos(θ1+θ2), θ̇1, θ̇2]}; reset angles U(−π, π),
 * velocities 0.
 */
final class Acrobot extends PhysicsVecEnv {
    static final double H = 0.01;
    static final double MASS = 1.0;
    static final double UPPER_LENGTH = 1.0;
    static final double COM = 0.5;
    static final double I1 = 0.34557031;
    static final double I2 = 0.34530366;
    static final double GRAVITY = 9.81;
    static final double DAMPING = 0.05;
    static final double TORQUE_GEAR = 2.0;
    static final double TARGET_RADIUS = 0.2;
    static final double SHOULDER_HEIGHT = 2.0;
    static final double TARGET_HEIGHT = 4.0;

    static final TwoLinkArm ARM = new TwoLinkArm(I1, I2, MASS, COM, MASS, UPPER_LENGTH, COM, GRAVITY);

    private final boolean sparse;
    private final Integration integration;
    private final double damping;
    private final double[] m = new double[3];
    private final double[] c = new double[2];
    private final double[] acc = new double[2];
    private final Rk4 rk4 = new Rk4(4, this::derivative);
    private final SemiImplicitEuler euler = new SemiImplicitEuler(2, this::derivative);
    private double torque;

    Acrobot(int numEnvs, boolean sparse, Integration integration) {
        this(numEnvs, sparse, integration, DAMPING);
    }

    /** With a chosen joint damping (0 lets tests check energy conservation). */
    Acrobot(int numEnvs, boolean sparse, Integration integration, double damping) {
        super(dmControlSpec(sparse ? "acrobot-swingup_sparse" : "acrobot-swingup", 6, 1), numEnvs, List.of("shoulder", "elbow"), 0);
        this.sparse = sparse;
        this.integration = integration;
        this.damping = damping;
    }

    @Override
    protected void resetState(double[] s, int off, Rng rng) {
        s[off] = rng.uniform(-Math.PI, Math.PI);
        s[off + 1] = rng.uniform(-Math.PI, Math.PI);
        s[off + 2] = 0;
        s[off + 3] = 0;
    }

    @Override
    protected double advance(double[] s, int off, double[] a) {
        torque = TORQUE_GEAR * a[0];
        switch (integration) {
            case DM_CONTROL -> rk4.stepInPlace(s, off, H);
            case PLAYGROUND -> euler.stepInPlace(s, off, H, 1);
        }
        return reward(s, off);
    }

    private void derivative(double[] y, double[] dydt) {
        ARM.massMatrix(y[1], m);
        ARM.bias(y[0], y[1], y[2], y[3], c);
        TwoLinkArm.solve(m[0], m[1], m[2], -c[0] - damping * y[2], torque - c[1] - damping * y[3], acc);
        dydt[0] = y[2];
        dydt[1] = y[3];
        dydt[2] = acc[0];
        dydt[3] = acc[1];
    }

    /** Distance from the arm's tip to the target. */
    static double tipToTarget(double th1, double th2) {
        double x = Math.sin(th1) + Math.sin(th1 + th2);
        double z = SHOULDER_HEIGHT + Math.cos(th1) + Math.cos(th1 + th2);
        return Math.hypot(x, z - TARGET_HEIGHT);
    }

    double reward(double[] s, int off) {
        return Rewards.tolerance(tipToTarget(s[off], s[off + 1]), 0, TARGET_RADIUS, sparse ? 0 : 1);
    }

    @Override
    protected void observe(double[] s, int off, float[] out, int o) {
        double th1 = s[off];
        double phi = th1 + s[off + 1];
        out[o] = (float) Math.sin(th1);
        out[o + 1] = (float) Math.sin(phi);
        out[o + 2] = (float) Math.cos(th1);
        out[o + 3] = (float) Math.cos(phi);
        out[o + 4] = (float) s[off + 2];
        out[o + 5] = (float) s[off + 3];
    }
}
