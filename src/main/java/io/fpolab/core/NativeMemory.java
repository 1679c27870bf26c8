package io.fpolab.core;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands freed native memory back to the operating system. glibc keeps memory a thread freed in that
 * thread's malloc arena; every training run has its own thread, so without a trim each finished run
 * left a few hundred MB resident. {@code malloc_trim(0)} releases the free pages of every arena.
 * Elsewhere (macOS, Windows, musl) this does nothing.
 */
public final class NativeMemory {
    private static final Logger LOG = LoggerFactory.getLogger(NativeMemory.class);
    private static final LibC LIBC = load();

    private NativeMemory() {
    }

    /** The part of glibc used here. */
    interface LibC extends Library {
        int malloc_trim(long pad);
    }

    private static LibC load() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return null;
        }
        try {
            LibC libc = Native.loadLibrary("c", LibC.class);
            // JNA binds symbols on first call: call once here, so a libc without malloc_trim (musl)
            // is found now and not as an error at the end of a trainer thread.
            libc.malloc_trim(0);
            return libc;
        } catch (LinkageError | RuntimeException e) {
            LOG.debug("malloc_trim unavailable: {}", e.toString());
            return null;
        }
    }

    /** Releases free native memory to the OS; returns false where that is not possible. */
    public static boolean trim() {
        if (LIBC == null) {
            return false;
        }
        LIBC.malloc_trim(0);
        return true;
    }
}
