package io.fpolab.env.control;

import io.fpolab.config.ExperimentConfig.Integration;
import io.fpolab.core.math.Rng;
import java.util.List;

/**
 * dm_control {@code reacher-easy} and {@code reacher-hard}: a planar two-link arm (no gravity) that
 * must put its fingertip on a randomly placed target.
 *
 * <p>Dynamics: {@link TwoLinkArm} with I1 = 2.1411e-4, m2 = 0.039793507, l1 = 0.12,
 * lc2 = 0.057368421, I2 = 1.8867358e-4, damping B = 0.01·I, torques 0.05·u, control step 0.02. With
 * {@link Integration#DM_CONTROL} integrated semi-implicitly with implicit damping at h = 0.02:
 * {@code (M + h·B)·θ̇' = M·θ̇ + h·(τ − c)}, {@code θ' = θ + h·θ̇'}; with {@link Integration#PLAYGROUND}
 * by {@link SemiImplicitEuler} in 4 sub-steps of 0.005 on {@code M·θ̈ = τ − c − B·θ̇}.
 * The wrist's ±160° limit is MuJoCo's soft limit ({@link SoftLimit}, its time constant at least two
 * (sub-)steps): past it the wrist gets a torque that joins τ above, in every (sub-)step. The fingertip
 * is at {@code 0.12·(cos θ1 + cos(θ1+θ2), sin θ1 + sin(θ1+θ2))};
 * reward {@code 1[|target − finger| ≤ size + 0.01]} with size 0.05 (easy) or 0.015 (hard).
 * State {@code [θ1, θ2, θ̇1, θ̇2, targetX, targetY]} (θ1 is not wrapped, as in MuJoCo's qpos);
 * observation {@code [θ1, θ2, target − finger (x, y), θ̇1, θ̇2]}. Reset θ1 ~ U(−π, π),
 * θ2 ~ U(−160°, 160°), velocities 0, target at radius U(0.05, 0.2) and angle α ~ U(0, 2π) placed at
 * {@code (r·sin α, r·cos α)}.
 */
final class Reacher extends PhysicsVecEnv {
    static final double H = 0.02;
    static final double I1 = 2.1411e-4;
    static final double I2 = 1.8867358e-4;
    static final double M1 = 0.041887902;
    static final double LC1 = 0.06;
    static final double M2 = 0.039793507;
    static final double L1 = 0.12;
    static final double LC2 = 0.057368421;
    static final double FINGER = 0.12;
    static final double DAMPING = 0.01;
    static final double GEAR = 0.05;
    static final double WRIST_LIMIT = Math.toRadians(160);
    static final double FINGER_RADIUS = 0.01;
    static final int PLAYGROUND_SUBSTEPS = 4;
    static final double PLAYGROUND_H = 0.005;

    static final TwoLinkArm ARM = new TwoLinkArm(I1, I2, M1, LC1, M2, L1, LC2, 0.0);
    /** The wrist's entry of M⁻¹ with the arm straight (MuJoCo's {@code dof_invweight0}). */
    static final double WRIST_INV_WEIGHT0 = wristInvWeight0();
    static final SoftLimit DM_CONTROL_WRIST = new SoftLimit(-WRIST_LIMIT, WRIST_LIMIT, H, WRIST_INV_WEIGHT0);
    static final SoftLimit PLAYGROUND_WRIST = new SoftLimit(-WRIST_LIMIT, WRIST_LIMIT, PLAYGROUND_H, WRIST_INV_WEIGHT0);

    private static double wristInvWeight0() {
        double[] m0 = new double[3];
        ARM.massMatrix(0, m0);
        return m0[0] / (m0[0] * m0[2] - m0[1] * m0[1]);
    }

    private final double targetSize;
    private final Integration integration;
    private final double[] m = new double[3];
    private final double[] c = new double[2];
    private final double[] v = new double[2];
    private final double[] acc = new double[2];
    private final double[] torque = new double[2];
    private final SemiImplicitEuler euler = new SemiImplicitEuler(2, this::derivative);

    Reacher(int numEnvs, boolean hard, Integration integration) {
        super(dmControlSpec(hard ? "reacher-hard" : "reacher-easy", 6, 2), numEnvs, List.of("shoulder", "wrist"), 2);
        this.targetSize = hard ? 0.015 : 0.05;
        this.integration = integration;
    }

    @Override
    protected void resetState(double[] s, int off, Rng rng) {
        s[off] = rng.uniform(-Math.PI, Math.PI);
        s[off + 1] = rng.uniform(-WRIST_LIMIT, WRIST_LIMIT);
        s[off + 2] = 0;
        s[off + 3] = 0;
        double angle = rng.uniform(0, 2 * Math.PI);
        double radius = rng.uniform(0.05, 0.20);
        s[off + 4] = radius * Math.sin(angle);
        s[off + 5] = radius * Math.cos(angle);
    }

    @Override
    protected double advance(double[] s, int off, double[] a) {
        switch (integration) {
            case DM_CONTROL -> implicitDampingStep(s, off, a);
            case PLAYGROUND -> {
                torque[0] = GEAR * a[0];
                torque[1] = GEAR * a[1];
                euler.stepInPlace(s, off, PLAYGROUND_H, PLAYGROUND_SUBSTEPS);
            }
        }
        return reward(s, off);
    }

    private void implicitDampingStep(double[] s, int off, double[] a) {
        double w1 = s[off + 2];
        double w2 = s[off + 3];
        ARM.massMatrix(s[off + 1], m);
        ARM.bias(s[off], s[off + 1], w1, w2, c);
        double t0 = GEAR * a[0] - c[0];
        double t1 = GEAR * a[1] - c[1] + wristTorque(s[off + 1], w1, w2, GEAR * a[0], GEAR * a[1], DM_CONTROL_WRIST);
        double r0 = m[0] * w1 + m[1] * w2 + H * t0;
        double r1 = m[1] * w1 + m[2] * w2 + H * t1;
        TwoLinkArm.solve(m[0] + H * DAMPING, m[1], m[2] + H * DAMPING, r0, r1, v);
        s[off] += H * v[0];
        s[off + 1] += H * v[1];
        s[off + 2] = v[0];
        s[off + 3] = v[1];
    }

    /**
     * The wrist limit's torque for the state whose mass matrix and bias forces are in {@code m} and
     * {@code c}, under joint torques {@code (tau0, tau1)}: its unconstrained acceleration takes the
     * damping explicitly, as MuJoCo's constraint solver sees it.
     */
    private double wristTorque(double th2, double w1, double w2, double tau0, double tau1, SoftLimit limit) {
        if (Math.abs(th2) <= WRIST_LIMIT) {
            return 0;
        }
        TwoLinkArm.solve(m[0], m[1], m[2], tau0 - c[0] - DAMPING * w1, tau1 - c[1] - DAMPING * w2, acc);
        double det = m[0] * m[2] - m[1] * m[1];
        return limit.force(th2, w2, acc[1], m[0] / det);
    }

    private void derivative(double[] y, double[] dydt) {
        ARM.massMatrix(y[1], m);
        ARM.bias(y[0], y[1], y[2], y[3], c);
        double wrist = wristTorque(y[1], y[2], y[3], torque[0], torque[1], PLAYGROUND_WRIST);
        TwoLinkArm.solve(m[0], m[1], m[2], torque[0] - c[0] - DAMPING * y[2],
                torque[1] + wrist - c[1] - DAMPING * y[3], v);
        dydt[0] = y[2];
        dydt[1] = y[3];
        dydt[2] = v[0];
        dydt[3] = v[1];
    }

    static double fingerX(double th1, double th2) {
        return L1 * Math.cos(th1) + FINGER * Math.cos(th1 + th2);
    }

    static double fingerY(double th1, double th2) {
        return L1 * Math.sin(th1) + FINGER * Math.sin(th1 + th2);
    }

    double reward(double[] s, int off) {
        double dx = s[off + 4] - fingerX(s[off], s[off + 1]);
        double dy = s[off + 5] - fingerY(s[off], s[off + 1]);
        return Rewards.tolerance(Math.hypot(dx, dy), 0, targetSize + FINGER_RADIUS, 0);
    }

    @Override
    protected void observe(double[] s, int off, float[] out, int o) {
        out[o] = (float) s[off];
        out[o + 1] = (float) s[off + 1];
        out[o + 2] = (float) (s[off + 4] - fingerX(s[off], s[off + 1]));
        out[o + 3] = (float) (s[off + 5] - fingerY(s[off], s[off + 1]));
        out[o + 4] = (float) s[off + 2];
        out[o + 5] = (float) s[off + 3];
    }
}
