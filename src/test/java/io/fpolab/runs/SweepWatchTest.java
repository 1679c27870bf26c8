package io.fpolab.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.ConfigIO;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.config.SampleConfigs;
import io.fpolab.runs.SweepRuns.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep folder grown step by step as its runs would grow it — run list, a run's first rows, more rows, its
 * summary, a failed run's log and exit code, a broken file, the folder deleted — reads at every step as
 * {@code sweep --status} reads it, re-reads only what changed and never forgets what it has shown.
 */
class SweepWatchTest {
    static final String HEADER = "iteration,env_steps,wall_seconds,steps_per_second,success_rate\n";

    @TempDir
    Path tmp;

    @Test
    void aGrowingSweepFolderReadsRunByRunAsItsFilesAppear() throws IOException {
        Path sweep = tmp.resolve("lr");
        writeRunList(sweep);
        SweepWatch watch = new SweepWatch(sweep);

        SweepWatch.Snapshot s = watch.refresh();
        assertEquals(4, s.runs().size());
        assertTrue(s.runs().stream().allMatch(r -> r.state() == State.NOT_STARTED && r.config() == null), s.toString());
        assertEquals("0 of 4 finished, 4 pending", s.progress());
        assertFalse(s.settled());

        // Run 0 starts: its log, config and the first two rows; a third row is still being written.
        Path run0 = sweep.resolve("ppo.lr=1e-3/seed-0");
        Files.createDirectories(run0);
        Files.writeString(SweepRuns.localLog(sweep, 0), "[sweep] run 0\n");
        Files.writeString(run0.resolve(RunFolder.CONFIG), ConfigIO.toJson(config()));
        Files.writeString(run0.resolve(RunFolder.METRICS), HEADER + "1,128,0.5,256,\n2,256,1.0,256,0.25\n3,38");
        s = watch.refresh();
        SweepWatch.Run r0 = s.runs().get(0);
        assertEquals(State.RUNNING, r0.state());
        assertEquals(2, r0.history().size(), "the row being written is not read yet");
        assertEquals(0.25, r0.history().get(1).evaluation().get("success_rate"));
        assertTrue(r0.detail().startsWith("2 iterations; no exit code yet, log "), r0.detail());
        assertNotNull(r0.config());
        assertNull(r0.name());
        assertEquals("0 of 4 finished, 1 running, 3 pending", s.progress());
        SweepWatch.Run untouched = s.runs().get(1);

        // Nothing changed: nothing is read, the same runs come back.
        SweepWatch.Snapshot same = watch.refresh();
        for (int i = 0; i < 4; i++) {
            assertSame(s.runs().get(i), same.runs().get(i));
        }

        // The row completes and another follows: only the appended rows are added.
        append(run0.resolve(RunFolder.METRICS), "4,1.5,256,0.5\n4,512,2.0,256,0.5\n");
        s = watch.refresh();
        r0 = s.runs().get(0);
        assertEquals(List.of(1, 2, 3, 4), r0.history().stream().map(h -> h.iteration()).toList());
        assertEquals(384, r0.history().get(2).envSteps());
        assertSame(untouched, s.runs().get(1), "a run whose files did not change is not read again");

        // Run 0 finishes, run 1 fails with an error line, run 2 starts.
        Files.writeString(run0.resolve(RunFolder.SUMMARY), "{\"success_rate\": 0.75, \"env_steps\": 512}\n");
        Files.writeString(SweepRuns.exitFile(SweepRuns.localLog(sweep, 0)), "0\n");
        Path run1 = sweep.resolve("ppo.lr=1e-3/seed-1");
        Files.createDirectories(run1);
        Files.writeString(run1.resolve(RunFolder.CONFIG), ConfigIO.toJson(config()));
        Files.writeString(run1.resolve(RunFolder.METRICS), HEADER + "1,128,0.5,256,\n");
        Files.writeString(SweepRuns.localLog(sweep, 1), "[sweep] run 1\nerror: training diverged at iteration 2\n");
        Files.writeString(SweepRuns.exitFile(SweepRuns.localLog(sweep, 1)), "1\n");
        Path run2 = sweep.resolve("ppo.lr=3e-4/seed-0");
        Files.createDirectories(run2);
        Files.writeString(SweepRuns.localLog(sweep, 2), "[sweep] run 2\n");
        Files.writeString(run2.resolve(RunFolder.CONFIG), ConfigIO.toJson(config()));
        Files.writeString(run2.resolve(RunFolder.METRICS), HEADER);
        s = watch.refresh();
        assertEquals(State.FINISHED, s.runs().get(0).state());
        assertEquals("success_rate 0.750", s.runs().get(0).detail()); // as sweep.md writes it
        assertEquals(4, s.runs().get(0).history().size(), "a finished run keeps its curve");
        SweepWatch.Run failed = s.runs().get(1);
        assertEquals(State.FAILED, failed.state());
        assertTrue(failed.detail().contains("exit code 1, error: training diverged at iteration 2"), failed.detail());
        assertTrue(failed.detail().endsWith("log " + SweepRuns.localLog(sweep.toAbsolutePath(), 1)), failed.detail());
        assertEquals(1, failed.history().size());
        assertEquals(State.RUNNING, s.runs().get(2).state());
        assertTrue(s.runs().get(2).detail().startsWith("started, no iteration yet"), s.runs().get(2).detail());
        assertEquals("1 of 4 finished, 1 running, 1 failed, 1 pending", s.progress());
        assertTrue(s.problems().isEmpty(), s.problems().toString());

        // A run renamed in the lab keeps its name.
        RunFolder.writeName(run2, "lr 3e-4, first seed");
        assertEquals("lr 3e-4, first seed", watch.refresh().runs().get(2).name());

        // A metrics file edited into something that is not CSV: named, and the rows shown before are kept.
        append(run2.resolve(RunFolder.METRICS), "1,128,0.5\n");
        s = watch.refresh();
        assertEquals(1, s.problems().size(), s.problems().toString());
        assertTrue(s.problems().get(0).contains(run2.resolve(RunFolder.METRICS).toString()), s.problems().get(0));
        assertEquals(State.RUNNING, s.runs().get(2).state());

        // The last run starts and everything settles.
        Files.writeString(run2.resolve(RunFolder.METRICS), HEADER + "1,128,0.5,256,\n");
        Files.writeString(run2.resolve(RunFolder.SUMMARY), "{\"success_rate\": 1.0}\n");
        Path run3 = sweep.resolve("ppo.lr=3e-4/seed-1");
        Files.createDirectories(run3);
        Files.writeString(run3.resolve(RunFolder.CONFIG), ConfigIO.toJson(config()));
        Files.writeString(run3.resolve(RunFolder.METRICS), HEADER);
        Files.writeString(run3.resolve(RunFolder.SUMMARY), "{\"success_rate\": 0.5}\n");
        s = watch.refresh();
        assertTrue(s.problems().isEmpty(), s.problems().toString());
        assertEquals(1, s.runs().get(2).history().size(), "the broken row, written again, reads");
        assertEquals("3 of 4 finished, 1 failed", s.progress());
        assertTrue(s.settled());

        // The folder disappears: a one-line error, and what was read stays.
        deleteTree(sweep);
        IOException gone = assertThrows(IOException.class, watch::refresh);
        assertTrue(gone.getMessage().contains("the sweep folder is gone"), gone.getMessage());
        assertFalse(gone.getMessage().contains("\n"));
        assertSame(s, watch.last());
    }

    @Test
    void aRunListThatCannotBeReadIsNamedByFileAndLine() throws IOException {
        Path sweep = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(sweep.resolve(SweepRuns.RUN_LIST), "# index\tsetting\tseed\trun folder\n0\tbase\tx\tbase/seed-x\n");
        IOException e = assertThrows(IOException.class, () -> new SweepWatch(sweep).refresh());
        assertTrue(e.getMessage().contains(SweepRuns.RUN_LIST + ": line 2: "), e.getMessage());
        Files.writeString(sweep.resolve(SweepRuns.RUN_LIST), "0\tbase\t0\t../elsewhere\n");
        e = assertThrows(IOException.class, () -> new SweepWatch(sweep).refresh());
        assertTrue(e.getMessage().contains("outside the sweep folder"), e.getMessage());
        assertNull(new SweepWatch(sweep).last());
    }

    /** The run list a sweep of two learning rates × seeds 0, 1 writes. */
    static void writeRunList(Path sweep) throws IOException {
        Files.createDirectories(sweep.resolve(SweepRuns.LOGS));
        Files.writeString(sweep.resolve(SweepRuns.RUN_LIST), SweepRuns.runList(List.of(
                new SweepRuns.Planned(0, "ppo.lr=1e-3", 0, "ppo.lr=1e-3/seed-0", List.of("ppo.lr=1e-3")),
                new SweepRuns.Planned(1, "ppo.lr=1e-3", 1, "ppo.lr=1e-3/seed-1", List.of("ppo.lr=1e-3")),
                new SweepRuns.Planned(2, "ppo.lr=3e-4", 0, "ppo.lr=3e-4/seed-0", List.of("ppo.lr=3e-4")),
                new SweepRuns.Planned(3, "ppo.lr=3e-4", 1, "ppo.lr=3e-4/seed-1", List.of("ppo.lr=3e-4")))));
    }

    static ExperimentConfig config() {
        return SampleConfigs.load(SampleConfigs.REPRODUCE_FIGURE_1);
    }

    static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.APPEND);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
