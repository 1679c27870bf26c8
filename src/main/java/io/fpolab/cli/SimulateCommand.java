package io.fpolab.cli;

import io.fpolab.config.ExperimentConfig.Integration;
import io.fpolab.core.AtomicFiles;
import io.fpolab.core.ConfigException;
import io.fpolab.core.TextFiles;
import io.fpolab.core.math.Rng;
import io.fpolab.env.control.ControlSuite;
import io.fpolab.env.control.PhysicsVecEnv;
import io.fpolab.env.mujoco.MujocoSuite;
import io.fpolab.env.mujoco.MujocoUnavailableException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fpo-lab simulate}: replays an action sequence on one control environment from a given physical
 * state and writes the trajectory as CSV, {@code step,qpos_0,…,qvel_0,…}. Row 0 is the initial state,
 * row k the state after the k-th action. qpos and qvel follow dm_control's joint order and conventions
 * ({@link PhysicsVecEnv#joints()}); angles are not wrapped. The physics is stepped directly
 * ({@link PhysicsVecEnv#stepPhysics}), so a replay longer than an episode keeps integrating: no
 * termination, truncation or reset. The MuJoCo tasks ({@link MujocoSuite}) replay in MuJoCo itself, with qpos and
 * qvel in MuJoCo's order; without a usable MuJoCo they are refused with a one-line install hint (exit 2). For
 * teaching and for checking the physics against other simulators.
 */
@Command(name = "simulate",
        mixinStandardHelpOptions = true,
        description = {"Replays actions on a control environment from a given state and prints the trajectory as CSV: "
                + "step,qpos_0,…,qvel_0,…; row 0 is the initial state, row k the state after the k-th action.",
            "qpos/qvel follow dm_control's joint order: pendulum-swingup [θ]; cartpole-* [x, θ]; acrobot-* "
                + "[shoulder θ1, elbow θ2]; point_mass-easy [x, y]; reacher-* [shoulder θ1, wrist θ2]; "
                + "gym-pendulum [θ]; mountain-car-continuous [x]; fork-easy [x, y]; cheetah-run (in MuJoCo, its qpos order) "
                + "[rootx, rootz, rooty, bthigh, bshin, bfoot, fthigh, fshin, ffoot]; fish-swim qpos [x, y, z, "
                + "quaternion w, x, y, z, 7 hinges], qvel [linear and angular velocity, 7 hinges]. Angle 0 is the model as written "
                + "(pendulum, cart-pole pole and acrobot point up); angles are not wrapped."})
public final class SimulateCommand implements Callable<Integer> {
    /** A decimal number as people write one; Java's extras (hex, 'd'/'f' suffixes) are refused. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);
    private static final int DEFAULT_STEPS = 1000;

    /**
     * Largest magnitude of an initial position or velocity (rad, m, rad/s, m/s). The tasks' states stay
     * within tens of units; far beyond that the integrators square velocities into overflow within a few
     * steps and sin/cos of an angle lose their digits, so such a state is refused rather than printed as NaN.
     */
    static final double MAX_STATE = 1e6;

    /** Largest action CSV read, in bytes (a 64 MB file holds millions of steps). */
    static final int MAX_ACTIONS_BYTES = 64 * 1024 * 1024;

    @Spec
    private CommandSpec spec;

    @Option(names = "--env", required = true, paramLabel = "ID", completionCandidates = EnvIds.class,
            description = "Environment id, one of: ${COMPLETION-CANDIDATES}.")
    private String env;

    @Option(names = "--qpos", paramLabel = "q1,q2,...",
            description = "Initial positions, one per joint (with --qvel; default: the reset state drawn with --seed).")
    private String qpos;

    @Option(names = "--qvel", paramLabel = "v1,v2,...", description = "Initial velocities, one per joint (with --qpos).")
    private String qvel;

    @Option(names = "--target", paramLabel = "x,y",
            description = "Tasks with a target only: reacher-* (x,y), finger-turn_* (x,z), fish-swim (x,y,z); the target "
                    + "changes no dynamics (default: drawn with --seed).")
    private String target;

    @Option(names = "--actions", paramLabel = "FILE.csv",
            description = "Actions to replay: one row per step, one column per action dimension, clipped to the "
                    + "env's bounds as in training; a non-numeric header line is allowed, blank lines are ignored.")
    private Path actions;

    @Option(names = "--action", paramLabel = "a1,a2,...",
            description = "Without --actions: a constant action, one value per action dimension (default: zeros).")
    private String action;

    @Option(names = "--steps", paramLabel = "N",
            description = "Without --actions: steps under the constant action (default " + DEFAULT_STEPS + ").")
    private Integer steps;

    @Option(names = "--integration", paramLabel = "dm_control|playground",
            description = "dm_control (default) or playground integration of a dm_control task.")
    private String integration;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "Seed of the reset state used for what --qpos/--qvel/--target leave open (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "CSV output file (default: standard output).")
    private Path out;

    @Override
    public Integer call() throws IOException {
        if (out != null) {
            OutputPaths.file(out, "--out");
        }
        if (!EnvIds.all().contains(env)) {
            throw new ConfigException("--env", "unknown environment '" + shown(env) + "'; allowed: "
                    + String.join(", ", EnvIds.all()));
        }
        try (PhysicsVecEnv sim = create()) {
            sim.reset(new Rng(seed));
            setInitialState(sim);
            List<double[]> replay = actions(sim);
            if (out == null) {
                PrintWriter w = spec.commandLine().getOut();
                simulate(sim, replay, w);
                w.flush();
                return 0;
            }
            // Streamed into a temporary file and renamed: a full disk leaves no partial CSV.
            AtomicFiles.write(out, stream -> {
                Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
                simulate(sim, replay, w);
                w.flush();
            });
            return 0;
        }
    }

    /** One copy of {@code --env}: a Java task, or a MuJoCo task where MuJoCo is usable. */
    private PhysicsVecEnv create() {
        Integration chosen = parseIntegration();
        if (MujocoSuite.ids().contains(env)) {
            try {
                return MujocoSuite.create(env, 1);
            } catch (MujocoUnavailableException e) {
                throw new ConfigException("--env", e.getMessage());
            }
        }
        return ControlSuite.create(env, 1, chosen);
    }

    private static void simulate(PhysicsVecEnv sim, List<double[]> replay, Writer w) throws IOException {
        StringBuilder header = new StringBuilder("step");
        for (int j = 0; j < sim.nq(); j++) {
            header.append(",qpos_").append(j);
        }
        for (int j = 0; j < sim.nv(); j++) {
            header.append(",qvel_").append(j);
        }
        w.write(header.append(System.lineSeparator()).toString());
        writeRow(w, 0, sim);
        for (int k = 0; k < replay.size(); k++) {
            sim.stepPhysics(0, replay.get(k));
            checkFinite(sim, k + 1);
            writeRow(w, k + 1, sim);
        }
    }

    /**
     * Stops a replay whose state overflowed (a huge initial velocity squared), instead of printing NaN rows, or
     * that the engine reset after a bad number, instead of printing a motion that did not happen.
     */
    private static void checkFinite(PhysicsVecEnv sim, int step) {
        double[][] parts = {sim.qpos(0), sim.qvel(0)};
        for (int p = 0; p < 2; p++) {
            for (int j = 0; j < parts[p].length; j++) {
                if (!Double.isFinite(parts[p][j])) {
                    throw new ConfigException("--qpos/--qvel", "the state overflowed at step " + step
                            + " (" + (p == 0 ? "qpos_" : "qvel_") + j + " = " + parts[p][j] + "); allowed: initial "
                            + "states and actions whose motion stays finite, e.g. velocities of at most a few hundred");
                }
            }
        }
        String unstable = sim.instability(0);
        if (unstable != null) {
            throw new ConfigException("--qpos/--qvel", "the simulation became unstable at step " + step + " (" + unstable
                    + "); allowed: initial states and actions whose motion stays finite, e.g. velocities of at most a "
                    + "few hundred");
        }
    }

    private static void writeRow(Writer w, int step, PhysicsVecEnv sim) throws IOException {
        StringBuilder row = new StringBuilder().append(step);
        for (double q : sim.qpos(0)) {
            row.append(',').append(Double.toString(q));
        }
        for (double v : sim.qvel(0)) {
            row.append(',').append(Double.toString(v));
        }
        w.write(row.append(System.lineSeparator()).toString());
    }

    /** The axes of a task's target: x, y for reacher, x, z for finger-turn (its plane), x, y, z for fish. */
    private static String targetAxes(PhysicsVecEnv sim) {
        return sim.targetDim() == 3 ? "x, y, z" : sim.spec().id().startsWith("finger") ? "x, z" : "x, y";
    }

    private Integration parseIntegration() {
        if (integration == null) {
            return Integration.DM_CONTROL;
        }
        List<String> names = Arrays.stream(Integration.values()).map(SimulateCommand::snake).toList();
        int index = names.indexOf(integration);
        if (index < 0) {
            throw new ConfigException("--integration", "unknown integration '" + shown(integration) + "'; allowed: "
                    + String.join(", ", names));
        }
        Integration chosen = Integration.values()[index];
        if (chosen != Integration.DM_CONTROL && !ControlSuite.dmControlIds().contains(env)) {
            throw new ConfigException("--integration", "'" + integration + "' is not available for " + env
                    + "; allowed: dm_control (playground applies only to the dm_control tasks: "
                    + String.join(", ", ControlSuite.dmControlIds()) + ")");
        }
        return chosen;
    }

    private void setInitialState(PhysicsVecEnv sim) {
        if ((qpos == null) != (qvel == null)) {
            String given = qpos != null ? "--qpos" : "--qvel";
            String missing = qpos != null ? "--qvel" : "--qpos";
            throw new ConfigException(given, "'" + shown(qpos != null ? qpos : qvel) + "' given without " + missing
                    + "; allowed: both together (the full initial state) or neither (the reset state of --seed)");
        }
        if (qpos != null) {
            String positions = env + " takes " + sim.nq() + " comma-separated value" + plural(sim.nq()) + " ("
                    + String.join(", ", sim.joints()) + ")";
            String velocities = sim.nv() == sim.nq() ? positions : env + " takes " + sim.nv() + " comma-separated value"
                    + plural(sim.nv()) + " (" + String.join(", ", sim.velocities()) + ")";
            sim.setJointState(0, bounded("--qpos", parseValues("--qpos", qpos, sim.nq(), positions), qpos),
                    bounded("--qvel", parseValues("--qvel", qvel, sim.nv(), velocities), qvel));
        }
        if (target != null) {
            if (sim.targetDim() == 0) {
                throw new ConfigException("--target", "'" + shown(target) + "' given, but " + env
                        + " has no target; allowed only for reacher-*, finger-turn_* and fish-swim");
            }
            sim.setTarget(0, bounded("--target", parseValues("--target", target, sim.targetDim(), env + " takes "
                    + sim.targetDim() + " comma-separated values (" + targetAxes(sim) + ")"), target));
        }
    }

    private List<double[]> actions(PhysicsVecEnv sim) {
        int actDim = sim.spec().actDim();
        if (actions != null) {
            if (action != null) {
                throw new ConfigException("--action", "'" + shown(action) + "' cannot be combined with --actions; allowed: "
                        + "either an actions file or a constant --action with --steps");
            }
            if (steps != null) {
                throw new ConfigException("--steps", steps + " cannot be combined with --actions; allowed: either "
                        + "an actions file, whose rows are the steps, or --steps with a constant --action");
            }
            return readActions(actDim);
        }
        int n = steps == null ? DEFAULT_STEPS : steps;
        if (n < 1) {
            throw new ConfigException("--steps", "must be at least 1, got " + n);
        }
        double[] constant = action == null ? new double[actDim]
                : parseValues("--action", action, actDim, env + " takes " + actDim + " comma-separated value"
                        + plural(actDim));
        return Collections.nCopies(n, constant);
    }

    /** The rows of the actions file, each checked for {@code actDim} finite numbers. */
    private List<double[]> readActions(int actDim) {
        List<String> lines;
        try {
            lines = TextFiles.read(actions, MAX_ACTIONS_BYTES, "actions").lines().toList();
        } catch (ConfigException e) {
            throw new ConfigException("--actions", "cannot read '" + actions + "': " + e.getMessage());
        }
        List<double[]> rows = new ArrayList<>();
        boolean first = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (first && Arrays.stream(cells).noneMatch(SimulateCommand::looksNumeric)) {
                first = false;
                continue;
            }
            first = false;
            String where = actions + " line " + (i + 1) + ": ";
            if (cells.length != actDim) {
                throw new ConfigException("--actions", where + "expected " + actDim + " comma-separated value"
                        + plural(actDim) + " (one per action dimension of " + env + "), got " + cells.length
                        + " in '" + shown(line) + "'");
            }
            double[] row = new double[actDim];
            for (int j = 0; j < actDim; j++) {
                row[j] = number("--actions", where, cells[j].strip(), shown(line));
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new ConfigException("--actions", "'" + actions + "' has no action rows; allowed: one row per step, "
                    + actDim + " comma-separated value" + plural(actDim) + " each");
        }
        return rows;
    }

    /** The values, each checked to lie within ±{@link #MAX_STATE}. */
    private static double[] bounded(String flag, double[] values, String text) {
        for (double v : values) {
            if (Math.abs(v) > MAX_STATE) {
                throw new ConfigException(flag, "'" + shown(text) + "' has " + v + ", beyond what the physics can "
                        + "represent; allowed: values from -1000000 to 1000000");
            }
        }
        return values;
    }

    /** {@code count} comma-separated finite numbers from a flag's value; {@code expected} explains the count. */
    private static double[] parseValues(String flag, String text, int count, String expected) {
        String[] parts = text.split(",", -1);
        if (parts.length != count) {
            throw new ConfigException(flag, expected + ", got " + parts.length + " in '" + shown(text) + "'");
        }
        double[] values = new double[count];
        for (int j = 0; j < count; j++) {
            values[j] = number(flag, "", parts[j].strip(), shown(text));
        }
        return values;
    }

    /** One finite decimal number; {@code where} and {@code context} place it in the user's input. */
    private static double number(String flag, String where, String text, String context) {
        if (NUMBER.matcher(text).matches()) {
            double v = Double.parseDouble(text);
            if (Double.isFinite(v)) {
                return v;
            }
        }
        String problem = looksNumeric(text) ? "is not finite" : "is not a number";
        throw new ConfigException(flag, where + "'" + shown(text) + "' in '" + context + "' " + problem
                + "; allowed: finite decimal numbers");
    }

    private static boolean looksNumeric(String cell) {
        String c = cell.strip();
        return NUMBER.matcher(c).matches() || NON_FINITE.matcher(c).matches();
    }

    /** User text fit for a one-line message: control characters escaped, at most 60 characters. */
    private static String shown(String text) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        for (; i < text.length() && b.length() < 60; i++) {
            char c = text.charAt(i);
            b.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return i < text.length() ? b + "…" : b.toString();
    }

    private static String plural(int n) {
        return n == 1 ? "" : "s";
    }

    private static String snake(Integration i) {
        return i.name().toLowerCase(Locale.ROOT);
    }

    /** The known environment ids, for picocli's help text: the Java tasks, then the MuJoCo ones. */
    static final class EnvIds implements Iterable<String> {
        static List<String> all() {
            List<String> ids = new ArrayList<>(ControlSuite.ids());
            ids.addAll(MujocoSuite.ids());
            return ids;
        }

        @Override
        public Iterator<String> iterator() {
            return all().iterator();
        }
    }
}
