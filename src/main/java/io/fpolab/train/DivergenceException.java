package io.fpolab.train;

/**
 * Training produced NaN or infinity (loss, gradient, parameters, actions or rewards). When
 * {@link Trainer#iterate()} throws it, the trainer is already back at the state from the start of the
 * failing iteration, so the caller can lower the learning rate and continue.
 */
public class DivergenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int iteration;
    private final String reason;

    /**
     * @param iteration the 1-based iteration that failed (as in {@link IterationStats#iteration()})
     * @param reason what became non-finite, e.g. "policy loss is NaN"
     */
    public DivergenceException(int iteration, String reason) {
        super("Training diverged at iteration " + iteration + ": " + reason);
        this.iteration = iteration;
        this.reason = reason;
    }

    public int iteration() {
        return iteration;
    }

    public String reason() {
        return reason;
    }
}
