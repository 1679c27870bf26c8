package io.fpolab.ui.charts;

import io.fpolab.train.IterationStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the training-curves chart draws, computed from run histories without any UI types: one curve
 * per run, or in band mode one mean ± standard deviation band per group of runs that differ only by
 * seed. Seeds of one group are aligned by iteration (equal settings give equal env steps per
 * iteration); x is then the mean over the group.
 *
 * <p>A band counts each seed once: runs of one group with the same seed trained the same thing (a run
 * trained again, or opened from its folder beside the original), so only the one with the longest history
 * is used and {@code n} is the number of distinct seeds. Bands of metrics with a known range (fractions,
 * rates) are clamped to it, so "mean ± std" never claims a success rate above 1.
 */
public final class MetricsChartModel {
    /** Default metric of the chart. */
    public static final String DEFAULT_METRIC = "return_mean";
    /**
     * The metrics a run is judged by, offered first: GridWorld's evaluation success rate and the split of the
     * first move at the saddle cell, and the control tasks' evaluation return.
     */
    public static final List<String> HEADLINE = List.of("success_rate", "move_up", "move_down", "move_stay",
            "eval_return");

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

    /**
     * One run's input.
     *
     * @param name    display name, the curve's legend entry
     * @param group   seed group key: equal for runs whose configs differ only in the seed
     * @param label   the group's display name in band mode ("FPO · gridworld")
     * @param seed    the run's seed; runs of one group with equal seeds are one seed
     * @param color   palette index
     * @param history iterations, oldest first
     */
    public record RunData(String name, String group, String label, long seed, int color,
            List<IterationStats> history) {
    }

    /**
     * A run's curve; points whose metric is missing or not finite are left out. {@code y} is drawn (smoothed
     * when smoothing is on), {@code raw} holds the measured values at the same x.
     */
    public record Curve(String name, int color, double[] x, double[] y, double[] raw) {
        /** An unsmoothed curve. */
        public Curve(String name, int color, double[] x, double[] y) {
            this(name, color, x, y, y);
        }
    }

    /**
     * A seed group's mean and mean ± one standard deviation over {@code runs} distinct seeds; {@code rawMean} is
     * the mean before smoothing.
     */
    public record Band(String name, int color, int runs, double[] x, double[] mean, double[] lo, double[] hi,
            double[] rawMean) {
        /** An unsmoothed band. */
        public Band(String name, int color, int runs, double[] x, double[] mean, double[] lo, double[] hi) {
            this(name, color, runs, x, mean, lo, hi, mean);
        }
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

    /**
     * The metrics to offer for {@code runs}: those at least one run has a finite value of, the {@link #HEADLINE}
     * metrics first, then the scalar columns in their order, then the other evaluation keys in first-seen order.
     */
    public static List<String> metrics(List<RunData> runs) {
        Map<String, Integer> had = new LinkedHashMap<>();
        for (RunData r : runs) {
            countMetrics(r.history(), 0, had);
        }
        return ordered(had.keySet());
    }

    /**
     * Counts into {@code counts}, per metric, the iterations with a finite value in {@code history} from index
     * {@code from} on (a view that keeps the counts per run scans only the iterations that arrived since).
     */
    public static void countMetrics(List<IterationStats> history, int from, Map<String, Integer> counts) {
        for (int k = from; k < history.size(); k++) {
            IterationStats s = history.get(k);
            double[] v = s.values();
            for (int i = 0; i < v.length; i++) {
                if (Double.isFinite(v[i])) {
                    counts.merge(IterationStats.COLUMNS[i], 1, Integer::sum);
                }
            }
            for (Map.Entry<String, Double> e : s.evaluation().entrySet()) {
                if (e.getValue() != null && Double.isFinite(e.getValue())) {
                    counts.merge(e.getKey(), 1, Integer::sum);
                }
            }
        }
    }

    /**
     * The metric a chart opens on until someone picks one: the first {@link #HEADLINE} metric that some run has a
     * curve of (two points or more; GridWorld's success rate), else the training return (a control run evaluated
     * only at its end has one evaluation point, a dot, not a curve), else the first offered; null when none is.
     *
     * @param offered metrics in picker order
     * @param curves  metrics with at least two finite values in some run
     */
    public static String opening(List<String> offered, Set<String> curves) {
        for (String m : HEADLINE) {
            if (offered.contains(m) && curves.contains(m)) {
                return m;
            }
        }
        if (offered.contains(DEFAULT_METRIC)) {
            return DEFAULT_METRIC;
        }
        return offered.isEmpty() ? null : offered.get(0);
    }

    /** {@code had} in the order the picker lists metrics: headline metrics, scalar columns, evaluation keys. */
    public static List<String> ordered(Set<String> had) {
        List<String> out = new ArrayList<>();
        for (String m : HEADLINE) {
            if (had.contains(m)) {
                out.add(m);
            }
        }
        for (String m : IterationStats.COLUMNS) {
            if (had.contains(m) && !out.contains(m)) {
                out.add(m);
            }
        }
        for (String m : had) {
            if (!out.contains(m)) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * The range a metric's values lie in by definition: [0, 1] for fractions and rates, [0, ∞) for lengths,
     * losses, norms, times and densities, (−∞, 1] for the explained variance; unbounded otherwise. Bands are
     * clamped to it.
     */
    public static double[] bounds(String metric) {
        double inf = Double.POSITIVE_INFINITY;
        if (metric.endsWith("success_rate") || metric.equals("clip_fraction")
                || (metric.startsWith("saddle_") && !metric.equals("saddle_length")) || metric.startsWith("move_")) {
            return new double[] {0, 1};
        }
        if (metric.equals("explained_variance")) {
            return new double[] {-inf, 1};
        }
        if (NON_NEGATIVE.contains(metric)) {
            return new double[] {0, inf};
        }
        return new double[] {-inf, inf};
    }

    private static final Set<String> NON_NEGATIVE = Set.of("iteration", "env_steps", "wall_seconds", "episodes",
            "length_mean", "value_loss", "cfm_loss", "advantage_std", "grad_norm", "learning_rate", "steps_per_second",
            "rollout_seconds", "update_seconds", "mean_episode_length", "saddle_length", "y_peak_up", "y_peak_down",
            "y_valley", "eval_return_std", "ratio_mean", "ratio_min", "ratio_max");

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

    /**
     * Computes the chart's curves (or bands when {@code bands} is true). Runs without a finite value of the
     * metric get no curve, and groups without one no band, so they do not appear in the legend.
     */
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
                if (n > 0) {
                    curves.add(new Curve(r.name(), r.color(), Arrays.copyOf(xs, n), Arrays.copyOf(ys, n)));
                }
            }
            return new ChartData(metric, axis, curves, List.of());
        }
        Map<String, List<RunData>> groups = new LinkedHashMap<>();
        for (RunData r : runs) {
            groups.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r);
        }
        List<Band> out = new ArrayList<>();
        Map<String, Integer> labels = new HashMap<>();
        java.util.Set<Integer> colors = new java.util.HashSet<>();
        for (List<RunData> g : groups.values()) {
            List<RunData> seeds = oneRunPerSeed(g);
            Band b = band(seeds, metric, axis);
            if (b.x().length == 0) {
                continue;
            }
            // Groups that differ in a setting but not in algorithm and task would share a label (and a legend key).
            String label = g.get(0).label();
            int k = labels.merge(label, 1, Integer::sum);
            String name = String.format(Locale.ROOT, "%s%s (%d seed%s)", label, k == 1 ? "" : ", setting " + k,
                    b.runs(), b.runs() == 1 ? "" : "s");
            // The group's first run's colour, unless an earlier band has it (run colours repeat every palette's
            // length): then the first palette slot no band has.
            int color = b.color();
            int slot = 0;
            while (!colors.add(Math.floorMod(color, ChartStyle.PALETTE_SIZE)) && slot < ChartStyle.PALETTE_SIZE) {
                color = slot++;
            }
            out.add(new Band(name, color, b.runs(), b.x(), b.mean(), b.lo(), b.hi()));
        }
        return new ChartData(metric, axis, List.of(), out);
    }

    /**
     * The runs of one seed group with each seed once: of runs with equal seeds (the same training) the one with
     * the longest history, the first listed on a tie; in order of first appearance of each seed.
     */
    static List<RunData> oneRunPerSeed(List<RunData> group) {
        Map<Long, RunData> bySeed = new LinkedHashMap<>();
        for (RunData r : group) {
            bySeed.merge(r.seed(), r, (kept, next) -> next.history().size() > kept.history().size() ? next : kept);
        }
        return List.copyOf(bySeed.values());
    }

    private static Band band(List<RunData> seeds, String metric, XAxis axis) {
        double[] range = bounds(metric);
        // iteration -> {sum x, sum y, sum y², n}
        TreeMap<Integer, double[]> acc = new TreeMap<>();
        for (RunData r : seeds) {
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
            lo[i] = Math.max(range[0], m - sd);
            hi[i] = Math.min(range[1], m + sd);
            i++;
        }
        return new Band("", seeds.get(0).color(), seeds.size(), xs, mean, lo, hi);
    }

    /**
     * Exponential moving average as TensorBoard smooths scalars: {@code last = w·last + (1 − w)·y} from
     * {@code last = 0}, divided by {@code 1 − w^k} after k values so the start is not pulled towards 0; non-finite
     * values pass through unsmoothed. Weight 0 returns the values; weight must be in [0, 1).
     */
    public static double[] smooth(double[] y, double weight) {
        if (!(weight >= 0 && weight < 1)) {
            throw new IllegalArgumentException("smoothing weight " + weight + " is not in [0, 1)");
        }
        if (weight == 0) {
            return y;
        }
        double[] out = new double[y.length];
        double last = 0;
        int k = 0;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                out[i] = y[i];
                continue;
            }
            last = last * weight + (1 - weight) * y[i];
            k++;
            out[i] = last / (1 - Math.pow(weight, k));
        }
        return out;
    }

    /**
     * {@code data} with every curve, band mean and band edge smoothed by {@link #smooth}; the unsmoothed values
     * stay in {@link Curve#raw()} and {@link Band#rawMean()}. Smoothing is a weighted mean, so clamped band
     * edges stay inside the metric's range.
     */
    public static ChartData smoothed(ChartData data, double weight) {
        if (weight == 0) {
            return data;
        }
        List<Curve> curves = new ArrayList<>();
        for (Curve c : data.curves()) {
            curves.add(new Curve(c.name(), c.color(), c.x(), smooth(c.raw(), weight), c.raw()));
        }
        List<Band> bands = new ArrayList<>();
        for (Band b : data.bands()) {
            bands.add(new Band(b.name(), b.color(), b.runs(), b.x(), smooth(b.rawMean(), weight),
                    smooth(b.lo(), weight), smooth(b.hi(), weight), b.rawMean()));
        }
        return new ChartData(data.metric(), data.xAxis(), curves, bands);
    }

    /** The smallest positive value the chart would draw (curves, raw values, band edges); NaN if there is none. */
    public static double smallestPositive(ChartData data) {
        double min = Double.POSITIVE_INFINITY;
        for (Curve c : data.curves()) {
            min = Math.min(min, smallestPositive(c.y()));
            min = Math.min(min, smallestPositive(c.raw()));
        }
        for (Band b : data.bands()) {
            for (double[] v : new double[][] {b.mean(), b.lo(), b.hi(), b.rawMean()}) {
                min = Math.min(min, smallestPositive(v));
            }
        }
        return Double.isInfinite(min) ? Double.NaN : min;
    }

    private static double smallestPositive(double[] v) {
        double min = Double.POSITIVE_INFINITY;
        for (double y : v) {
            if (y > 0 && y < min) {
                min = y;
            }
        }
        return min;
    }

    /** How many drawn points (curve points, band means) are zero or negative, which a log axis cannot show. */
    public static int nonPositive(ChartData data) {
        int n = 0;
        for (Curve c : data.curves()) {
            for (double y : c.y()) {
                n += y > 0 ? 0 : 1;
            }
        }
        for (Band b : data.bands()) {
            for (double y : b.mean()) {
                n += y > 0 ? 0 : 1;
            }
        }
        return n;
    }

    /**
     * What a log-scale y axis leaves out of {@code data}, as one sentence for the chart, or "" when everything
     * is positive: points at or below zero are not drawn and band edges at or below zero are drawn at the
     * smallest positive value. When nothing is positive the chart stays linear and says so.
     */
    public static String logScaleNote(ChartData data) {
        if (data.isEmpty()) {
            return "";
        }
        if (Double.isNaN(smallestPositive(data))) {
            return "Log scale needs values above 0 and this metric has none: drawn on a linear scale.";
        }
        int left = nonPositive(data);
        boolean edges = data.bands().stream().anyMatch(b -> Arrays.stream(b.lo()).anyMatch(v -> v <= 0));
        List<String> parts = new ArrayList<>();
        if (left > 0) {
            parts.add(String.format(Locale.ROOT, "%,d point%s at or below 0 not drawn", left, left == 1 ? "" : "s"));
        }
        if (edges) {
            parts.add("band edges at or below 0 drawn at the axis floor");
        }
        return parts.isEmpty() ? "" : "Log scale: " + String.join("; ", parts) + ".";
    }
}
