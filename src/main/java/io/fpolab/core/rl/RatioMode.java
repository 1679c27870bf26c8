package io.fpolab.core.rl;

public enum RatioMode { MEAN_EXP, CLAMPED, PER_SAMPLE }
