package io.fpolab.core.policy;

import io.fpolab.core.rl.RatioMode;
import io.fpolab.core.rl.TrustRegion;

/**
 * Flow policy (FPO) settings; {@code sampler}/{@code steps}/{@code timeEmbedding}/{@code outputScale}
 * also shape DPPO's network and chain.
 *
 * @param timeEmbedding      τ fed raw (1 input) or as the 8-dim sinusoidal embedding
 * @param outputScale        velocity output multiplier (Playground: 0.25)
 * @param sampler            rollout sampler
 * @param steps              integration steps K
 * @param samplerNoise       σ of the Euler–Maruyama sampler
 * @param zeroNoiseStart     start sampling from ε = 0 instead of N(0, I) during rollouts
 * @param evalSampler        sampler for evaluation and analysis
 * @param evalZeroNoiseStart start evaluation sampling from ε = 0
 * @param nMc                (τ, ε) pairs per action
 * @param lossMode           CFM loss per pair
 * @param tauSampling        τ of the stored pairs: uniform in [0,1) or uniform over the sampler grid
 * @param ratio              how per-pair losses make the ratio
 * @param ratioClamp         clamp bound of the CLAMPED ratio (authors' GridWorld code: 3)
 * @param trustRegion        PPO clip or ASPO
 * @param cfmAnchor          weight of the CFM loss on the policy's own rollout actions added to FPO's loss
 * @param actionClip         bound on each component of FPO's sampled (pre-transform) action; 0 disables
 */
public record FlowConfig(TimeEmbedding timeEmbedding, double outputScale, Sampler sampler, int steps,
        double samplerNoise, boolean zeroNoiseStart, Sampler evalSampler, boolean evalZeroNoiseStart,
        int nMc, CfmLoss lossMode, TauSampling tauSampling, RatioMode ratio, double ratioClamp,
        TrustRegion trustRegion, double cfmAnchor, double actionClip) {
}
