package io.fpolab.env.control;

/**
 * MuJoCo Playground's integration of the dm_control tasks: explicit Euler on the velocities with the
 * positions advanced by the new velocities (semi-implicit, or symplectic, Euler), repeated over
 * sub-steps. Per sub-step of length h, with {@code q̈ = M⁻¹(τ − c(q, q̇) − B·q̇)} from the
 * {@link Derivative} (damping explicit, unlike MuJoCo's Euler):
 * <pre>
 *   q̇ ← q̇ + h·q̈(q, q̇)
 *   q  ← q + h·q̇
 * </pre>
 * The state is {@code [q (nq values), q̇ (nq values)]} at an offset; values after it are left alone.
 * Owns its scratch arrays.
 */
final class SemiImplicitEuler {
    private final int nq;
    private final Derivative f;
    private final double[] y;
    private final double[] dydt;

    SemiImplicitEuler(int nq, Derivative f) {
        this.nq = nq;
        this.f = f;
        y = new double[2 * nq];
        dydt = new double[2 * nq];
    }

    /** Advances {@code s[off .. off + 2·nq)} in place by {@code substeps} steps of {@code h}. */
    void stepInPlace(double[] s, int off, double h, int substeps) {
        for (int k = 0; k < substeps; k++) {
            System.arraycopy(s, off, y, 0, 2 * nq);
            f.apply(y, dydt);
            for (int j = 0; j < nq; j++) {
                double v = y[nq + j] + h * dydt[nq + j];
                s[off + nq + j] = v;
                s[off + j] = y[j] + h * v;
            }
        }
    }
}
