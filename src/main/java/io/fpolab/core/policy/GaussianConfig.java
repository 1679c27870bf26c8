package io.fpolab.core.policy;

/**
 * @param std         fixed std, learned state-independent log-std, or state-dependent softplus std
 * @param initStd     the fixed std, or the initial std of the learned ones (GridWorld: sqrt(0.5))
 * @param tanhSquash  squash sampled actions with tanh before the env (log-det corrected)
 * @param entropyCoef entropy bonus weight
 * @param entropy     the entropy the bonus rewards: the pre-tanh Gaussian's or the squashed action's
 * @param evalMean    evaluate with the mean action instead of a sample
 */
public record GaussianConfig(StdMode std, double initStd, boolean tanhSquash, double entropyCoef,
        GaussianEntropy entropy, boolean evalMean) {
}
