package io.fpolab.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Immutable metrics of one training iteration, published to listeners (UI, CSV writer). Values that
 * do not apply are NaN (e.g. {@code cfmLoss} for Gaussian PPO, {@code returnMean} when no episode ended).
 *
 * @param learningRate the rate the policy stepped with this iteration: the schedule's rate, shrunk by
 *        {@code ppo.advantageStdFloor} when the advantages are quiet (a separate critic keeps its own rate)
 * @param evaluation extra metrics from an evaluation run at this iteration (empty otherwise), in a stable order
 */
public record IterationStats(
        int iteration,
        long envSteps,
        double wallSeconds,
        int episodes,
        double returnMean,
        double lengthMean,
        double trainSuccessRate,
        double policyLoss,
        double valueLoss,
        double ratioMean,
        double ratioMin,
        double ratioMax,
        double clipFraction,
        double approxKl,
        double explainedVariance,
        double advantageStd,
        double cfmLoss,
        double entropy,
        double gradNorm,
        double learningRate,
        double stepsPerSecond,
        double rolloutSeconds,
        double updateSeconds,
        Map<String, Double> evaluation) {

    public IterationStats {
        evaluation = Collections.unmodifiableMap(new LinkedHashMap<>(evaluation));
    }

    /** Column names of {@link #values()}, for CSV headers and metric pickers. */
    public static final String[] COLUMNS = {"iteration", "env_steps", "wall_seconds", "episodes", "return_mean",
        "length_mean", "train_success_rate", "policy_loss", "value_loss", "ratio_mean", "ratio_min", "ratio_max",
        "clip_fraction", "approx_kl", "explained_variance", "advantage_std", "cfm_loss", "entropy", "grad_norm",
        "learning_rate", "steps_per_second", "rollout_seconds", "update_seconds"};

    /** The scalar metrics in {@link #COLUMNS} order. */
    public double[] values() {
        return new double[] {iteration, envSteps, wallSeconds, episodes, returnMean, lengthMean, trainSuccessRate,
            policyLoss, valueLoss, ratioMean, ratioMin, ratioMax, clipFraction, approxKl, explainedVariance,
            advantageStd, cfmLoss, entropy, gradNorm, learningRate, stepsPerSecond, rolloutSeconds, updateSeconds};
    }

    /** The inverse of {@link #values()}: scalars in {@link #COLUMNS} order plus the evaluation metrics. */
    public static IterationStats of(double[] v, Map<String, Double> evaluation) {
        if (v.length != COLUMNS.length) {
            throw new IllegalArgumentException(v.length + " values for " + COLUMNS.length + " columns");
        }
        return new IterationStats((int) v[0], (long) v[1], v[2], (int) v[3], v[4], v[5], v[6], v[7], v[8], v[9],
                v[10], v[11], v[12], v[13], v[14], v[15], v[16], v[17], v[18], v[19], v[20], v[21], v[22], evaluation);
    }
}
