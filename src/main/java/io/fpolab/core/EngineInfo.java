package io.fpolab.core;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Starts ND4J (loads its native backend) and describes it. Call off the UI thread: it takes ~1 s. */
public final class EngineInfo {
    private EngineInfo() {
    }

    /** Loads the native backend by creating and multiplying a tiny matrix; returns a one-line description. */
    public static String warmUp() {
        var a = Nd4j.ones(DataType.FLOAT, 4, 4);
        float check = a.mmul(a).getFloat(0, 0);
        if (check != 4f) {
            throw new IllegalStateException("ND4J self-check failed: 4x4 ones product gave " + check);
        }
        return "ND4J " + Nd4j.getBackend().getClass().getSimpleName().replace("Backend", "")
                + ", " + ompThreads() + " OpenMP thread(s)";
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
