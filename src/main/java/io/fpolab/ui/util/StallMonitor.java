package io.fpolab.ui.util;

import javafx.animation.AnimationTimer;

/**
 * Measures how smoothly the FX thread renders: an {@link AnimationTimer} records the gap between
 * consecutive frames. At 60 Hz the gap is about 17 ms; anything that blocks the FX thread (ND4J work,
 * file I/O, a huge redraw) shows up as a long gap. Values are read by the debug overlay and by tests.
 */
public final class StallMonitor {
    /** Gaps are "recent" for this long, so the overlay shows the last second's worst, not a stale one. */
    private static final long RECENT_WINDOW_NANOS = 1_000_000_000L;

    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            onFrame(now);
        }
    };
    private long lastFrame;
    private long windowStart;
    private double windowWorst;
    private volatile double worstMillis;
    private volatile double recentMillis;
    private volatile long frames;
    private volatile long lastFrameNanos;

    /** Starts measuring (FX thread). */
    public void start() {
        lastFrame = 0;
        timer.start();
    }

    /** Stops measuring (FX thread). */
    public void stop() {
        timer.stop();
    }

    /** Forgets the worst gap so far; the next frame starts a new measurement (FX thread). */
    public void reset() {
        lastFrame = 0;
        worstMillis = 0;
        recentMillis = 0;
        windowWorst = 0;
        frames = 0;
    }

    private void onFrame(long now) {
        if (lastFrame != 0) {
            double gap = (now - lastFrame) / 1e6;
            if (gap > worstMillis) {
                worstMillis = gap;
            }
            if (now - windowStart > RECENT_WINDOW_NANOS) {
                recentMillis = Math.max(windowWorst, gap);
                windowWorst = gap;
                windowStart = now;
            } else {
                windowWorst = Math.max(windowWorst, gap);
            }
        } else {
            windowStart = now;
        }
        lastFrame = now;
        lastFrameNanos = System.nanoTime();
        frames++;
    }

    /** Longest gap between two frames since the last {@link #reset()}, in milliseconds. */
    public double worstStallMillis() {
        return worstMillis;
    }

    /** Longest gap in the last completed one-second window, in milliseconds. */
    public double recentStallMillis() {
        return recentMillis;
    }

    /** {@link System#nanoTime()} at the last frame, 0 before the first (any thread; for stall samplers). */
    public long lastFrameNanos() {
        return lastFrameNanos;
    }

    /** Frames seen since the last reset (a monitor that sees no frames measures nothing). */
    public long frames() {
        return frames;
    }
}
