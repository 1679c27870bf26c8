package io.fpolab.core.policy;

public enum TauSampling { UNIFORM, GRID }
