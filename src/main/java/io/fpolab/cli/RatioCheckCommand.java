package io.fpolab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fpolab.analysis.ExactLikelihood;
import io.fpolab.analysis.RatioInspector;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.core.AtomicFiles;
import io.fpolab.core.ConfigException;
import io.fpolab.core.rl.RatioMode;
import io.fpolab.runs.RunFolder;
import io.fpolab.train.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fpo-lab ratio-check}: FPO's ratio against the exact likelihood ratio on one PPO update of a saved FPO
 * run ({@link RatioInspector}). θ_old is the policy in the run's checkpoint; θ is the policy after one more PPO
 * iteration, run by the run's own trainer resumed from the checkpoint (a run that used up its budget gets one
 * iteration more, its learning-rate schedule stretched to match); the samples are N transitions of that
 * iteration's rollout, i.e. states visited by θ_old with actions sampled from θ_old, and FPO's ratio is the one
 * the update computed on its stored (τ, ε) pairs. Prints the summary on standard output; {@code --out} writes
 * the per-sample rows as CSV, or summary and rows as JSON.
 */
@Command(name = "ratio-check", mixinStandardHelpOptions = true,
        description = {"Compare FPO's ratio exp(L_CFM,old - L_CFM,theta) with the exact likelihood ratio of an FPO run "
                + "(actions of at most " + ExactLikelihood.MAX_ACTION_DIM + " dimensions).",
            "theta_old is the policy saved in the run's checkpoint; theta is the policy after one more PPO iteration, "
                + "trained by the run's own trainer resumed from the checkpoint (a finished run gets one iteration "
                + "beyond its budget). The samples are transitions of that iteration's rollout: states visited by "
                + "theta_old, actions sampled from theta_old. FPO's ratio is the one the update computed on the "
                + "(tau, eps) pairs it stored for those actions; the exact one is the density ratio of the raw action "
                + "under the two flows' continuous ODEs (RK4, exact divergence).",
            "Prints: Pearson r of the log-ratios, the share of samples on which both ratios agree about lying outside "
                + "the run's clip band [1-clip, 1+clip], each ratio's share outside it, and the means.",
            "Exit code 0 on success, 2 for bad flags and for folders that hold no FPO run."})
public final class RatioCheckCommand implements Callable<Integer> {
    static final int DEFAULT_SAMPLES = 1000;
    static final int MAX_SAMPLES = 100_000;
    static final int MIN_STEPS = 8;
    static final int MAX_STEPS = 4096;
    static final String CSV_HEADER = "index,exact_log_ratio,fpo_log_ratio,exact_clipped,fpo_clipped,exact_logp_old,"
            + "exact_logp_new";

    @Spec
    private CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "DIR",
            description = "Run folder of an FPO run (config.json + checkpoint.ckpt).")
    private Path run;

    @Option(names = "--n", paramLabel = "N",
            description = "Transitions to compare, drawn from the iteration's rollout (default " + DEFAULT_SAMPLES
                    + ", or the whole rollout when it is smaller; at most the rollout's size).")
    private Integer n;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed that picks the transitions (default ${DEFAULT-VALUE}); the iteration itself is the "
                    + "run's own continuation and does not depend on it.")
    private long seed;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "" + ExactLikelihood.DEFAULT_STEPS,
            description = "RK4 steps of the exact likelihood, " + MIN_STEPS + ".." + MAX_STEPS
                    + " (default ${DEFAULT-VALUE}).")
    private int steps;

    @Option(names = "--out", paramLabel = "FILE.csv|FILE.json",
            description = "Also write the per-sample rows as CSV, or the summary and rows as JSON.")
    private Path out;

    @Override
    public Integer call() throws IOException {
        if (n != null && (n < 1 || n > MAX_SAMPLES)) {
            throw new ConfigException("--n", n + " is out of range; allowed 1.." + MAX_SAMPLES);
        }
        if (steps < MIN_STEPS || steps > MAX_STEPS) {
            throw new ConfigException("--steps", steps + " is out of range; allowed " + MIN_STEPS + ".." + MAX_STEPS);
        }
        boolean json = false;
        if (out != null) {
            String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".json")) {
                json = true;
            } else if (!name.endsWith(".csv")) {
                throw new ConfigException("--out", "'" + out + "' ends in neither .csv nor .json; allowed: FILE.csv "
                        + "(per-sample rows) or FILE.json (summary and rows)");
            }
            OutputPaths.file(out, "--out");
        }
        Trainer trainer = RunFolder.restore(run, "--run", false, cfg -> cfg);
        ExperimentConfig cfg = trainer.config();
        try {
            ExactLikelihood.requireSupported(cfg.algorithm(), trainer.policy().actDim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--run", "'" + run + "': " + e.getMessage());
        }
        int batch = RatioInspector.rolloutSize(cfg);
        int samples = n == null ? Math.min(DEFAULT_SAMPLES, batch) : n;
        if (samples > batch) {
            throw new ConfigException("--n", samples + " is more than the " + batch + " transitions of one iteration of "
                    + "this run; allowed 1.." + batch);
        }
        if (trainer.isDone()) {
            int iteration = trainer.iteration();
            trainer = RunFolder.restore(run, "--run", false, c -> RatioInspector.withOneMoreIteration(c, iteration));
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println(String.format(Locale.ROOT, "one PPO iteration from the checkpoint (iteration %d), then exact "
                + "likelihoods of %d actions under both policies", trainer.iteration(), samples));
        err.flush();
        RatioInspector.Inspection result = RatioInspector.inspect(trainer, samples, seed, steps, true, done -> {
            err.println("exact likelihoods: " + done + "/" + samples);
            err.flush();
        });
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(summaryText(run, cfg, result, seed));
        stdout.flush();
        if (out != null) {
            AtomicFiles.write(out, json ? json(run, cfg, result, seed) : csv(result.report()));
        }
        return 0;
    }

    /** The summary as printed: one labelled figure per line. */
    static String summaryText(Path run, ExperimentConfig cfg, RatioInspector.Inspection r, long seed) {
        RatioInspector.Summary s = r.report().summary();
        var flow = cfg.flow();
        StringBuilder b = new StringBuilder();
        line(b, "run", String.format(Locale.ROOT, "%s · fpo · %s · θ_old = checkpoint (iteration %d), θ = after "
                + "iteration %d (lr %.3g)", run, cfg.env().id(), r.iteration(), r.iteration() + 1,
                r.update().learningRate()));
        line(b, "samples", String.format(Locale.ROOT, "%d of the %d transitions of θ_old's rollout (seed %d)",
                s.samples(), r.rolloutSize(), seed));
        line(b, "FPO ratio", String.format(Locale.ROOT, "%s over %d (τ, ε) pairs%s, %s, on the pairs the update stored",
                lower(flow.ratio()), flow.nMc(), flow.ratio() == RatioMode.PER_SAMPLE
                        ? " (per transition: the mean of the pairs' log-ratios)" : "", lower(flow.lossMode())));
        line(b, "exact ratio", String.format(Locale.ROOT, "ODE density of the raw action, RK4 %d steps (half the steps "
                + "moves a log-ratio by ≤ %s)", s.steps(), num("%.1e", s.integratorCheck())));
        line(b, "log-ratio mean", String.format(Locale.ROOT, "exact %+.5f · FPO %+.5f", s.meanExactLogRatio(),
                s.meanFpoLogRatio()));
        line(b, "log-ratio median", String.format(Locale.ROOT, "exact %+.5f · FPO %+.5f", s.medianExactLogRatio(),
                s.medianFpoLogRatio()));
        line(b, "log-ratio std", String.format(Locale.ROOT, "exact %.5f · FPO %.5f", s.stdExactLogRatio(),
                s.stdFpoLogRatio()));
        line(b, "ratio mean", String.format(Locale.ROOT, "exact %.5g · FPO %.5g", s.meanExactRatio(), s.meanFpoRatio()));
        line(b, "pearson r", num("%.4f", s.pearson()) + " (exact vs FPO log-ratios)");
        line(b, "clip band", String.format(Locale.ROOT, "[%s, %s]: outside exact %.1f %% · FPO %.1f %% · "
                + "training's clip fraction %.1f %%", trim(1 - s.clip()), trim(1 + s.clip()), 100 * s.exactOutside(),
                100 * s.fpoOutside(), 100 * r.update().clipFraction()));
        line(b, "clip agreement", String.format(Locale.ROOT, "%.1f %% of samples (both inside or both outside the band)",
                100 * s.clipAgreement()));
        return b.toString();
    }

    private static void line(StringBuilder b, String label, String value) {
        b.append(String.format(Locale.ROOT, "%-16s %s%n", label, value));
    }

    private static String num(String format, double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, format, v);
    }

    private static String trim(double v) {
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.6f", v)).stripTrailingZeros().toPlainString();
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** Per-sample rows: the transition's index in the rollout, both log-ratios, both clip flags, both log-densities. */
    static String csv(RatioInspector.Report report) {
        StringBuilder b = new StringBuilder(CSV_HEADER).append('\n');
        for (RatioInspector.Sample s : report.samples()) {
            b.append(s.index()).append(',').append(s.exactLogRatio()).append(',').append(s.fpoLogRatio()).append(',')
                    .append(s.exactOutside()).append(',').append(s.fpoOutside()).append(',').append(s.exactLogOld())
                    .append(',').append(s.exactLogNew()).append('\n');
        }
        return b.toString();
    }

    static String json(Path run, ExperimentConfig cfg, RatioInspector.Inspection r, long seed) throws IOException {
        RatioInspector.Summary s = r.report().summary();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("samples", s.samples());
        summary.put("clip", s.clip());
        summary.put("pearson", finite(s.pearson()));
        summary.put("clip_agreement", s.clipAgreement());
        summary.put("exact_outside", s.exactOutside());
        summary.put("fpo_outside", s.fpoOutside());
        summary.put("mean_exact_log_ratio", s.meanExactLogRatio());
        summary.put("mean_fpo_log_ratio", s.meanFpoLogRatio());
        summary.put("median_exact_log_ratio", s.medianExactLogRatio());
        summary.put("median_fpo_log_ratio", s.medianFpoLogRatio());
        summary.put("std_exact_log_ratio", s.stdExactLogRatio());
        summary.put("std_fpo_log_ratio", s.stdFpoLogRatio());
        summary.put("mean_exact_ratio", s.meanExactRatio());
        summary.put("mean_fpo_ratio", s.meanFpoRatio());
        summary.put("rk4_steps", s.steps());
        summary.put("integrator_check", finite(s.integratorCheck()));
        summary.put("training_clip_fraction", r.update().clipFraction());
        summary.put("learning_rate", r.update().learningRate());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RatioInspector.Sample x : r.report().samples()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("index", x.index());
            row.put("exact_log_ratio", x.exactLogRatio());
            row.put("fpo_log_ratio", x.fpoLogRatio());
            row.put("exact_clipped", x.exactOutside());
            row.put("fpo_clipped", x.fpoOutside());
            row.put("exact_logp_old", x.exactLogOld());
            row.put("exact_logp_new", x.exactLogNew());
            rows.add(row);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("run", run.toString());
        doc.put("env", cfg.env().id());
        doc.put("ratio", lower(cfg.flow().ratio()));
        doc.put("n_mc", cfg.flow().nMc());
        doc.put("iteration_old", r.iteration());
        doc.put("iteration_new", r.iteration() + 1);
        doc.put("rollout_size", r.rolloutSize());
        doc.put("seed", seed);
        doc.put("summary", summary);
        doc.put("samples", rows);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n";
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
