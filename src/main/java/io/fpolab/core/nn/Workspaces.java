package io.fpolab.core.nn;

import io.fpolab.core.NativeMemory;
import java.util.function.Supplier;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs hot-loop bodies inside ND4J workspaces so temporaries are recycled instead of piling up
 * off-heap (a naive allocating loop grew to 2.2 GB here). Nothing allocated inside may escape: bodies
 * return Java values and write results into arrays allocated outside.
 */
public final class Workspaces {
    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .overallocationLimit(0.3)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    static {
        // Workspaces recycle our temporaries, so ND4J's periodic and "occasional" System.gc() calls only
        // add full-GC pauses (~100 ms) that freeze every thread, the UI's included.
        Nd4j.getMemoryManager().togglePeriodicGc(false);
        Nd4j.getMemoryManager().setOccasionalGcFrequency(0);
    }

    private Workspaces() {
    }

    /** Runs {@code body} in the calling thread's workspace named {@code name}. */
    public static <T> T run(String name, Supplier<T> body) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, name)) {
            return body.get();
        }
    }

    /** Runs {@code body} in the calling thread's workspace named {@code name}. */
    public static void run(String name, Runnable body) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, name)) {
            body.run();
        }
    }

    /**
     * Runs {@code body} outside every workspace of this thread: what it allocates is ordinary, long-lived memory,
     * e.g. a network made lazily while an evaluation's workspace is open.
     */
    public static <T> T detached(Supplier<T> body) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return body.get();
        }
    }

    /**
     * Frees this thread's workspaces and hands the freed memory back to the OS (call when a trainer
     * thread ends: glibc would otherwise keep it in the thread's malloc arena).
     */
    public static void releaseThread() {
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        NativeMemory.trim();
    }
}
