package io.fpolab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code fpo-lab simulate} against MuJoCo itself: the same start state and 300 random actions through
 * the models in {@code docs/mujoco-check} (run by {@code mjsim.c}, compiled here) and through the Java
 * port, compared on every qpos and qvel of every step. Cases marked "limit" drive a joint into its
 * range's end, where MuJoCo's soft constraint acts.
 *
 * <p>Needs MuJoCo's headers and library ({@code apt-get install libmujoco-dev}, which {@code .ci/run}
 * does) and gcc; skipped without them.
 */
class MujocoCrossCheckTest {
    private static final Path CHECK_DIR = Path.of("docs", "mujoco-check");
    private static final int STEPS = 300;
    private static final double TOLERANCE = 1e-9;

    @TempDir
    static Path dir;
    private static Path mjsim;

    @BeforeAll
    static void compileMjsim() throws IOException, InterruptedException {
        assumeTrue(Files.exists(Path.of("/usr/include/mujoco/mujoco.h")),
                "MuJoCo is not installed (apt-get install libmujoco-dev)");
        mjsim = dir.resolve("mjsim");
        Process gcc = new ProcessBuilder("gcc", "-O2", "-o", mjsim.toString(),
                CHECK_DIR.resolve("mjsim.c").toString(), "-lmujoco").redirectErrorStream(true).start();
        String log = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(gcc.waitFor(60, TimeUnit.SECONDS), "gcc did not finish");
        assertEquals(0, gcc.exitValue(), "mjsim.c does not compile: " + log);
    }

    @ParameterizedTest(name = "{0} from qpos {2}, qvel {3}, {5}")
    @CsvSource(delimiter = ';', value = {
        "pendulum-swingup;  pendulum.xml;   0.3;         0.1;        1; random",
        "cartpole-swingup;  cartpole.xml;   0.1,3.0;     0.2,-0.5;   1; random",
        "cartpole-balance;  cartpole.xml;   1.0,0.05;    1.0,0.0;    1; limit: full force into the rail",
        "acrobot-swingup;   acrobot.xml;    0.5,-1.0;    0.3,0.2;    1; random",
        "point_mass-easy;   point_mass.xml; 0.05,-0.1;   0.01,0.02;  2; random",
        "point_mass-easy;   point_mass.xml; 0.2,-0.2;    0.0,0.0;    2; limit: full force into two walls",
        "reacher-easy;      reacher.xml;    0.5,1.0;     0.2,-0.3;   2; random",
        "reacher-easy;      reacher.xml;    0.0,2.5;     0.0,1.0;    2; limit: wrist driven into its stop",
    })
    void javaTrajectoryEqualsMujocos(String env, String model, String qpos, String qvel, int actDim, String actions)
            throws IOException, InterruptedException {
        Path actionFile = dir.resolve(env + "-" + actions.hashCode() + ".csv");
        Files.write(actionFile, actionRows(actDim, actions.startsWith("limit")));

        List<double[]> mujoco = csv(mujocoRun(model, qpos, qvel, actionFile));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LabCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), "simulate", "--env", env,
                "--qpos", qpos, "--qvel", qvel, "--actions", actionFile.toString());
        assertEquals(0, code, err.toString());
        List<double[]> java = csv(out.toString());

        assertEquals(STEPS + 1, mujoco.size());
        assertEquals(mujoco.size(), java.size());
        double worst = 0;
        int worstStep = -1;
        for (int k = 0; k < mujoco.size(); k++) {
            double[] m = mujoco.get(k);
            double[] j = java.get(k);
            assertEquals(m.length, j.length, "columns at step " + k);
            for (int c = 0; c < m.length; c++) {
                double d = Math.abs(m[c] - j[c]);
                if (d > worst) {
                    worst = d;
                    worstStep = k;
                }
            }
        }
        assertTrue(worst <= TOLERANCE, env + ": max |Java − MuJoCo| = " + worst + " at step " + worstStep);
    }

    /** 300 rows of actions that floats and doubles both hold exactly (multiples of 1/4096), or all +1. */
    private static List<String> actionRows(int actDim, boolean pushToLimit) {
        Random rng = new Random(7);
        List<String> rows = new ArrayList<>();
        for (int k = 0; k < STEPS; k++) {
            StringBuilder row = new StringBuilder();
            for (int d = 0; d < actDim; d++) {
                double a = pushToLimit ? (d == 0 && actDim == 2 ? -1.0 : 1.0) : (rng.nextInt(8193) - 4096) / 4096.0;
                row.append(d == 0 ? "" : ",").append(a);
            }
            rows.add(row.toString());
        }
        return rows;
    }

    private static String mujocoRun(String model, String qpos, String qvel, Path actions)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(mjsim.toString(), CHECK_DIR.resolve(model).toString(), "1", qpos, qvel,
                actions.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "mjsim did not finish");
        assertEquals(0, p.exitValue(), "mjsim failed");
        return text;
    }

    /** Data rows of a {@code step,qpos…,qvel…} CSV, without the step column. */
    private static List<double[]> csv(String text) {
        List<double[]> rows = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] cells = lines[i].split(",");
            double[] v = new double[cells.length - 1];
            for (int c = 1; c < cells.length; c++) {
                v[c - 1] = Double.parseDouble(cells[c]);
            }
            rows.add(v);
        }
        return rows;
    }
}
