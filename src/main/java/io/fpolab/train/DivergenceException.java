package io.fpolab.train;

/** Training produced NaN or infinity (loss, gradient, parameters or actions); the run must stop or roll back. */
public class DivergenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DivergenceException(String message) {
        super(message);
    }
}
