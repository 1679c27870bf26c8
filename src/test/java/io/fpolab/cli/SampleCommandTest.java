package io.fpolab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.analysis.GridAnalysis;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code fpo-lab sample} on real tiny runs trained by {@code fpo-lab train}. */
class SampleCommandTest {
    private static final Path TMP = Path.of(System.getProperty("fpolab.tmp", "target/test-tmp"), "sample-command");
    private static final Path GRID = TMP.resolve("grid");
    private static final Path PENDULUM = TMP.resolve("pendulum");

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return LabCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @BeforeAll
    static void train() {
        String[][] runs = {{"gridworld-fpo-fast", GRID.toString(), "flow.nMc=4"},
            {"gym-pendulum-gaussian-ppo", PENDULUM.toString(), "env.actionTransform=tanh"}};
        for (String[] r : runs) {
            if (!Files.exists(Path.of(r[1], "checkpoint.ckpt"))) {
                int code = LabCommand.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                        "train", "--config", r[0], "--steps", "2048", "--set", r[2], "--out", r[1], "-q");
                assertEquals(0, code, "training " + r[0]);
            }
        }
    }

    private static float[] parse(List<String> lines, int dims) {
        float[] a = new float[(lines.size() - 1) * dims];
        for (int i = 1; i < lines.size(); i++) {
            String[] p = lines.get(i).split(",");
            assertEquals(dims, p.length, lines.get(i));
            for (int k = 0; k < dims; k++) {
                a[(i - 1) * dims + k] = Float.parseFloat(p[k]);
            }
        }
        return a;
    }

    @Test
    void gridWorldSamplesAreCsvWithTheSummaryOnStderr() {
        assertEquals(0, run("sample", "--run", GRID.toString(), "--cell", "12,12", "--n", "3000"), err.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals("x,y", lines.get(0));
        assertEquals(3001, lines.size());
        float[] a = parse(lines, 2);
        GridAnalysis.MoveDistribution m = GridAnalysis.yMoves(a);
        String summary = err.toString().strip();
        assertTrue(summary.startsWith("cell (12, 12): y moves up " + String.format(java.util.Locale.ROOT, "%.3f", m.plus())),
                summary);
        assertTrue(summary.contains("two peaks: "), summary);
    }

    @Test
    void theSameSeedGivesTheSameSamplesAndTheFileIsWrittenWhole() throws Exception {
        Path file = TMP.resolve("samples.csv");
        assertEquals(0, run("sample", "--run", GRID.toString(), "--n", "500", "--seed", "3", "--out", file.toString()));
        assertEquals("", out.toString(), "nothing on stdout with --out");
        String first = Files.readString(file);
        assertEquals(501, first.lines().count());
        assertEquals(0, run("sample", "--run", GRID.toString(), "--n", "500", "--seed", "3"));
        assertEquals(first, out.toString());
        assertEquals(0, run("sample", "--run", GRID.toString(), "--n", "500", "--seed", "4"));
        assertNotEquals(first, out.toString());
    }

    @Test
    void controlSamplesAreActionsAsTheEnvReceivesThem() {
        // Gym Pendulum trained with env.actionTransform=tanh: observation [cos θ, sin θ, θ̇]; the env receives
        // tanh of the Gaussian's sample, so every printed action lies in (−1, 1) although the raw samples (std 1) do not.
        assertEquals(0, run("sample", "--run", PENDULUM.toString(), "--state", "1,0,0.5", "--n", "2000"), err.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals("a0", lines.get(0));
        float[] a = parse(lines, 1);
        double spread = 0;
        for (float v : a) {
            assertTrue(v > -1 && v < 1, "after tanh: " + v);
            spread = Math.max(spread, Math.abs(v));
        }
        assertTrue(spread > 0.7, "samples of a stochastic policy reach far into (−1, 1): " + spread);
    }

    @Test
    void badFlagsAreOneLineUsageErrors() {
        String[][] cases = {
            {"--run", GRID.toString(), "--n", "0"},
            {"--run", GRID.toString(), "--sampler", "fast"},
            {"--run", GRID.toString(), "--cell", "0,0"},
            {"--run", GRID.toString(), "--state", "1,2"},
            {"--run", GRID.toString(), "--set", "ppo.lr=1"},
            {"--run", PENDULUM.toString()},
            {"--run", PENDULUM.toString(), "--state", "1,0"},
            {"--run", PENDULUM.toString(), "--state", "1,x,0"},
            {"--run", PENDULUM.toString(), "--state", "1,NaN,0"},
            {"--run", TMP.resolve("missing").toString()},
            {"--run", GRID.toString(), "--out", GRID.toString()},
            {"--run", GRID.toString(), "--out", GRID.resolve("config.json").resolve("x.csv").toString()},
        };
        for (String[] c : cases) {
            String[] args = new String[c.length + 1];
            args[0] = "sample";
            System.arraycopy(c, 0, args, 1, c.length);
            assertEquals(LabCommand.EXIT_USAGE, run(args), String.join(" ", c) + ": " + err);
            String e = err.toString().strip();
            assertTrue(e.startsWith("error: --"), String.join(" ", c) + ": " + e);
            assertEquals(1, e.lines().count(), e);
        }
    }
}
