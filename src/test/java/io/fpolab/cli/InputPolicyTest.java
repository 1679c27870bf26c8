package io.fpolab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.train.Checkpoint;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One input policy for every file the program reads: layout files, action CSVs, checkpoints and configs
 * are refused with exit code 2 and one line that names the file and the field or line, and says what is
 * allowed, in the lab's words (no Java or library class or option names); {@code validate} checks a
 * config's layout file as {@code train} does, and a refused layout leaves no run folder behind.
 */
class InputPolicyTest {
    /** Words of Java and its libraries that a user-facing message must not contain. */
    private static final Pattern LIBRARY_WORDS = Pattern.compile(
            "Exception|java\\.|org\\.|snakeyaml|Jackson|JsonReadFeature|StreamReadConstraints|Event\\(|enable ");

    private static final String LAYOUT = "{\"width\": 5, \"height\": 5, \"cells\": [{\"x\": 4, \"y\": 4, \"type\": "
            + "\"goal\", \"reward\": 20}, {\"x\": 0, \"y\": 4, \"type\": \"death\"}, {\"x\": 2, \"y\": 2, \"type\": \"wall\"}]}";

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** Exit 2 with one clean line containing every word. */
    private static String refused(CliRun r, String... words) {
        return r.refused("error: ", LIBRARY_WORDS, words);
    }

    /** A GridWorld config next to the layout file {@code name} holding {@code bytes}. */
    private Path configWithLayout(String name, byte[] bytes) throws IOException {
        Path layout = dir.resolve(name);
        if (bytes != null) {
            Files.write(layout, bytes);
        }
        Path cfg = dir.resolve("cfg-" + name.replaceAll("[^A-Za-z0-9.-]", "_") + ".json");
        Files.writeString(cfg, "{\"algorithm\": \"fpo\", \"env\": {\"id\": \"gridworld\", \"layoutFile\": \"" + name
                + "\"}}");
        return cfg;
    }

    private record Bad(String name, byte[] bytes, String word) {
        static Bad of(String name, String text, String word) {
            return new Bad(name, text.getBytes(StandardCharsets.UTF_8), word);
        }
    }

    private List<Bad> badLayouts() {
        List<Bad> bad = new ArrayList<>();
        bad.add(Bad.of("nan.json", LAYOUT.replace("20}", "NaN}"), "cells[0].reward: NaN is out of range"));
        bad.add(Bad.of("inf.json", LAYOUT.replace("20}", "Infinity}"), "cells[0].reward: Infinity is out of range"));
        bad.add(Bad.of("ninf.json", LAYOUT.replace("20}", "-Infinity}"), "cells[0].reward"));
        bad.add(Bad.of("huge.json", LAYOUT.replace("20}", "1e308}"), "cells[0].reward: 1.0E308 is out of range"));
        bad.add(Bad.of("large.json", LAYOUT.replace("20}", "-2e6}"), "from -1000000 to 1000000"));
        bad.add(Bad.of("nan.yaml", "cells:\n- {x: 4, y: 4, type: goal, reward: .nan}\n", "'.nan' is not a finite number"));
        bad.add(Bad.of("deep.json", "{\"cells\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}", "nesting deeper than 8"));
        bad.add(Bad.of("deep.yaml", "cells: " + "[".repeat(5_000) + "]".repeat(5_000) + "\n", "nesting deeper than 8"));
        bad.add(new Bad("utf16.json", LAYOUT.getBytes(StandardCharsets.UTF_16), "not a text layout file"));
        bad.add(new Bad("binary.json", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0}, "not a text layout file"));
        bad.add(Bad.of("nul.json", LAYOUT.replace("\"wall\"", "\"wa\u0000ll\""), "control character U+0000"));
        bad.add(new Bad("missing.json", null, "file not found"));
        bad.add(Bad.of("nogoal.json", LAYOUT.replace("\"goal\"", "\"start\"").replace(", \"reward\": 20", ""), "no goal cell"));
        bad.add(Bad.of("empty.json", "", "is empty"));
        bad.add(Bad.of("trailing.json", LAYOUT + " {}", "line 1"));
        bad.add(Bad.of("complex.yaml", "cells:\n  ? [1, 2]\n  : 3\n", "a key must be a plain name, got a list"));
        bad.add(Bad.of("big.json", LAYOUT.replace("\"width\"", " ".repeat(4 * 1024 * 1024) + "\"width\""),
                "file is larger than 4 MB"));
        return bad;
    }

    @Test
    void validateAndTrainRefuseBadLayoutFilesNamingTheFileAndLeaveNothingBehind() throws IOException {
        for (Bad b : badLayouts()) {
            Path cfg = configWithLayout(b.name, b.bytes);
            Path layout = dir.resolve(b.name);
            refused(run("validate", cfg.toString()), cfg.toString(), layout.toString(), b.word);
            Path out = dir.resolve("run-" + b.name);
            refused(run("train", "--config", cfg.toString(), "--out", out.toString()), layout.toString(), b.word);
            assertFalse(Files.exists(out), b.name + ": train left " + out + " behind");
        }
    }

    @Test
    void layoutFoldersAndSymlinkLoopsAreRefusedInWords() throws IOException {
        Files.createDirectories(dir.resolve("folder.json"));
        refused(run("validate", configWithLayout("folder.json", null).toString()), "folder.json: is a folder");
        Path a = dir.resolve("loop-a.json");
        Path b = dir.resolve("loop-b.json");
        try {
            Files.createSymbolicLink(a, b);
            Files.createSymbolicLink(b, a);
        } catch (UnsupportedOperationException | IOException e) {
            return; // no symbolic links on this file system
        }
        refused(run("validate", configWithLayout("loop-a.json", null).toString()), "symbolic links form a loop");
    }

    /** Seeded byte mutations of a valid layout: each is accepted or refused cleanly, never with a stack trace. */
    @Test
    void mutatedLayoutFilesAreAcceptedOrRefusedCleanly() throws IOException {
        Random rng = new Random(23);
        byte[] good = LAYOUT.getBytes(StandardCharsets.UTF_8);
        String alphabet = "{}[]\",:0123456789.-eE \n\tNaInfity\u00e9xyzgoalwdthsr";
        int refusedCount = 0;
        for (int i = 0; i < 150; i++) {
            byte[] m = good.clone();
            int edits = 1 + rng.nextInt(3);
            for (int e = 0; e < edits; e++) {
                m[rng.nextInt(m.length)] = (byte) (rng.nextInt(8) == 0 ? rng.nextInt(256)
                        : alphabet.charAt(rng.nextInt(alphabet.length())));
            }
            Path cfg = configWithLayout("m" + i + ".json", m);
            CliRun r = run("validate", cfg.toString());
            if (r.code() != 0) {
                refused(r, dir.resolve("m" + i + ".json").toString());
                refusedCount++;
            }
        }
        assertTrue(refusedCount > 50, "the mutations hardly broke anything: " + refusedCount);
    }

    @Test
    void validateChecksTheLayoutFileAsTrainDoes() throws IOException {
        Path ok = configWithLayout("fine.json", LAYOUT.getBytes(StandardCharsets.UTF_8));
        CliRun r = run("validate", ok.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("ok: "), r.out());
    }

    @Test
    void oversizedCheckpointsAndActionFilesAreRefusedWithoutLoadingThem() throws IOException {
        Path ckpt = sparse("huge.ckpt", Checkpoint.MAX_BYTES + 1);
        Checkpoint.CheckpointException e = assertThrows(Checkpoint.CheckpointException.class, () -> Checkpoint.read(ckpt));
        assertEquals(ckpt + ": file is larger than 1 GB; allowed: checkpoints up to 1073741824 bytes", e.getMessage());

        Path csv = sparse("huge.csv", 64L * 1024 * 1024 + 1);
        refused(run("simulate", "--env", "pendulum-swingup", "--actions", csv.toString()),
                "--actions: cannot read '" + csv + "': file is larger than 64 MB");
        Path utf16 = dir.resolve("utf16.csv");
        Files.writeString(utf16, "0.5\n0.1\n", StandardCharsets.UTF_16);
        refused(run("simulate", "--env", "pendulum-swingup", "--actions", utf16.toString()), "not a text actions file");
    }

    /** A file of {@code size} bytes that takes no disk space (zeros, sparse where the file system allows). */
    private Path sparse(String name, long size) throws IOException {
        Path p = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(size);
        }
        return p;
    }

    @Test
    void simulateRefusesStatesThePhysicsCannotRepresent() {
        refused(run("simulate", "--env", "cartpole-balance", "--qpos", "0,1e308", "--qvel", "0,0", "--steps", "2"),
                "--qpos: '0,1e308' has 1.0E308, beyond what the physics can represent; allowed: values from -1000000 to 1000000");
        refused(run("simulate", "--env", "pendulum-swingup", "--qpos", "0", "--qvel", "-2e6", "--steps", "2"),
                "--qvel: ");
        refused(run("simulate", "--env", "reacher-easy", "--target", "1e300,0", "--steps", "2"), "--target: ");
        CliRun overflow = run("simulate", "--env", "acrobot-swingup", "--qpos", "0,0", "--qvel", "1e6,1e6", "--steps", "50");
        refused(overflow, "--qpos/--qvel: the state overflowed at step");
        assertFalse(overflow.out().contains("NaN") || overflow.out().contains("Infinity"), overflow.out());
    }

    @Test
    void yamlComplexKeysAndOverlongFileNamesAreExplained() throws IOException {
        Path complex = Files.writeString(dir.resolve("complex.yaml"), "algorithm: fpo\n? [a, b]\n: 1\n");
        refused(run("validate", complex.toString()), "complex.yaml: line 2, column",
                "a key must be a plain name, got a list (a YAML complex key)");
        String longName = "x".repeat(300) + ".json";
        refused(run("validate", dir.resolve(longName).toString()),
                "a name in the path is too long (at most 255 bytes per file or folder name)");
    }
}
