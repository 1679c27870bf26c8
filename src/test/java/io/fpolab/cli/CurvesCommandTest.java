package io.fpolab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code fpo-lab curves} on a real two-seed sweep: one band for the two seeds, or a curve per run. */
class CurvesCommandTest {
    private static final Path TMP = Path.of(System.getProperty("fpolab.tmp", "target/test-tmp"), "curves-command");
    private static final Path SWEEP = TMP.resolve("sweep");
    private static final Pattern TRACE = Pattern.compile("Exception|\\tat ");

    @BeforeAll
    static void sweep() {
        if (!Files.exists(SWEEP.resolve("sweep.csv"))) {
            CliRun r = CliRun.of("sweep", "--config", "gridworld-fpo-fast", "--seeds", "0,1", "--jobs", "1",
                    "--steps", "8192", "--set", "eval.every=1", "--set", "flow.nMc=2", "--out", SWEEP.toString());
            assertEquals(0, r.code(), r.out() + r.err());
        }
    }

    @Test
    void twoSeedsOfOneSettingMakeOneBandOfTheSuccessRate() throws Exception {
        Path png = TMP.resolve("bands.png");
        CliRun r = CliRun.of("curves", "--runs", SWEEP.toString(), "--out", png.toString(), "--size", "600x400");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("seed bands: success_rate of 2 runs"), r.out());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1200, img.getWidth(), "drawn at 2x");
        assertEquals(800, img.getHeight());

        Path perRun = TMP.resolve("runs.svg");
        CliRun c = CliRun.of("curves", "--runs", SWEEP.resolve("base").resolve("seed-0").toString(),
                "--runs", SWEEP.resolve("base").resolve("seed-1").toString(), "--per-run",
                "--metric", "return_mean", "--x", "time", "--out", perRun.toString());
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().contains("curves: return_mean of 2 runs"), c.out());
        String svg = Files.readString(perRun);
        assertTrue(svg.startsWith("<?xml") || svg.contains("<svg"), svg.substring(0, Math.min(200, svg.length())));
        assertTrue(svg.contains("Wall-clock time"), "x axis is wall time");
        assertNotEquals(-1, svg.indexOf("· s0"), "each run has its own legend entry");
        assertNotEquals(-1, svg.indexOf("· s1"));
        assertTrue(svg.contains("stroke-dasharray"), "the two seeds of one setting share its colour; the second is dashed");
    }

    @Test
    void runsOfTwoSweepsWithTheSameFolderNamesGetACurveAndALegendEntryEach() throws Exception {
        Path copy = TMP.resolve("sweep-copy");
        if (!Files.exists(copy)) {
            try (var files = Files.walk(SWEEP)) {
                for (Path p : files.toList()) {
                    Files.copy(p, copy.resolve(SWEEP.relativize(p).toString()));
                }
            }
        }
        Path svgFile = TMP.resolve("two-sweeps.svg");
        CliRun c = CliRun.of("curves", "--runs", SWEEP.toString(), "--runs", copy.toString(), "--runs", copy.toString(),
                "--per-run", "--metric", "return_mean", "--out", svgFile.toString());
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().contains("curves: return_mean of 6 runs"), c.out());
        String svg = Files.readString(svgFile);
        for (String name : List.of("sweep/base/seed-0", "sweep-copy/base/seed-1", "sweep-copy/base/seed-1 (2)")) {
            assertNotEquals(-1, svg.indexOf(name), name);
        }
    }

    @Test
    void eachSeedGroupGetsItsOwnColour() {
        java.util.Map<String, Integer> groups = new java.util.HashMap<>();
        int[] slots = new int[13];
        for (int i = 0; i < 13; i++) {
            slots[i] = CurvesCommand.color(i < 5 ? "gaussian" : i < 10 ? "fpo" : "dppo", groups);
        }
        assertEquals(0, slots[4]);
        assertEquals(1, slots[5]);
        assertEquals(2, slots[10], "the third group of five seeds does not wrap onto the first's colour");
    }

    @Test
    void badFlagsAreRefusedNamingTheFlag() {
        String out = TMP.resolve("x.png").toString();
        CliRun.of("curves", "--runs", SWEEP.toString(), "--out", TMP.resolve("x.txt").toString())
                .refused("error: --out", TRACE, "x.txt", ".png or .svg");
        CliRun.of("curves", "--runs", SWEEP.toString(), "--out", out, "--metric", "nope")
                .refused("error: --metric", TRACE, "'nope'", "success_rate");
        CliRun.of("curves", "--runs", TMP.resolve("missing").toString(), "--out", out)
                .refused("error: --runs", TRACE, "missing", "not a run folder");
        CliRun.of("curves", "--runs", SWEEP.toString(), "--out", out, "--size", "10x10")
                .refused("error: --size", TRACE, "10x10", "200..8000");
        CliRun.of("curves", "--runs", SWEEP.toString(), "--out", out, "--x", "iterations")
                .refused("error: --x", TRACE, "iterations", "steps or time");
        CliRun.of("curves", "--runs", SWEEP.toString(), "--out", out, "--smoothing", "1.5")
                .refused("error: --smoothing", TRACE, "1.5", "0..0.99");
    }
}
