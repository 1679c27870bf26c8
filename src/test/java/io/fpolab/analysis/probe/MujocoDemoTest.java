package io.fpolab.analysis.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fpolab.config.SampleConfigs;
import io.fpolab.env.mujoco.Mujoco;
import io.fpolab.runs.RunFolder;
import io.fpolab.train.Trainer;
import org.junit.jupiter.api.Test;

/**
 * The System view's demo of a MuJoCo task: it steps the policy in real time like the Java tasks' demos, and its
 * frames carry the drawing of the body. Skipped, with the reason, without MuJoCo.
 */
class MujocoDemoTest {
    @Test
    void aCheetahRunDemoStepsInTheTasksControlStep() {
        assumeTrue(Mujoco.available(), () -> "MuJoCo is not usable here: " + Mujoco.problem());
        Trainer t = RunFolder.trainer(SampleConfigs.load("cheetah-run-fpo.json"));
        ControlDemo demo = ControlDemo.of(t, 1);
        assertEquals(0.01, demo.dt());
        SystemFrame f = demo.step(t, 5);
        assertEquals("cheetah-run", f.envId());
        assertEquals(0.05, f.time(), 1e-12);
        assertEquals(18, f.state().length);
        assertEquals(6, f.action().length);
    }

    @Test
    void aBallInCupDemoStepsInTheTasksTwentyMillisecondControlStep() {
        assumeTrue(Mujoco.available(), () -> "MuJoCo is not usable here: " + Mujoco.problem());
        Trainer t = RunFolder.trainer(SampleConfigs.load("ball_in_cup-catch-fpo.json"));
        ControlDemo demo = ControlDemo.of(t, 1);
        assertEquals(0.02, demo.dt(), 1e-15);
        SystemFrame f = demo.step(t, 5);
        assertEquals("ball_in_cup-catch", f.envId());
        assertEquals(0.1, f.time(), 1e-12);
        assertEquals(8, f.state().length);
        assertEquals(2, f.action().length);
    }

    @Test
    void aCheetahFrameCarriesItsSideViewWhichMovesWithTheStateAndStandsOnTheFloor() {
        assumeTrue(Mujoco.available(), () -> "MuJoCo is not usable here: " + Mujoco.problem());
        Trainer t = RunFolder.trainer(SampleConfigs.load("cheetah-run-fpo.json"));
        try (ControlDemo demo = ControlDemo.of(t, 2)) {
            SystemFrame start = demo.frame("start");
            SystemDrawing d = start.drawing();
            assertNotNull(d, "a MuJoCo frame carries its drawing");
            assertEquals(0, d.floor().level(), 0);
            assertEquals(8, d.shapes().size(), "the eight capsules of torso, head and legs");
            assertEquals(6, d.torques().size(), "a torque at each of the six motors' hinges");
            double lowest = Double.POSITIVE_INFINITY;
            for (SystemDrawing.Shape s : d.shapes()) {
                SystemDrawing.Segment c = (SystemDrawing.Segment) s;
                lowest = Math.min(lowest, Math.min(c.y0(), c.y1()) - c.radius());
            }
            // Settled at reset: standing on the floor, up to MuJoCo's soft-contact penetration of a few millimetres.
            assertTrue(lowest > -0.01 && lowest < 0.02, "lowest point " + lowest + " m");
            for (SystemFrame f : new SystemFrame[] {start, demo.step(t, 40), demo.step(t, 40)}) {
                double[] s = f.state();
                SystemDrawing.Segment torso = torso(f.drawing());
                assertEquals(s[0], (torso.x0() + torso.x1()) / 2, 1e-9, "torso x is rootx");
                assertEquals(0.7 + s[1], (torso.y0() + torso.y1()) / 2, 1e-9, "torso z is 0.7 + rootz");
                SystemDrawing.Window w = f.drawing().window();
                assertEquals(s[0], (w.xlo() + w.xhi()) / 2, 1e-9, "the view follows the torso");
            }
        }
    }

    @Test
    void aClosedDemoHasFreedItsMujocoData() {
        assumeTrue(Mujoco.available(), () -> "MuJoCo is not usable here: " + Mujoco.problem());
        Trainer t = RunFolder.trainer(SampleConfigs.load("cheetah-run-fpo.json"));
        ControlDemo demo = ControlDemo.of(t, 3);
        demo.step(t, 2);
        demo.close();
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> demo.step(t, 1));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    /** The torso: the segment one metre long (fromto −0.5 … 0.5). */
    private static SystemDrawing.Segment torso(SystemDrawing d) {
        return d.shapes().stream().map(s -> (SystemDrawing.Segment) s)
                .filter(s -> Math.abs(Math.hypot(s.x1() - s.x0(), s.y1() - s.y0()) - 1) < 1e-9).findFirst().orElseThrow();
    }
}
