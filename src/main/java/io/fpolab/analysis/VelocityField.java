package io.fpolab.analysis;

/**
 * A time-dependent velocity field {@code v(x, τ)} on {@code R^d} together with its divergence
 * {@code div v = tr ∂v/∂x}: all that the instantaneous change of variables needs to turn a flow into a
 * density ({@link ExactLikelihood}). Implementations may keep scratch buffers, so one instance serves one
 * thread.
 */
public interface VelocityField {
    /** The dimension d of x. */
    int dim();

    /**
     * Writes {@code v(x, τ)} into {@code vOut} ({@code [d]}) and returns {@code tr ∂v/∂x} at {@code (x, τ)}.
     *
     * @param x   the point, {@code [d]}; not modified
     * @param tau flow time (τ = 0 noise, τ = 1 data)
     */
    double velocity(double[] x, double tau, double[] vOut);
}
