package io.fpolab.ui.charts;

import io.fpolab.train.IterationStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the training-curves chart draws, computed from run histories without any UI types: one curve
 * per run, or in band mode one mean ± standard deviation band per group of runs that differ only by
 * seed. Seeds of one group are aligned by iteration (equal settings give equal env steps per
 * iteration); x is then the mean over the group.
 */
public final class MetricsChartModel {
    /** Default metric of the chart. */
    public static final String DEFAULT_METRIC = "return_mean";

    /** Quantity on the x axis. */
    public enum XAxis {
        ENV_STEPS("Environment steps"), WALL_TIME("Wall-clock time (s)");

        private final String label;

        XAxis(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One run's input: display name, seed group key and name, palette index, history. */
    public record RunData(String name, String group, int color, List<IterationStats> history) {
    }

    /** A run's curve; points whose metric is missing or not finite are left out. */
    public record Curve(String name, int color, double[] x, double[] y) {
    }

    /** A seed group's mean and mean ± one standard deviation. */
    public record Band(String name, int color, int runs, double[] x, double[] mean, double[] lo, double[] hi) {
    }

    /** Everything one chart frame shows. */
    public record ChartData(String metric, XAxis xAxis, List<Curve> curves, List<Band> bands) {
        public boolean isEmpty() {
            return curves.stream().allMatch(c -> c.x().length == 0) && bands.stream().allMatch(b -> b.x().length == 0);
        }
    }

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("iteration", "Iteration"),
            Map.entry("env_steps", "Environment steps"),
            Map.entry("wall_seconds", "Wall-clock time (s)"),
            Map.entry("episodes", "Episodes finished per iteration"),
            Map.entry("return_mean", "Episode return (mean)"),
            Map.entry("length_mean", "Episode length (steps)"),
            Map.entry("train_success_rate", "Training success rate (fraction)"),
            Map.entry("policy_loss", "Policy loss"),
            Map.entry("value_loss", "Value loss"),
            Map.entry("ratio_mean", "Policy ratio, mean"),
            Map.entry("ratio_min", "Policy ratio, min"),
            Map.entry("ratio_max", "Policy ratio, max"),
            Map.entry("clip_fraction", "Clip fraction"),
            Map.entry("approx_kl", "Approx. KL divergence (nats)"),
            Map.entry("explained_variance", "Explained variance"),
            Map.entry("advantage_std", "Advantage std before normalization"),
            Map.entry("cfm_loss", "CFM loss"),
            Map.entry("entropy", "Entropy (nats)"),
            Map.entry("grad_norm", "Gradient norm"),
            Map.entry("learning_rate", "Policy learning rate"),
            Map.entry("steps_per_second", "Throughput (env steps/s)"),
            Map.entry("rollout_seconds", "Rollout time per iteration (s)"),
            Map.entry("update_seconds", "Update time per iteration (s)"),
            Map.entry("success_rate", "Evaluation success rate (fraction)"),
            Map.entry("mean_episode_length", "Evaluation episode length (steps)"),
            Map.entry("saddle_length", "Episode length from the saddle cell (steps)"),
            Map.entry("y_peak_up", "Saddle: y-density peak above +0.5 (per action unit)"),
            Map.entry("y_peak_down", "Saddle: y-density peak below −0.5 (per action unit)"),
            Map.entry("y_valley", "Saddle: y-density valley between the peaks"),
            Map.entry("eval_return", "Evaluation return (mean)"),
            Map.entry("eval_return_std", "Evaluation return (std)"));

    private MetricsChartModel() {
    }

    /** The metrics to offer: every scalar column, then the evaluation keys in first-seen order. */
    public static List<String> metrics(Collection<String> evaluationKeys) {
        List<String> m = new ArrayList<>(Arrays.asList(IterationStats.COLUMNS));
        for (String k : evaluationKeys) {
            if (!m.contains(k)) {
                m.add(k);
            }
        }
        return m;
    }

    /** Axis label of a metric, with its unit where it has one. */
    public static String label(String metric) {
        String known = LABELS.get(metric);
        if (known != null) {
            return known;
        }
        if (metric.startsWith("saddle_")) {
            return "From the saddle cell: fraction reaching " + metric.substring(7).replace('_', ' ');
        }
        if (metric.startsWith("move_")) {
            return "First move from the saddle: " + metric.substring(5) + " (fraction)";
        }
        String s = metric.replace('_', ' ');
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The metric's value in one iteration: a scalar column or an evaluation key; NaN if absent. */
    public static double value(IterationStats s, String metric) {
        for (int i = 0; i < IterationStats.COLUMNS.length; i++) {
            if (IterationStats.COLUMNS[i].equals(metric)) {
                return s.values()[i];
            }
        }
        Double v = s.evaluation().get(metric);
        return v == null ? Double.NaN : v;
    }

    private static double x(IterationStats s, XAxis axis) {
        return axis == XAxis.ENV_STEPS ? s.envSteps() : s.wallSeconds();
    }

    /**
     * Indices of the points to draw of a series of {@code y.length} points: all of them up to {@code max},
     * else the first and the last and, for each of about {@code max / 2} equal runs of points, the lowest and
     * the highest in their order. A line through them looks like the whole series on a chart narrower than
     * {@code max / 2} pixels (spikes stay), and drawing cost stops growing with the length of a run.
     */
    public static int[] decimate(double[] y, int max) {
        int n = y.length;
        if (n <= max) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int buckets = Math.max(1, (max - 2) / 2);
        int[] out = new int[2 + 2 * buckets];
        int k = 0;
        out[k++] = 0;
        for (int b = 0; b < buckets; b++) {
            int from = 1 + (int) ((long) b * (n - 2) / buckets);
            int to = 1 + (int) ((long) (b + 1) * (n - 2) / buckets);
            if (to <= from) {
                continue;
            }
            int lo = from;
            int hi = from;
            for (int i = from; i < to; i++) {
                if (y[i] < y[lo]) {
                    lo = i;
                }
                if (y[i] > y[hi]) {
                    hi = i;
                }
            }
            out[k++] = Math.min(lo, hi);
            if (lo != hi) {
                out[k++] = Math.max(lo, hi);
            }
        }
        out[k++] = n - 1;
        return Arrays.copyOf(out, k);
    }

    /** Computes the chart's curves (or bands when {@code bands} is true). */
    public static ChartData compute(List<RunData> runs, String metric, XAxis axis, boolean bands) {
        int column = Arrays.asList(IterationStats.COLUMNS).indexOf(metric);
        if (!bands) {
            List<Curve> curves = new ArrayList<>();
            for (RunData r : runs) {
                double[] xs = new double[r.history().size()];
                double[] ys = new double[xs.length];
                int n = 0;
                for (IterationStats s : r.history()) {
                    double y = column >= 0 ? s.values()[column] : value(s, metric);
                    if (Double.isFinite(y)) {
                        xs[n] = x(s, axis);
                        ys[n] = y;
                        n++;
                    }
                }
                curves.add(new Curve(r.name(), r.color(), Arrays.copyOf(xs, n), Arrays.copyOf(ys, n)));
            }
            return new ChartData(metric, axis, curves, List.of());
        }
        Map<String, List<RunData>> groups = new LinkedHashMap<>();
        for (RunData r : runs) {
            groups.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r);
        }
        List<Band> out = new ArrayList<>();
        for (List<RunData> g : groups.values()) {
            out.add(band(g, metric, axis));
        }
        return new ChartData(metric, axis, List.of(), out);
    }

    private static Band band(List<RunData> group, String metric, XAxis axis) {
        // iteration -> {sum x, sum y, sum y², n}
        TreeMap<Integer, double[]> acc = new TreeMap<>();
        for (RunData r : group) {
            for (IterationStats s : r.history()) {
                double y = value(s, metric);
                if (!Double.isFinite(y)) {
                    continue;
                }
                double[] a = acc.computeIfAbsent(s.iteration(), i -> new double[4]);
                a[0] += x(s, axis);
                a[1] += y;
                a[2] += y * y;
                a[3] += 1;
            }
        }
        int n = acc.size();
        double[] xs = new double[n];
        double[] mean = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        int i = 0;
        for (double[] a : acc.values()) {
            double m = a[1] / a[3];
            // Sample standard deviation; a single seed has no spread to show.
            double var = a[3] > 1 ? Math.max(0, (a[2] - a[3] * m * m) / (a[3] - 1)) : 0;
            double sd = Math.sqrt(var);
            xs[i] = a[0] / a[3];
            mean[i] = m;
            lo[i] = m - sd;
            hi[i] = m + sd;
            i++;
        }
        RunData first = group.get(0);
        String base = first.name().replaceAll(" · (?:seed |s)\\d+.*$", "");
        String name = String.format(Locale.ROOT, "%s (%d seed%s)", base, group.size(), group.size() == 1 ? "" : "s");
        return new Band(name, first.color(), group.size(), xs, mean, lo, hi);
    }
}
