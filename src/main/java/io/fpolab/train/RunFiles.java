package io.fpolab.train;

/** File names of a run directory (shared by the CLI and the lab's export). */
public final class RunFiles {
    public static final String CONFIG = "config.json";
    public static final String METRICS = "metrics.csv";
    public static final String CHECKPOINT = "checkpoint.ckpt";
    public static final String SUMMARY = "summary.json";

    private RunFiles() {
    }
}
