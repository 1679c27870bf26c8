package io.fpolab.core.policy;

import io.fpolab.config.ExperimentConfig;
import io.fpolab.core.math.Rng;
import org.nd4j.linalg.api.buffer.DataType;

/** Builds the policy an experiment asks for. */
public final class Policies {
    /**
     * Output-layer gain at init of flow policies (FPO, DPPO). A near-zero velocity field makes a fresh
     * flow policy output its noise, N(0, I), at every state: symmetric, so no goal is favoured before
     * learning starts — which matters for the bimodal split at GridWorld's saddle cells.
     */
    public static final double FLOW_OUTPUT_GAIN = 0.01;

    /**
     * Output-layer gain at init of the Gaussian mean: 1, PyTorch's default {@code nn.Linear} init as in
     * the authors' GridWorld baseline.
     */
    public static final double GAUSSIAN_OUTPUT_GAIN = 1.0;

    private Policies() {
    }

    public static Policy create(ExperimentConfig cfg, int obsDim, int actDim, DataType dtype, Rng rng) {
        return switch (cfg.algorithm()) {
            case FPO -> new FlowPolicy(obsDim, actDim, cfg.actor(), cfg.flow(), dtype, rng);
            case GAUSSIAN_PPO -> new GaussianPolicy(obsDim, actDim, cfg.actor(), cfg.gaussian(), dtype, rng);
            case DPPO -> new DppoPolicy(obsDim, actDim, cfg.actor(), cfg.flow(), cfg.dppo().sigma(), dtype, rng);
        };
    }

    /** {@code [from, from+1, …, to−1]}. */
    public static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
