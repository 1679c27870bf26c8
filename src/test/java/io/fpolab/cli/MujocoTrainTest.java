package io.fpolab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fpolab.Main;
import io.fpolab.env.mujoco.Mujoco;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fpo-lab train} on the MuJoCo task: a few iterations of cheetah-run where MuJoCo is installed, and
 * the one-line refusal (exit 2) in a JVM that is pointed at a library that does not exist.
 */
class MujocoTrainTest {
    @TempDir
    Path dir;

    @Test
    void aFewIterationsOfCheetahRunTrainAndWriteTheirFolder() {
        assumeTrue(Mujoco.available(), () -> "MuJoCo is not usable here: " + Mujoco.problem());
        Path out = dir.resolve("cheetah");
        CliRun run = CliRun.of("train", "--config", "cheetah-run-fpo", "--out", out.toString(), "--steps", "480",
                "--set", "env.numEnvs=8", "--set", "ppo.stepsPerEnv=20", "--set", "ppo.epochs=1", "--set",
                "ppo.minibatches=2", "--set", "critic.hidden=[32,32]", "-q");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("\"env\" : \"cheetah-run\"") && run.out().contains("\"iterations\" : 3")
                && run.out().contains("\"env_steps\" : 480"), run.out());
        assertTrue(Files.exists(out.resolve("summary.json")), "no summary.json in " + out);
    }

    @Test
    void withoutMujocoTrainExitsTwoWithOneLineSayingHowToInstallIt() throws IOException, InterruptedException {
        Path missing = dir.resolve("no-such-libmujoco.so");
        CliRun run = withoutMujoco(missing, "train", "--config", "cheetah-run-fpo", "--out",
                dir.resolve("refused").toString());
        run.refused("error: ", Pattern.compile("Exception|\\tat "), "env.id: cheetah-run needs MuJoCo 2.2.2",
                missing.toString(), "apt-get install libmujoco-dev", "FPOLAB_MUJOCO");
        assertTrue(Files.notExists(dir.resolve("refused")), "a refused run left a folder");
    }

    @Test
    void withoutMujocoValidateAcceptsTheConfigAndSaysItCannotTrainHere() throws IOException, InterruptedException {
        CliRun run = withoutMujoco(dir.resolve("no-such-libmujoco.so"), "validate", "sample-configs/cheetah-run-dppo.json");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().startsWith("ok: sample-configs/cheetah-run-dppo.json (dppo, cheetah-run; cannot train here: "
                + "cheetah-run needs MuJoCo 2.2.2: "), run.err());
    }

    /** The command line in a JVM whose MuJoCo library is {@code missing}; stdout and stderr together in err. */
    static CliRun withoutMujoco(Path missing, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dfpolab.mujoco=" + missing, "-Dfpolab.relaunch=false", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), args[0] + " did not finish");
        // The JVM's own warnings (incubator modules) are not the program's output.
        return new CliRun(p.exitValue(), "", text.lines().filter(l -> !l.startsWith("WARNING"))
                .reduce("", (a, b) -> a + b + "\n"));
    }
}
