package io.fpolab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that writes takes an unusable output path (empty, an existing file where a folder is wanted,
 * a folder where a file is wanted, under a file, a device, a kernel view such as /proc) as a usage error:
 * exit code 2 and one line in the lab's words, before any work, leaving nothing behind. A disk that fills up
 * while writing is exit code 1 with "no space left on the device holding DIR" and no partial file.
 */
class OutputPathsTest {
    /** Java exception and library names that a message must not show. */
    private static final Pattern JAVA_WORDS = Pattern.compile("Exception|java\\.|nio|Jackson|picocli");

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static void refused(CliRun r, String... words) {
        r.refused("error: --out: ", JAVA_WORDS, words);
    }

    /** The bad --out values of a folder-writing command, each with a word its message must contain. */
    private List<String[]> badFolders() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file.txt"), "not a folder");
        List<String[]> bad = new ArrayList<>(List.of(
                new String[] {"", "is empty"},
                new String[] {file.toString(), "is a file, not a folder"},
                new String[] {file.resolve("below").toString(), "lies under"},
                new String[] {file.resolve("below/deeper").toString(), "lies under"},
                new String[] {"/dev/null", "not a folder"}));
        if (Files.isDirectory(Path.of("/proc/self"))) {
            bad.add(new String[] {"/proc/fpolab-out", "not storage"});
        }
        return bad;
    }

    @Test
    void trainSweepFigureAndScreenshotsRefuseOutputFoldersThatCannotBeOne() throws IOException {
        for (String[] bad : badFolders()) {
            refused(run("train", "--config", "gridworld-fpo", "--steps", "1", "--out", bad[0]), bad[1]);
            refused(run("sweep", "--config", "gridworld-fpo", "--steps", "1", "--out", bad[0]), bad[1]);
            refused(run("screenshots", "--steps", "1", "--out", bad[0]), bad[1]);
            refused(run("figure", "--run", dir.toString(), "--out", bad[0]), bad[1]);
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("a-file.txt")), left.toList(), "something was written");
        }
    }

    @Test
    void simulateAndSoakRefuseOutputFilesThatCannotBeOne() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file.txt"), "not a folder");
        List<String[]> bad = new ArrayList<>(List.of(
                new String[] {"", "is empty"},
                new String[] {dir.toString(), "is a folder"},
                new String[] {file.resolve("x.csv").toString(), "lies under"},
                new String[] {"/dev/null", "special file"}));
        if (Files.isDirectory(Path.of("/proc/self"))) {
            bad.add(new String[] {"/proc/fpolab-out.csv", "not storage"});
        }
        for (String[] b : bad) {
            refused(run("simulate", "--env", "pendulum-swingup", "--steps", "2", "--out", b[0]), b[1]);
            refused(run("soak", "--config", "gridworld-fpo", "--minutes", "0.01", "--out", b[0]), b[1]);
        }
        assertEquals("not a folder", Files.readString(file));
    }

    @Test
    void anExistingOutputFileIsReplacedWhole() throws IOException {
        Path csv = Files.writeString(dir.resolve("traj.csv"), "old content that is longer than the new one\n".repeat(50));
        CliRun r = run("simulate", "--env", "pendulum-swingup", "--steps", "2", "--out", csv.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(4, Files.readAllLines(csv).size());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(csv), left.toList(), "temporary file left behind");
        }
    }

    @Test
    void sweepRefusesEmptySeedLists() {
        for (String seeds : List.of(",,", "", "1,,2", "0,x", "-1")) {
            CliRun r = run("sweep", "--config", "gridworld-fpo", "--seeds", seeds, "--out", dir.resolve("s").toString());
            assertEquals(LabCommand.EXIT_USAGE, r.code(), seeds + ": " + r.err());
            assertTrue(r.err().startsWith("error: --seeds: "), r.err());
            assertFalse(Files.exists(dir.resolve("s")));
        }
    }

    /**
     * A disk that fills up while {@code simulate} streams its CSV: exit 1, the lab's one-line message naming
     * the device's folder, and no partial file. Needs a small tmpfs, which only root can mount.
     */
    @Test
    void aFullDiskLeavesNoPartialOutputAndSaysSo() throws Exception {
        Path mount = Files.createDirectories(dir.resolve("small-disk"));
        assumeTrue(io.fpolab.SmallDisk.mount(mount, "64k"), "mounting a 64 kB tmpfs needs root and mount(8); skipped here");
        try {
            Path out = mount.resolve("trajectory.csv");
            CliRun r = run("simulate", "--env", "pendulum-swingup", "--steps", "20000", "--out", out.toString());
            assertEquals(LabCommand.EXIT_FAILED, r.code(), r.err());
            assertEquals("error: cannot write " + out + ": no space left on the device holding " + mount, r.err().strip());
            try (Stream<Path> left = Files.list(mount)) {
                assertEquals(List.of(), left.toList(), "a partial file was left");
            }
        } finally {
            io.fpolab.SmallDisk.unmount(mount);
        }
    }

}
