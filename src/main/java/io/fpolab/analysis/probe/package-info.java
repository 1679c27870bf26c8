/**
 * Trainer-thread probes: small functions that read a policy, critic or environment through the
 * trainer (inside {@code TrainingRun.submit}, or directly in the headless figure command) and return
 * immutable data for the painters. No JavaFX here.
 */
package io.fpolab.analysis.probe;
