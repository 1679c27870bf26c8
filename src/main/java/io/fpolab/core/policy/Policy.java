package io.fpolab.core.policy;

import io.fpolab.core.math.Rng;
import io.fpolab.core.nn.ParamSet;

/**
 * What the PPO trainer needs from a policy: sample during rollouts, remember what θ_old needs, and
 * give the surrogate loss and its gradient for a minibatch. {@link FlowPolicy} (FPO),
 * {@link GaussianPolicy} and {@link DppoPolicy} are siblings behind this interface, so one trainer,
 * config and UI drive all three — the difference between the classes is the paper's contribution.
 *
 * <p>Observations passed in are already normalized; arrays are row-major ({@code [n·obsDim]},
 * {@code [n·actDim]}). Actions are the policy's raw (pre-squash) outputs; the trainer maps them to
 * the env. Not thread-safe: one trainer thread owns a policy.
 */
public interface Policy {
    int obsDim();

    int actDim();

    /** All trainable parameters (and gradients) of the policy. */
    ParamSet params();

    /** Prepares per-transition storage for a rollout of {@code batch} transitions. */
    default void beginRollout(int batch) {
    }

    /**
     * Samples actions for {@code n} observations with the rollout sampler, writes them to
     * {@code actOut} and keeps whatever the ratio needs for transitions {@code first … first+n−1}.
     * {@code noise} is the source noise of each row ({@code [n·actDim]}, N(0, I) per row), or null to draw it.
     */
    default void sampleForRollout(float[] obs, int n, float[] noise, Rng rng, float[] actOut, int first) {
        float[] a = sample(obs, n, noise, rng, false, null);
        System.arraycopy(a, 0, actOut, 0, a.length);
    }

    /** After the rollout: computes the θ_old quantities (log-probs or CFM losses) for all transitions. */
    void finishRollout(float[] obs, float[] act, int batch, Rng rng);

    /**
     * Makes this policy compute what {@code source} computes on any minibatch: copies its parameters and
     * shares its θ_old state (read-only until the next rollout). The trainer's gradient shards are such
     * mirrors, each owning its gradient buffers and caches, so shards can run on different threads.
     *
     * @param source a policy of the same class built from the same config
     */
    void mirror(Policy source);

    /**
     * Surrogate loss for transitions {@code idx} with advantages {@code adv} (aligned with idx);
     * overwrites {@code params().grads()} with its gradient.
     */
    UpdateStats lossAndGrad(float[] obs, float[] act, int[] idx, float[] adv, double clip);

    /**
     * Samples one action per observation row ({@code rows} rows) for analysis and evaluation.
     *
     * @param eval use the evaluation sampler (else the rollout sampler)
     * @param path if not null and the policy integrates a flow, receives x_0…x_K ({@code [rows·actDim]} each);
     *             must have length {@link #pathLength()}
     */
    default float[] sample(float[] obs, int rows, Rng rng, boolean eval, float[][] path) {
        return sample(obs, rows, null, rng, eval, path);
    }

    /**
     * As {@link #sample(float[], int, Rng, boolean, float[][])}, from given source noise: the flow's starting
     * point x_0 (FPO, DPPO) or the Gaussian's ξ in μ + σ·ξ ({@code [rows·actDim]}; null draws it from
     * {@code rng}). A zero-noise start or the Gaussian's mean ignores it.
     */
    float[] sample(float[] obs, int rows, float[] noise, Rng rng, boolean eval, float[][] path);

    /**
     * Standard normals per row that {@link #sample(float[], int, Rng, boolean, float[][])} draws from its
     * {@code rng} when that source noise is all the randomness it uses (0 when it draws none: a zero-noise start
     * or the Gaussian's mean), or −1 when its sampler also draws while integrating. When it is not −1 a caller
     * may draw the noise itself, in the same order, and sample pieces of the rows on different threads with the
     * same results.
     */
    int sourceDraws(boolean eval);

    /** Number of arrays a sampling path has (K+1 for flows, 2 for a Gaussian: noise and action). */
    int pathLength();

    /** Loss and diagnostics of one minibatch. {@code cfmLoss} is NaN for Gaussian PPO, {@code entropy} NaN for flows. */
    record UpdateStats(double policyLoss, double ratioMean, double ratioMin, double ratioMax, double clipFraction,
            double approxKl, double cfmLoss, double entropy) {
    }
}
