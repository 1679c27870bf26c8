package io.fpolab.env.control;

/**
 * The time derivative {@code dy/dt = f(y)} of a state {@code y = [q, q̇]} of fixed size, with the control
 * held constant: {@code dydt = [q̇, q̈]}. {@link Rk4} and {@link SemiImplicitEuler} integrate it.
 */
interface Derivative {
    void apply(double[] y, double[] dydt);
}
