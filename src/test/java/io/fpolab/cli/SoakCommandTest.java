package io.fpolab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoakCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        return LabCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void shortSoakRestartsFinishedRunsWritesSamplesAndPrintsAOneLineSummary() throws Exception {
        Path csv = dir.resolve("soak.csv");

        int code = run("soak", "--config", "gridworld-fpo-fast", "--minutes", "0.25", "--interval", "2",
                "--set", "ppo.totalSteps=2048", "--set", "env.numEnvs=16", "--set", "eval.every=0", "--out", csv.toString());

        assertEquals(0, code, err.toString());
        List<String> rows = Files.readAllLines(csv);
        assertEquals("seconds,env_steps,runs,heap_used_mb,rss_mb,javacpp_total_mb", rows.get(0));
        // A sample forces two full collections, which in a suite JVM holding a large heap can take longer than
        // the 2 s interval (the next sample then follows at once); so the check is that samples repeat (start, middle,
        // end) and none comes before its slot on the 2 s grid, except the last one, taken at the deadline.
        assertTrue(rows.size() >= 4, "expected a start, at least one middle and an end sample: " + rows);
        for (int k = 1; k < rows.size() - 2; k++) {
            double seconds = Double.parseDouble(rows.get(k + 1).split(",")[0]);
            assertTrue(seconds >= 2.0 * k - 0.05, "sample " + k + " came before its slot at " + 2 * k + " s: " + rows);
        }
        String[] last = rows.get(rows.size() - 1).split(",");
        assertTrue(Integer.parseInt(last[2]) >= 2, "finished runs were not restarted: " + rows);
        assertTrue(Double.parseDouble(last[4]) > 0, "no RSS figure: " + rows);
        assertEquals(1, out.toString().strip().lines().count(), out.toString());
        JsonNode summary = new ObjectMapper().readTree(out.toString());
        assertEquals(0, summary.get("failures").asInt());
        assertTrue(summary.get("rssMaxMb").asDouble() >= summary.get("rssEndMb").asDouble());
        assertTrue(summary.get("rssMaxMb").asDouble() >= summary.get("rssStartMb").asDouble());
        assertTrue(summary.get("rssSlopeMbPerHour").isNumber(), summary.toString());
        assertTrue(summary.get("envSteps").asLong() > 2048, summary.toString());
    }

    @Test
    void nonPositiveMinutesIsAUsageError() {
        assertEquals(LabCommand.EXIT_USAGE, run("soak", "--config", "gridworld-fpo", "--minutes", "0", "--out",
                dir.resolve("x.csv").toString()));
        assertTrue(err.toString().startsWith("error: --minutes: 0.0 is outside"), err.toString());
    }

    @Test
    void slopeIsTheLeastSquaresFitInMegabytesPerHour() {
        long mb = 1024 * 1024;
        // RSS = 100 MB + 0.2 MB/s plus a wiggle (+1, −1, −1, +1) orthogonal to time, so the fit is exactly
        // 0.2 MB/s = 720 MB/h; the last two points alone rise 4 MB in 10 s = 1440 MB/h.
        List<SoakCommand.Sample> samples = List.of(sample(0, 101 * mb), sample(10, 101 * mb), sample(20, 103 * mb),
                sample(30, 107 * mb));
        assertEquals(720.0, SoakCommand.slopePerHour(samples, 0), 1e-9);
        assertEquals(1440.0, SoakCommand.slopePerHour(samples, 2), 1e-9);
        assertTrue(Double.isNaN(SoakCommand.slopePerHour(samples, 3)));
        Map<String, Object> summary = SoakCommand.summary(samples.subList(0, 1), 1, 0, List.of());
        assertNull(summary.get("rssSlopeMbPerHour"));
        assertEquals(101.0, summary.get("rssMaxMb"));
    }

    private static SoakCommand.Sample sample(double seconds, long rss) {
        return new SoakCommand.Sample(seconds, 0, 1, 0, rss, 0);
    }
}
