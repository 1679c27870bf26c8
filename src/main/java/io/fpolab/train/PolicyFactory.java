package io.fpolab.train;

import io.fpolab.config.ExperimentConfig;
import io.fpolab.core.math.Rng;
import io.fpolab.core.policy.DppoPolicy;
import io.fpolab.core.policy.FlowPolicy;
import io.fpolab.core.policy.GaussianPolicy;
import io.fpolab.core.policy.Policy;
import org.nd4j.linalg.api.buffer.DataType;

/** Builds the policy an experiment asks for: the one place an {@link ExperimentConfig} becomes a policy. */
public final class PolicyFactory {
    private PolicyFactory() {
    }

    public static Policy create(ExperimentConfig cfg, int obsDim, int actDim, DataType dtype, Rng rng) {
        return switch (cfg.algorithm()) {
            case FPO -> new FlowPolicy(obsDim, actDim, cfg.actor(), cfg.flow(), dtype, rng);
            case GAUSSIAN_PPO -> new GaussianPolicy(obsDim, actDim, cfg.actor(), cfg.gaussian(), dtype, rng);
            case DPPO -> new DppoPolicy(obsDim, actDim, cfg.actor(), cfg.flow(), cfg.dppo().sigma(), dtype, rng);
        };
    }
}
