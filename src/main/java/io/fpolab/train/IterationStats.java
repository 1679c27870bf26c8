package io.fpolab.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Immutable metrics of one training iteration, published to listeners (UI, CSV writer). Values that
 * do not apply are NaN (e.g. {@code cfmLoss} for Gaussian PPO, {@code returnMean} when no episode ended).
 *
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
        "clip_fraction", "approx_kl", "explained_variance", "cfm_loss", "entropy", "grad_norm", "learning_rate",
        "steps_per_second", "rollout_seconds", "update_seconds"};

    /** The scalar metrics in {@link #COLUMNS} order. */
    public double[] values() {
        return new double[] {iteration, envSteps, wallSeconds, episodes, returnMean, lengthMean, trainSuccessRate,
            policyLoss, valueLoss, ratioMean, ratioMin, ratioMax, clipFraction, approxKl, explainedVariance, cfmLoss,
            entropy, gradNorm, learningRate, stepsPerSecond, rolloutSeconds, updateSeconds};
    }
}
