package io.fpolab.config;

import io.fpolab.core.nn.NetworkConfig;
import io.fpolab.core.policy.FlowConfig;
import io.fpolab.core.policy.GaussianConfig;

/**
 * One experiment, immutable and validated: what {@code sample-configs/*.json}, the CLI and the lab's
 * experiment panel all read and write. JSON keys are the record component names; enum values are
 * written in lower snake case ({@code "gaussian_ppo"}, {@code "u_mse"}).
 *
 * <p>Construct through {@link ConfigIO} (files) or {@link ConfigSchema} (validated maps, also what tests use):
 * they check every field and the rules between fields; the records themselves check nothing. What each component
 * means, its default and what it allows is written once, in the rule table {@link ConfigSchema#fields()} (and so
 * in {@code docs/config-reference.md}).
 */
public record ExperimentConfig(
        String name,
        String description,
        long seed,
        Algorithm algorithm,
        EnvConfig env,
        NetworkConfig actor,
        NetworkConfig critic,
        FlowConfig flow,
        GaussianConfig gaussian,
        DppoConfig dppo,
        PpoConfig ppo,
        EvalConfig eval) {

    public enum Algorithm { FPO, GAUSSIAN_PPO, DPPO }

    public enum LrSchedule { CONSTANT, LINEAR, WARMUP_LINEAR }

    public enum AdvantageNorm { BATCH, MINIBATCH, NONE }

    public enum ActionTransform { CLIP, TANH }

    public enum Integration { DM_CONTROL, PLAYGROUND }

    public record EnvConfig(String id, String layout, String layoutFile, int numEnvs, int maxSteps,
            ActionTransform actionTransform, Integration integration, boolean staggerStarts) {

        /** The same environment with another number of copies (evaluation steps its own batch). */
        public EnvConfig withNumEnvs(int n) {
            return new EnvConfig(id, layout, layoutFile, n, maxSteps, actionTransform, integration, staggerStarts);
        }
    }

    public record DppoConfig(double sigma) {
    }

    public record PpoConfig(long totalSteps, int stepsPerEnv, int epochs, int minibatches, double clip,
            double gamma, double gaeLambda, double lr, double criticLr, LrSchedule lrSchedule, double maxGradNorm,
            double targetKl, AdvantageNorm advantageNorm, boolean jointOptimizer, double valueCoef, boolean obsNorm,
            double rewardScale, double noiseCorrelation, double advantageStdFloor, int shards, int criticShards,
            int threads) {
    }

    public record EvalConfig(int every, int episodes) {
    }
}
