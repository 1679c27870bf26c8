package io.fpolab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A tiny tmpfs for disk-full tests (root and mount(8) only; callers skip where it cannot be mounted). */
public final class SmallDisk {
    private SmallDisk() {
    }

    /** Mounts a tmpfs of {@code size} on {@code mount}; false where that is not allowed. */
    public static boolean mount(Path mount, String size) {
        try {
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mount.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Unmounts what {@link #mount} mounted. */
    public static void unmount(Path mount) throws IOException, InterruptedException {
        new ProcessBuilder("umount", mount.toString()).start().waitFor(10, TimeUnit.SECONDS);
    }
}
