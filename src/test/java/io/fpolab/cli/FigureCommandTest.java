package io.fpolab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.ConfigIO;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code fpo-lab figure} on real tiny runs trained by {@code fpo-lab train}. */
class FigureCommandTest {
    private static final Path TMP = Path.of(System.getProperty("fpolab.tmp", "target/test-tmp"), "figure-command");
    private static final String[] PANELS = {"figure1-policy-field", "figure1-denoising", "figure1-trajectories", "figure1"};

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return LabCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @BeforeAll
    static void train() {
        for (String preset : new String[] {"gridworld-fpo-fast", "gridworld-gaussian-ppo"}) {
            Path dir = TMP.resolve(preset);
            if (!Files.exists(dir.resolve("checkpoint.ckpt"))) {
                int code = LabCommand.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                        "train", "--config", preset, "--steps", "2048", "--out", dir.toString(), "-q");
                assertEquals(0, code, "training " + preset);
            }
        }
    }

    private static void assertFigureFiles(Path dir) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        for (String p : PANELS) {
            Path png = dir.resolve(p + ".png");
            Path svg = dir.resolve(p + ".svg");
            assertTrue(Files.size(png) > 5_000, png + " is non-empty");
            var img = ImageIO.read(png.toFile());
            assertTrue(img.getWidth() > 500 && img.getHeight() > 300, png + " has a figure's size");
            var doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(svg)));
            assertEquals("svg", doc.getDocumentElement().getTagName(), svg + " is an SVG document");
        }
    }

    @Test
    void writesAllPanelsAsPngAndSvgForAnFpoRun() throws Exception {
        Path outDir = TMP.resolve("fpo-figure");
        assertEquals(0, run("figure", "--run", TMP.resolve("gridworld-fpo-fast").toString(), "--out", outDir.toString(),
                "--samples", "2000", "--episodes", "20"), err.toString());
        assertFigureFiles(outDir);
        assertTrue(out.toString().contains("figure1.svg"), out.toString());
    }

    @Test
    void gaussianRunGetsTheSamePanelsAtAChosenCell() throws Exception {
        Path outDir = TMP.resolve("gaussian-figure");
        assertEquals(0, run("figure", "--run", TMP.resolve("gridworld-gaussian-ppo").toString(), "--out",
                outDir.toString(), "--cell", "5,10", "--samples", "2000", "--episodes", "10"), err.toString());
        assertFigureFiles(outDir);
    }

    @Test
    void missingRunFolderIsAOneLineUsageError() {
        assertEquals(LabCommand.EXIT_USAGE, run("figure", "--run", TMP.resolve("no-such-run").toString()));
        assertTrue(err.toString().startsWith("error: --run: "), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }

    @Test
    void badCellNamesTheFlag() {
        String runDir = TMP.resolve("gridworld-fpo-fast").toString();
        assertEquals(LabCommand.EXIT_USAGE, run("figure", "--run", runDir, "--cell", "twelve"));
        assertTrue(err.toString().startsWith("error: --cell: "), err.toString());
        assertEquals(LabCommand.EXIT_USAGE, run("figure", "--run", runDir, "--cell", "12,24"));
        assertTrue(err.toString().contains("goal"), err.toString());
        assertEquals(LabCommand.EXIT_USAGE, run("figure", "--run", runDir, "--cell", "40,3"));
        assertTrue(err.toString().contains("outside"), err.toString());
    }

    @Test
    void badSampleCountNamesTheFlag() {
        assertEquals(LabCommand.EXIT_USAGE, run("figure", "--run", TMP.toString(), "--samples", "5"));
        assertTrue(err.toString().startsWith("error: --samples: "), err.toString());
    }

    @Test
    void controlRunIsRejected() throws Exception {
        Path dir = TMP.resolve("cartpole-run");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"),
                ConfigIO.toJson(ConfigIO.loadResource("/sample-configs/cartpole-balance-fpo.json")));
        Files.write(dir.resolve("checkpoint.ckpt"), new byte[0]);
        assertEquals(LabCommand.EXIT_USAGE, run("figure", "--run", dir.toString()));
        assertTrue(err.toString().startsWith("error: --run: Figure 1 needs a GridWorld run"), err.toString());
    }
}
