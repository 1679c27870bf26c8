package io.fpolab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Pattern;

/** One run of the command line in this JVM: its exit code and what it printed (tests). */
record CliRun(int code, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LabCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /**
     * Asserts exit 2 with one line that starts with {@code prefix}, shows none of {@code forbidden} and contains
     * every word; returns the line.
     */
    String refused(String prefix, Pattern forbidden, String... words) {
        assertEquals(LabCommand.EXIT_USAGE, code, out + err);
        String msg = err.strip();
        assertEquals(1, msg.lines().count(), msg);
        assertTrue(msg.startsWith(prefix), msg);
        assertFalse(forbidden.matcher(msg).find(), msg);
        for (String w : words) {
            assertTrue(msg.contains(w), "'" + w + "' missing in: " + msg);
        }
        return msg;
    }
}
