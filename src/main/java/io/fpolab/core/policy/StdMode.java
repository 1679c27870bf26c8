package io.fpolab.core.policy;

public enum StdMode { FIXED, LEARNED, STATE_DEPENDENT }
