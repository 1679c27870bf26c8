package io.fpolab.env;

/**
 * Static facts about an environment.
 *
 * @param id          registry id ("gridworld", "cartpole-swingup", ...)
 * @param obsDim      observation size
 * @param actDim      action size
 * @param maxSteps    truncation horizon (episode length limit)
 * @param maxReturn   best achievable return if known, else NaN (for plot ranges)
 * @param actionHigh  symmetric action bound the env clips to (1 for all shipped envs)
 */
public record EnvSpec(String id, int obsDim, int actDim, int maxSteps, double maxReturn, double actionHigh) {
}
