package io.fpolab.train;

/**
 * Time that analysis tasks may take while a run trains: it grows by a share of the wall time, up to a cap (so a
 * burst after a quiet spell stays short), and each task spends its own duration. Views drawing large samples at a
 * few hertz therefore lag instead of slowing the run by more than the share. Used by one thread at a time.
 */
final class TaskBudget {
    private final double share;
    private final long capNanos;
    private long nanos;
    private long clock = System.nanoTime();

    TaskBudget(double share, long capNanos) {
        this.share = share;
        this.capNanos = capNanos;
        this.nanos = capNanos;
    }

    /** Counts the time since the last call: while the run trains it adds its share to the budget. */
    void tick(boolean training) {
        long now = System.nanoTime();
        if (training) {
            nanos = Math.min(capNanos, nanos + (long) ((now - clock) * share));
        }
        clock = now;
    }

    /** True while tasks may still run. */
    boolean available() {
        return nanos > 0;
    }

    /** Charges a task that ran from {@code start} to now (if the run was training meanwhile). */
    void spend(long start, boolean training) {
        long end = System.nanoTime();
        if (training) {
            nanos -= end - start;
        }
        clock = end;
    }

    /** How long to wait before the budget is positive again, in milliseconds (0 when it is). */
    long waitMillis() {
        return nanos > 0 ? 0 : 1 + (long) (-nanos / share / 1e6);
    }
}
