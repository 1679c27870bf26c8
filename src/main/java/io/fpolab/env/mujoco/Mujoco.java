package io.fpolab.env.mujoco;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.File;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger LOG = LoggerFactory.getLogger(Mujoco.class);

    /** MuJoCo's warning hook ({@code void (*mju_user_warning)(const char*)}). */
    interface WarningHandler extends Callback {
        void invoke(String message);
    }

    /**
     * Logs MuJoCo's warnings (an unstable simulation, full contact buffers) at debug level: MuJoCo resets an unstable
     * simulation itself and counts the warning, which is what callers check ({@code MujocoVecEnv.instability}).
     * Held here so that it is never collected.
     */
    private static final WarningHandler WARNINGS = message -> LOG.debug("MuJoCo: {}", message);

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
        static final long MODEL_NBODY = 16;
        static final long MODEL_NJNT = 20;
        static final long MODEL_NGEOM = 24;
        static final long MODEL_NSENSORDATA = 224;
        static final long MODEL_OPT_TIMESTEP = 232;
        /** {@code mjtNum stat.extent}: the model's spatial extent (metres). */
        static final long MODEL_STAT_EXTENT = 1056;
        /** {@code mjtNum stat.center[3]}: the centre of the model in its initial pose. */
        static final long MODEL_STAT_CENTER = 1064;
        /** {@code int* body_parentid} (nbody). */
        static final long MODEL_BODY_PARENTID = 1112;
        /** {@code int* jnt_type} (njnt; {@link #JNT_HINGE} …). */
        static final long MODEL_JNT_TYPE = 1280;
        /** {@code int* jnt_bodyid} (njnt): three pointers after {@code jnt_type}. */
        static final long MODEL_JNT_BODYID = 1304;
        /** {@code mjtByte* jnt_limited} (njnt). */
        static final long MODEL_JNT_LIMITED = 1320;
        /** {@code mjtNum* jnt_range} (njnt × 2). */
        static final long MODEL_JNT_RANGE = 1368;
        /** {@code mjtNum* dof_damping} (nv). */
        static final long MODEL_DOF_DAMPING = 1464;
        /** {@code int* geom_type} (ngeom; {@code mjtGeom}: plane 0, sphere 2, capsule 3, ellipsoid 4, cylinder 5, box 6). */
        static final long MODEL_GEOM_TYPE = 1488;
        /** {@code int* geom_bodyid} (ngeom). */
        static final long MODEL_GEOM_BODYID = 1520;
        /** {@code mjtNum* geom_size} (ngeom × 3). */
        static final long MODEL_GEOM_SIZE = 1592;
        /** {@code mjtNum* site_size} (nsite × 3). */
        static final long MODEL_SITE_SIZE = 1712;
        /** {@code int* actuator_trntype} (nu; {@link #TRN_JOINT} …). */
        static final long MODEL_ACTUATOR_TRNTYPE = 2696;
        /** {@code int* actuator_biastype} (nu; {@code mjBIAS_NONE} 0 for a plain motor, affine for a servo). */
        static final long MODEL_ACTUATOR_BIASTYPE = 2720;
        /** {@code int* actuator_trnid} (nu × 2; the joint of a joint transmission first). */
        static final long MODEL_ACTUATOR_TRNID = 2728;
        /** {@code int* sensor_adr} (nsensor). */
        static final long MODEL_SENSOR_ADR = 2928;
        /**
         * {@code mjWarningStat warning[mjNWARNING]}: per kind {@code {int lastinfo; int number}}, 8 bytes; the count
         * of kind k is at {@code DATA_WARNING + 8 k + 4}.
         */
        static final long DATA_WARNING = 24;
        /** {@code mjWARN_BADQPOS}, {@code mjWARN_BADQVEL}, {@code mjWARN_BADQACC} of {@code mjtWarning}. */
        static final int WARN_BADQPOS = 4;
        static final int WARN_BADQVEL = 5;
        static final int WARN_BADQACC = 6;
        /** {@code int ncon}: contacts found by the last collision detection. */
        static final long DATA_NCON = 40332;
        static final long DATA_TIME = 40336;
        static final long DATA_QPOS = 40376;
        static final long DATA_QVEL = 40384;
        static final long DATA_CTRL = 40408;
        static final long DATA_SENSORDATA = 40472;
        /** {@code mjtNum* xpos} (nbody × 3): bodies' frame positions in the world. */
        static final long DATA_XPOS = 40480;
        /** {@code mjtNum* xmat} (nbody × 9): bodies' frame orientations, row-major rotation matrices. */
        static final long DATA_XMAT = 40496;
        /** {@code mjtNum* xanchor} (njnt × 3): joint anchors in world coordinates. */
        static final long DATA_XANCHOR = 40520;
        /** {@code mjtNum* xaxis} (njnt × 3): joint axes in world coordinates. */
        static final long DATA_XAXIS = 40528;
        /** {@code mjtNum* geom_xpos} (ngeom × 3): geom centres in world coordinates. */
        static final long DATA_GEOM_XPOS = 40536;
        /** {@code mjtNum* geom_xmat} (ngeom × 9): geom orientations, row-major rotation matrices. */
        static final long DATA_GEOM_XMAT = 40544;
        /** {@code mjOBJ_JOINT} of {@code mjtObj}. */
        static final int OBJ_JOINT = 3;
        /** {@code mjtNum* site_xpos} (nsite × 3). */
        static final long DATA_SITE_XPOS = 40552;
        /** {@code mjOBJ_BODY} and {@code mjOBJ_SITE} of {@code mjtObj}. */
        static final int OBJ_BODY = 1;
        static final int OBJ_SITE = 6;
        /** {@code mjOBJ_SENSOR} of {@code mjtObj}. */
        static final int OBJ_SENSOR = 19;
        /** {@code mjOBJ_GEOM} of {@code mjtObj}. */
        static final int OBJ_GEOM = 5;
        /** {@code mjJNT_SLIDE} and {@code mjJNT_HINGE} of {@code mjtJoint}. */
        static final int JNT_SLIDE = 2;
        static final int JNT_HINGE = 3;
        /** {@code mjTRN_JOINT} of {@code mjtTrn}. */
        static final int TRN_JOINT = 0;

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

        static native Pointer mj_id2name(Pointer m, int type, int id);
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
        // MuJoCo's own warning handler prints to the process's stdout (into a CSV or JSON printed there) and appends
        // to MUJOCO_LOG.TXT in the working directory; its user hook sends the warnings to the lab's log instead.
        try {
            lib.getGlobalVariableAddress("mju_user_warning").setPointer(0, CallbackReference.getFunctionPointer(WARNINGS));
        } catch (UnsatisfiedLinkError e) {
            LOG.debug("MuJoCo's warnings keep their default handler: {}", firstLine(e.getMessage()));
        }
        return new Status(version, null);
    }

    private static String firstLine(String s) {
        String line = s == null ? "" : s.lines().findFirst().orElse("").trim();
        return line.isEmpty() ? "no reason given" : line;
    }
}
