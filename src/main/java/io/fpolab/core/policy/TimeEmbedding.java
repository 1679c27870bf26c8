package io.fpolab.core.policy;

public enum TimeEmbedding { RAW, SINUSOIDAL }
