package io.fpolab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        return LabCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void validFilesPrintOkWithAlgorithmAndEnv() {
        assertEquals(0, run("validate", "sample-configs/gridworld-fpo.json", "sample-configs/cartpole-balance-gaussian-ppo.json"));
        assertEquals("ok: sample-configs/gridworld-fpo.json (fpo, gridworld)\n"
                + "ok: sample-configs/cartpole-balance-gaussian-ppo.json (gaussian_ppo, cartpole-balance)\n",
                out.toString().replace(System.lineSeparator(), "\n"));
        assertEquals("", err.toString());
    }

    @Test
    void invalidFileIsReportedOnStderrAndTheOthersStillChecked() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "algorithm: fpo\nenv:\n  id: gridworld\nppo:\n  epochs: ten\n");
        assertEquals(LabCommand.EXIT_USAGE, run("validate", bad.toString(), "sample-configs/gridworld-dppo.json"));
        assertEquals("error: " + bad + ": ppo.epochs: expected an integer, got \"ten\" (string); allowed 1..1000",
                err.toString().strip());
        assertTrue(out.toString().startsWith("ok: sample-configs/gridworld-dppo.json (dppo, gridworld)"), out.toString());
    }

    @Test
    void validateIsListedInHelp() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("validate"), out.toString());
    }

    @Test
    void validateWithoutFilesIsAUsageError() {
        assertEquals(LabCommand.EXIT_USAGE, run("validate"));
        assertTrue(err.toString().startsWith("error: Missing required parameter"), err.toString());
    }
}
