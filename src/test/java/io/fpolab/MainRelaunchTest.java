package io.fpolab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar} starts without the Vector API module; {@link Main} then runs the program in a child
 * JVM that has it. Checked on real JVMs started without the module.
 */
class MainRelaunchTest {
    private static final String SAMPLE = Path.of("sample-configs", "gridworld-fpo.json").toString();

    @Test
    void aJvmWithoutTheModuleRunsTheCommandInAChildThatHasIt() throws Exception {
        Result r = run(List.of(), "validate", SAMPLE);
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("gridworld-fpo.json"), r.out);
        // Only a JVM started with --add-modules jdk.incubator.vector prints this.
        assertTrue(r.err.contains("Using incubator modules: jdk.incubator.vector"), r.err);
    }

    @Test
    void theChildsExitCodeComesBack() throws Exception {
        Result r = run(List.of(), "validate", "no-such-file.json");
        assertEquals(2, r.code, r.out + r.err);
        assertTrue(r.err.contains("Using incubator modules"), r.err);
        assertTrue((r.out + r.err).contains("no-such-file.json"), r.out + r.err);
    }

    @Test
    void helpAndVersionAndTheOptOutDoNotRelaunch() throws Exception {
        Result version = run(List.of(), "--version");
        assertEquals(0, version.code, version.err);
        assertFalse(version.err.contains("incubator"), version.err);
        Result optOut = run(List.of("-Dfpolab.relaunch=false"), "validate", SAMPLE);
        assertEquals(0, optOut.code, optOut.err);
        assertFalse(optOut.err.contains("incubator"), optOut.err);
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "did not finish");
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }
}
