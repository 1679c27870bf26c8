package io.fpolab.ui.paint;

/**
 * Where sampled GridWorld actions move the agent after the env's mapping
 * {@code rint(clip(a, −1, 1))}: fractions per axis (up/stay/down on y, right/stay/left on x).
 */
public record MoveSummary(double up, double stayY, double down, double right, double stayX, double left) {
}
