package io.fpolab.core.policy;

/**
 * Which entropy Gaussian PPO's bonus rewards: that of the Gaussian over the raw action u (closed form;
 * with tanh on the action it keeps rewarding a wider σ long after tanh(u) is saturated at ±1), or
 * that of the action the env receives, tanh(u): the Gaussian entropy plus E[log(1 − tanh(u)²)],
 * estimated from one reparameterized sample per transition (the authors' Playground PPO).
 */
public enum GaussianEntropy { PRE_TANH, SQUASHED }
