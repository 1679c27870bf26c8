package io.fpolab.env.control;

/**
 * Rigid-body terms of a planar two-link chain with hinges at the base (θ1) and the elbow (θ2, relative
 * to link 1), angles measured from the "up" direction of gravity:
 * <pre>
 *   M11 = I1 + I2 + m2·l1² + 2·m2·l1·lc2·cos θ2,   M12 = I2 + m2·l1·lc2·cos θ2,   M22 = I2
 *   c1  = −m2·l1·lc2·sin θ2·(2·θ̇1·θ̇2 + θ̇2²) − g1·sin θ1 − g2·sin(θ1 + θ2)
 *   c2  =  m2·l1·lc2·sin θ2·θ̇1²                 − g2·sin(θ1 + θ2)
 * </pre>
 * so that {@code M·θ̈ = τ − c − B·θ̇}. I1 and I2 are the inertias about each link's own joint;
 * g1 = (m1·lc1 + m2·l1)·g and g2 = m2·lc2·g (both 0 for an arm moving in a horizontal plane).
 */
final class TwoLinkArm {
    private final double i1;
    private final double i2;
    private final double m2l1Sq;
    private final double h;
    private final double g1;
    private final double g2;

    TwoLinkArm(double i1, double i2, double m1, double lc1, double m2, double l1, double lc2, double gravity) {
        this.i1 = i1;
        this.i2 = i2;
        this.m2l1Sq = m2 * l1 * l1;
        this.h = m2 * l1 * lc2;
        this.g1 = (m1 * lc1 + m2 * l1) * gravity;
        this.g2 = m2 * lc2 * gravity;
    }

    /** Writes the symmetric mass matrix as {@code {M11, M12, M22}}. */
    void massMatrix(double th2, double[] m) {
        double c2 = Math.cos(th2);
        m[0] = i1 + i2 + m2l1Sq + 2 * h * c2;
        m[1] = i2 + h * c2;
        m[2] = i2;
    }

    /** Writes the bias forces {@code {c1, c2}} (Coriolis, centrifugal and gravity). */
    void bias(double th1, double th2, double w1, double w2, double[] c) {
        double hs2 = h * Math.sin(th2);
        double gTip = g2 * Math.sin(th1 + th2);
        c[0] = -hs2 * (2 * w1 * w2 + w2 * w2) - g1 * Math.sin(th1) - gTip;
        c[1] = hs2 * w1 * w1 - gTip;
    }

    /**
     * Solves the 2×2 symmetric system {@code {a, b; b, d}·x = r} into {@code out}; the mass matrix is
     * positive definite, so the determinant never vanishes.
     */
    static void solve(double a, double b, double d, double r0, double r1, double[] out) {
        double det = a * d - b * b;
        out[0] = (d * r0 - b * r1) / det;
        out[1] = (a * r1 - b * r0) / det;
    }
}
