package io.fpolab.cli;

import io.fpolab.analysis.ActionShape;
import io.fpolab.analysis.ForkEvaluator;
import io.fpolab.analysis.GridEvaluator;
import io.fpolab.analysis.probe.FigureOneData;
import io.fpolab.analysis.probe.ForkFigureData;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.core.ConfigException;
import io.fpolab.env.control.ForkEasy;
import io.fpolab.env.grid.GridLayout;
import io.fpolab.env.grid.GridWorldVecEnv;
import io.fpolab.runs.RunFolder;
import io.fpolab.train.Trainer;
import io.fpolab.ui.paint.Export;
import io.fpolab.ui.paint.FigureOne;
import io.fpolab.ui.paint.ForkFigure;
import io.fpolab.ui.paint.Painter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fpo-lab figure}: renders the paper's Figure 1 panels for a GridWorld run folder written by
 * {@code fpo-lab train} — (1) the policy field, (2) the action distribution at the analysis cell
 * across flow time τ, (3) episodes from that cell — each as PNG and SVG, plus the combined figure.
 * For a Gaussian PPO run the same panels make its counterpart, Fig. A.1.
 *
 * <p>Given fork-task runs ({@code fork-easy}; {@code --run} repeated, typically the FPO run and its Gaussian
 * PPO twin) it renders their equivalent side by side instead: per run the episodes from the symmetry point
 * with the route split, and the actions there with the x-force's peaks, all counted by the fork measure
 * ({@code ForkEvaluator}). Which figure is made follows the runs' environment, so the same command serves
 * both. Like {@code evaluate}, it reads finished run folders and trains nothing. Runs headless.
 */
@Command(name = "figure", mixinStandardHelpOptions = true,
        description = {"Render a figure of trained runs as PNG and SVG: Figure 1 (policy field, denoising at the "
                + "saddle cell, rollouts) of one GridWorld run, or the fork figure (episodes from the symmetry "
                + "point with the route split, actions there) of fork-easy runs side by side.",
            "The figure follows the runs' environment: GridWorld writes figure1*.png/.svg; fork-easy writes fork.png/.svg "
                + "(a column per run) and its halves fork-routes and fork-actions, and prints each run's route split.",
            "Example: figure --run runs/fork-fpo --run runs/fork-gaussian-ppo --out figs"})
public final class FigureCommand implements Callable<Integer> {
    /** Seed of the figure's sampling, fixed so the same checkpoint gives the same figure. */
    static final long FIGURE_SEED = 20_260_101L;
    /** Most runs a fork figure sets side by side. */
    static final int MAX_FORK_RUNS = 4;

    @Spec
    private CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "DIR",
            description = {"Run folder written by 'fpo-lab train' (config.json + checkpoint.ckpt). One GridWorld run "
                + "gives Figure 1. fork-easy runs give the fork figure, a column per run in the order given: "
                + "repeat --run (up to " + MAX_FORK_RUNS + "), e.g. the fork-fpo run, then the fork-gaussian-ppo run."})
    private List<Path> runs;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: the first RUN/figure).")
    private Path out;

    @Option(names = "--cell", paramLabel = "X,Y",
            description = "GridWorld only: analysis cell (default: the saddle cell, grid centre).")
    private String cell;

    @Option(names = "--samples", paramLabel = "N",
            description = "Action samples at the analysis cell or the symmetry point, 100..1000000 (default "
                + DEFAULT_GRID_SAMPLES + " for GridWorld, " + ForkEvaluator.SAMPLES + " for the fork task, as its measure).")
    private Integer samples;

    @Option(names = "--episodes", paramLabel = "N",
            description = "Episodes from the analysis cell or the symmetry point, 1..10000 (default "
                + DEFAULT_GRID_EPISODES + " for GridWorld, " + DEFAULT_FORK_EPISODES + " for the fork task, as its "
                + "presets' evaluation).")
    private Integer episodes;

    static final int DEFAULT_GRID_SAMPLES = 10_000;
    static final int DEFAULT_GRID_EPISODES = 100;
    static final int DEFAULT_FORK_EPISODES = 200;
    /**
     * Width in points of a run's column in the fork figure and its base text size: at a paper's text width
     * (about 500 points for two columns) the tick labels print at about 6 points.
     */
    static final int FORK_COLUMN = 460;
    /**
     * Base text size in points of the figures that hold the small multiples of the denoising: the size the policy
     * field and the rollouts get from their own panels, so the multiples' tick labels are not drawn at half of it
     * (each multiple alone would get 9 points, its tick labels under 2 points at a paper's text width).
     */
    static final double FIGURE_ONE_FONT = 14;
    static final double FORK_FONT = 13;

    /**
     * One figure file pair: its name, its size in points (the PNG at 2×) and its base text size in points (0: sized
     * from each panel).
     */
    private record Panel(String name, Painter painter, int width, int height, double fontSize) {
        Panel(String name, Painter painter, int width, int height) {
            this(name, painter, width, height, 0);
        }
    }

    @Override
    public Integer call() throws IOException {
        System.setProperty("java.awt.headless", "true");
        if (samples != null && (samples < 100 || samples > 1_000_000)) {
            throw new ConfigException("--samples", "must be in 100..1000000, got " + samples);
        }
        if (episodes != null && (episodes < 1 || episodes > 10_000)) {
            throw new ConfigException("--episodes", "must be in 1..10000, got " + episodes);
        }
        if (out != null) {
            OutputPaths.folder(out, "--out");
        }
        // The folders' configs say what the runs are before their (larger) checkpoints are read.
        ExperimentConfig first = config(runs.get(0));
        List<Panel> panels = ForkEasy.ID.equals(first.env().id()) ? forkFigure() : figureOne();
        Path dir = OutputPaths.folder(out != null ? out : runs.get(0).resolve("figure"), "--out");
        PrintWriter stdout = spec.commandLine().getOut();
        for (Panel panel : panels) {
            Path png = dir.resolve(panel.name() + ".png");
            Path svg = dir.resolve(panel.name() + ".svg");
            // Atomic writes: a full disk leaves the previous figure or none, never a cut-off one.
            Export.png(panel.painter(), png, panel.width(), panel.height(), 2.0, panel.fontSize());
            Export.svg(panel.painter(), svg, panel.width(), panel.height(), panel.fontSize());
            stdout.println(png);
            stdout.println(svg);
        }
        stdout.flush();
        return 0;
    }

    /** The config of a run folder; a folder that holds no run is refused with {@code RunFolder}'s message. */
    private static ExperimentConfig config(Path run) {
        if (!RunFolder.canRestore(run)) {
            // Not a run folder: restoring it names what is missing, in the words every command uses.
            RunFolder.restore(run, "--run", false, c -> c);
        }
        return RunFolder.readConfig(run);
    }

    private static String runName(Path run) {
        return run.toAbsolutePath().normalize().getFileName().toString();
    }

    private List<Panel> figureOne() {
        if (runs.size() > 1) {
            throw new ConfigException("--run", "Figure 1 takes one GridWorld run, got " + runs.size()
                    + " (several runs side by side are for fork-easy runs)");
        }
        Path run = runs.get(0);
        requireGridWorld(config(run));
        Trainer trainer = RunFolder.restore(run, "--run", false, FigureCommand::requireGridWorld);
        GridLayout layout = ((GridWorldVecEnv) trainer.env()).layout();
        int[] xy = cell == null ? GridEvaluator.saddleCell(layout) : parseCell(cell, layout);
        FigureOne fig = new FigureOne(FigureOneData.collect(trainer, runName(run), xy[0], xy[1],
                samples != null ? samples : DEFAULT_GRID_SAMPLES, episodes != null ? episodes : DEFAULT_GRID_EPISODES,
                FIGURE_SEED));
        return List.of(new Panel("figure1-policy-field", fig.policyField(), 640, 700),
                new Panel("figure1-denoising", fig.denoising(), 1500, 360, FIGURE_ONE_FONT),
                new Panel("figure1-trajectories", fig.trajectories(), 640, 720),
                new Panel("figure1", fig.combined(), 2100, 780, FIGURE_ONE_FONT));
    }

    private List<Panel> forkFigure() {
        if (cell != null) {
            throw new ConfigException("--cell", "'" + cell + "' applies to GridWorld runs only; the fork figure "
                    + "looks at the symmetry point (0, " + ForkEasy.START_Y + ")");
        }
        if (runs.size() > MAX_FORK_RUNS) {
            throw new ConfigException("--run", "the fork figure takes 1 to " + MAX_FORK_RUNS + " runs, got "
                    + runs.size());
        }
        for (Path run : runs) {
            String id = config(run).env().id();
            if (!ForkEasy.ID.equals(id)) {
                throw new ConfigException("--run", "'" + run + "' trains " + id + "; the fork figure takes "
                        + ForkEasy.ID + " runs only");
            }
        }
        int n = samples != null ? samples : ForkEvaluator.SAMPLES;
        int k = episodes != null ? episodes : DEFAULT_FORK_EPISODES;
        List<ForkFigureData> data = new ArrayList<>();
        PrintWriter stderr = spec.commandLine().getErr();
        for (Path run : runs) {
            Trainer trainer = RunFolder.restore(run, "--run", false, FigureCommand::requireFork);
            ForkFigureData d = ForkFigureData.collect(trainer, runName(run), n, k, FIGURE_SEED);
            data.add(d);
            stderr.println(summary(d));
        }
        stderr.flush();
        ForkFigure fig = new ForkFigure(data);
        int w = FORK_COLUMN * data.size();
        return List.of(new Panel("fork-routes", fig.routes(), w, 560, FORK_FONT),
                new Panel("fork-actions", fig.actions(), w, 560, FORK_FONT),
                new Panel("fork", fig.combined(), w, 1200, FORK_FONT));
    }

    /** One line per run of what the fork figure shows, for the log. */
    static String summary(ForkFigureData d) {
        double[] s = d.episodes().split();
        double[] e = d.evalSplit();
        ActionShape.Modes m = d.xModes();
        return String.format(Locale.ROOT, "%s (%s): %d episodes from the symmetry point, rollout sampler left %.1f%% "
                + "right %.1f%% none %.1f%%, evaluation sampler left %.1f%% right %.1f%% none %.1f%%; x-force density "
                + "peaks %.2f (left) %.2f (right), valley %s", d.runName(), d.algorithm().name().toLowerCase(Locale.ROOT),
                d.episodes().count(), 100 * s[0], 100 * s[1], 100 * s[2], 100 * e[0], 100 * e[1], 100 * e[2],
                m.peakDown(), m.peakUp(), Double.isNaN(m.valley()) ? "none" : String.format(Locale.ROOT, "%.2f",
                        m.valley()));
    }

    private static ExperimentConfig requireGridWorld(ExperimentConfig cfg) {
        if (!GridWorldVecEnv.ID.equals(cfg.env().id())) {
            throw new ConfigException("--run", "Figure 1 needs a GridWorld run (the fork figure fork-easy runs); "
                    + "this run trains " + cfg.env().id());
        }
        return cfg;
    }

    private static ExperimentConfig requireFork(ExperimentConfig cfg) {
        if (!ForkEasy.ID.equals(cfg.env().id())) {
            throw new ConfigException("--run", "the fork figure takes " + ForkEasy.ID + " runs; this run trains "
                    + cfg.env().id());
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
