package io.fpolab.cli;

import io.fpolab.config.ConfigException;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.env.Envs;
import io.fpolab.train.Checkpoint;
import io.fpolab.train.RunFiles;
import io.fpolab.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** A run folder written by {@code train} or {@code sweep}, restored into a trainer for headless analysis. */
final class RunFolder {
    private RunFolder() {
    }

    /** Whether {@code dir} holds a run's config and checkpoint. */
    static boolean isRun(Path dir) {
        return Files.isRegularFile(dir.resolve(RunFiles.CONFIG)) && Files.isRegularFile(dir.resolve(RunFiles.CHECKPOINT));
    }

    /**
     * The trainer of the run in {@code dir}, at its checkpoint, on the calling thread.
     *
     * @param flag   the command-line flag naming the folder, for error messages
     * @param adjust changes to the saved config that do not touch the saved state (e.g. evaluation settings)
     * @throws ConfigException when the folder is not a run or its files cannot be read
     */
    static Trainer restore(Path dir, String flag, UnaryOperator<ExperimentConfig> adjust) {
        return restore(dir, flag, false, adjust);
    }

    /**
     * The trainer of the run in {@code dir}, at its checkpoint, on the calling thread. The config is the one
     * the checkpoint was trained with; a {@code config.json} edited since (other than name and description) is
     * refused, or used when {@code trustConfigFile} is set and the network shapes still match the checkpoint.
     *
     * @param flag            the command-line flag naming the folder, for error messages
     * @param trustConfigFile use an edited {@code config.json} instead of refusing it
     * @param adjust          changes to the saved config that do not touch the saved state (e.g. evaluation settings)
     * @throws ConfigException when the folder is not a run, its files cannot be read or do not agree
     */
    static Trainer restore(Path dir, String flag, boolean trustConfigFile, UnaryOperator<ExperimentConfig> adjust) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException(flag, "'" + dir + "' is not a folder");
        }
        if (!isRun(dir)) {
            throw new ConfigException(flag, "'" + dir + "' has no " + RunFiles.CONFIG + " and " + RunFiles.CHECKPOINT
                    + " (write one with 'fpo-lab train --out DIR')");
        }
        Path checkpoint = dir.resolve(RunFiles.CHECKPOINT);
        Checkpoint saved;
        try {
            saved = Checkpoint.read(checkpoint);
        } catch (IOException | Checkpoint.CheckpointException e) {
            throw new ConfigException(flag, "cannot load " + checkpoint + ": " + e.getMessage());
        }
        ExperimentConfig trained;
        try {
            trained = Checkpoint.runConfig(dir.resolve(RunFiles.CONFIG), saved, trustConfigFile);
        } catch (Checkpoint.DriftException e) {
            throw new ConfigException("", e.getMessage() + "; --trust-config-file uses the edited file");
        }
        ExperimentConfig cfg = adjust.apply(trained);
        Trainer trainer = new Trainer(cfg, Envs.create(cfg.env()));
        try {
            saved.restoreInto(trainer);
        } catch (Checkpoint.CheckpointException e) {
            throw new ConfigException(flag, "cannot load " + checkpoint + (trustConfigFile
                    ? " with the edited " + RunFiles.CONFIG : "") + ": " + e.getMessage());
        }
        return trainer;
    }
}
