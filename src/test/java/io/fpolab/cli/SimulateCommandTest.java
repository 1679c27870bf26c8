package io.fpolab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
    private static final double H = 0.02;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        return LabCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    /** Runs and returns the CSV, failing with the error text when the command fails. */
    private String csv(String... args) {
        out.getBuffer().setLength(0);
        assertEquals(0, run(args), err.toString());
        return out.toString();
    }

    private static String[] lines(String csv) {
        return csv.split("\\R");
    }

    private static double[] row(String line) {
        return Arrays.stream(line.split(",", -1)).mapToDouble(Double::parseDouble).toArray();
    }

    private Path file(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    /** Expects a usage error whose one-line message starts with {@code prefix}. */
    private void rejects(String prefix, String... args) {
        err.getBuffer().setLength(0);
        assertEquals(LabCommand.EXIT_USAGE, run(args), err.toString());
        String msg = err.toString().strip();
        assertTrue(msg.startsWith(prefix), msg);
        assertEquals(1, msg.lines().count(), msg);
    }

    @Test
    void printsTheHeaderAndRowZeroIsTheGivenState() {
        String[] lines = lines(csv("simulate", "--env", "cartpole-swingup", "--qpos", "0.1,-0.2", "--qvel", "0.3,4e-1",
                "--steps", "5"));
        assertEquals("step,qpos_0,qpos_1,qvel_0,qvel_1", lines[0]);
        assertEquals("0,0.1,-0.2,0.3,0.4", lines[1]);
        assertEquals(1 + 1 + 5, lines.length);
        assertTrue(lines[6].startsWith("5,"), lines[6]);
    }

    @Test
    void rowsCarryFullDoublePrecision() {
        String[] lines = lines(csv("simulate", "--env", "pendulum-swingup", "--qpos", "1", "--qvel", "0", "--steps", "1"));
        double[] r = row(lines[2]);
        assertEquals(lines[2], "1," + Double.toString(r[1]) + "," + Double.toString(r[2]));
        assertTrue(lines[2].length() > 20, lines[2]);
    }

    /**
     * Zero control with dm_control's implicit damping: v_k = v0·r^k with r = 0.3/(0.3 + h), and
     * x_k = x0 + h·(v_1 + … + v_k).
     */
    @Test
    void zeroControlPointMassMatchesTheImplicitDampedSolution() {
        assertPointMassDecay(0.3 / (0.3 + H), "dm_control");
    }

    /** Zero control with Playground's explicit damping: v_k = v0·(1 − h/0.3)^k, same position sum. */
    @Test
    void zeroControlPlaygroundPointMassMatchesTheExplicitDampedSolution() {
        assertPointMassDecay(1 - H / 0.3, "playground");
    }

    private void assertPointMassDecay(double r, String integration) {
        double[] x0 = {-0.2, 0.1};
        double[] v0 = {0.3, -0.1};
        String[] lines = lines(csv("simulate", "--env", "point_mass-easy", "--qpos", "-0.2,0.1", "--qvel", "0.3,-0.1",
                "--steps", "60", "--integration", integration));
        for (int axis = 0; axis < 2; axis++) {
            double sum = 0;
            for (int k = 1; k <= 60; k++) {
                double vk = v0[axis] * Math.pow(r, k);
                sum += vk;
                double[] s = row(lines[1 + k]);
                assertEquals(vk, s[3 + axis], 1e-14, integration + " v at step " + k);
                assertEquals(x0[axis] + H * sum, s[1 + axis], 1e-14, integration + " x at step " + k);
            }
        }
    }

    /**
     * Constant force from rest (dm_control): v_k = v*·(1 − r^k) with terminal speed v* = 0.1·u / damping, and
     * x_k = x0 + h·v*·(k − r·(1 − r^k)/(1 − r)).
     */
    @Test
    void constantForcePointMassMatchesTheExactDiscreteSolution() {
        double r = 0.3 / (0.3 + H);
        String[] lines = lines(csv("simulate", "--env", "point_mass-easy", "--qpos", "0.05,-0.02", "--qvel", "0,0",
                "--steps", "25", "--action", "0.5,-1"));
        double[] x0 = {0.05, -0.02};
        double[] u = {0.5, -1};
        for (int axis = 0; axis < 2; axis++) {
            double vStar = 0.1 * u[axis];
            for (int k = 1; k <= 25; k++) {
                double[] s = row(lines[1 + k]);
                double rk = Math.pow(r, k);
                assertEquals(vStar * (1 - rk), s[3 + axis], 1e-12, "v at step " + k);
                assertEquals(x0[axis] + H * vStar * (k - r * (1 - rk) / (1 - r)), s[1 + axis], 1e-12, "x at step " + k);
            }
        }
    }

    /** Upright at rest with zero force nothing moves, with either integration — and 1,500 rows outlast an episode. */
    @Test
    void uprightCartPoleReplayWithZeroActionsKeepsThetaExactlyZero() throws IOException {
        Path zeros = file("zeros.csv", "force\n" + "0\n".repeat(1500));
        for (String integration : new String[] {"dm_control", "playground"}) {
            String[] lines = lines(csv("simulate", "--env", "cartpole-balance", "--qpos", "0.5,0", "--qvel", "0,0",
                    "--actions", zeros.toString(), "--integration", integration));
            assertEquals(1 + 1 + 1500, lines.length);
            for (int k = 0; k <= 1500; k++) {
                assertEquals(k + ",0.5,0.0,0.0,0.0", lines[1 + k], integration + " at step " + k);
            }
        }
    }

    /**
     * Past the episode's 1000 steps the pendulum keeps integrating instead of being reset: every row
     * follows from the one before by the implicit-damping step (I + h·b)·θ̇' = I·θ̇ + h·m·g·l·sin θ,
     * θ' = θ + h·θ̇'.
     */
    @Test
    void aReplayLongerThanAnEpisodeKeepsIntegrating() {
        String[] lines = lines(csv("simulate", "--env", "pendulum-swingup", "--qpos", "0.3", "--qvel", "0",
                "--steps", "1200"));
        for (int k = 995; k < 1200; k++) {
            double[] s = row(lines[1 + k]);
            double w = (0.251 * s[2] + H * 9.81 * 0.5 * Math.sin(s[1])) / (0.251 + H * 0.1);
            double[] next = row(lines[2 + k]);
            assertEquals(w, next[2], 1e-12, "θ̇ after step " + (k + 1));
            assertEquals(s[1] + H * w, next[1], 1e-12, "θ after step " + (k + 1));
        }
    }

    @Test
    void reacherTargetChangesNoDynamics() {
        String[] base = {"simulate", "--env", "reacher-hard", "--qpos", "0.4,-1.2", "--qvel", "0.5,0", "--steps", "50",
                "--action", "0.7,-0.3"};
        String without = csv(base);
        String[] with = Arrays.copyOf(base, base.length + 2);
        with[base.length] = "--target";
        with[base.length + 1] = "-0.1,0.15";
        assertEquals(without, csv(with));
    }

    @Test
    void actionsFileWithHeaderAndBlankLinesReplaysLikeTheConstantAction() throws IOException {
        Path actions = file("actions.csv", "u_x, u_y\n\n0.25,-0.5\r\n 0.25 , -0.5 \n\n0.25,-5e-1\n\n");
        assertEquals(csv("simulate", "--env", "point_mass-easy", "--seed", "3", "--action", "0.25,-0.5", "--steps", "3"),
                csv("simulate", "--env", "point_mass-easy", "--seed", "3", "--actions", actions.toString()));
    }

    @Test
    void actionsAreClippedAsTheEnvClipsThem() throws IOException {
        Path big = file("big.csv", "7\n-3\n");
        Path unit = file("unit.csv", "1\n-1\n");
        assertEquals(csv("simulate", "--env", "acrobot-swingup", "--qpos", "1,0", "--qvel", "0,0", "--actions", unit.toString()),
                csv("simulate", "--env", "acrobot-swingup", "--qpos", "1,0", "--qvel", "0,0", "--actions", big.toString()));
    }

    @Test
    void withoutAStateItStartsFromTheResetStateOfTheSeed() {
        String a = csv("simulate", "--env", "acrobot-swingup", "--seed", "7", "--steps", "2");
        assertEquals(a, csv("simulate", "--env", "acrobot-swingup", "--seed", "7", "--steps", "2"));
        String b = csv("simulate", "--env", "acrobot-swingup", "--seed", "8", "--steps", "2");
        assertTrue(!a.equals(b), "different seeds, same start");
    }

    @Test
    void playgroundIntegrationChangesTheTrajectory() {
        String[] args = {"simulate", "--env", "pendulum-swingup", "--qpos", "2", "--qvel", "0", "--steps", "10"};
        String dm = csv(args);
        String[] pg = Arrays.copyOf(args, args.length + 2);
        pg[args.length] = "--integration";
        pg[args.length + 1] = "playground";
        assertTrue(!dm.equals(csv(pg)));
        String[] explicit = Arrays.copyOf(args, args.length + 2);
        explicit[args.length] = "--integration";
        explicit[args.length + 1] = "dm_control";
        assertEquals(dm, csv(explicit));
    }

    @Test
    void writesTheSameCsvToAFile() throws IOException {
        Path target = dir.resolve("traj.csv");
        String[] args = {"simulate", "--env", "reacher-easy", "--qpos", "0.1,0.2", "--qvel", "0,0", "--steps", "3",
                "--action", "1,1"};
        String[] toFile = Arrays.copyOf(args, args.length + 2);
        toFile[args.length] = "--out";
        toFile[args.length + 1] = target.toString();
        assertEquals("", csv(toFile));
        assertEquals(csv(args), Files.readString(target, StandardCharsets.UTF_8));
    }

    @Test
    void unknownEnvIsUsageErrorNamingFlagValueAndAllowedIds() {
        rejects("error: --env: unknown environment 'cartpole-upside'; allowed: pendulum-swingup,",
                "simulate", "--env", "cartpole-upside");
        assertTrue(err.toString().contains("mountain-car-continuous"), err.toString());
    }

    @Test
    void wrongNumberOfStateValuesNamesTheJoints() {
        rejects("error: --qpos: cartpole-balance takes 2 comma-separated values (slider, hinge_1), got 1 in '0.1'",
                "simulate", "--env", "cartpole-balance", "--qpos", "0.1", "--qvel", "0,0");
        rejects("error: --qvel: acrobot-swingup takes 2 comma-separated values (shoulder, elbow), got 3 in '0,0,0'",
                "simulate", "--env", "acrobot-swingup", "--qpos", "0,0", "--qvel", "0,0,0");
        rejects("error: --target: reacher-easy takes 2 comma-separated values (x, y), got 1 in '0.1'",
                "simulate", "--env", "reacher-easy", "--target", "0.1");
    }

    @Test
    void nonNumericOrNonFiniteValuesAreUsageErrors() {
        rejects("error: --qpos: 'up' in 'up' is not a number; allowed: finite decimal numbers",
                "simulate", "--env", "pendulum-swingup", "--qpos", "up", "--qvel", "0");
        rejects("error: --qvel: 'NaN' in 'NaN' is not finite; allowed: finite decimal numbers",
                "simulate", "--env", "pendulum-swingup", "--qpos", "0", "--qvel", "NaN");
        rejects("error: --qvel: '1e999' in '1e999' is not finite",
                "simulate", "--env", "pendulum-swingup", "--qpos", "0", "--qvel", "1e999");
        rejects("error: --target: '0x1p-3' in '0x1p-3,0' is not a number",
                "simulate", "--env", "reacher-easy", "--target", "0x1p-3,0");
        rejects("error: --action: 'left' in 'left' is not a number",
                "simulate", "--env", "cartpole-balance", "--action", "left");
        rejects("error: --action: point_mass-easy takes 2 comma-separated values, got 1 in '0.5'",
                "simulate", "--env", "point_mass-easy", "--action", "0.5");
    }

    @Test
    void qposAndQvelMustComeTogether() {
        rejects("error: --qpos: '0,0' given without --qvel; allowed: both together",
                "simulate", "--env", "point_mass-easy", "--qpos", "0,0");
        rejects("error: --qvel: '0,0' given without --qpos; allowed: both together",
                "simulate", "--env", "point_mass-easy", "--qvel", "0,0");
    }

    @Test
    void targetOnlyForTheReacher() {
        rejects("error: --target: '0.1,0.1' given, but point_mass-easy has no target; allowed only for reacher-*, "
                + "finger-turn_* and fish-swim",
                "simulate", "--env", "point_mass-easy", "--target", "0.1,0.1");
    }

    @Test
    void unknownOrUnavailableIntegrationIsUsageError() {
        rejects("error: --integration: unknown integration 'rk4'; allowed: dm_control, playground",
                "simulate", "--env", "cartpole-balance", "--integration", "rk4");
        rejects("error: --integration: 'playground' is not available for gym-pendulum; allowed: dm_control",
                "simulate", "--env", "gym-pendulum", "--integration", "playground");
    }

    @Test
    void badActionsFilesNameTheFileAndLine() throws IOException {
        Path missing = dir.resolve("missing.csv");
        rejects("error: --actions: cannot read '" + missing + "': file not found",
                "simulate", "--env", "point_mass-easy", "--actions", missing.toString());
        Path shortRow = file("short.csv", "ux,uy\n0.1,0.2\n\n0.3\n");
        rejects("error: --actions: " + shortRow + " line 4: expected 2 comma-separated values (one per action "
                + "dimension of point_mass-easy), got 1 in '0.3'",
                "simulate", "--env", "point_mass-easy", "--actions", shortRow.toString());
        Path word = file("word.csv", "0.1,0.2\n0.1,fast\n");
        rejects("error: --actions: " + word + " line 2: 'fast' in '0.1,fast' is not a number; allowed: finite decimal numbers",
                "simulate", "--env", "point_mass-easy", "--actions", word.toString());
        Path mixedFirst = file("mixed.csv", "0.1,fast\n");
        rejects("error: --actions: " + mixedFirst + " line 1: 'fast' in '0.1,fast' is not a number",
                "simulate", "--env", "point_mass-easy", "--actions", mixedFirst.toString());
        Path infinite = file("inf.csv", "0.5\n-Infinity\n");
        rejects("error: --actions: " + infinite + " line 2: '-Infinity' in '-Infinity' is not finite",
                "simulate", "--env", "pendulum-swingup", "--actions", infinite.toString());
        Path empty = file("empty.csv", "u\n\n");
        rejects("error: --actions: '" + empty + "' has no action rows",
                "simulate", "--env", "pendulum-swingup", "--actions", empty.toString());
        rejects("error: --actions: cannot read '" + dir + "': is a folder",
                "simulate", "--env", "pendulum-swingup", "--actions", dir.toString());
    }

    @Test
    void actionsFileExcludesTheConstantActionOptions() throws IOException {
        Path actions = file("a.csv", "0\n");
        rejects("error: --action: '0' cannot be combined with --actions",
                "simulate", "--env", "pendulum-swingup", "--actions", actions.toString(), "--action", "0");
        rejects("error: --steps: 3 cannot be combined with --actions",
                "simulate", "--env", "pendulum-swingup", "--actions", actions.toString(), "--steps", "3");
    }

    @Test
    void nonPositiveStepsIsUsageError() {
        rejects("error: --steps: must be at least 1, got 0", "simulate", "--env", "cartpole-balance", "--steps", "0");
    }
}
