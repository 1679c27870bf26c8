package io.fpolab.env.control;

/**
 * Classic fourth-order Runge–Kutta step with the control held constant over the step, as MuJoCo's
 * {@code RK4} integrator does for the cartpole and acrobot models. Owns its scratch arrays.
 */
final class Rk4 {
    private final Derivative f;
    private final double[] y0;
    private final double[] y;
    private final double[] k1;
    private final double[] k2;
    private final double[] k3;
    private final double[] k4;

    Rk4(int dim, Derivative f) {
        this.f = f;
        y0 = new double[dim];
        y = new double[dim];
        k1 = new double[dim];
        k2 = new double[dim];
        k3 = new double[dim];
        k4 = new double[dim];
    }

    /** Advances {@code s[off .. off + dim)} in place by {@code h}. */
    void stepInPlace(double[] s, int off, double h) {
        int n = y0.length;
        System.arraycopy(s, off, y0, 0, n);
        f.apply(y0, k1);
        for (int j = 0; j < n; j++) {
            y[j] = y0[j] + 0.5 * h * k1[j];
        }
        f.apply(y, k2);
        for (int j = 0; j < n; j++) {
            y[j] = y0[j] + 0.5 * h * k2[j];
        }
        f.apply(y, k3);
        for (int j = 0; j < n; j++) {
            y[j] = y0[j] + h * k3[j];
        }
        f.apply(y, k4);
        for (int j = 0; j < n; j++) {
            s[off + j] = y0[j] + h / 6.0 * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]);
        }
    }
}
