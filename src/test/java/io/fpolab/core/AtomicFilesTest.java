package io.fpolab.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesNewFilesIntoMissingDirectoriesAndReplacesOldOnes() throws IOException {
        Path f = dir.resolve("a/b/out.csv");
        AtomicFiles.write(f, "first\n");
        assertEquals("first\n", Files.readString(f));
        AtomicFiles.write(f, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
        assertEquals(List.of(f), files(f.getParent()), "temporary file left behind");
    }

    @Test
    void newFilesGetTheSamePermissionsAsAPlainWrite() throws IOException {
        // Files.createTempFile would make the temporary file owner-only, and the rename keeps that: an
        // exported figure or config would then be unreadable for the rest of a class's group.
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        Path atomic = dir.resolve("atomic.png");
        AtomicFiles.write(atomic, new byte[] {7});
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(atomic));
    }

    @Test
    void removesTempFilesOfDeadWritersButNotOfLiveOnesOrOtherFiles() throws Exception {
        Process finished = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-version").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        finished.waitFor();
        Path dead = Files.writeString(dir.resolve(".run.json." + finished.pid() + ".123.tmp"), "partial");
        Path live = Files.writeString(dir.resolve(".run.json." + ProcessHandle.current().pid() + ".456.tmp"), "busy");
        Path other = Files.writeString(dir.resolve(".other.json." + finished.pid() + ".789.tmp"), "not ours");
        Path odd = Files.writeString(dir.resolve(".run.json.notapid.tmp"), "not a writer's");

        AtomicFiles.write(dir.resolve("run.json"), "{}");

        assertFalse(Files.exists(dead), "temp file of a dead writer was left behind");
        assertTrue(Files.exists(live) && Files.exists(other) && Files.exists(odd));
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTempFile() throws IOException {
        Path f = Files.writeString(dir.resolve("keep.txt"), "old");
        Path blocked = Files.createDirectory(dir.resolve("taken"));
        Files.writeString(blocked.resolve("inside"), "a non-empty directory cannot be replaced by a file");
        assertThrows(IOException.class, () -> AtomicFiles.write(blocked, "new"));
        assertEquals("old", Files.readString(f));
        assertEquals(List.of(f, blocked), files(dir));
    }

    @Test
    void concurrentWritersNeverLeaveAMixedFile() throws Exception {
        Path f = dir.resolve("shared.txt");
        String a = "a".repeat(200_000);
        String b = "b".repeat(200_000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> jobs = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String text = i % 2 == 0 ? a : b;
                jobs.add(pool.submit(() -> {
                    AtomicFiles.write(f, text);
                    String now = Files.readString(f);
                    assertTrue(now.equals(a) || now.equals(b), "a reader saw a mixed or partial file");
                    return null;
                }));
            }
            for (Future<?> j : jobs) {
                j.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(List.of(f), files(dir), "temporary file left behind");
    }

    private static List<Path> files(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.sorted().toList();
        }
    }
}
