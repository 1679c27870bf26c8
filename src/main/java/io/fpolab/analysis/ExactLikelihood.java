package io.fpolab.analysis;

import io.fpolab.config.ExperimentConfig.Algorithm;

/**
 * The exact log-density of an action under a flow, by the instantaneous change of variables: for
 * {@code dx/dτ = v(x, τ)} carrying {@code x_0 ~ N(0, I)} at τ = 0 to the action at τ = 1 (the lab's convention,
 * algorithm.md §1),
 *
 * <pre>  log p_1(a) = log N(x_0; 0, I) − ∫_0^1 div v(x_τ, τ) dτ,</pre>
 *
 * where {@code x_τ} is the ODE path through {@code x_1 = a}. The path is found by integrating the ODE backward
 * from {@code a} at τ = 1 to τ = 0 with classical RK4 at a fixed step, carrying the divergence integral as one
 * more state component, all in double precision.
 *
 * <p>This is the density of the continuous ODE's flow map, the distribution FPO's CFM losses are a bound for.
 * It is not the density of the K-step sampler the policy acts with (a K-step Euler map has its own Jacobian), and
 * it is the density of the raw action, before any tanh squashing the env applies: a squash is one fixed bijection
 * for both policies, so its Jacobian cancels in a likelihood ratio, which is therefore the same for raw and
 * squashed actions. An action the policy clipped to {@code ±flow.actionClip} is evaluated where it was clipped to.
 */
public final class ExactLikelihood {
    /** Largest action dimension handled: the divergence costs one forward-mode tangent per dimension. */
    public static final int MAX_ACTION_DIM = 6;

    /** RK4 steps used unless told otherwise. */
    public static final int DEFAULT_STEPS = 256;

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private ExactLikelihood() {
    }

    /**
     * One action's exact log-density.
     *
     * @param logDensity         {@code log p_1(a)}
     * @param noise              the path's start {@code x_0}
     * @param divergenceIntegral {@code ∫_0^1 div v(x_τ, τ) dτ} along the path
     */
    public record Result(double logDensity, double[] noise, double divergenceIntegral) {
    }

    /**
     * Checks that runs of {@code algorithm} with {@code actDim}-dimensional actions have an exact likelihood here.
     *
     * @throws IllegalArgumentException naming the value and what is allowed, when they do not
     */
    public static void requireSupported(Algorithm algorithm, int actDim) {
        if (algorithm != Algorithm.FPO) {
            throw new IllegalArgumentException("the run's algorithm is " + algorithm.name().toLowerCase(java.util.Locale.ROOT)
                    + ", whose policy is not an FPO flow sampled by an ODE; allowed: fpo");
        }
        if (actDim < 1 || actDim > MAX_ACTION_DIM) {
            throw new IllegalArgumentException("the run's actions have " + actDim + " dimensions; allowed: 1.."
                    + MAX_ACTION_DIM + " (the exact divergence takes one tangent per dimension)");
        }
    }

    /**
     * {@code log p_1(a)} of {@code field}'s flow from N(0, I), by {@code steps} RK4 steps from τ = 1 back to τ = 0.
     *
     * @param a     the action, {@code [d]}
     * @param steps RK4 steps, ≥ 1
     */
    public static Result logDensity(VelocityField field, double[] a, int steps) {
        int d = field.dim();
        if (a.length != d) {
            throw new IllegalArgumentException("action has " + a.length + " values; the field has " + d + " dimensions");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        if (d > MAX_ACTION_DIM) {
            throw new IllegalArgumentException("the field has " + d + " dimensions; allowed: 1.." + MAX_ACTION_DIM);
        }
        double h = -1.0 / steps;
        double[] x = a.clone();
        double[] k1 = new double[d];
        double[] k2 = new double[d];
        double[] k3 = new double[d];
        double[] k4 = new double[d];
        double[] y = new double[d];
        // logJ(τ) = ∫_1^τ div v ds; at τ = 0 it is −∫_0^1 div v dτ.
        double logJ = 0;
        for (int s = 0; s < steps; s++) {
            double tau = 1.0 + s * h;
            double g1 = field.velocity(x, tau, k1);
            for (int i = 0; i < d; i++) {
                y[i] = x[i] + 0.5 * h * k1[i];
            }
            double g2 = field.velocity(y, tau + 0.5 * h, k2);
            for (int i = 0; i < d; i++) {
                y[i] = x[i] + 0.5 * h * k2[i];
            }
            double g3 = field.velocity(y, tau + 0.5 * h, k3);
            for (int i = 0; i < d; i++) {
                y[i] = x[i] + h * k3[i];
            }
            // The last stage lands on τ = 0 exactly rather than on an accumulated 1 + steps·h.
            double g4 = field.velocity(y, s == steps - 1 ? 0.0 : tau + h, k4);
            for (int i = 0; i < d; i++) {
                x[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            }
            logJ += h / 6 * (g1 + 2 * g2 + 2 * g3 + g4);
        }
        double sq = 0;
        for (double v : x) {
            sq += v * v;
        }
        double logNoise = -0.5 * (d * LOG_2PI + sq);
        return new Result(logNoise + logJ, x, -logJ);
    }

    /**
     * Exact log-densities of actions {@code act} ({@code [n·actDim]}, raw) at states {@code obs} ({@code [n·obsDim]},
     * as the policy sees them) for the transitions {@code idx}, in that order.
     */
    public static double[] logDensities(FlowField field, float[] obs, float[] act, int[] idx, int steps) {
        int d = field.actDim();
        double[] out = new double[idx.length];
        double[] a = new double[d];
        for (int k = 0; k < idx.length; k++) {
            for (int i = 0; i < d; i++) {
                a[i] = act[idx[k] * d + i];
            }
            out[k] = logDensity(field.at(obs, idx[k]), a, steps).logDensity();
        }
        return out;
    }
}
