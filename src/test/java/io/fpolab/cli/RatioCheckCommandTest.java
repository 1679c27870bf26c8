package io.fpolab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code fpo-lab ratio-check} on real tiny runs trained by {@code fpo-lab train}. */
class RatioCheckCommandTest {
    private static final Path TMP = Path.of(System.getProperty("fpolab.tmp", "target/test-tmp"), "ratio-check");
    private static final Path FPO = TMP.resolve("fpo");
    private static final Path GAUSSIAN = TMP.resolve("gaussian");
    private static final Pattern TRACE = Pattern.compile("Exception|\\tat ");

    @BeforeAll
    static void train() {
        // One iteration of 128 envs × 32 steps each: the FPO run has used up its budget, so ratio-check extends it.
        String[][] runs = {{"gridworld-fpo-fast", FPO.toString(), "flow.nMc=4"},
            {"gridworld-gaussian-ppo-fast", GAUSSIAN.toString(), "ppo.epochs=1"}};
        for (String[] r : runs) {
            if (!Files.exists(Path.of(r[1], "checkpoint.ckpt"))) {
                CliRun t = CliRun.of("train", "--config", r[0], "--steps", "2048", "--set", r[2], "--out", r[1], "-q");
                assertEquals(0, t.code(), "training " + r[0] + ": " + t.err());
            }
        }
    }

    @Test
    void printsTheSummaryAndWritesOneCsvRowPerSample() throws Exception {
        Path csv = TMP.resolve("rows.csv");
        Files.deleteIfExists(csv);
        CliRun run = CliRun.of("ratio-check", "--run", FPO.toString(), "--n", "48", "--seed", "3", "--steps", "32",
                "--out", csv.toString());
        assertEquals(0, run.code(), run.err());
        List<String> summary = run.out().lines().toList();
        for (String label : new String[] {"run", "samples", "FPO ratio", "exact ratio", "log-ratio mean",
            "log-ratio median", "log-ratio std", "ratio mean", "pearson r", "clip band", "clip agreement"}) {
            assertTrue(summary.stream().anyMatch(l -> l.startsWith(label + " ")), label + " missing in:\n" + run.out());
        }
        String samples = summary.stream().filter(l -> l.startsWith("samples ")).findFirst().orElseThrow();
        assertTrue(samples.contains("48 of the 4096 transitions"), samples);
        String band = summary.stream().filter(l -> l.startsWith("clip band ")).findFirst().orElseThrow();
        assertTrue(band.contains("[0.8, 1.2]"), "the run's clip 0.2: " + band);
        assertTrue(run.out().contains("iteration 1), θ = after iteration 2"), run.out());

        List<String> lines = Files.readAllLines(csv);
        assertEquals(RatioCheckCommand.CSV_HEADER, lines.get(0));
        assertEquals(49, lines.size());
        Set<Integer> seen = new HashSet<>();
        int outsideBoth = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] p = line.split(",");
            assertEquals(7, p.length, line);
            int index = Integer.parseInt(p[0]);
            assertTrue(index >= 0 && index < 4096 && seen.add(index), "a distinct transition of the rollout: " + line);
            double exact = Double.parseDouble(p[1]);
            double fpo = Double.parseDouble(p[2]);
            assertTrue(Double.isFinite(exact) && Double.isFinite(fpo), line);
            assertEquals(Math.abs(Math.exp(exact) - 1) > 0.2, Boolean.parseBoolean(p[3]), line);
            assertEquals(Math.abs(Math.exp(fpo) - 1) > 0.2, Boolean.parseBoolean(p[4]), line);
            assertEquals(exact, Double.parseDouble(p[6]) - Double.parseDouble(p[5]), 1e-9, "log p_θ − log p_θold: " + line);
            outsideBoth += Boolean.parseBoolean(p[3]) && Boolean.parseBoolean(p[4]) ? 1 : 0;
        }
        assertTrue(outsideBoth <= 48);
    }

    @Test
    void jsonHoldsTheSummaryAndTheRowsAndTheSameSeedRepeatsThem() throws Exception {
        Path json = TMP.resolve("report.json");
        CliRun first = CliRun.of("ratio-check", "--run", FPO.toString(), "--n", "20", "--steps", "16", "--out",
                json.toString());
        assertEquals(0, first.code(), first.err());
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertEquals(20, doc.get("summary").get("samples").asInt());
        assertEquals(0.2, doc.get("summary").get("clip").asDouble(), 0.0);
        assertEquals(20, doc.get("samples").size());
        double agree = doc.get("summary").get("clip_agreement").asDouble();
        long agreeing = 0;
        for (JsonNode s : doc.get("samples")) {
            agreeing += s.get("exact_clipped").asBoolean() == s.get("fpo_clipped").asBoolean() ? 1 : 0;
        }
        assertEquals(agreeing / 20.0, agree, 1e-12);
        CliRun again = CliRun.of("ratio-check", "--run", FPO.toString(), "--n", "20", "--steps", "16");
        assertEquals(first.out(), again.out(), "a run's continuation and the seed fix every figure");
    }

    @Test
    void badFlagsAndRunsAreOneLineUsageErrors() {
        String fpo = FPO.toString();
        CliRun.of("ratio-check", "--run", fpo, "--n", "0").refused("error: --n: ", TRACE, "0", "1..");
        CliRun.of("ratio-check", "--run", fpo, "--n", "5000").refused("error: --n: ", TRACE, "5000", "4096", "1..4096");
        CliRun.of("ratio-check", "--run", fpo, "--steps", "2").refused("error: --steps: ", TRACE, "2", "8..4096");
        CliRun.of("ratio-check", "--run", fpo, "--out", TMP.resolve("x.txt").toString())
                .refused("error: --out: ", TRACE, "x.txt", ".csv", ".json");
        CliRun.of("ratio-check", "--run", fpo, "--out", TMP.toString() + "/")
                .refused("error: --out: ", TRACE);
        CliRun.of("ratio-check", "--run", TMP.resolve("missing").toString()).refused("error: --run: ", TRACE, "missing");
        CliRun.of("ratio-check", "--run", GAUSSIAN.toString())
                .refused("error: --run: ", TRACE, "gaussian_ppo", "allowed: fpo");
        CliRun typo = CliRun.of("ratio-check", "--run", fpo, "--n", "ten");
        assertEquals(LabCommand.EXIT_USAGE, typo.code());
        String first = typo.err().lines().findFirst().orElseThrow();
        assertTrue(first.startsWith("error: ") && first.contains("--n") && first.contains("ten"), first);
    }
}
