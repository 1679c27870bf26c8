package io.fpolab.train;

import io.fpolab.config.ConfigIO;
import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig.*;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.core.math.Rng;
import io.fpolab.core.nn.Activation;
import io.fpolab.core.nn.Adam;
import io.fpolab.core.nn.Mlp;
import io.fpolab.core.nn.ParamSet;
import io.fpolab.core.nn.NetworkConfig;
import io.fpolab.core.nn.VectorKernels;
import io.fpolab.core.nn.Workspaces;
import io.fpolab.core.policy.CfmLoss;
import io.fpolab.core.policy.FlowConfig;
import io.fpolab.core.policy.FlowPolicy;
import io.fpolab.core.policy.Policies;
import io.fpolab.core.policy.Policy;
import io.fpolab.core.policy.Sampler;
import io.fpolab.core.policy.TauSampling;
import io.fpolab.core.policy.TimeEmbedding;
import io.fpolab.core.rl.RatioMode;
import io.fpolab.core.rl.TrustRegion;
import io.fpolab.env.EnvSpec;
import io.fpolab.env.Envs;
import java.util.ArrayList;
import io.fpolab.env.VecEnv;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Throughput measurements behind {@code fpo-lab bench}, all taken in one process so their ratios
 * are comparable: the machine's SGEMM peak, FPO's update (forward + backward + Adam over
 * batch × N_mc rows) on the paper's Playground actor, the flow sampler's rollout rate, and the whole
 * GridWorld training loop at the paper's settings.
 */
public final class Benchmarks {
    private Benchmarks() {
    }

    /** Update steps run before timing (~2.5 s here): C2 needs that long to compile every vector loop. */
    static final int UPDATE_WARMUP_STEPS = 400;

    /** Best-of-{@code reps} GFLOP/s of a square single-precision GEMM of size {@code n}. */
    public static double sgemmPeakGflops(int n, int reps) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < reps + 2; i++) {
            long t = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            double s = (System.nanoTime() - t) / 1e9;
            if (i >= 2) {
                best = Math.min(best, s);
            }
        }
        return 2.0 * n * n * n / best / 1e9;
    }

    /** The Playground actor of the paper's Table 1 (32×4 SiLU, sinusoidal τ, output × 0.25, N_mc 8, ε-MSE). */
    public static FlowConfig playgroundFlow() {
        return new FlowConfig(TimeEmbedding.SINUSOIDAL, 0.25, Sampler.EULER, 10, 0.0, false, Sampler.EULER, true, 8,
                CfmLoss.EPS_MSE, TauSampling.GRID, RatioMode.MEAN_EXP, 3.0, TrustRegion.PPO_CLIP, 0.0, 0.0);
    }

    public static NetworkConfig playgroundActor() {
        return new NetworkConfig(List.of(32, 32, 32, 32), Activation.SILU);
    }

    /** Matmul FLOPs of one row through forward and backward (dW for all layers, dX for all but the first). */
    static double flopsPerRow(int[] sizes) {
        double fwd = 0;
        double dx = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            double mac = (double) sizes[l] * sizes[l + 1];
            fwd += 2 * mac;
            if (l > 0) {
                dx += 2 * mac;
            }
        }
        return 2 * fwd + dx;
    }

    /**
     * FPO update throughput on {@code batch} transitions × N_mc pairs: returns rows per second and
     * GFLOP/s (matmul FLOPs only).
     */
    public static double[] fpoUpdate(int obsDim, int actDim, int batch, int reps) {
        FlowConfig flow = playgroundFlow();
        FlowPolicy p = new FlowPolicy(obsDim, actDim, playgroundActor(), flow, DataType.FLOAT, new Rng(0));
        Rng rng = new Rng(1);
        float[] obs = new float[batch * obsDim];
        float[] act = new float[batch * actDim];
        for (int i = 0; i < obs.length; i++) {
            obs[i] = (float) rng.nextGaussian();
        }
        for (int i = 0; i < act.length; i++) {
            act[i] = (float) rng.nextGaussian();
        }
        p.beginRollout(batch);
        Workspaces.run("bench", () -> p.finishRollout(obs, act, batch, rng));
        int[] idx = new int[batch];
        float[] adv = new float[batch];
        for (int i = 0; i < batch; i++) {
            idx[i] = i;
            adv[i] = (float) rng.nextGaussian();
        }
        Adam adam = new Adam(p.params());
        Runnable step = () -> Workspaces.run("bench", () -> {
            p.lossAndGrad(obs, act, idx, adv, 0.05);
            adam.step(3e-4);
        });
        // Warm up until the JIT has compiled the hot loops (the SiLU vector kernels run ~10× slower
        // before C2 compiles them): training runs for minutes, so steady state is what counts.
        for (int i = 0; i < UPDATE_WARMUP_STEPS; i++) {
            step.run();
        }
        long t = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            step.run();
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        double rowsPerSecond = (double) batch * flow.nMc() * reps / seconds;
        int in = obsDim + actDim + 8;
        int[] sizes = {in, 32, 32, 32, 32, actDim};
        return new double[] {rowsPerSecond, rowsPerSecond * flopsPerRow(sizes) / 1e9};
    }

    /**
     * Policy-update rows per second (forward + backward over batch × N_mc rows in {@code cfg.ppo.shards}
     * shards, their reduction, Adam) of {@code cfg}'s policy, for each thread count in {@code threads}. The
     * counts are timed in alternating rounds in this one process, so their ratios are fair even on a machine
     * that is busy with something else.
     */
    public static double[] shardedUpdate(ExperimentConfig cfg, int obsDim, int actDim, int batch, int[] threads,
            int rounds, int stepsPerRound) {
        return shardedUpdate(cfg, obsDim, actDim, batch, threads, rounds, stepsPerRound, false);
    }

    /**
     * As {@link #shardedUpdate(ExperimentConfig, int, int, int, int[], int, int)}; with {@code withCritic} each step
     * also computes the critic's gradient in {@code cfg.ppo.criticShards} shards and steps the critic's Adam, as a
     * training minibatch does (rows still count the policy's).
     */
    public static double[] shardedUpdate(ExperimentConfig cfg, int obsDim, int actDim, int batch, int[] threads,
            int rounds, int stepsPerRound, boolean withCritic) {
        Rng rng = new Rng(1);
        Policy p = PolicyFactory.create(cfg, obsDim, actDim, DataType.FLOAT, rng);
        PolicyShards shards = new PolicyShards(p, cfg.ppo().shards(),
                () -> PolicyFactory.create(cfg, obsDim, actDim, DataType.FLOAT, new Rng(0)));
        float[] obs = new float[batch * obsDim];
        float[] act = new float[batch * actDim];
        rng.fillGaussian(obs);
        rng.fillGaussian(act);
        p.beginRollout(batch);
        Workspaces.run("bench", () -> p.finishRollout(obs, act, batch, rng));
        int[] idx = Policies.range(0, batch);
        float[] adv = new float[batch];
        rng.fillGaussian(adv);
        Adam adam = new Adam(p.params());
        Mlp critic = new Mlp(obsDim, cfg.critic().hidden(), 1, cfg.critic().activation(), DataType.FLOAT);
        ParamSet criticParams = new ParamSet(DataType.FLOAT, List.of(critic));
        critic.init(rng, 1.0);
        CriticShards criticShards = new CriticShards(critic, criticParams, cfg.ppo().criticShards(),
                () -> new Mlp(obsDim, cfg.critic().hidden(), 1, cfg.critic().activation(), DataType.FLOAT));
        float[] returns = new float[batch];
        rng.fillGaussian(returns);
        // The critic's Adam step runs after the threads join, as in the trainer: part of a whole minibatch's cost.
        Adam criticAdam = withCritic ? new Adam(criticParams) : null;
        java.util.function.IntConsumer step = n -> Workspaces.run("bench", () -> {
            List<Runnable> tasks = new ArrayList<>(shards.tasks(obs, act, idx, adv, 0.2));
            if (withCritic) {
                tasks.addAll(criticShards.tasks(obs, returns, obsDim, idx));
            }
            UpdateWorkers.runAll(tasks, n);
            shards.combine();
            adam.step(1e-9);
            if (withCritic) {
                criticShards.combine();
                criticAdam.step(1e-9);
            }
        });
        for (int i = 0; i < UPDATE_WARMUP_STEPS / 4; i++) {
            for (int n : threads) {
                step.accept(n);
            }
        }
        double[] seconds = new double[threads.length];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < threads.length; k++) {
                long t = System.nanoTime();
                for (int i = 0; i < stepsPerRound; i++) {
                    step.accept(threads[k]);
                }
                seconds[k] += (System.nanoTime() - t) / 1e9;
            }
        }
        int rowsPer = cfg.algorithm() == Algorithm.FPO ? cfg.flow().nMc() : cfg.algorithm() == Algorithm.DPPO
                ? cfg.flow().steps() : 1;
        double[] rowsPerSecond = new double[threads.length];
        for (int k = 0; k < threads.length; k++) {
            rowsPerSecond[k] = (double) batch * rowsPer * rounds * stepsPerRound / seconds[k];
        }
        return rowsPerSecond;
    }

    /** Actions per second sampled by the flow policy (K = 10 Euler steps) for {@code envs} observations at once. */
    public static double flowRollout(int obsDim, int actDim, int envs, int reps) {
        FlowPolicy p = new FlowPolicy(obsDim, actDim, playgroundActor(), playgroundFlow(), DataType.FLOAT, new Rng(0));
        Rng rng = new Rng(2);
        float[] obs = new float[envs * obsDim];
        float[] act = new float[envs * actDim];
        Runnable step = () -> Workspaces.run("bench", () -> p.sampleForRollout(obs, envs, null, rng, act, 0));
        for (int i = 0; i < 4 * reps; i++) {
            step.run();
        }
        long t = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            step.run();
        }
        return (double) envs * reps / ((System.nanoTime() - t) / 1e9);
    }

    /** Env steps per second of the whole GridWorld loop (rollout + update) at the paper's preset settings. */
    public static double gridworldLoop(int iterations) {
        ExperimentConfig cfg = ConfigIO.loadResource("/sample-configs/gridworld-fpo.json");
        cfg = ConfigSchema.withOverride(cfg, "ppo.totalSteps", Long.toString(1_000_000_000L));
        // Training alone (rollout + update), as the authors' figure it is compared with: no evaluations.
        cfg = ConfigSchema.withOverride(cfg, "eval.every", "0");
        Trainer trainer = new Trainer(cfg, Envs.create(cfg.env()));
        trainer.iterate();
        long steps = 0;
        long t = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            steps += (long) cfg.env().numEnvs() * cfg.ppo().stepsPerEnv();
            trainer.iterate();
        }
        return steps / ((System.nanoTime() - t) / 1e9);
    }

    /** Runs every measurement; keys are the JSON fields of {@code fpo-lab bench}. */
    public static Map<String, Object> all(int gridIterations) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("omp_threads", Nd4j.getEnvironment().maxThreads());
        m.put("vector_kernels", VectorKernels.ENABLED);
        double peak = sgemmPeakGflops(1024, 5);
        m.put("sgemm_peak_gflops", round(peak));
        double[] up = fpoUpdate(5, 1, 1024, 200);
        m.put("update_batch", "1024x8");
        m.put("update_samples_per_s", Math.round(up[0]));
        m.put("update_gflops", round(up[1]));
        m.put("update_fraction_of_peak", round(up[1] / peak));
        int cores = Runtime.getRuntime().availableProcessors();
        shardedUpdates(m, "classroom", "gridworld-fpo-fast.json", cores, false);
        shardedUpdates(m, "paper_gridworld", "gridworld-fpo.json", cores, false);
        shardedUpdates(m, "paper_control", "cartpole-swingup-fpo.json", cores, true);
        m.put("rollout_envs", 64);
        m.put("rollout_steps_per_s", Math.round(flowRollout(5, 1, 64, 200)));
        if (gridIterations > 0) {
            m.put("gridworld_env_steps_per_s", Math.round(gridworldLoop(gridIterations)));
        }
        return m;
    }

    /**
     * The policy update of a preset's minibatch with one shard per core: rows/s on one thread and on every core
     * (same shards, so the same bits), their scaling efficiency, and rows/s without shards; {@code withCritic} adds
     * the whole minibatch (policy and critic) with the critic in one piece and in one shard per core, and the
     * speed-up of the latter on every core over the former on one thread.
     */
    private static void shardedUpdates(Map<String, Object> m, String key, String preset, int cores,
            boolean withCritic) {
        ExperimentConfig cfg = ConfigIO.loadResource("/sample-configs/" + preset);
        int transitions = cfg.env().numEnvs() * cfg.ppo().stepsPerEnv() / cfg.ppo().minibatches();
        EnvSpec spec;
        try (VecEnv env = Envs.create(cfg.env())) {
            spec = env.spec();
        }
        ExperimentConfig sharded = ConfigSchema.withOverride(cfg, "ppo.shards", Integer.toString(cores));
        double[] r = shardedUpdate(sharded, spec.obsDim(), spec.actDim(), transitions, new int[] {1, cores}, 5, 40);
        double unsharded = shardedUpdate(ConfigSchema.withOverride(cfg, "ppo.shards", "1"), spec.obsDim(),
                spec.actDim(), transitions, new int[] {1}, 5, 40)[0];
        m.put(key + "_update_minibatch", transitions + "x" + cfg.flow().nMc());
        m.put(key + "_update_shards", cores);
        m.put(key + "_update_rows_per_s_unsharded", Math.round(unsharded));
        m.put(key + "_update_rows_per_s_1_thread", Math.round(r[0]));
        m.put(key + "_update_rows_per_s_" + cores + "_threads", Math.round(r[1]));
        m.put(key + "_update_scaling_efficiency", round(r[1] / r[0] / cores));
        if (withCritic) {
            // A whole minibatch as training computes it: the policy's shards and the critic's, the critic in one
            // piece (every preset) or in one shard per core (ppo.criticShards).
            ExperimentConfig criticSharded = ConfigSchema.withOverride(sharded, "ppo.criticShards", Integer.toString(cores));
            double[] whole = shardedUpdate(sharded, spec.obsDim(), spec.actDim(), transitions, new int[] {1, cores}, 5,
                    20, true);
            double[] split = shardedUpdate(criticSharded, spec.obsDim(), spec.actDim(), transitions,
                    new int[] {1, cores}, 5, 20, true);
            m.put(key + "_minibatch_rows_per_s_1_thread", Math.round(whole[0]));
            m.put(key + "_minibatch_rows_per_s_" + cores + "_threads", Math.round(whole[1]));
            m.put(key + "_minibatch_critic_shards_rows_per_s_1_thread", Math.round(split[0]));
            m.put(key + "_minibatch_critic_shards_rows_per_s_" + cores + "_threads", Math.round(split[1]));
            m.put(key + "_minibatch_critic_shards_speedup", round(split[1] / whole[0]));
        }
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
