package io.fpolab.analysis.probe;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fpolab.core.math.Rng;
import io.fpolab.env.mujoco.Mujoco;
import io.fpolab.env.mujoco.MujocoSuite;
import io.fpolab.env.mujoco.MujocoVecEnv;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every MuJoCo task's System view keeps its body and its target in the window while random actions throw it about
 * (a top view's arena, the ground, may be larger than the window).
 */
class MujocoWindowTest {
    static java.util.List<String> tasks() {
        return MujocoSuite.ids();
    }

    @ParameterizedTest
    @MethodSource("tasks")
    void theBodyStaysInsideTheWindow(String id) {
        assumeTrue(Mujoco.available(), () -> "MuJoCo is not usable here: " + Mujoco.problem());
        try (MujocoVecEnv env = MujocoSuite.create(id, 1)) {
            Rng rng = new Rng(7);
            env.reset(rng);
            float[] act = new float[env.spec().actDim()];
            double[] worst = {0, 0, 0, 0};
            for (int t = 0; t < 400; t++) {
                for (int k = 0; k < act.length; k++) {
                    act[k] = (float) (2 * rng.nextDouble() - 1);
                }
                env.step(act, rng);
                SystemDrawing d = GeometryProjection.of(env.geometry(0));
                SystemDrawing.Window w = d.window();
                for (SystemDrawing.Shape s : d.shapes()) {
                    if (s.tone() == SystemDrawing.Tone.GROUND) {
                        continue;
                    }
                    double[] b = bounds(s);
                    worst[0] = Math.max(worst[0], w.xlo() - b[0]);
                    worst[1] = Math.max(worst[1], b[1] - w.xhi());
                    worst[2] = Math.max(worst[2], w.ylo() - b[2]);
                    worst[3] = Math.max(worst[3], b[3] - w.yhi());
                }
            }
            for (double out : worst) {
                assertTrue(out <= 0, id + ": a shape leaves the window by " + java.util.Arrays.toString(worst));
            }
        }
    }

    /** {xlo, xhi, ylo, yhi} of a shape. */
    static double[] bounds(SystemDrawing.Shape s) {
        if (s instanceof SystemDrawing.Disc d) {
            return new double[] {d.x() - d.radius(), d.x() + d.radius(), d.y() - d.radius(), d.y() + d.radius()};
        }
        if (s instanceof SystemDrawing.Segment c) {
            return new double[] {Math.min(c.x0(), c.x1()) - c.radius(), Math.max(c.x0(), c.x1()) + c.radius(),
                    Math.min(c.y0(), c.y1()) - c.radius(), Math.max(c.y0(), c.y1()) + c.radius()};
        }
        double[] xy = ((SystemDrawing.Polygon) s).xy();
        double[] b = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY};
        for (int i = 0; i < xy.length; i += 2) {
            b[0] = Math.min(b[0], xy[i]);
            b[1] = Math.max(b[1], xy[i]);
            b[2] = Math.min(b[2], xy[i + 1]);
            b[3] = Math.max(b[3], xy[i + 1]);
        }
        return b;
    }
}
