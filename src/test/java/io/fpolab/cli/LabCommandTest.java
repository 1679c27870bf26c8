package io.fpolab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class LabCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return LabCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void helpListsUsage() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("Usage: fpo-lab"), out.toString());
    }

    @Test
    void versionPrintsName() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("FPO Lab "), out.toString());
    }

    @Test
    void unknownOptionIsUsageErrorWithoutStackTrace() {
        assertEquals(LabCommand.EXIT_USAGE, run("--no-such-flag"));
        assertTrue(err.toString().startsWith("error: Unknown option: '--no-such-flag'"), err.toString());
        assertTrue(!err.toString().contains("\tat "), err.toString());
    }
}
