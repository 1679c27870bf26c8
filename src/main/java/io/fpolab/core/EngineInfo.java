package io.fpolab.core;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Starts ND4J (loads its native backend) and describes it. Call it off the UI thread (it takes ~0.3–1 s), and in
 * a program with a JavaFX window before the window's toolkit starts: see {@link #warmUp()}.
 */
public final class EngineInfo {
    private static String description;
    private static Throwable failure;

    private EngineInfo() {
    }

    /**
     * Loads the native backend by creating and multiplying a tiny matrix; returns a one-line description. Only the
     * first call does the work; later calls return its description or throw its failure again.
     *
     * <p>ND4J's start looks its BLAS functions up with JavaCPP's {@code Loader.addressof}, which calls
     * {@code dlopen} inside a {@code dl_iterate_phdr} callback: it holds glibc's loader locks in the opposite
     * order to a plain {@code dlopen}. Run while another thread loads a native library — JavaFX's renderer
     * loads its effects library ({@code libdecora_sse}) the first time it draws an effect — both threads wait
     * for each other forever, and so does every other Java thread at the next safepoint: the lab window hung as
     * it opened, in about one start of ten under Xvfb. So the lab starts ND4J before JavaFX.
     */
    public static synchronized String warmUp() {
        if (description == null && failure == null) {
            try {
                var a = Nd4j.ones(DataType.FLOAT, 4, 4);
                float check = a.mmul(a).getFloat(0, 0);
                if (check != 4f) {
                    throw new IllegalStateException("ND4J self-check failed: 4x4 ones product gave " + check);
                }
                description = "ND4J " + Nd4j.getBackend().getClass().getSimpleName().replace("Backend", "")
                        + ", " + ompThreads() + " OpenMP thread(s)";
            } catch (RuntimeException | LinkageError e) {
                failure = e;
            }
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure != null) {
            throw (LinkageError) failure;
        }
        return description;
    }

    /**
     * {@link #warmUp()} for a program about to start JavaFX. A failure is kept, not thrown: the window's engine
     * status reports it when it calls {@link #warmUp()} again.
     */
    public static void startBeforeToolkit() {
        try {
            warmUp();
        } catch (RuntimeException | LinkageError e) {
            // Kept by warmUp(); the lab window shows it in its status bar.
        }
    }

    /** Number of OpenMP threads ND4J's native code uses. */
    public static int ompThreads() {
        return Nd4j.getEnvironment().maxThreads();
    }

    /** Application version from the jar manifest, or "dev" when run from classes. */
    public static String version() {
        String v = EngineInfo.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
