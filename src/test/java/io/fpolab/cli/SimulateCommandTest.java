package io.fpolab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
    private static final double H = 0.02;
    private static final double R = 0.3 / (0.3 + H);

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return LabCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private String[] lines() {
        return out.toString().split("\\R");
    }

    private static double[] row(String line) {
        String[] cells = line.split(",", -1);
        double[] v = new double[cells.length];
        for (int j = 0; j < cells.length; j++) {
            v[j] = cells[j].isEmpty() ? Double.NaN : Double.parseDouble(cells[j]);
        }
        return v;
    }

    @Test
    void printsHeaderAndOneRowPerStepAfterTheResetRow() {
        assertEquals(0, run("simulate", "--env", "cartpole-swingup", "--steps", "5"), err.toString());
        String[] lines = lines();
        assertEquals("step,reward,obs0,obs1,obs2,obs3,obs4,state0,state1,state2,state3", lines[0]);
        assertEquals(1 + 1 + 5, lines.length);
        assertTrue(lines[6].startsWith("5,"), lines[6]);
    }

    /** Point mass from rest under zero force: v0 = 0, so the exact solution v_n = v0·r^n keeps it still. */
    @Test
    void zeroControlPointMassStaysAtRestAsTheDampedSolutionSays() {
        assertEquals(0, run("simulate", "--env", "point_mass-easy", "--steps", "40", "--seed", "5"), err.toString());
        String[] lines = lines();
        double[] first = row(lines[1]);
        for (int n = 1; n <= 40; n++) {
            double[] s = row(lines[1 + n]);
            assertEquals(first[6], s[6], 0, "x at step " + n);
            assertEquals(first[7], s[7], 0, "y at step " + n);
            assertEquals(0.0, s[8], 0, "vx at step " + n);
            assertEquals(0.0, s[9], 0, "vy at step " + n);
        }
    }

    /**
     * Constant force from rest: v_n = v*·(1 − r^n) with terminal speed v* = 0.1·u / damping = 0.1·u, and
     * x_n = x0 + h·v*·(n − r·(1 − r^n)/(1 − r)); 25 steps move the mass at most 1.25 mm·|u|·20.
     */
    @Test
    void constantForcePointMassMatchesTheExactDiscreteSolution() {
        assertEquals(0, run("simulate", "--env", "point_mass-easy", "--steps", "25", "--seed", "5",
                "--action", "0.5,-1"), err.toString());
        String[] lines = lines();
        double[] first = row(lines[1]);
        double[] u = {0.5, -1};
        for (int axis = 0; axis < 2; axis++) {
            double x0 = first[6 + axis];
            assertTrue(Math.abs(x0) < 0.26, "start too close to the stop for a free-motion check: " + x0);
            double vStar = 0.1 * u[axis];
            for (int n = 1; n <= 25; n++) {
                double[] s = row(lines[1 + n]);
                double rn = Math.pow(R, n);
                assertEquals(vStar * (1 - rn), s[8 + axis], 1e-12, "v at step " + n);
                assertEquals(x0 + H * vStar * (n - R * (1 - rn) / (1 - R)), s[6 + axis], 1e-12, "x at step " + n);
            }
        }
    }

    @Test
    void writesTheSameCsvToAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("traj.csv");
        assertEquals(0, run("simulate", "--env", "reacher-easy", "--steps", "3", "--seed", "2", "--out", file.toString()));
        String written = Files.readString(file, StandardCharsets.UTF_8);
        out.getBuffer().setLength(0);
        assertEquals(0, run("simulate", "--env", "reacher-easy", "--steps", "3", "--seed", "2"));
        assertEquals(out.toString(), written);
    }

    @Test
    void unknownEnvIsUsageErrorNamingFlagValueAndAllowedIds() {
        assertEquals(LabCommand.EXIT_USAGE, run("simulate", "--env", "cartpole-upside"));
        String msg = err.toString().strip();
        assertTrue(msg.startsWith("error: --env: unknown environment 'cartpole-upside'; allowed: pendulum-swingup,"), msg);
        assertTrue(msg.contains("mountain-car-continuous"), msg);
        assertEquals(1, msg.lines().count(), msg);
    }

    @Test
    void wrongActionLengthIsUsageError() {
        assertEquals(LabCommand.EXIT_USAGE, run("simulate", "--env", "point_mass-easy", "--action", "0.5"));
        assertTrue(err.toString().startsWith("error: --action: point_mass-easy takes 2 comma-separated values, got 1 in '0.5'"),
                err.toString());
    }

    @Test
    void nonNumericActionIsUsageError() {
        assertEquals(LabCommand.EXIT_USAGE, run("simulate", "--env", "cartpole-balance", "--action", "left"));
        assertTrue(err.toString().startsWith("error: --action: 'left' in 'left' is not a number"), err.toString());
    }

    @Test
    void nonPositiveStepsIsUsageError() {
        assertEquals(LabCommand.EXIT_USAGE, run("simulate", "--env", "cartpole-balance", "--steps", "0"));
        assertTrue(err.toString().startsWith("error: --steps: must be at least 1, got 0"), err.toString());
    }
}
