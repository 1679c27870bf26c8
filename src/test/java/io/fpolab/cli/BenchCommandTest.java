package io.fpolab.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The action-sampling benchmark draws real samples through the view's path and reports a time. */
class BenchCommandTest {
    @Test
    void actionSamplesAreTimed() {
        double ms = BenchCommand.actionSamplesMillis(2_000, 3, 2);
        assertTrue(ms > 0 && ms < 60_000, "median of three draws: " + ms + " ms");
    }

    @Test
    void aNegativeIterationCountIsRefused() {
        CliRun r = CliRun.of("bench", "--gridworld-iterations", "-1");
        assertTrue(r.code() == LabCommand.EXIT_USAGE && r.err().contains("--gridworld-iterations"), r.err());
    }
}
