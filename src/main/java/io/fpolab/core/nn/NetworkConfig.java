package io.fpolab.core.nn;

import java.util.List;

/** @param hidden hidden layer widths, e.g. [64, 64]; @param activation hidden nonlinearity */
public record NetworkConfig(List<Integer> hidden, Activation activation) {
    public NetworkConfig {
        hidden = List.copyOf(hidden);
    }
}
