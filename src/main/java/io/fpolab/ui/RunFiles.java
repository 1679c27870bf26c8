package io.fpolab.ui;

import io.fpolab.core.AtomicFiles;
import io.fpolab.runs.RunFolder;
import io.fpolab.runs.SweepRuns;
import io.fpolab.ui.runs.Labels;
import io.fpolab.ui.util.BackgroundExecutor;
import io.fpolab.ui.util.Prompts.PngOptions;
import io.fpolab.ui.views.RunView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The main window's file reads and writes: figures, metrics tables, experiment folders and run folders. Every
 * method is given what to write (a run's snapshot, a view that paints itself into a file, export options) and the
 * path, does the IO on the {@link BackgroundExecutor} and returns a future that completes off the FX thread, so no
 * dialog, controller or control ever waits for a disk. Kept apart from {@link FileActions}, which asks for the files and reports the
 * outcome, so the writing can be reasoned about (and changed) without the dialogs around it.
 */
final class RunFiles {
    /** A piece of file work that may fail with an {@link IOException}. */
    @FunctionalInterface
    private interface Io<T> {
        T call() throws IOException;
    }

    private final BackgroundExecutor background;

    RunFiles(BackgroundExecutor background) {
        this.background = background;
    }

    /**
     * Writes a view as PNG: laid out at the options' size in points, {@code scale} pixels per point, text at the
     * options' font size, with the view's key.
     */
    CompletableFuture<Void> png(RunView view, Path file, PngOptions o) {
        return write(() -> view.exportPng(file, o.width(), o.height(), o.scale(), o.fontSize()));
    }

    /** Writes a view as SVG at the options' size and font size (the scale does not apply to vectors). */
    CompletableFuture<Void> svg(RunView view, Path file, PngOptions o) {
        return write(() -> view.exportSvg(file, o.width(), o.height(), o.fontSize()));
    }

    /** Writes a run's metrics in the {@code metrics.csv} format. */
    CompletableFuture<Void> metricsCsv(RunFolder.Snapshot s, Path file) {
        return write(() -> AtomicFiles.write(file, RunFolder.metricsCsv(s.history(), s.evalKeys())));
    }

    /** Writes every run into its own run folder under {@code dir}, in the CLI's layout. */
    CompletableFuture<Void> experiment(List<RunFolder.Snapshot> snaps, Path dir) {
        return write(() -> RunFolder.writeExperiment(dir, snaps));
    }

    /** Reads a run folder, or every run below a folder (an exported experiment, a sweep). */
    CompletableFuture<List<RunFolder.Loaded>> readRuns(Path dir) {
        return io(() -> RunFolder.read(dir, Labels::defaultRunName));
    }

    /** Whether {@code dir} is a sweep folder (it has a run list), which the lab follows instead of reading once. */
    CompletableFuture<Boolean> isSweep(Path dir) {
        return io(() -> SweepRuns.isSweep(dir));
    }

    /** A write that returns nothing. */
    private interface Write {
        void run() throws IOException;
    }

    private CompletableFuture<Void> write(Write work) {
        return io(() -> {
            work.run();
            return null;
        });
    }

    private <T> CompletableFuture<T> io(Io<T> work) {
        return background.supply(() -> {
            try {
                return work.call();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
