package io.fpolab.core;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps glibc's malloc arenas. glibc gives every new thread that allocates natively its own arena and
 * keeps freed memory there; each trainer thread (one per run) allocates hundreds of MB inside ND4J, so
 * without a cap resident memory grew ~400 MB with every new run in a long lab session. Call once at
 * startup, before trainer threads exist. A no-op off Linux/glibc or when the environment already sets
 * {@code MALLOC_ARENA_MAX}.
 */
public final class NativeMemory {
    private static final Logger LOG = LoggerFactory.getLogger(NativeMemory.class);
    /** glibc's {@code M_ARENA_MAX} parameter of {@code mallopt}. */
    private static final int M_ARENA_MAX = -8;
    /** Arenas allowed: the main one plus one shared by all other threads. */
    public static final int ARENAS = 2;

    private NativeMemory() {
    }

    interface LibC extends Library {
        int mallopt(int param, int value);
    }

    /** Applies the cap; returns true if glibc accepted it. */
    public static boolean limitArenas() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                || System.getenv("MALLOC_ARENA_MAX") != null) {
            return false;
        }
        try {
            LibC libc = Native.loadLibrary("c", LibC.class);
            return libc.mallopt(M_ARENA_MAX, ARENAS) == 1;
        } catch (Throwable e) {
            // musl or an unusual libc: nothing to cap, and nothing worth failing over.
            LOG.debug("mallopt(M_ARENA_MAX) unavailable: {}", e.toString());
            return false;
        }
    }
}
