package io.fpolab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.analysis.ActionShape;
import io.fpolab.analysis.ForkEvaluator;
import io.fpolab.config.ConfigIO;
import io.fpolab.core.math.Rng;
import io.fpolab.runs.RunFolder;
import io.fpolab.train.Trainer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** {@code fpo-lab figure} on fork-task runs: tiny FPO and Gaussian PPO runs trained by {@code fpo-lab train}. */
class ForkFigureCommandTest {
    private static final Path TMP = Path.of(System.getProperty("fpolab.tmp", "target/test-tmp"), "fork-figure-command");
    private static final String[] PRESETS = {"fork-fpo", "fork-gaussian-ppo"};
    private static final Pattern TRACE = Pattern.compile("Exception|\\bat [a-z]+\\.");
    private static final int EPISODES = 40;

    /**
     * Six iterations of 32 envs: enough that some episodes pass a gap (the Gaussian run mostly the left one),
     * so the splits checked below are no trivial 0 % / 100 %.
     */
    @BeforeAll
    static void train() {
        for (String preset : PRESETS) {
            Path dir = TMP.resolve(preset);
            if (!Files.exists(dir.resolve("checkpoint.ckpt"))) {
                int code = LabCommand.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                        "train", "--config", preset, "--steps", "7680", "--set", "env.numEnvs=32", "--set",
                        "eval.episodes=20", "--out", dir.toString(), "-q");
                assertEquals(0, code, "training " + preset);
            }
        }
    }

    private static String run(String preset) {
        return TMP.resolve(preset).toString();
    }

    private static Document svg(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(file)));
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    @Test
    void drawsBothRunsSideBySideWithTheMeasuresRouteSplit() throws Exception {
        Path outDir = TMP.resolve("figure");
        CliRun r = CliRun.of("figure", "--run", run(PRESETS[0]), "--run", run(PRESETS[1]), "--out", outDir.toString(),
                "--samples", "500", "--episodes", String.valueOf(EPISODES));
        assertEquals(0, r.code(), r.err());
        // Two columns of FigureCommand.FORK_COLUMN points, drawn at 2×.
        int width = 2 * 2 * FigureCommand.FORK_COLUMN;
        for (String[] panel : new String[][] {{"fork", "2400"}, {"fork-routes", "1120"}, {"fork-actions", "1120"}}) {
            Path png = outDir.resolve(panel[0] + ".png");
            Path svgFile = outDir.resolve(panel[0] + ".svg");
            assertTrue(r.out().contains(png.toString()) && r.out().contains(svgFile.toString()), r.out());
            BufferedImage img = ImageIO.read(png.toFile());
            assertEquals(width, img.getWidth(), png.toString());
            assertEquals(Integer.parseInt(panel[1]), img.getHeight(), png.toString());
            Document doc = svg(svgFile);
            assertEquals("svg", doc.getDocumentElement().getTagName());
            assertEquals(width / 2.0, Double.parseDouble(doc.getDocumentElement().getAttribute("width")), 0);
        }
        String text = svg(outDir.resolve("fork.svg")).getDocumentElement().getTextContent();
        boolean mixed = false;
        for (String preset : PRESETS) {
            // The same episodes again, straight from the fork measure on the restored run with the figure's seed.
            Trainer t = RunFolder.restore(TMP.resolve(preset), "--run", false, c -> c);
            Rng rng = new Rng(FigureCommand.FIGURE_SEED);
            double[] sampled = ForkEvaluator.episodes(t, EPISODES, false, rng).split();
            double[] eval = ForkEvaluator.routes(t, EPISODES, true, rng);
            assertEquals(1, sampled[0] + sampled[1] + sampled[2], 1e-9);
            mixed |= sampled[0] > 0 && sampled[0] < 1 || sampled[1] > 0 && sampled[1] < 1;
            assertTrue(text.contains("left gap: " + Math.round(sampled[0] * EPISODES) + " (" + pct(sampled[0]) + ")"),
                    preset + " " + sampled[0] + " in " + text);
            assertTrue(text.contains("right gap: " + Math.round(sampled[1] * EPISODES) + " (" + pct(sampled[1]) + ")"),
                    preset + " " + sampled[1] + " in " + text);
            assertTrue(text.contains(EPISODES + " episodes: left " + pct(eval[0]) + " · right " + pct(eval[1])),
                    preset + " eval " + eval[0] + " in " + text);
            assertTrue(r.err().contains(preset + " (") && r.err().contains(String.format(Locale.ROOT,
                    "rollout sampler left %.1f%% right %.1f%%", 100 * sampled[0], 100 * sampled[1])), r.err());
            ActionShape.Modes modes = ActionShape.density(ForkEvaluator.startActions(t, 500, rng), 2, 0).modes();
            double peak = Math.max(modes.peakUp(), modes.peakDown());
            assertTrue(text.contains(String.format(Locale.ROOT, "peak %.2f", peak)), preset + " peak " + peak);
        }
        assertTrue(mixed, "the tiny runs took a gap in some episodes and not in others");
        assertTrue(text.contains("FPO — fork-fpo") && text.contains("Gaussian PPO — fork-gaussian-ppo"), text);
    }

    @Test
    void badFlagsNameTheFlagInOneLine() throws Exception {
        String fpo = run(PRESETS[0]);
        CliRun.of("figure", "--run", fpo, "--cell", "12,12").refused("error: --cell: ", TRACE, "'12,12'", "GridWorld",
                "symmetry point");
        CliRun.of("figure", "--run", fpo, "--episodes", "0").refused("error: --episodes: ", TRACE, "1..10000", "0");
        CliRun.of("figure", "--run", fpo, "--samples", "50").refused("error: --samples: ", TRACE, "100..1000000");
        CliRun.of("figure", "--run", fpo, "--run", fpo, "--run", fpo, "--run", fpo, "--run", fpo)
                .refused("error: --run: ", TRACE, "1 to 4 runs", "got 5");
        Path grid = TMP.resolve("gridworld-run");
        Files.createDirectories(grid);
        Files.writeString(grid.resolve("config.json"),
                ConfigIO.toJson(ConfigIO.loadResource("/sample-configs/gridworld-fpo-fast.json")));
        Files.write(grid.resolve("checkpoint.ckpt"), new byte[0]);
        CliRun.of("figure", "--run", fpo, "--run", grid.toString()).refused("error: --run: ", TRACE, grid.toString(),
                "gridworld", "fork-easy runs only");
        CliRun.of("figure", "--run", grid.toString(), "--run", fpo).refused("error: --run: ", TRACE,
                "Figure 1 takes one GridWorld run, got 2");
    }
}
