package io.fpolab.core;

import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig.Algorithm;
import io.fpolab.config.ExperimentConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Small configs for engine tests, independent of the config files, built by setting name through the schema, so
 * every one is validated as a config file is (no positional constructors).
 */
public final class TestConfigs {
    /**
     * The starting std of the authors' Playground Gaussian PPO: its std head is {@code softplus(s) + 0.001}
     * with the output layer's bias at 0 ({@code playground/src/flow_policy/networks.py},
     * {@code gaussian_policy_fwd} and {@code mlp_init} in akanazawa/fpo), so σ starts at ln 2 + 0.001.
     */
    public static final double AUTHORS_INIT_STD = Math.log(2) + 0.001;

    /** Every setting of {@link #base}, by its dotted name. */
    private static final Map<String, Object> BASE = new LinkedHashMap<>();

    static {
        Object[] settings = {
            "name", "test", "description", "", "seed", 0L,
            "env.id", "gridworld", "env.layout", "two_bands", "env.numEnvs", 16, "env.maxSteps", 0,
            "env.actionTransform", "clip", "env.integration", "dm_control", "env.staggerStarts", false,
            "actor.hidden", List.of(8, 8), "actor.activation", "tanh",
            "critic.hidden", List.of(8, 8), "critic.activation", "tanh",
            "flow.timeEmbedding", "raw", "flow.outputScale", 1.0, "flow.sampler", "euler", "flow.steps", 4,
            "flow.samplerNoise", 0.1, "flow.zeroNoiseStart", false, "flow.evalSampler", "euler",
            "flow.evalZeroNoiseStart", false, "flow.nMc", 3, "flow.lossMode", "u_mse", "flow.tauSampling", "uniform",
            "flow.ratio", "mean_exp", "flow.ratioClamp", 3.0, "flow.trustRegion", "ppo_clip", "flow.cfmAnchor", 0.0,
            "flow.actionClip", 0.0,
            "gaussian.std", "fixed", "gaussian.initStd", 0.7071, "gaussian.tanhSquash", false,
            "gaussian.entropyCoef", 0.0, "gaussian.entropy", "pre_tanh", "gaussian.evalMean", false,
            "dppo.sigma", 0.3,
            "ppo.totalSteps", 10_000L, "ppo.stepsPerEnv", 16, "ppo.epochs", 2, "ppo.minibatches", 2, "ppo.clip", 0.2,
            "ppo.gamma", 0.99, "ppo.gaeLambda", 0.95, "ppo.lr", 3e-4, "ppo.criticLr", 3e-4, "ppo.lrSchedule", "constant",
            "ppo.maxGradNorm", 0.5, "ppo.targetKl", 0.0, "ppo.advantageNorm", "batch", "ppo.jointOptimizer", false,
            "ppo.valueCoef", 0.5, "ppo.obsNorm", false, "ppo.rewardScale", 1.0, "ppo.noiseCorrelation", 0.0,
            "ppo.advantageStdFloor", 0.0, "ppo.shards", 1, "ppo.threads", 1,
            "eval.every", 0, "eval.episodes", 10,
        };
        for (int i = 0; i < settings.length; i += 2) {
            BASE.put((String) settings[i], settings[i + 1]);
        }
    }

    private TestConfigs() {
    }

    /** A tiny GridWorld experiment of {@code algorithm}. */
    public static ExperimentConfig base(Algorithm algorithm) {
        return ConfigSchema.fromMap(withAlgorithm(algorithm));
    }

    private static Map<String, Object> withAlgorithm(Algorithm algorithm) {
        Map<String, Object> m = new LinkedHashMap<>(BASE);
        m.put("algorithm", text(algorithm));
        return m;
    }

    /**
     * {@code config} with settings changed by name ({@code "flow.nMc", 8, "actor.hidden", List.of(32, 32), …}),
     * validated by the schema; enum values may be given as constants.
     */
    public static ExperimentConfig with(ExperimentConfig config, Object... nameValuePairs) {
        if (nameValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("settings come in name, value pairs");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            m.put((String) nameValuePairs[i], text(nameValuePairs[i + 1]));
        }
        return ConfigSchema.withOverrides(config, m);
    }

    /** A value as a config file or {@code --set} would write it. */
    private static String text(Object v) {
        return v instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : String.valueOf(v);
    }
}
