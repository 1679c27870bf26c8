package io.fpolab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.ConfigIO;
import io.fpolab.config.SampleConfigs;
import io.fpolab.runs.RunFolder;
import io.fpolab.runs.SweepRuns;
import io.fpolab.ui.runs.Labels;
import io.fpolab.ui.runs.RunCells;
import io.fpolab.ui.runs.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.util.Duration;
import org.junit.jupiter.api.Test;

/**
 * The lab follows a sweep folder that grows while it is open: planned runs are listed with their state, a run appears
 * in the run list when it starts, its curve grows, it finishes or fails as its files say, a folder that goes away
 * keeps the runs and says so, and "Stop following" stops reading.
 */
class SweepFollowTest extends LabWindowFixture {
    private static final String HEADER = "iteration,env_steps,wall_seconds,steps_per_second,success_rate\n";
    private static final String CONFIG = ConfigIO.toJson(SampleConfigs.load(SampleConfigs.REPRODUCE_FIGURE_1));

    @Test
    void aSweepFolderOpenedWhileItTrainsShowsRunsAppearGrowFinishAndFail() throws Exception {
        Path sweep = LabFixture.tmp("follow").resolve("lr");
        Files.createDirectories(sweep.resolve(SweepRuns.LOGS));
        Files.writeString(sweep.resolve(SweepRuns.RUN_LIST), SweepRuns.runList(List.of(
                new SweepRuns.Planned(0, "ppo.lr=1e-3", 0, "ppo.lr=1e-3/seed-0", List.of("ppo.lr=1e-3")),
                new SweepRuns.Planned(1, "ppo.lr=1e-3", 1, "ppo.lr=1e-3/seed-1", List.of("ppo.lr=1e-3")),
                new SweepRuns.Planned(2, "ppo.lr=3e-4", 0, "ppo.lr=3e-4/seed-0", List.of("ppo.lr=3e-4")))));
        start(sweep, 0, "1,4096,2.0,2048,\n2,8192,4.0,2048,0.25\n");
        LabFixture.fxRun(() -> view.sweeps().setPeriod(Duration.millis(250)));

        LabFixture.fx(() -> view.openRunFolder(sweep)).get(30, TimeUnit.SECONDS);
        assertTrue(lookup("#sweepBox").query().isVisible());
        assertEquals("Following sweep lr: 0 of 3 finished, 1 running, 2 pending", indicator());
        assertEquals(1, runs().size(), "only the started run is in the run list");
        RunRecord first = runs().get(0);
        assertEquals("ppo.lr=1e-3/seed-0", first.name());
        assertEquals(2, LabFixture.fx(first::historySize));
        assertEquals("Running", state(first));
        // The list makes its cells when it is laid out, at the first pulse after the folder opened.
        LabFixture.waitFor(10, () -> rowTitles().size() == 3);
        assertEquals(List.of("0 · ppo.lr=1e-3 · seed 0 — Running", "1 · ppo.lr=1e-3 · seed 1 — Pending",
                "2 · ppo.lr=3e-4 · seed 0 — Pending"), sweepRows());
        assertTrue(lookup("#resumeButton").queryButton().isDisabled() && lookup("#stopButton").queryButton().isDisabled(),
                "a run training elsewhere cannot be driven from the lab");

        // Its curve grows; the second run starts and appears.
        append(sweep.resolve("ppo.lr=1e-3/seed-0").resolve(RunFolder.METRICS), "3,12288,6.0,2048,\n");
        start(sweep, 1, "1,4096,2.0,2048,\n");
        LabFixture.waitFor(10, () -> first.historySize() == 3 && view.runs().runs().size() == 2);
        assertEquals("Following sweep lr: 0 of 3 finished, 2 running, 1 pending", indicator());

        // The first finishes, the second fails with its log.
        Path seed0 = sweep.resolve("ppo.lr=1e-3/seed-0");
        append(seed0.resolve(RunFolder.METRICS), "4,16384,8.0,2048,0.5\n");
        Files.writeString(seed0.resolve(RunFolder.SUMMARY), "{\"success_rate\": 0.5}\n");
        Files.writeString(SweepRuns.exitFile(SweepRuns.localLog(sweep, 0)), "0\n");
        append(SweepRuns.localLog(sweep, 1), "error: training diverged at iteration 2\n");
        Files.writeString(SweepRuns.exitFile(SweepRuns.localLog(sweep, 1)), "1\n");
        RunRecord second = runs().get(1);
        LabFixture.waitFor(10, () -> "Finished".equals(state(first)) && "Failed".equals(state(second)));
        assertEquals(4, LabFixture.fx(first::historySize));
        assertEquals(1.0, LabFixture.fx(() -> first.progressProperty().get()));
        String alert = LabFixture.fx(() -> Labels.alertLine(second.statusProperty().get()));
        assertTrue(alert.startsWith("exit code 1, error: training diverged at iteration 2"), alert);
        String failedRow = LabFixture.fx(() -> view.sweeps().planned().get(1).detail());
        assertTrue(failedRow.endsWith("log " + SweepRuns.localLog(sweep.toAbsolutePath(), 1)), failedRow);
        assertEquals("Following sweep lr: 1 of 3 finished, 1 failed, 1 pending", indicator());
        LabFixture.fxRun(() -> view.runs().selectedProperty().set(first));
        LabFixture.waitFor(5, () -> view.runs().statusLineProperty().get().contains("Finished in its sweep"));

        // The folder goes away (unmounted, moved): one clear notice, nothing dropped; back again, it is followed on.
        Path away = sweep.resolveSibling("lr-away");
        Files.move(sweep, away);
        LabFixture.waitFor(10, () -> view.model().noticeProperty().get().contains("the sweep folder is gone"));
        String notice = LabFixture.fx(() -> view.model().noticeProperty().get());
        assertFalse(notice.contains("Exception") || notice.contains("\n"), notice);
        assertEquals(2, runs().size());
        assertEquals(3, LabFixture.fx(() -> view.sweeps().planned().size()));
        Files.move(away, sweep);
        start(sweep, 2, "");
        LabFixture.waitFor(10, () -> view.runs().runs().size() == 3);
        String back = LabFixture.fx(() -> view.model().noticeProperty().get());
        assertTrue(back.startsWith("Sweep lr reads again: 1 of 3 finished"), back);
        RunRecord third = runs().get(2);
        assertEquals("Following sweep lr: 1 of 3 finished, 1 running, 1 failed", indicator());

        // Stop following: the folder is no longer read.
        clickOn("#sweepButton");
        assertFalse(LabFixture.fx(() -> view.sweeps().followingProperty().get()));
        assertEquals("Not following sweep lr: 1 of 3 finished, 1 running, 1 failed", indicator());
        append(sweep.resolve("ppo.lr=3e-4/seed-0").resolve(RunFolder.METRICS), "1,4096,2.0,2048,\n");
        Thread.sleep(1000);
        assertEquals(0, LabFixture.fx(third::historySize));

        // Opened again, it reads what it missed and stops by itself once every run has ended.
        Files.writeString(sweep.resolve("ppo.lr=3e-4/seed-0").resolve(RunFolder.SUMMARY), "{\"success_rate\": 1}\n");
        LabFixture.fx(() -> view.openRunFolder(sweep)).get(30, TimeUnit.SECONDS);
        assertEquals("Sweep lr: 2 of 3 finished, 1 failed · done", indicator());
        assertFalse(LabFixture.fx(() -> view.sweeps().followingProperty().get()));
        assertEquals(1, LabFixture.fx(third::historySize));
        assertEquals("Finished", state(third));
        assertEquals(3, runs().size(), "runs already in the list are not added twice");
    }

    /** Starts run {@code index}: its log, config and a metrics file with {@code rows}. */
    private static void start(Path sweep, int index, String rows) throws Exception {
        String folder = index == 0 ? "ppo.lr=1e-3/seed-0" : index == 1 ? "ppo.lr=1e-3/seed-1" : "ppo.lr=3e-4/seed-0";
        Path dir = Files.createDirectories(sweep.resolve(folder));
        Files.writeString(SweepRuns.localLog(sweep, index), "[sweep] run " + index + "\n");
        Files.writeString(dir.resolve(RunFolder.CONFIG), CONFIG);
        Files.writeString(dir.resolve(RunFolder.METRICS), HEADER + rows);
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardOpenOption.APPEND);
    }

    private List<RunRecord> runs() throws Exception {
        return LabFixture.fx(() -> List.copyOf(view.runs().runs()));
    }

    private String indicator() throws Exception {
        return LabFixture.fx(() -> ((Labeled) lookup("#sweepLabel").query()).getText());
    }

    private static String state(RunRecord r) {
        try {
            return LabFixture.fx(() -> Labels.state(r.statusProperty().get()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> sweepRows() throws Exception {
        return LabFixture.fx(this::rowTitles);
    }

    /** The titles of the sweep list's filled cells (FX thread). */
    private List<String> rowTitles() {
        return lookup((Node n) -> n instanceof RunCells.SweepRunCell c && c.getItem() != null).queryAll().stream()
                .map(n -> ((RunCells.SweepRunCell) n).titleText()).sorted().toList();
    }
}
