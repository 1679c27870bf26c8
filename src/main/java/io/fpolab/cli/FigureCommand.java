package io.fpolab.cli;

import io.fpolab.analysis.GridEvaluator;
import io.fpolab.analysis.probe.FigureOneData;
import io.fpolab.config.ConfigException;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.core.AtomicFiles;
import io.fpolab.env.grid.GridLayout;
import io.fpolab.env.grid.GridWorldVecEnv;
import io.fpolab.runs.RunFolder;
import io.fpolab.train.Trainer;
import io.fpolab.ui.paint.Export;
import io.fpolab.ui.paint.FigureOne;
import io.fpolab.ui.paint.Painter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fpo-lab figure}: renders the paper's Figure 1 panels for a GridWorld run folder written by
 * {@code fpo-lab train} — (1) the policy field, (2) the action distribution at the analysis cell
 * across flow time τ, (3) episodes from that cell — each as PNG and SVG, plus the combined figure.
 * For a Gaussian PPO run the same panels make its counterpart, Fig. A.1. Runs headless.
 */
@Command(name = "figure", mixinStandardHelpOptions = true,
        description = "Render Figure 1 (policy field, denoising at the saddle cell, rollouts) of a GridWorld run as PNG and SVG.")
public final class FigureCommand implements Callable<Integer> {
    /** Seed of the figure's sampling, fixed so the same checkpoint gives the same figure. */
    static final long FIGURE_SEED = 20_260_101L;

    @Spec
    private CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "DIR",
            description = "Run folder written by 'fpo-lab train' (config.json + checkpoint.ckpt).")
    private Path run;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: RUN/figure).")
    private Path out;

    @Option(names = "--cell", paramLabel = "X,Y", description = "Analysis cell (default: the saddle cell, grid centre).")
    private String cell;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "10000",
            description = "Action samples for the distribution panel (default ${DEFAULT-VALUE}).")
    private int samples;

    @Option(names = "--episodes", paramLabel = "N", defaultValue = "100",
            description = "Episodes from the cell for the rollout panel (default ${DEFAULT-VALUE}).")
    private int episodes;

    @Override
    public Integer call() throws IOException {
        System.setProperty("java.awt.headless", "true");
        if (samples < 100 || samples > 1_000_000) {
            throw new ConfigException("--samples", "must be in 100..1000000, got " + samples);
        }
        if (episodes < 1 || episodes > 10_000) {
            throw new ConfigException("--episodes", "must be in 1..10000, got " + episodes);
        }
        if (out != null) {
            OutputPaths.folder(out, "--out");
        }
        // The folder's config says what the run is before its (larger) checkpoint is read.
        if (RunFolder.canRestore(run)) {
            requireGridWorld(RunFolder.readConfig(run));
        }
        Trainer trainer = RunFolder.restore(run, "--run", false, FigureCommand::requireGridWorld);
        GridLayout layout = ((GridWorldVecEnv) trainer.env()).layout();
        int[] xy = cell == null ? GridEvaluator.saddleCell(layout) : parseCell(cell, layout);
        Path dir = OutputPaths.folder(out != null ? out : run.resolve("figure"), "--out");
        String name = run.toAbsolutePath().normalize().getFileName().toString();
        FigureOne fig = new FigureOne(FigureOneData.collect(trainer, name, xy[0], xy[1], samples, episodes,
                FIGURE_SEED));
        Map<String, Object[]> panels = new LinkedHashMap<>();
        panels.put("figure1-policy-field", new Object[] {fig.policyField(), 640, 700});
        panels.put("figure1-denoising", new Object[] {fig.denoising(), 1500, 360});
        panels.put("figure1-trajectories", new Object[] {fig.trajectories(), 640, 720});
        panels.put("figure1", new Object[] {fig.combined(), 2100, 780});
        PrintWriter stdout = spec.commandLine().getOut();
        for (Map.Entry<String, Object[]> e : panels.entrySet()) {
            Painter p = (Painter) e.getValue()[0];
            int w = (Integer) e.getValue()[1];
            int h = (Integer) e.getValue()[2];
            Path png = dir.resolve(e.getKey() + ".png");
            Path svg = dir.resolve(e.getKey() + ".svg");
            // Through the atomic writer: a full disk leaves the previous figure or none, never a cut-off one.
            BufferedImage image = Export.image(p, w, h, 2.0);
            AtomicFiles.write(png, stream -> {
                if (!ImageIO.write(image, "png", stream)) {
                    throw new IOException("no PNG writer available");
                }
            });
            AtomicFiles.write(svg, Export.svg(p, w, h));
            stdout.println(png);
            stdout.println(svg);
        }
        stdout.flush();
        return 0;
    }

    private static ExperimentConfig requireGridWorld(ExperimentConfig cfg) {
        if (!GridWorldVecEnv.ID.equals(cfg.env().id())) {
            throw new ConfigException("--run", "Figure 1 needs a GridWorld run; this run trains " + cfg.env().id());
        }
        return cfg;
    }

    /** "X,Y" → a walkable cell of the layout. */
    static int[] parseCell(String text, GridLayout layout) {
        String[] parts = text.split(",");
        int x;
        int y;
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            x = Integer.parseInt(parts[0].trim());
            y = Integer.parseInt(parts[1].trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("--cell", "'" + text + "' is not X,Y (e.g. 12,12)");
        }
        if (!layout.contains(x, y)) {
            throw new ConfigException("--cell", "(" + x + ", " + y + ") is outside the " + layout.width() + "×"
                    + layout.height() + " grid");
        }
        if (layout.type(x, y) != GridLayout.CellType.EMPTY) {
            throw new ConfigException("--cell", "(" + x + ", " + y + ") is a " + layout.type(x, y).name().toLowerCase()
                    + " cell; pick a walkable one");
        }
        return new int[] {x, y};
    }
}
