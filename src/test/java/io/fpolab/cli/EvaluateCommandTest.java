package io.fpolab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fpolab.analysis.ControlEvaluator;
import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.config.SampleConfigs;
import io.fpolab.runs.RunFolder;
import io.fpolab.train.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {
    /** Tiny budgets on Pendulum-v1 (200-step episodes): a run takes about a second. */
    private static final String[] TINY = {"--steps", "256", "--set", "env.integration=dm_control",
        "--set", "env.id=gym-pendulum", "--set", "env.numEnvs=4",
        "--set", "ppo.stepsPerEnv=16", "--set", "ppo.minibatches=2", "--set", "ppo.epochs=2",
        "--set", "critic.hidden=[8,8]", "--set", "eval.episodes=6", "-q"};

    @TempDir
    static Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void trainTwoRuns() {
        for (String algo : List.of("fpo", "gaussian-ppo")) {
            List<String> a = new ArrayList<>(List.of("train", "--config", "cartpole-balance-" + algo,
                    "--out", dir.resolve("runs").resolve(algo).toString()));
            a.addAll(List.of(TINY));
            StringWriter e = new StringWriter();
            assertEquals(0, LabCommand.run(new PrintWriter(new StringWriter(), true), new PrintWriter(e, true),
                    a.toArray(String[]::new)), e.toString());
        }
    }

    private int run(String... args) {
        List<String> a = new ArrayList<>(List.of("evaluate"));
        a.addAll(List.of(args));
        return LabCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), a.toArray(String[]::new));
    }

    private static double summaryReturn(String algo) throws IOException {
        return new ObjectMapper().readTree(dir.resolve("runs").resolve(algo).resolve(RunFolder.SUMMARY).toFile())
                .get("eval_return_mean").asDouble();
    }

    /** The CSV rows printed, without the header. */
    private List<String[]> rows() {
        String[] lines = out.toString().strip().split("\\R");
        assertEquals(EvaluateCommand.HEADER, lines[0]);
        List<String[]> r = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            r.add(lines[i].split(","));
        }
        return r;
    }

    @Test
    void withoutOverridesRepeatsEachRunsFinalEvaluation() throws IOException {
        assertEquals(0, run(dir.resolve("runs").toString()), err.toString());
        List<String[]> rows = rows();
        assertEquals(2, rows.size(), out.toString());
        for (String[] r : rows) {
            String algo = r[0].endsWith("fpo") ? "fpo" : "gaussian-ppo";
            assertEquals(algo.replace('-', '_'), r[1]);
            assertEquals("gym-pendulum", r[2]);
            assertEquals("eval_return", r[5]);
            assertEquals(summaryReturn(algo), Double.parseDouble(r[6]), 1e-6);
            assertEquals("6", r[8]);
        }
    }

    @Test
    void deterministicEvaluationDiffersFromSamplingAndIsRepeatable() {
        Path gauss = dir.resolve("runs").resolve("gaussian-ppo");
        assertEquals(0, run(gauss.toString(), "--set", "gaussian.evalMean=false", "--set", "eval.episodes=4"),
                err.toString());
        assertEquals(0, run(gauss.toString(), "--set", "gaussian.evalMean=true", "--set", "eval.episodes=4"),
                err.toString());
        assertEquals(0, run(gauss.toString(), "--set", "gaussian.evalMean=true", "--set", "eval.episodes=4"),
                err.toString());
        String[] lines = out.toString().strip().split("\\R");
        String sampled = lines[1].split(",")[6];
        String mean = lines[3].split(",")[6];
        assertEquals("4", lines[3].split(",")[8]);
        assertNotEquals(sampled, mean);
        assertEquals(mean, lines[5].split(",")[6]);

        Path fpo = dir.resolve("runs").resolve("fpo");
        out.getBuffer().setLength(0);
        assertEquals(0, run(fpo.toString()), err.toString());
        assertEquals(0, run(fpo.toString(), "--set", "flow.evalZeroNoiseStart=true"), err.toString());
        lines = out.toString().strip().split("\\R");
        // a zero-noise start evaluates the flow's one deterministic action per state: a different return
        assertNotEquals(lines[1].split(",")[6], lines[3].split(",")[6]);
    }

    @Test
    void untrainedEvaluatesTheFreshPolicyOfEachSeedAsARunIsEvaluated() {
        String[] args = {"--untrained", "gym-pendulum-fpo", "--seeds", "0,1", "--set", "eval.episodes=4"};
        assertEquals(0, run(args), err.toString());
        List<String[]> rows = rows();
        assertEquals(2, rows.size(), out.toString());
        for (int seed = 0; seed < 2; seed++) {
            String[] r = rows.get(seed);
            assertEquals(List.of("gym-pendulum-fpo", "fpo", "gym-pendulum", Integer.toString(seed), "0", "eval_return"),
                    List.of(r).subList(0, 6));
            ExperimentConfig cfg = ConfigSchema.withOverrides(SampleConfigs.load("gym-pendulum-fpo.json"),
                    java.util.Map.of("seed", Integer.toString(seed), "eval.episodes", "4"));
            Trainer t = RunFolder.trainer(cfg);
            double direct = new ControlEvaluator(4).evaluate(t).get("eval_return");
            t.env().close();
            assertEquals(direct, Double.parseDouble(r[6]), 1e-6, "seed " + seed);
        }
        assertNotEquals(rows.get(0)[6], rows.get(1)[6], "each seed its own network");
        String first = out.toString();
        out.getBuffer().setLength(0);
        assertEquals(0, run(args), err.toString());
        assertEquals(first, out.toString(), "repeatable");

        assertEquals(LabCommand.EXIT_USAGE, run("--untrained", "gym-pendulum-fpo", dir.resolve("runs").toString()));
        assertTrue(err.toString().contains("cannot be combined with run folders"), err.toString());
        assertEquals(LabCommand.EXIT_USAGE, run("--seeds", "1", dir.resolve("runs").toString()));
        assertTrue(err.toString().contains("--seeds: applies only with --untrained"), err.toString());
        assertEquals(LabCommand.EXIT_USAGE, run());
        assertTrue(err.toString().contains("DIR: missing"), err.toString());
        assertEquals(LabCommand.EXIT_USAGE, run("--untrained", "no-such-preset"));
        assertTrue(err.toString().contains("neither a file nor a preset"), err.toString());
    }

    @Test
    void refusesTrainingSettingsMissingFoldersAndFoldersWithoutRuns() throws IOException {
        Path runs = dir.resolve("runs");
        assertEquals(LabCommand.EXIT_USAGE, run(runs.toString(), "--set", "ppo.lr=1e-4"));
        assertTrue(err.toString().contains("'ppo.lr' changes training, not evaluation; allowed: eval.episodes"),
                err.toString());
        assertEquals(LabCommand.EXIT_USAGE, run(runs.toString(), "--set", "eval.episodes=0"));
        assertTrue(err.toString().contains("eval.episodes"), err.toString());
        assertEquals(LabCommand.EXIT_USAGE, run(dir.resolve("nowhere").toString()));
        assertTrue(err.toString().contains("is not a folder"), err.toString());
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertEquals(LabCommand.EXIT_USAGE, run(empty.toString()));
        assertTrue(err.toString().contains("holds no run folder"), err.toString());
        assertTrue(out.toString().isEmpty(), "no CSV when a folder is bad: " + out);
    }
}
