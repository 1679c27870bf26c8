package io.fpolab.core.rl;

public enum TrustRegion { PPO_CLIP, ASPO }
