package io.fpolab.env.control;

import static io.fpolab.config.ExperimentConfig.Integration.DM_CONTROL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.core.math.Rng;
import org.junit.jupiter.api.Test;

class PointMassTest {
    private static final double H = 0.02;
    private static final double RATIO = 0.3 / (0.3 + H);

    /**
     * With u = 0 the implicit-damping scheme gives v_n = v0·r^n with r = 0.3/(0.3 + h) exactly, and
     * x_n = x0 + h·v0·(r + r² + … + r^n) = x0 + h·v0·r·(1 − r^n)/(1 − r).
     */
    @Test
    void zeroControlMatchesTheExactDampedDiscreteSolution() {
        PointMass env = new PointMass(1, DM_CONTROL);
        double x0 = -0.2;
        double y0 = 0.1;
        double vx0 = 0.3;
        double vy0 = -0.1;
        env.setState(0, new double[] {x0, y0, vx0, vy0});
        Rng rng = new Rng(0);
        for (int n = 1; n <= 200; n++) {
            env.step(new float[] {0, 0}, rng);
            double rn = Math.pow(RATIO, n);
            double sum = RATIO * (1 - rn) / (1 - RATIO);
            double[] s = env.state(0);
            assertEquals(x0 + H * vx0 * sum, s[0], 1e-12, "x at step " + n);
            assertEquals(y0 + H * vy0 * sum, s[1], 1e-12, "y at step " + n);
            assertEquals(vx0 * rn, s[2], 1e-12, "vx at step " + n);
            assertEquals(vy0 * rn, s[3], 1e-12, "vy at step " + n);
        }
    }
}
