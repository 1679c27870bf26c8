package io.fpolab.core.policy;

public enum Sampler { EULER, MIDPOINT, EULER_MARUYAMA }
