package io.fpolab.train;

import org.bytedeco.javacpp.Pointer;

/**
 * Memory figures for leak checks (soak runs, lifecycle tests): Java heap after a full GC, the process's
 * resident set size, and the off-heap bytes JavaCPP tracks. ND4J 1.0.0-M2.1's CPU backend allocates
 * array buffers and workspaces in native code that neither JavaCPP's count nor ND4J's AllocationsTracker
 * sees (both stay near 0 MB while training), so RSS is the figure that shows native leaks.
 */
public final class MemoryProbe {
    private MemoryProbe() {
    }

    /**
     * Heap in use after {@link System#gc()}. Two collections with a short pause between them, because
     * one pass often leaves objects whose finalization or reference processing frees more.
     */
    public static long heapUsedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 2; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Resident set size of this process (what the OS charges us, heap and native together). */
    public static long residentBytes() {
        return Pointer.physicalBytes();
    }

    /** Off-heap bytes currently allocated through JavaCPP's own deallocator tracking. */
    public static long javacppBytes() {
        return Pointer.totalBytes();
    }
}
