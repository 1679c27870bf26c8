package io.fpolab.core;

import io.fpolab.config.ExperimentConfig.*;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.core.nn.Activation;
import io.fpolab.core.nn.NetworkConfig;
import io.fpolab.core.policy.CfmLoss;
import io.fpolab.core.policy.FlowConfig;
import io.fpolab.core.policy.GaussianConfig;
import io.fpolab.core.policy.GaussianEntropy;
import io.fpolab.core.policy.Sampler;
import io.fpolab.core.policy.StdMode;
import io.fpolab.core.policy.TauSampling;
import io.fpolab.core.policy.TimeEmbedding;
import io.fpolab.core.rl.RatioMode;
import io.fpolab.core.rl.TrustRegion;
import java.util.List;

/** Small hand-built configs for engine tests (independent of the config files). */
public final class TestConfigs {
    private TestConfigs() {
    }

    public static ExperimentConfig base(Algorithm algorithm) {
        return new ExperimentConfig("test", "", 0, algorithm,
                new EnvConfig("gridworld", "two_bands", null, 16, 0, ActionTransform.CLIP, Integration.DM_CONTROL, false),
                new NetworkConfig(List.of(8, 8), Activation.TANH),
                new NetworkConfig(List.of(8, 8), Activation.TANH),
                new FlowConfig(TimeEmbedding.RAW, 1.0, Sampler.EULER, 4, 0.1, false, Sampler.EULER, false, 3,
                        CfmLoss.U_MSE, TauSampling.UNIFORM, RatioMode.MEAN_EXP, 3.0, TrustRegion.PPO_CLIP, 0.0, 0.0),
                new GaussianConfig(StdMode.FIXED, 0.7071, false, 0.0, GaussianEntropy.PRE_TANH, false),
                new DppoConfig(0.3),
                new PpoConfig(10_000, 16, 2, 2, 0.2, 0.99, 0.95, 3e-4, 3e-4, LrSchedule.CONSTANT, 0.5, 0.0,
                        AdvantageNorm.BATCH, false, 0.5, false, 1.0, 0.0, 0.0, 1, 1),
                new EvalConfig(0, 10));
    }

    public static ExperimentConfig withFlow(ExperimentConfig c, FlowConfig f) {
        return new ExperimentConfig(c.name(), c.description(), c.seed(), c.algorithm(), c.env(), c.actor(), c.critic(),
                f, c.gaussian(), c.dppo(), c.ppo(), c.eval());
    }

    public static ExperimentConfig withGaussian(ExperimentConfig c, GaussianConfig g) {
        return new ExperimentConfig(c.name(), c.description(), c.seed(), c.algorithm(), c.env(), c.actor(), c.critic(),
                c.flow(), g, c.dppo(), c.ppo(), c.eval());
    }

    public static FlowConfig flow(FlowConfig f, CfmLoss loss, RatioMode ratio, TrustRegion tr, TimeEmbedding emb) {
        return new FlowConfig(emb, f.outputScale(), f.sampler(), f.steps(), f.samplerNoise(), f.zeroNoiseStart(),
                f.evalSampler(), f.evalZeroNoiseStart(), f.nMc(), loss, f.tauSampling(), ratio, f.ratioClamp(), tr, f.cfmAnchor(), f.actionClip());
    }
}
