package io.fpolab.cli;

import io.fpolab.config.ExperimentConfig;
import io.fpolab.core.ConfigException;
import io.fpolab.runs.RunFolder;
import io.fpolab.ui.charts.ChartExport;
import io.fpolab.ui.charts.MetricsChartModel.RunData;
import io.fpolab.ui.charts.MetricsChartModel.XAxis;
import io.fpolab.ui.charts.MetricsChartModel;
import io.fpolab.ui.runs.Labels;
import io.fpolab.ui.runs.TrainingKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fpo-lab curves}: the training-curves chart of run folders (a sweep's {@code --out} included) as PNG or
 * SVG, drawn as the lab's Curves tab draws and exports it: runs that differ only in their seed become one band,
 * mean ± std over seeds. Runs headless.
 */
@Command(name = "curves", mixinStandardHelpOptions = true,
        description = "Draw the training curves of run folders (seed bands by default) as PNG or SVG.")
public final class CurvesCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--runs", required = true, paramLabel = "DIR",
            description = "A run folder, or a folder of run folders such as a sweep's --out (repeatable).")
    private List<Path> dirs;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file, .png or .svg.")
    private Path out;

    @Option(names = "--metric", paramLabel = "NAME",
            description = "Metric (a metrics.csv column, e.g. return_mean, eval_return, success_rate); default: the"
                    + " first of eval_return, success_rate the runs have, else return_mean.")
    private String metric;

    @Option(names = "--x", paramLabel = "AXIS", defaultValue = "steps",
            description = "x axis: steps (environment steps) or time (wall-clock seconds); default ${DEFAULT-VALUE}.")
    private String x;

    @Option(names = "--per-run", description = "One curve per run instead of one band per setting; a setting's runs share its colour and "
                    + "differ by their dashes.")
    private boolean perRun;

    @Option(names = "--smoothing", paramLabel = "W", defaultValue = "0",
            description = "Exponential smoothing weight in [0, 0.99] (0: none); default ${DEFAULT-VALUE}.")
    private double smoothing;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "1000x600",
            description = "Chart size in logical pixels; default ${DEFAULT-VALUE} (PNG drawn at 2x for print).")
    private String size;

    @Override
    public Integer call() throws IOException {
        System.setProperty("java.awt.headless", "true");
        String name = String.valueOf(out.getFileName()).toLowerCase(Locale.ROOT);
        if (!name.endsWith(".svg") && !name.endsWith(".png")) {
            throw new ConfigException("--out", "must end in .png or .svg, got '" + out + "'");
        }
        XAxis axis = switch (x) {
            case "steps" -> XAxis.ENV_STEPS;
            case "time" -> XAxis.WALL_TIME;
            default -> throw new ConfigException("--x", "must be steps or time, got '" + x + "'");
        };
        if (!(smoothing >= 0 && smoothing <= 0.99)) {
            throw new ConfigException("--smoothing", "must be in 0..0.99, got " + smoothing);
        }
        int[] wh = parseSize(size);
        List<RunData> runs = new ArrayList<>();
        Map<String, Integer> groupColors = new HashMap<>();
        List<Found> found = new ArrayList<>();
        for (Path dir : dirs) {
            try {
                RunFolder.read(dir, Labels::defaultRunName).forEach(r -> found.add(new Found(r, dir)));
            } catch (IOException e) {
                throw new ConfigException("--runs", e.getMessage());
            }
        }
        List<String> names = uniqueNames(found);
        int k = 0;
        for (Found f : found) {
            RunFolder.Loaded r = f.run();
            ExperimentConfig c = r.config();
            String group = TrainingKey.seedGroup(c);
            runs.add(new RunData(names.get(k++), group, Labels.algorithm(c.algorithm()) + " · " + c.env().id(), c.seed(),
                    color(group, groupColors), r.history()));
        }
        List<String> have = MetricsChartModel.metrics(runs);
        String m = metric != null ? metric : defaultMetric(runs);
        if (!have.contains(m)) {
            throw new ConfigException("--metric", "the runs have no value of '" + m + "'; they have: "
                    + String.join(", ", have));
        }
        OutputPaths.file(out, "--out");
        ChartExport.writeCurves(runs, m, axis, !perRun, smoothing, out, wh[0], wh[1]);
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "%s: %s of %d run%s -> %s%n", perRun ? "curves" : "seed bands", m, runs.size(),
                runs.size() == 1 ? "" : "s", out);
        w.flush();
        return 0;
    }

    /**
     * The headline metric with a curve: evaluation return or success rate when some run was evaluated at two
     * iterations or more (runs evaluated only at the end have one point), else the training return.
     */
    static String defaultMetric(List<RunData> runs) {
        for (String m : List.of("eval_return", "success_rate")) {
            for (RunData r : runs) {
                if (r.history().stream().filter(s -> Double.isFinite(MetricsChartModel.value(s, m))).count() >= 2) {
                    return m;
                }
            }
        }
        return "return_mean";
    }

    /** A run and the {@code --runs} folder it was found in. */
    record Found(RunFolder.Loaded run, Path dir) {
    }

    /**
     * The runs' names, each once: two sweeps given as {@code --runs} both hold a {@code base/seed-0}, so a name that
     * comes more than once is prefixed with the {@code --runs} folder it was found in ("fpo-sweep/base/seed-0"), and
     * one that still repeats (the same folder given twice) is numbered.
     */
    static List<String> uniqueNames(List<Found> found) {
        Map<String, Long> count = found.stream().collect(Collectors.groupingBy(f -> f.run().name(), Collectors.counting()));
        Set<String> used = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (Found f : found) {
            String name = count.get(f.run().name()) > 1 ? f.dir().getFileName() + "/" + f.run().name() : f.run().name();
            String unique = Labels.unique(name, used::contains);
            used.add(unique);
            out.add(unique);
        }
        return out;
    }

    /**
     * Palette slot of a run of seed group {@code group}: one slot per group, in order of appearance, for seed bands
     * and for curves per run alike, so a setting has the same colour in both figures and its seeds' curves are told
     * apart by their dashes. A seed band takes its first run's slot, so numbering runs would start each group of five
     * seeds five slots on and wrap the third onto the first.
     */
    static int color(String group, Map<String, Integer> groupColors) {
        return groupColors.computeIfAbsent(group, g -> groupColors.size());
    }

    private static int[] parseSize(String s) {
        String[] p = s.split("x");
        try {
            if (p.length == 2) {
                int w = Integer.parseInt(p[0].trim());
                int h = Integer.parseInt(p[1].trim());
                if (w >= 200 && w <= 8000 && h >= 150 && h <= 8000) {
                    return new int[] {w, h};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException("--size", "must be WIDTHxHEIGHT with width 200..8000 and height 150..8000, got '"
                + s + "'");
    }
}
