package io.fpolab.core.nn;

public enum Activation { RELU, TANH, SILU }
