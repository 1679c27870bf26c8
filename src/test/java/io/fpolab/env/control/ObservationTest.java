package io.fpolab.env.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.core.math.Rng;
import io.fpolab.env.EnvSpec;
import io.fpolab.env.StepResult;
import io.fpolab.env.VecEnv;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ObservationTest {
    /** id → {obsDim, actDim, maxSteps}. */
    private static final Map<String, int[]> DIMS = Map.ofEntries(
            Map.entry("pendulum-swingup", new int[] {3, 1, 1000}),
            Map.entry("cartpole-balance", new int[] {5, 1, 1000}),
            Map.entry("cartpole-balance_sparse", new int[] {5, 1, 1000}),
            Map.entry("cartpole-swingup", new int[] {5, 1, 1000}),
            Map.entry("cartpole-swingup_sparse", new int[] {5, 1, 1000}),
            Map.entry("acrobot-swingup", new int[] {6, 1, 1000}),
            Map.entry("acrobot-swingup_sparse", new int[] {6, 1, 1000}),
            Map.entry("point_mass-easy", new int[] {4, 2, 1000}),
            Map.entry("reacher-easy", new int[] {6, 2, 1000}),
            Map.entry("reacher-hard", new int[] {6, 2, 1000}),
            Map.entry("gym-pendulum", new int[] {3, 1, 200}),
            Map.entry("mountain-car-continuous", new int[] {2, 1, 999}),
            Map.entry("fork-easy", new int[] {4, 2, 40}));

    static java.util.List<String> ids() {
        return ControlSuite.ids();
    }

    @Test
    void everyRegisteredIdHasKnownDimensions() {
        assertEquals(DIMS.keySet(), new java.util.HashSet<>(ControlSuite.ids()));
    }

    @ParameterizedTest
    @MethodSource("ids")
    void specAndArraysHaveTheTaskDimensions(String id) {
        VecEnv env = ControlSuite.create(id, 3);
        EnvSpec spec = env.spec();
        int[] d = DIMS.get(id);
        assertEquals(id, spec.id());
        assertEquals(d[0], spec.obsDim());
        assertEquals(d[1], spec.actDim());
        assertEquals(d[2], spec.maxSteps());
        assertEquals(3 * d[0], env.reset(new Rng(0)).length);
        StepResult r = env.step(new float[3 * d[1]], new Rng(0));
        assertEquals(3 * d[0], r.obs.length);
        assertEquals(3 * d[0], r.finalObs.length);
    }

    /** Random actions twice the action bound for 3000 steps (three resets): everything stays in range. */
    @ParameterizedTest
    @MethodSource("ids")
    void observationsStayFiniteAndWithinTheirRanges(String id) {
        int n = 4;
        VecEnv env = ControlSuite.create(id, n);
        int od = env.spec().obsDim();
        Rng rng = new Rng(3);
        Rng policy = new Rng(5);
        env.reset(rng);
        float[] actions = new float[n * env.spec().actDim()];
        boolean dm = !id.startsWith("gym") && !id.startsWith("mountain");
        for (int t = 0; t < 3000; t++) {
            for (int j = 0; j < actions.length; j++) {
                actions[j] = (float) policy.uniform(-2 * env.spec().actionHigh(), 2 * env.spec().actionHigh());
            }
            StepResult r = env.step(actions, rng);
            for (int i = 0; i < n; i++) {
                float[] o = java.util.Arrays.copyOfRange(r.obs, i * od, (i + 1) * od);
                for (float v : o) {
                    assertTrue(Float.isFinite(v), id + " non-finite observation at step " + t);
                }
                if (dm) {
                    assertTrue(r.reward[i] >= 0 && r.reward[i] <= 1, id + " reward " + r.reward[i]);
                }
                checkRanges(id, o, env.state(i));
            }
        }
    }

    private static double speed(float[] o) {
        return Math.hypot(o[2], o[3]);
    }

    private static void checkRanges(String id, float[] o, double[] s) {
        String task = id.substring(0, id.indexOf('-') < 0 ? id.length() : id.indexOf('-'));
        switch (task) {
            case "pendulum", "gym" -> {
                unit(id, o, 0, 2);
                if (id.equals("gym-pendulum")) {
                    assertTrue(Math.abs(o[2]) <= 8, id + " speed " + o[2]);
                }
            }
            case "cartpole" -> {
                unit(id, o, 1, 3);
                assertTrue(Math.abs(o[0]) <= 1.8 + 0.1, id + " cart " + o[0]); // soft rail: a few cm past its end at most
            }
            case "acrobot" -> unit(id, o, 0, 4);
            case "point_mass" -> {
                assertTrue(Math.abs(o[0]) <= 0.3 && Math.abs(o[1]) <= 0.3, id + " position " + o[0] + ", " + o[1]); // soft slides end at 0.29
            }
            case "reacher" -> {
                assertTrue(Math.abs(s[1]) <= Math.toRadians(160) + 0.15, id + " wrist " + s[1]); // soft stop at 160°
                assertTrue(Math.hypot(o[2], o[3]) <= 0.24 + 0.2 + 1e-6, id + " finger-to-target " + o[2] + ", " + o[3]);
            }
            case "fork" -> {
                assertTrue(Math.abs(o[0]) <= 0.3f && Math.abs(o[1]) <= 0.3f, id + " position " + o[0] + ", " + o[1]); // hard arena walls
                assertTrue(speed(o) <= 0.6 * Math.sqrt(2) + 1e-6, id + " speed " + speed(o)); // top speed 0.6 m/s per axis
            }
            case "mountain" -> {
                assertTrue(o[0] >= -1.2f && o[0] <= 0.6f, id + " position " + o[0]);
                assertTrue(Math.abs(o[1]) <= 0.07f, id + " velocity " + o[1]);
            }
            default -> throw new AssertionError("no range check for " + id);
        }
    }

    private static void unit(String id, float[] o, int from, int to) {
        for (int j = from; j < to; j++) {
            assertTrue(o[j] >= -1f && o[j] <= 1f, id + " obs[" + j + "] = " + o[j]);
        }
    }
}
