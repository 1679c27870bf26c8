package io.fpolab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fpolab.analysis.GridAnalysis;
import io.fpolab.config.ConfigIO;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.core.math.Rng;
import io.fpolab.env.Envs;
import io.fpolab.env.grid.GridLayout;
import io.fpolab.env.grid.GridWorldVecEnv;
import io.fpolab.train.Benchmarks;
import io.fpolab.train.Trainer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fpo-lab bench}: prints one JSON line of throughput figures measured in this run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure SGEMM peak, FPO update and rollout throughput, the GridWorld training loop and 50,000 action samples at a cell; print one JSON line.")
public final class BenchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--gridworld-iterations", paramLabel = "N", defaultValue = "5",
            description = "Timed iterations of the GridWorld loop at paper settings (0 skips it; default ${DEFAULT-VALUE}).")
    private int gridIterations;

    @Override
    public Integer call() throws Exception {
        if (gridIterations < 0 || gridIterations > 1000) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--gridworld-iterations: " + gridIterations + " is outside 0..1000");
        }
        Map<String, Object> m = Benchmarks.all(gridIterations);
        m.put("action_samples", SAMPLES);
        int cores = Runtime.getRuntime().availableProcessors();
        m.put("action_samples_ms_1_thread", Math.round(actionSamplesMillis(SAMPLES, 7, 1)));
        m.put("action_samples_ms", Math.round(actionSamplesMillis(SAMPLES, 7, cores)));
        spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(m));
        return 0;
    }

    /** Samples the action-distribution view draws at a cell. */
    static final int SAMPLES = 50_000;

    /**
     * Milliseconds to draw {@code count} actions at the saddle cell of the paper GridWorld preset's flow policy
     * (K = 10 Euler steps), as the action-distribution view and {@code sample} draw them, on {@code threads}
     * threads: the median of {@code reps} after two warm-up draws.
     */
    static double actionSamplesMillis(int count, int reps, int threads) {
        ExperimentConfig cfg = ConfigIO.loadResource("/sample-configs/gridworld-fpo.json");
        Trainer trainer = new Trainer(cfg, Envs.create(cfg.env()));
        trainer.setUpdateThreads(threads);
        GridAnalysis analysis = new GridAnalysis(trainer);
        GridLayout layout = ((GridWorldVecEnv) trainer.env()).layout();
        Rng rng = new Rng(3);
        double[] ms = new double[reps];
        for (int i = -2; i < reps; i++) {
            long t = System.nanoTime();
            analysis.actionSamples(layout.width() / 2, layout.height() / 2, count, false, rng);
            if (i >= 0) {
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
        }
        Arrays.sort(ms);
        return ms[reps / 2];
    }
}
