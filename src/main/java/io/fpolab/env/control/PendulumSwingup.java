package io.fpolab.env.control;

import io.fpolab.config.ExperimentConfig.Integration;
import io.fpolab.core.math.Rng;
import java.util.List;

/**
 * dm_control {@code pendulum-swingup}: a damped pendulum with a torque too weak to lift it directly
 * (|u| ≤ 1 &lt; m·g·l = 4.905), so the policy must pump energy.
 *
 * <p>Dynamics, θ = 0 upright: {@code I·θ̈ = m·g·l·sin θ − b·θ̇ + u}, control step 0.02. With
 * {@link Integration#DM_CONTROL} integrated as MuJoCo's Euler does, semi-implicitly with implicit
 * damping: {@code (I + h·b)·θ̇' = I·θ̇ + h·(m·g·l·sin θ + u)}, {@code θ' = θ + h·θ̇'}, h = 0.02; with
 * {@link Integration#PLAYGROUND} by {@link SemiImplicitEuler} in 2 sub-steps of 0.01. Reward 1 when
 * cos θ ≥ cos 8°, else 0. State {@code [θ, θ̇]}; observation {@code [cos θ, sin θ, θ̇]}; reset
 * θ ~ U(−π, π), θ̇ = 0.
 */
final class PendulumSwingup extends PhysicsVecEnv {
    static final double H = 0.02;
    static final double INERTIA = 0.251;
    static final double MGL = 1.0 * 9.81 * 0.5;
    static final double DAMPING = 0.1;
    static final double COS_BOUND = Math.cos(Math.toRadians(8));
    static final int PLAYGROUND_SUBSTEPS = 2;
    static final double PLAYGROUND_H = 0.01;

    private final Integration integration;
    private final double damping;
    private final SemiImplicitEuler euler = new SemiImplicitEuler(1, this::derivative);
    private double torque;

    PendulumSwingup(int numEnvs, Integration integration) {
        this(numEnvs, integration, DAMPING);
    }

    /** With a chosen hinge damping (0 lets tests check energy conservation). */
    PendulumSwingup(int numEnvs, Integration integration, double damping) {
        super(dmControlSpec("pendulum-swingup", 3, 1), numEnvs, List.of("hinge"), 0);
        this.integration = integration;
        this.damping = damping;
    }

    @Override
    protected void resetState(double[] s, int off, Rng rng) {
        s[off] = rng.uniform(-Math.PI, Math.PI);
        s[off + 1] = 0;
    }

    @Override
    protected double advance(double[] s, int off, double[] a) {
        switch (integration) {
            case DM_CONTROL -> {
                double th = s[off];
                double w = (INERTIA * s[off + 1] + H * (MGL * Math.sin(th) + a[0])) / (INERTIA + H * damping);
                s[off] = th + H * w;
                s[off + 1] = w;
            }
            case PLAYGROUND -> {
                torque = a[0];
                euler.stepInPlace(s, off, PLAYGROUND_H, PLAYGROUND_SUBSTEPS);
            }
        }
        return reward(s, off);
    }

    private void derivative(double[] y, double[] dydt) {
        dydt[0] = y[1];
        dydt[1] = (MGL * Math.sin(y[0]) - damping * y[1] + torque) / INERTIA;
    }

    static double reward(double[] s, int off) {
        return Rewards.tolerance(Math.cos(s[off]), COS_BOUND, 1.0, 0.0);
    }

    @Override
    protected void observe(double[] s, int off, float[] out, int o) {
        out[o] = (float) Math.cos(s[off]);
        out[o + 1] = (float) Math.sin(s[off]);
        out[o + 2] = (float) s[off + 1];
    }
}
