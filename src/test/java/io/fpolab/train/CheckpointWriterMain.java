package io.fpolab.train;

import java.nio.file.Path;

/**
 * Child process for {@link CheckpointCrashTest}: loads two prepared checkpoints and writes them, alternating,
 * to one path in a tight loop until killed. It never touches ND4J, so it starts in a fraction of a second
 * and the parent can afford many kills. Prints {@code ready} after the first complete write.
 *
 * <p>Arguments: target path, checkpoint A, checkpoint B.
 */
public final class CheckpointWriterMain {
    private CheckpointWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        Checkpoint[] versions = {Checkpoint.read(Path.of(args[1])), Checkpoint.read(Path.of(args[2]))};
        versions[0].write(target);
        System.out.println("ready");
        System.out.flush();
        for (long i = 1; ; i++) {
            versions[(int) (i % 2)].write(target);
        }
    }
}
