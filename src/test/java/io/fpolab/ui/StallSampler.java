package io.fpolab.ui;

import io.fpolab.ui.util.StallMonitor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Finds out what the FX thread does during long frame gaps: a watchdog polls every 2 ms and, once no frame
 * came for {@code thresholdMillis}, records the FX thread's stack. The report counts the samples per
 * innermost lab (or JavaFX) frame, so "FX thread busy in X" and "FX thread idle, waiting for the renderer or
 * a CPU" can be told apart.
 */
final class StallSampler {
    private final Thread fx;
    private final StallMonitor monitor;
    private final long thresholdNanos;
    private final Map<String, Integer> counts = new HashMap<>();
    private volatile boolean running;
    private Thread watchdog;
    private int samples;

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
        while (running) {
            long last = monitor.lastFrameNanos();
            if (last != 0 && System.nanoTime() - last > thresholdNanos) {
                StackTraceElement[] st = fx.getStackTrace();
                Thread r = renderer();
                StackTraceElement[] rst = r == null ? new StackTraceElement[0] : r.getStackTrace();
                synchronized (counts) {
                    counts.merge("fx:     " + describe(st), 1, Integer::sum);
                    counts.merge("render: " + describe(rst), 1, Integer::sum);
                    samples++;
                }
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Thread renderer;

    /** Prism's render thread (software pipeline: it rasterizes every frame). */
    private Thread renderer() {
        if (renderer == null) {
            renderer = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("QuantumRenderer")).findFirst().orElse(null);
        }
        return renderer;
    }

    /** The top frame and the innermost io.fpolab frame (if any) of a stack. */
    private static String describe(StackTraceElement[] st) {
        if (st.length == 0) {
            return "(no stack)";
        }
        String top = st[0].getClassName() + "." + st[0].getMethodName();
        for (StackTraceElement e : st) {
            if (e.getClassName().startsWith("io.fpolab")) {
                return e.getClassName() + "." + e.getMethodName() + ":" + e.getLineNumber() + " <- top " + top;
            }
        }
        String second = st.length > 3 ? " / " + st[3].getClassName() + "." + st[3].getMethodName() : "";
        return top + second;
    }

    String report() {
        synchronized (counts) {
            List<Map.Entry<String, Integer>> top = counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(24).toList();
            return "STALL samples (FX thread, gaps > " + thresholdNanos / 1_000_000 + " ms, every 2 ms): " + samples
                    + "\n" + top.stream().map(e -> String.format("  %5d  %s", e.getValue(), e.getKey()))
                            .collect(Collectors.joining("\n")) + "\n";
        }
    }
}
