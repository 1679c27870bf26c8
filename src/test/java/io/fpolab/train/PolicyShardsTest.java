package io.fpolab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.config.ExperimentConfig.Algorithm;
import io.fpolab.core.nn.Nd;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Data-parallel updates: the shard counts (policy and critic) fix the result, the thread count never changes it,
 * and a sharded gradient is the whole minibatch's gradient up to float summation order.
 */
class PolicyShardsTest {
    private static ExperimentConfig config(Algorithm algorithm, int shards, int threads) {
        return config(algorithm, shards, 1, threads);
    }

    private static ExperimentConfig config(Algorithm algorithm, int shards, int criticShards, int threads) {
        return ConfigSchema.withOverrides(TrainerTest.banditConfig(algorithm, 3),
                Map.of("ppo.shards", Integer.toString(shards), "ppo.criticShards", Integer.toString(criticShards),
                        "ppo.threads", Integer.toString(threads)));
    }

    private static double largestDifference(float[] a, float[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }

    /** Policy and critic parameters after two iterations. */
    private static float[] trainedParameters(ExperimentConfig cfg) {
        Trainer trainer = new Trainer(cfg, new BanditEnv(32));
        trainer.iterate();
        trainer.iterate();
        float[] policy = Nd.floats(trainer.policy().params().params());
        float[] critic = Nd.floats(trainer.criticParams().params());
        float[] all = new float[policy.length + critic.length];
        System.arraycopy(policy, 0, all, 0, policy.length);
        System.arraycopy(critic, 0, all, policy.length, critic.length);
        return all;
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void theThreadCountNeverChangesABit(Algorithm algorithm) {
        float[] one = trainedParameters(config(algorithm, 4, 3, 1));
        assertArrayEquals(one, trainedParameters(config(algorithm, 4, 3, 2)), algorithm + ": 2 threads");
        assertArrayEquals(one, trainedParameters(config(algorithm, 4, 3, 4)), algorithm + ": 4 threads");
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void shardsGiveTheWholeMinibatchGradientUpToRounding(Algorithm algorithm) {
        // Two iterations of 4 epochs × 4 minibatches: 32 Adam steps, each from a gradient summed in another
        // order. Float rounding (~1e-7 relative) grows through the steps but stays far below the weights' scale.
        float[] whole = trainedParameters(config(algorithm, 1, 1));
        float[] sharded = trainedParameters(config(algorithm, 3, 2));
        double worst = largestDifference(whole, sharded);
        assertTrue(worst < 1e-4, algorithm + ": largest parameter difference " + worst);
        assertTrue(worst > 0,
                algorithm + ": identical bits would mean the shards were not used");
    }

    @Test
    void criticShardsGiveTheWholeMinibatchGradientUpToRounding() {
        Trainer whole = new Trainer(config(Algorithm.GAUSSIAN_PPO, 1, 1, 1), new BanditEnv(32));
        Trainer sharded = new Trainer(config(Algorithm.GAUSSIAN_PPO, 1, 3, 2), new BanditEnv(32));
        for (Trainer t : List.of(whole, sharded)) {
            t.iterate();
            t.iterate();
        }
        float[] a = Nd.floats(whole.criticParams().params());
        float[] b = Nd.floats(sharded.criticParams().params());
        double worst = largestDifference(a, b);
        assertTrue(worst < 1e-4, "largest critic parameter difference " + worst);
        assertTrue(worst > 0, "identical bits would mean the critic's shards were not used");
    }

    @Test
    void aFailingTaskIsRethrownAfterEveryTaskHasFinished() {
        List<Integer> finished = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Runnable> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int id = i;
            tasks.add(() -> {
                if (id == 2) {
                    throw new IllegalStateException("task 2 failed");
                }
                finished.add(id);
            });
        }
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> UpdateWorkers.runAll(tasks, 3));
        assertEquals("task 2 failed", e.getMessage());
        assertEquals(5, finished.size(), "the other tasks all ran");
    }

    @Test
    void moreShardsThanAMinibatchHasTransitionsIsRefused() {
        // bandit: 16 envs × 8 steps / 4 minibatches = 32 transitions per minibatch
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.fpolab.core.ConfigException.class,
                () -> config(Algorithm.FPO, 33, 1));
        assertTrue(e.getMessage().contains("ppo.shards") && e.getMessage().contains("at most 32"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(io.fpolab.core.ConfigException.class,
                () -> config(Algorithm.FPO, 1, 33, 1));
        assertTrue(e.getMessage().contains("ppo.criticShards") && e.getMessage().contains("33 critic shards"),
                e.getMessage());
    }
}
