package io.fpolab.ui;

import io.fpolab.ui.util.StallMonitor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Finds out what the FX thread does during long frame gaps: a watchdog polls every 2 ms and, while no frame
 * has come for {@code thresholdMillis}, records the stacks of the FX thread and of Prism's render thread.
 * Each gap is reported with its length and its most frequent stacks, so "FX thread busy in X", "renderer
 * busy" and "both idle: waiting for a CPU" can be told apart.
 */
final class StallSampler {
    private final Thread fx;
    private final StallMonitor monitor;
    private final long thresholdNanos;
    private final List<Gap> gaps = new ArrayList<>();
    private final java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    private volatile double worstFxCpuMillis;
    private volatile double worstRenderCpuMillis;
    private volatile boolean running;
    private Thread watchdog;
    private Thread renderer;

    /** One long gap: its length and the stacks seen during it. */
    private record Gap(double millis, Map<String, Integer> stacks) {
    }

    StallSampler(Thread fx, StallMonitor monitor, double thresholdMillis) {
        this.fx = fx;
        this.monitor = monitor;
        this.thresholdNanos = (long) (thresholdMillis * 1e6);
    }

    void start() {
        running = true;
        watchdog = new Thread(this::loop, "stall-sampler");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    void stop() throws InterruptedException {
        running = false;
        watchdog.join();
    }

    private void loop() {
        long seen = 0;
        long fxCpu = mx.getThreadCpuTime(fx.getId());
        long renderCpu = -1;
        Map<String, Integer> stacks = new LinkedHashMap<>();
        while (running) {
            long last = monitor.lastFrameNanos();
            if (last != seen) {
                // CPU the FX and render threads used since the previous frame: the work our code puts on a
                // frame, apart from how long the threads waited for a CPU on a busy machine.
                long nowFx = mx.getThreadCpuTime(fx.getId());
                worstFxCpuMillis = Math.max(worstFxCpuMillis, (nowFx - fxCpu) / 1e6);
                fxCpu = nowFx;
                Thread r = renderer();
                long nowRender = r == null ? -1 : mx.getThreadCpuTime(r.getId());
                if (renderCpu >= 0 && nowRender >= 0) {
                    worstRenderCpuMillis = Math.max(worstRenderCpuMillis, (nowRender - renderCpu) / 1e6);
                }
                renderCpu = nowRender;
                if (!stacks.isEmpty() && seen != 0) {
                    synchronized (gaps) {
                        gaps.add(new Gap((last - seen) / 1e6, stacks));
                    }
                }
                stacks = new LinkedHashMap<>();
                seen = last;
            } else if (last != 0 && System.nanoTime() - last > thresholdNanos) {
                stacks.merge("fx     " + describe(fx.getStackTrace()), 1, Integer::sum);
                Thread r = renderer();
                if (r != null) {
                    stacks.merge("render " + describe(r.getStackTrace()), 1, Integer::sum);
                }
                Thread t = timer();
                if (t != null) {
                    stacks.merge("timer  " + describe(t.getStackTrace()), 1, Integer::sum);
                }
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Thread timer;

    /** The thread that asks for pulses (on Monocle "Monocle Timer"): if it is late, no frame comes. */
    private Thread timer() {
        if (timer == null) {
            timer = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().contains("Timer")).findFirst().orElse(null);
        }
        return timer;
    }

    /** Prism's render thread (software pipeline: it rasterizes every frame). */
    private Thread renderer() {
        if (renderer == null) {
            renderer = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("QuantumRenderer")).findFirst().orElse(null);
        }
        return renderer;
    }

    /** The innermost io.fpolab frame with the top frame, or the top frames when no lab code is on the stack. */
    private static String describe(StackTraceElement[] st) {
        if (st.length == 0) {
            return "(no stack)";
        }
        String top = st[0].getClassName() + "." + st[0].getMethodName();
        for (StackTraceElement e : st) {
            if (e.getClassName().startsWith("io.fpolab")) {
                return e.getClassName() + "." + e.getMethodName() + ":" + e.getLineNumber() + " <- " + top;
            }
        }
        return st.length > 3 ? top + " / " + st[3].getClassName() + "." + st[3].getMethodName() : top;
    }

    /** The longest gaps, each with its three most frequent stacks. */
    String report() {
        synchronized (gaps) {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                    "STALL worst CPU between two frames: FX thread %.1f ms, render thread %.1f ms%n"
                            + "STALL gaps over %d ms: %d%n", worstFxCpuMillis, worstRenderCpuMillis,
                    thresholdNanos / 1_000_000, gaps.size()));
            gaps.stream().sorted(Comparator.comparingDouble(Gap::millis).reversed()).limit(8).forEach(g -> {
                b.append(String.format(Locale.ROOT, "  gap %.1f ms%n", g.millis()));
                b.append(g.stacks().entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                        .limit(6).map(e -> String.format(Locale.ROOT, "    %3d  %s%n", e.getValue(), e.getKey()))
                        .collect(Collectors.joining()));
            });
            return b.toString();
        }
    }
}
