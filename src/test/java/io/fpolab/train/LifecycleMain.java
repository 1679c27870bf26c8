package io.fpolab.train;

import io.fpolab.config.ConfigIO;
import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.env.Envs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Child process for {@link TrainingRunLifecycleTest}: runs {@code cycles} full run lifecycles on a small
 * GridWorld FPO config and prints one {@code RESULT} line with the memory growth after the warm-up cycles
 * and the names of trainer threads still alive. Closed runs are kept in a list, as the lab's run list
 * does, so a closed run that still pins its trainer shows up as growth.
 *
 * <p>Arguments: cycles, warm-up cycles.
 */
public final class LifecycleMain {
    private LifecycleMain() {
    }

    public static void main(String[] args) throws Exception {
        int cycles = Integer.parseInt(args[0]);
        int warmup = Integer.parseInt(args[1]);
        ExperimentConfig cfg = ConfigIO.loadResource("/sample-configs/gridworld-fpo-fast.json");
        cfg = ConfigSchema.withOverride(cfg, "env.numEnvs", "16");
        cfg = ConfigSchema.withOverride(cfg, "ppo.totalSteps", "4096");
        List<TrainingRun> closed = new ArrayList<>();
        long heap0 = 0;
        long rss0 = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < cycles; i++) {
            if (i == warmup) {
                heap0 = MemoryProbe.heapUsedAfterGc();
                rss0 = MemoryProbe.residentBytes();
            }
            closed.add(cycle(cfg, i));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long heapGrowth = MemoryProbe.heapUsedAfterGc() - heap0;
        long rssGrowth = MemoryProbe.residentBytes() - rss0;
        List<String> alive = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName).filter(n -> n.startsWith("trainer-")).toList();
        System.out.printf(Locale.ROOT, "RESULT runs=%d seconds=%.1f heapGrowth=%d rssGrowth=%d rss=%d javacpp=%d"
                + " trainerThreads=%s%n", closed.size(), seconds, heapGrowth, rssGrowth, MemoryProbe.residentBytes(),
                MemoryProbe.javacppBytes(), String.join(",", alive));
    }

    /** start → first iteration → pause → resume → cancel → close; fails loudly if a step hangs. */
    private static TrainingRun cycle(ExperimentConfig cfg, int i) throws InterruptedException {
        Semaphore iterations = new Semaphore(0);
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        TrainingRun run = new TrainingRun("lifecycle-" + i, () -> new Trainer(cfg, Envs.create(cfg.env())));
        run.addListener(new TrainingRun.Listener() {
            @Override
            public void onIteration(IterationStats stats) {
                iterations.release();
            }

            @Override
            public void onState(TrainingRun.State state, String message) {
                if (state == TrainingRun.State.PAUSED) {
                    paused.countDown();
                } else if (state == TrainingRun.State.CANCELLED) {
                    cancelled.countDown();
                }
            }
        });
        try (run) {
            run.start();
            await(iterations.tryAcquire(30, TimeUnit.SECONDS), i, "no first iteration");
            run.pause();
            await(paused.await(30, TimeUnit.SECONDS), i, "did not pause");
            run.resume();
            run.cancel();
            await(cancelled.await(30, TimeUnit.SECONDS), i, "did not stop (" + run.state() + ")");
        }
        await(run.isTerminated(), i, "trainer thread still running after close");
        return run;
    }

    private static void await(boolean ok, int cycle, String what) {
        if (!ok) {
            throw new IllegalStateException("cycle " + cycle + ": " + what);
        }
    }
}
