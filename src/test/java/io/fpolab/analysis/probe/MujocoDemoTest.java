package io.fpolab.analysis.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fpolab.config.SampleConfigs;
import io.fpolab.env.mujoco.Mujoco;
import io.fpolab.runs.RunFolder;
import io.fpolab.train.Trainer;
import org.junit.jupiter.api.Test;

/** The System view's demo of a MuJoCo task: it steps the policy in real time like the Java tasks' demos. */
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
}
