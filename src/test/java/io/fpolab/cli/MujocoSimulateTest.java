package io.fpolab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fpolab.env.mujoco.CheetahRun;
import io.fpolab.env.mujoco.Mujoco;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fpo-lab simulate} on a MuJoCo task: the replay is MuJoCo's, in its qpos order, row for row what stepping the
 * env gives; an unstable start is refused rather than replayed from MuJoCo's reset; without MuJoCo the one-line
 * refusal with the install hint (exit 2). The MuJoCo runs are skipped, with the reason, without MuJoCo.
 */
class MujocoSimulateTest {
    private static final String POSE = "0.5,-0.1,0.2,0.3,-0.4,0.5,-0.6,0.4,0.2";
    private static final String SPEED = "1,0,-0.5,2,-1,0.5,0,1.5,-2";

    @TempDir
    Path dir;

    @Test
    void aCheetahReplayIsTheEnvsOwnMotionInMujocosJointOrder() throws IOException {
        assumeTrue(Mujoco.available(), () -> "MuJoCo is not usable here: " + Mujoco.problem());
        Path actions = dir.resolve("actions.csv");
        StringBuilder rows = new StringBuilder("bthigh,bshin,bfoot,fthigh,fshin,ffoot\n");
        for (int t = 0; t < 30; t++) {
            for (int k = 0; k < 6; k++) {
                rows.append(k > 0 ? "," : "").append(Math.sin(0.3 * t + k) * 1.2);
            }
            rows.append('\n');
        }
        Files.writeString(actions, rows, StandardCharsets.UTF_8);
        CliRun run = CliRun.of("simulate", "--env", "cheetah-run", "--qpos", POSE, "--qvel", SPEED, "--actions",
                actions.toString());
        assertEquals(0, run.code(), run.err());
        String[] lines = run.out().split("\\R");
        assertEquals(1 + 1 + 30, lines.length);
        StringBuilder header = new StringBuilder("step");
        for (String part : new String[] {"qpos_", "qvel_"}) {
            for (int j = 0; j < 9; j++) {
                header.append(',').append(part).append(j);
            }
        }
        assertEquals(header.toString(), lines[0]);
        assertEquals("0," + csv(POSE) + "," + csv(SPEED), lines[1]);
        // The same replay on the env itself, through its public API: equal to the last digit.
        try (CheetahRun env = new CheetahRun(1)) {
            env.reset(new io.fpolab.core.math.Rng(0));
            env.setJointState(0, values(POSE), values(SPEED));
            for (int t = 0; t < 30; t++) {
                double[] a = new double[6];
                for (int k = 0; k < 6; k++) {
                    a[k] = Math.sin(0.3 * t + k) * 1.2;
                }
                env.stepPhysics(0, a);
                StringBuilder expected = new StringBuilder().append(t + 1);
                for (double q : env.qpos(0)) {
                    expected.append(',').append(q);
                }
                for (double v : env.qvel(0)) {
                    expected.append(',').append(v);
                }
                assertEquals(expected.toString(), lines[t + 2], "row " + (t + 1));
            }
        }
        double[] last = values(lines[31].substring(lines[31].indexOf(',') + 1));
        assertTrue(Math.abs(last[1] - (-0.1)) > 1e-3, "the torso moved vertically (rootz, MuJoCo's qpos_1)");
    }

    @Test
    void aStartMujocoCannotSimulateIsRefusedInsteadOfReplayedFromItsReset() {
        assumeTrue(Mujoco.available(), () -> "MuJoCo is not usable here: " + Mujoco.problem());
        CliRun run = CliRun.of("simulate", "--env", "cheetah-run", "--qpos", "0,0,0,0,0,0,0,0,0", "--qvel",
                "1e6,1e6,1e6,1e6,1e6,1e6,1e6,1e6,1e6", "--steps", "5");
        run.refused("error: --qpos/--qvel: the simulation became unstable at step 1 (MuJoCo found a bad number in",
                Pattern.compile("Exception|\\tat "), "reset the simulation");
        assertTrue(Files.notExists(Path.of("MUJOCO_LOG.TXT")), "MuJoCo's warning went to a log file in the working directory");
    }

    @Test
    void theCheetahTakesNineQposValuesAndNoTarget() {
        assumeTrue(Mujoco.available(), () -> "MuJoCo is not usable here: " + Mujoco.problem());
        CliRun.of("simulate", "--env", "cheetah-run", "--qpos", "0,0", "--qvel", "0,0").refused("error: --qpos: cheetah-run takes 9 "
                + "comma-separated values (rootx, rootz, rooty, bthigh, bshin, bfoot, fthigh, fshin, ffoot), got 2",
                Pattern.compile("Exception"));
        CliRun.of("simulate", "--env", "cheetah-run", "--target", "0,1").refused("error: --target: '0,1' given, but "
                + "cheetah-run has no target", Pattern.compile("Exception"));
    }

    @Test
    void theFishTakesFourteenPositionsThirteenVelocitiesAndAThreeDTarget() {
        assumeTrue(Mujoco.available(), () -> "MuJoCo is not usable here: " + Mujoco.problem());
        String pose = "0,0,0.1,1,0,0,0,0.1,0,0,0,0,0,0";
        String speed = "0.05,0,0,0,0,0.5,0,0,0,0,0,0,0";
        CliRun run = CliRun.of("simulate", "--env", "fish-swim", "--qpos", pose, "--qvel", speed, "--target", "0.2,0.1,0.2",
                "--steps", "3");
        assertEquals(0, run.code(), run.err());
        String[] lines = run.out().split("\\R");
        assertEquals(1 + 1 + 3, lines.length);
        StringBuilder header = new StringBuilder("step");
        for (int j = 0; j < 14; j++) {
            header.append(",qpos_").append(j);
        }
        for (int j = 0; j < 13; j++) {
            header.append(",qvel_").append(j);
        }
        assertEquals(header.toString(), lines[0]);
        assertEquals("0," + csv(pose) + "," + csv(speed), lines[1]);
        double[] last = values(lines[4].substring(lines[4].indexOf(',') + 1));
        // Pushed sideways at 0.05 m/s and left alone for 0.12 s, the fish drifts, slowed by the fluid's drag.
        assertTrue(last[0] > 0 && last[0] < 0.05 * 0.12, "x after 0.12 s: " + last[0]);
        CliRun.of("simulate", "--env", "fish-swim", "--qpos", pose, "--qvel", pose).refused("error: --qvel: fish-swim takes "
                + "13 comma-separated values (root_vx, root_vy, root_vz, root_wx, root_wy, root_wz, tail1, tail_twist, "
                + "tail2, finright_roll, finright_pitch, finleft_roll, finleft_pitch), got 14", Pattern.compile("Exception"));
        CliRun.of("simulate", "--env", "fish-swim", "--target", "0,1").refused("error: --target: fish-swim takes 3 "
                + "comma-separated values (x, y, z), got 2", Pattern.compile("Exception"));
        CliRun.of("simulate", "--env", "finger-turn_easy", "--target", "0.1").refused("error: --target: finger-turn_easy "
                + "takes 2 comma-separated values (x, z), got 1", Pattern.compile("Exception"));
    }

    @Test
    void withoutMujocoSimulateExitsTwoWithOneLineSayingHowToInstallIt() throws IOException, InterruptedException {
        Path missing = dir.resolve("no-such-libmujoco.so");
        CliRun run = MujocoTrainTest.withoutMujoco(missing, "simulate", "--env", "cheetah-run", "--steps", "3");
        run.refused("error: --env: cheetah-run needs MuJoCo 2.2.2", Pattern.compile("Exception|\\tat "),
                missing.toString(), "apt-get install libmujoco-dev", "FPOLAB_MUJOCO");
    }

    private static String csv(String values) {
        StringBuilder b = new StringBuilder();
        for (double v : values(values)) {
            b.append(b.length() > 0 ? "," : "").append(v);
        }
        return b.toString();
    }

    private static double[] values(String text) {
        return java.util.Arrays.stream(text.split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
