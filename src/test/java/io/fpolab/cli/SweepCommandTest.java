package io.fpolab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fpolab.runs.RunFolder;
import io.fpolab.runs.SweepRuns;
import io.fpolab.runs.SweepWatch;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCommandTest {
    /** A tiny Gaussian PPO budget on Pendulum-v1 (200-step episodes): each run takes about a second. */
    private static final String[] TINY = {"sweep", "--config", "cartpole-balance-gaussian-ppo-tuned", "--steps", "64",
        "--set", "env.id=gym-pendulum", "--set", "env.numEnvs=4", "--set", "ppo.stepsPerEnv=8",
        "--set", "ppo.minibatches=2", "--set", "ppo.epochs=2", "--set", "critic.hidden=[8,8]",
        "--set", "eval.episodes=3"};

    private static final Pattern TRACE = Pattern.compile("Exception|\\tat ");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return LabCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private static String[] args(String[] base, String... more) {
        List<String> a = new ArrayList<>(List.of(base));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void twoSettingsTimesTwoSeedsGiveFourRunFoldersAndATableOfTheirMeans() throws IOException {
        Path sweep = dir.resolve("sweep");
        int code = run(args(TINY, "--set", "ppo.lr=1e-3,3e-4", "--seeds", "0,1", "--jobs", "2",
                "--out", sweep.toString()));
        assertEquals(0, code, err.toString());

        List<Path> runs;
        try (Stream<Path> s = Files.walk(sweep)) {
            runs = s.filter(p -> p.getFileName().toString().startsWith("seed-")).sorted().toList();
        }
        assertEquals(4, runs.size(), runs.toString());
        ObjectMapper json = new ObjectMapper();
        for (Path r : runs) {
            for (String f : List.of(RunFolder.CONFIG, RunFolder.METRICS, RunFolder.CHECKPOINT, RunFolder.SUMMARY)) {
                assertTrue(Files.exists(r.resolve(f)), r + "/" + f);
            }
        }
        List<String> csv = Files.readAllLines(sweep.resolve("sweep.csv"));
        assertEquals("setting,ppo.lr,metric,n,failed,mean,std,se,env_steps,wall_seconds_mean", csv.get(0));
        assertEquals(3, csv.size(), csv.toString());
        for (String lr : List.of("1e-3", "3e-4")) {
            Path setting = sweep.resolve("ppo.lr=" + lr);
            JsonNode s0 = json.readTree(setting.resolve("seed-0").resolve(RunFolder.SUMMARY).toFile());
            JsonNode s1 = json.readTree(setting.resolve("seed-1").resolve(RunFolder.SUMMARY).toFile());
            assertEquals(0, s0.get("seed").asLong());
            assertEquals(1, s1.get("seed").asLong());
            double a = s0.get("eval_return_mean").asDouble();
            double b = s1.get("eval_return_mean").asDouble();
            String row = csv.stream().filter(l -> l.startsWith("ppo.lr=" + lr + ",")).findFirst().orElseThrow();
            String[] f = row.split(",");
            assertEquals(lr, f[1]);
            assertEquals("eval_return_mean", f[2]);
            assertEquals("2", f[3]);
            assertEquals("0", f[4]);
            assertEquals((a + b) / 2, Double.parseDouble(f[5]), 1e-4 * (1 + Math.abs(a + b)));
            double std = Math.abs(a - b) / Math.sqrt(2);
            assertEquals(std, Double.parseDouble(f[6]), 1e-4 * (1 + std));
            assertEquals(std / Math.sqrt(2), Double.parseDouble(f[7]), 1e-4 * (1 + std));
            assertEquals(64, Double.parseDouble(f[8]), 1e-9);
        }
        String md = Files.readString(sweep.resolve("sweep.md"));
        assertTrue(md.contains("| ppo.lr=1e-3 | 2 | "), md);
        assertTrue(md.contains("| ppo.lr=3e-4 | 2 | "), md);
        assertTrue(md.contains("Fixed settings: `env.id=gym-pendulum`"), md);
        assertTrue(err.toString().contains("[sweep 4/4"), err.toString());

        // The run list and the runs' logs let the lab follow a local sweep; read afterwards, every run finished.
        assertEquals(5, Files.readAllLines(sweep.resolve(SweepRuns.RUN_LIST)).size());
        SweepWatch.Snapshot followed = new SweepWatch(sweep).refresh();
        assertEquals("4 of 4 finished", followed.progress(), followed.toString());
        assertTrue(followed.runs().stream().allMatch(r -> r.detail().startsWith("eval_return_mean ")
                && r.log() != null && r.history().size() == 2), followed.toString());
        assertEquals("0", Files.readString(SweepRuns.exitFile(SweepRuns.localLog(sweep, 3))).strip());
    }

    @Test
    void aSecondSweepIntoTheSameFolderReusesFinishedRuns() throws IOException {
        Path sweep = dir.resolve("again");
        String[] a = args(TINY, "--seeds", "3", "--jobs", "1", "--out", sweep.toString());
        assertEquals(0, run(a), err.toString());
        String first = Files.readString(sweep.resolve("sweep.csv"));
        err.getBuffer().setLength(0);
        assertEquals(0, run(a), err.toString());
        assertTrue(err.toString().contains("already done"), err.toString());
        assertEquals(first, Files.readString(sweep.resolve("sweep.csv")));
        assertTrue(Files.exists(sweep.resolve("base").resolve("seed-3").resolve(RunFolder.SUMMARY)));
    }

    @Test
    void badValueInASetListIsAUsageErrorNamingTheSettingAndNothingIsTrained() {
        Path sweep = dir.resolve("bad");
        int code = run(args(TINY, "--set", "ppo.lr=1e-3,fast", "--seeds", "0", "--out", sweep.toString()));
        assertEquals(LabCommand.EXIT_USAGE, code);
        String e = err.toString().strip();
        assertFalse(e.contains("\n"), e);
        assertTrue(e.startsWith("error: --set ppo.lr=fast: ppo.lr: "), e);
        assertFalse(Files.exists(sweep), "no run may start before every setting is valid");
    }

    @Test
    void setWithoutValuesIsAUsageErrorNamingTheFlag() {
        assertEquals(LabCommand.EXIT_USAGE, run("sweep", "--config", "cartpole-balance-fpo", "--set", "ppo.lr",
                "--out", dir.resolve("x").toString()));
        assertTrue(err.toString().startsWith("error: --set: 'ppo.lr' is not KEY=V1,V2"), err.toString());
    }

    @Test
    void unknownKeyAndBadJobsAndBadSeedsAreUsageErrors() {
        assertEquals(LabCommand.EXIT_USAGE, run("sweep", "--config", "cartpole-balance-fpo", "--set", "ppo.lrr=1,2",
                "--out", dir.resolve("x").toString()));
        assertTrue(err.toString().contains("ppo.lrr: unknown key; did you mean \"ppo.lr\"?"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(LabCommand.EXIT_USAGE, run("sweep", "--config", "cartpole-balance-fpo", "--jobs", "0",
                "--out", dir.resolve("x").toString()));
        assertTrue(err.toString().startsWith("error: --jobs: 0 is out of range"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(LabCommand.EXIT_USAGE, run("sweep", "--config", "cartpole-balance-fpo", "--seeds", "0,x",
                "--out", dir.resolve("x").toString()));
        assertTrue(err.toString().startsWith("error: ") && err.toString().contains("--seeds"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(LabCommand.EXIT_USAGE, run("sweep", "--config", "cartpole-balance-fpo", "--seeds", "1,1",
                "--out", dir.resolve("x").toString()));
        assertTrue(err.toString().startsWith("error: --seeds: [1, 1] lists a seed twice"), err.toString());
    }

    @Test
    void valuesSplitAtCommasOutsideBrackets() {
        assertEquals(List.of("[64,64]", "[256, 256]"), SweepCommand.splitValues("[64,64],[256, 256]", "f"));
        assertEquals(4, SweepCommand.grid(List.of("a", "b"), List.of(List.of("1", "2"), List.of("x", "y"))).size());
        assertEquals("a=1 b=y", SweepCommand.grid(List.of("a", "b"), List.of(List.of("1", "2"), List.of("x", "y")))
                .get(1).label());
        assertEquals("b=y", SweepCommand.grid(List.of("a", "b"), List.of(List.of("1"), List.of("x", "y")))
                .get(1).label(), "keys with one value are not part of the label");
    }

    @Test
    void unknownExecutorIsAOneLineUsageErrorNamingTheAllowedOnesAndNothingIsWritten() {
        Path sweep = dir.resolve("pbs");
        CliRun r = CliRun.of("sweep", "--config", "cartpole-balance-fpo", "--executor", "pbs", "--out", sweep.toString());
        r.refused("error: --executor: ", TRACE, "'pbs'", "local", "slurm");
        assertFalse(Files.exists(sweep));
        CliRun.of("sweep", "--config", "cartpole-balance-fpo", "--wait", "--out", sweep.toString())
                .refused("error: --wait: ", TRACE, "--executor slurm");
        CliRun.of("sweep", "--set", "ppo.lr=1,2", "--out", sweep.toString())
                .refused("error: --config: ", TRACE, "missing", "--status");
        assertFalse(Files.exists(sweep));
    }

    @Test
    void statusAndCollectOfAFolderThatIsNotASweepAreOneLineUsageErrors() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun.of("sweep", "--status", empty.toString()).refused("error: --status: ", TRACE, empty.toString(),
                "not a Slurm sweep folder", SlurmSweep.SPEC, SlurmSweep.RUN_LIST);
        CliRun.of("sweep", "--collect", empty.toString()).refused("error: --collect: ", TRACE,
                "not a Slurm sweep folder");
        CliRun.of("sweep", "--resubmit-failed", dir.resolve("missing").toString())
                .refused("error: --resubmit-failed: ", TRACE, "is not a folder");
        Files.writeString(empty.resolve(SlurmSweep.SPEC), "{\"config\": 3");
        Files.writeString(empty.resolve(SlurmSweep.RUN_LIST), "# index\n");
        CliRun.of("sweep", "--collect", empty.toString()).refused("error: --collect: ", TRACE, "cannot read",
                SlurmSweep.SPEC);
        CliRun.of("sweep", "--status", empty.toString(), "--config", "gridworld-fpo")
                .refused("error: --config: ", TRACE, "not used with --status");
        assertEquals(List.of(SlurmSweep.RUN_LIST, SlurmSweep.SPEC), Files.list(empty).map(p -> p.getFileName().toString())
                .sorted().toList(), "nothing is written");
    }

    @Test
    void slurmFromClassesInsteadOfAJarIsAUsageErrorSayingToStartTheJar() {
        Path sweep = dir.resolve("from-classes");
        CliRun r = CliRun.of("sweep", "--config", "gridworld-fpo", "--executor", "slurm", "--out", sweep.toString());
        if (SlurmCommands.onPath("sbatch").isPresent()) {
            r.refused("error: --executor: ", TRACE, "not a jar", "java -jar fpo-lab.jar");
        } else {
            r.refused("error: --executor: ", TRACE, "sbatch", "not on PATH");
        }
        assertFalse(Files.exists(sweep));
    }

    @Test
    void slurmArrayIndicesAreRangesOfConsecutiveRuns() {
        assertEquals("0-2,5,7-8", SlurmSweep.arraySpec(List.of(0, 1, 2, 5, 7, 8)));
        assertEquals("3", SlurmSweep.arraySpec(List.of(3)));
        assertEquals("'it'\\''s'", SlurmSweep.sh("it's"));
    }
}
