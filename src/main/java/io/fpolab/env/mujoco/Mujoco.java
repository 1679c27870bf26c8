package io.fpolab.env.mujoco;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.File;

/**
 * The binding to the system's MuJoCo library, through JNA. MuJoCo is optional: the lab's own tasks are
 * pure Java, and only the contact-rich tasks of {@link MujocoSuite} need it. The library is looked up,
 * in this order, at the path of the system property {@value #PROPERTY}, at the path of the environment
 * variable {@value #ENV_VAR}, or as {@code libmujoco} on the default library path.
 *
 * <p>The binding reads and writes {@code mjModel} and {@code mjData} fields at fixed byte offsets
 * ({@link Layout}), which change between MuJoCo releases; so {@code mj_version()} is checked when the
 * library loads, and a version whose layout the binding does not know is refused with a message rather
 * than read wrongly. Loading is attempted once per JVM; {@link #require()} reports its outcome.
 */
public final class Mujoco {
    /** System property naming the MuJoCo library file. */
    public static final String PROPERTY = "fpolab.mujoco";
    /** Environment variable naming the MuJoCo library file (used when {@value #PROPERTY} is unset). */
    public static final String ENV_VAR = "FPOLAB_MUJOCO";
    /** {@code mj_version()} of the releases whose data layout {@link Layout} holds: 2.2.2. */
    public static final int SUPPORTED_VERSION = 222;
    /** How to get a usable MuJoCo, for messages. */
    public static final String INSTALL_HINT = "on Debian/Ubuntu run 'apt-get install libmujoco-dev' (MuJoCo "
            + versionString(SUPPORTED_VERSION) + "), or set " + ENV_VAR + " to the path of a MuJoCo "
            + versionString(SUPPORTED_VERSION) + " libmujoco.so";

    private static final Status STATUS = load();

    private Mujoco() {
    }

    /** The outcome of loading: the library's version, or why it cannot be used. */
    private record Status(int version, String problem) {
    }

    /**
     * Byte offsets of the {@code mjModel} and {@code mjData} fields the binding uses, and the object type
     * codes it passes, for MuJoCo 2.2.2. Derived from the 2.2.2 headers ({@code mjmodel.h}, {@code mjdata.h}
     * of Debian's libmujoco-dev 2.2.2) with {@code offsetof} in a C program compiled against them.
     */
    static final class Layout {
        static final long MODEL_NQ = 0;
        static final long MODEL_NV = 4;
        static final long MODEL_NU = 8;
        static final long MODEL_NJNT = 20;
        static final long MODEL_NSENSORDATA = 224;
        static final long MODEL_OPT_TIMESTEP = 232;
        /** {@code mjtByte* jnt_limited} (njnt). */
        static final long MODEL_JNT_LIMITED = 1320;
        /** {@code mjtNum* jnt_range} (njnt × 2). */
        static final long MODEL_JNT_RANGE = 1368;
        /** {@code mjtNum* geom_size} (ngeom × 3). */
        static final long MODEL_GEOM_SIZE = 1592;
        /** {@code mjtNum* site_size} (nsite × 3). */
        static final long MODEL_SITE_SIZE = 1712;
        /** {@code int* sensor_adr} (nsensor). */
        static final long MODEL_SENSOR_ADR = 2928;
        /** {@code int ncon}: contacts found by the last collision detection. */
        static final long DATA_NCON = 40332;
        static final long DATA_TIME = 40336;
        static final long DATA_QPOS = 40376;
        static final long DATA_QVEL = 40384;
        static final long DATA_CTRL = 40408;
        static final long DATA_SENSORDATA = 40472;
        /** {@code mjtNum* xpos} (nbody × 3): bodies' frame positions in the world. */
        static final long DATA_XPOS = 40480;
        /** {@code mjtNum* site_xpos} (nsite × 3). */
        static final long DATA_SITE_XPOS = 40552;
        /** {@code mjOBJ_BODY}, {@code mjOBJ_GEOM}, {@code mjOBJ_SITE} and {@code mjOBJ_SENSOR} of {@code mjtObj}. */
        static final int OBJ_BODY = 1;
        static final int OBJ_GEOM = 5;
        static final int OBJ_SITE = 6;
        static final int OBJ_SENSOR = 19;

        private Layout() {
        }
    }

    /**
     * The MuJoCo functions the binding calls, bound by JNA direct mapping once the version check passed
     * (stepping calls them hundreds of thousands of times a second).
     */
    static final class Lib {
        private Lib() {
        }

        static native int mj_version();

        static native Pointer mj_loadXML(String filename, Pointer vfs, byte[] error, int errorSize);

        static native Pointer mj_makeData(Pointer m);

        static native void mj_resetData(Pointer m, Pointer d);

        static native void mj_forward(Pointer m, Pointer d);

        static native void mj_step(Pointer m, Pointer d);

        static native void mj_step1(Pointer m, Pointer d);

        static native void mj_step2(Pointer m, Pointer d);

        static native void mj_deleteData(Pointer d);

        static native void mj_deleteModel(Pointer m);

        static native int mj_name2id(Pointer m, int type, String name);
    }

    /** Whether MuJoCo loaded and is a supported version. */
    public static boolean available() {
        return STATUS.problem() == null;
    }

    /** Why MuJoCo cannot be used (one line), or null when it can. */
    public static String problem() {
        return STATUS.problem();
    }

    /** The loaded library's version ("2.2.2"); throws when MuJoCo is not available. */
    public static String version() {
        require();
        return versionString(STATUS.version());
    }

    /** Throws {@link MujocoUnavailableException} with {@link #problem()} unless MuJoCo is available. */
    public static void require() {
        if (STATUS.problem() != null) {
            throw new MujocoUnavailableException(STATUS.problem());
        }
    }

    /** {@code mj_version()}'s number as a release: 222 → "2.2.2", 316 → "3.1.6". */
    public static String versionString(int version) {
        return version / 100 + "." + version / 10 % 10 + "." + version % 10;
    }

    /**
     * The one-line refusal of a library whose {@code mj_version()} is {@code found}: what was found where,
     * and what is supported.
     */
    public static String unsupportedVersionMessage(int found, String library) {
        return "MuJoCo " + versionString(found) + " found (" + library + "), but FPO Lab's MuJoCo binding knows the "
                + "data layout of MuJoCo " + versionString(SUPPORTED_VERSION) + " only; " + INSTALL_HINT;
    }

    private static Status load() {
        String property = System.getProperty(PROPERTY);
        String env = System.getenv(ENV_VAR);
        String where;
        String name;
        if (property != null && !property.isBlank()) {
            name = property;
            where = property + " (-D" + PROPERTY + ")";
        } else if (env != null && !env.isBlank()) {
            name = env;
            where = env + " (" + ENV_VAR + ")";
        } else {
            name = "mujoco";
            where = null;
        }
        if (where != null && !new File(name).isFile()) {
            return new Status(0, "there is no file " + where + "; " + INSTALL_HINT);
        }
        NativeLibrary lib;
        try {
            lib = NativeLibrary.getInstance(name);
        } catch (UnsatisfiedLinkError e) {
            return new Status(0, where == null
                    ? "libmujoco is not on the library path; " + INSTALL_HINT
                    : where + " does not load (" + firstLine(e.getMessage()) + "); "
                            + INSTALL_HINT);
        }
        String file = lib.getFile() != null ? lib.getFile().getPath() : where != null ? where : lib.getName();
        int version;
        try {
            version = lib.getFunction("mj_version").invokeInt(new Object[0]);
        } catch (UnsatisfiedLinkError e) {
            return new Status(0, file + " is not a MuJoCo library (it has no mj_version); " + INSTALL_HINT);
        }
        if (version != SUPPORTED_VERSION) {
            return new Status(version, unsupportedVersionMessage(version, file));
        }
        try {
            Native.register(Lib.class, lib);
        } catch (UnsatisfiedLinkError e) {
            return new Status(version, "MuJoCo " + versionString(version) + " (" + file + ") lacks a function the "
                    + "binding needs (" + firstLine(e.getMessage()) + "); " + INSTALL_HINT);
        }
        return new Status(version, null);
    }

    private static String firstLine(String s) {
        String line = s == null ? "" : s.lines().findFirst().orElse("").trim();
        return line.isEmpty() ? "no reason given" : line;
    }
}
