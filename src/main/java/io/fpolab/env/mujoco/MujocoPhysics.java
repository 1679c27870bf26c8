package io.fpolab.env.mujoco;

import io.fpolab.env.mujoco.Mujoco.Layout;
import io.fpolab.env.mujoco.Mujoco.Lib;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * One MuJoCo model ({@code mjModel}) and {@code n} simulations of it ({@code mjData}), for a vectorized
 * environment: the model is shared and read-only, each copy of the environment steps its own data. Holds
 * native memory: {@link #close()} frees it; a physics that is dropped without closing is freed when it
 * becomes unreachable (a {@link Cleaner}), since some callers build an environment only to read its spec.
 * Not thread-safe.
 */
final class MujocoPhysics implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final Handles handles;
    private final Cleaner.Cleanable cleanable;
    private final int nq;
    private final int nv;
    private final int nu;
    private final Pointer[] qpos;
    private final Pointer[] qvel;
    private final Pointer[] ctrl;
    private final Pointer[] sensordata;

    /** The native pointers, apart from the physics so that the cleaner does not keep it reachable. */
    private static final class Handles implements Runnable {
        final Pointer model;
        final Pointer[] data;
        boolean freed;

        Handles(Pointer model, int n) {
            this.model = model;
            this.data = new Pointer[n];
        }

        @Override
        public void run() {
            for (int i = 0; i < data.length; i++) {
                if (data[i] != null) {
                    Lib.mj_deleteData(data[i]);
                    data[i] = null;
                }
            }
            Lib.mj_deleteModel(model);
            freed = true;
        }
    }

    /**
     * Loads the MJCF resource {@code resource} (a class-path resource, written to a temporary file for
     * {@code mj_loadXML}) and makes {@code n} data for it.
     *
     * @throws MujocoUnavailableException when MuJoCo is missing or unsupported
     * @throws IllegalStateException      when MuJoCo refuses the model (its message included)
     */
    MujocoPhysics(String resource, int n) {
        Mujoco.require();
        Pointer model = loadXml(resource);
        this.handles = new Handles(model, n);
        this.cleanable = CLEANER.register(this, handles);
        this.nq = model.getInt(Layout.MODEL_NQ);
        this.nv = model.getInt(Layout.MODEL_NV);
        this.nu = model.getInt(Layout.MODEL_NU);
        this.qpos = new Pointer[n];
        this.qvel = new Pointer[n];
        this.ctrl = new Pointer[n];
        this.sensordata = new Pointer[n];
        for (int i = 0; i < n; i++) {
            Pointer d = Lib.mj_makeData(model);
            if (d == null) {
                close();
                throw new IllegalStateException("MuJoCo could not allocate data " + i + " of " + n + " for " + resource);
            }
            handles.data[i] = d;
            qpos[i] = d.getPointer(Layout.DATA_QPOS);
            qvel[i] = d.getPointer(Layout.DATA_QVEL);
            ctrl[i] = d.getPointer(Layout.DATA_CTRL);
            sensordata[i] = d.getPointer(Layout.DATA_SENSORDATA);
        }
    }

    private static Pointer loadXml(String resource) {
        Path file = null;
        try (InputStream in = MujocoPhysics.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("model resource " + resource + " is missing from the class path");
            }
            file = Files.createTempFile("fpolab-mjcf-", ".xml");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            byte[] error = new byte[1000];
            Pointer model = Lib.mj_loadXML(file.toString(), null, error, error.length);
            if (model == null) {
                int len = 0;
                while (len < error.length && error[len] != 0) {
                    len++;
                }
                throw new IllegalStateException("MuJoCo refused " + resource + ": "
                        + new String(error, 0, len, StandardCharsets.UTF_8).replace('\n', ' ').trim());
            }
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + resource + " to a temporary file", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a leftover temporary file is harmless
                }
            }
        }
    }

    int size() {
        return handles.data.length;
    }

    int nq() {
        return nq;
    }

    int nv() {
        return nv;
    }

    int nu() {
        return nu;
    }

    /** The model's timestep ({@code opt.timestep}). */
    double timestep() {
        return model().getDouble(Layout.MODEL_OPT_TIMESTEP);
    }

    int njnt() {
        return model().getInt(Layout.MODEL_NJNT);
    }

    /** Whether joint {@code j} has limits ({@code jnt_limited}). */
    boolean jointLimited(int j) {
        return model().getPointer(Layout.MODEL_JNT_LIMITED).getByte(j) != 0;
    }

    /** Joint {@code j}'s range {@code [lower, upper]} ({@code jnt_range}; radians for hinges). */
    double[] jointRange(int j) {
        return model().getPointer(Layout.MODEL_JNT_RANGE).getDoubleArray(16L * j, 2);
    }

    int nbody() {
        return model().getInt(Layout.MODEL_NBODY);
    }

    int ngeom() {
        return model().getInt(Layout.MODEL_NGEOM);
    }

    /** The model's spatial extent ({@code stat.extent}, metres). */
    double extent() {
        return model().getDouble(Layout.MODEL_STAT_EXTENT);
    }

    /** The centre of the model in its initial pose ({@code stat.center}). */
    double[] center() {
        return model().getDoubleArray(Layout.MODEL_STAT_CENTER, 3);
    }

    /** Body {@code b}'s parent ({@code body_parentid}; the world body 0 is its own parent). */
    int bodyParent(int b) {
        return model().getPointer(Layout.MODEL_BODY_PARENTID).getInt(4L * b);
    }

    /** Joint {@code j}'s type ({@code jnt_type}: free 0, ball 1, slide 2, hinge 3). */
    int jointType(int j) {
        return model().getPointer(Layout.MODEL_JNT_TYPE).getInt(4L * j);
    }

    /** The body joint {@code j} moves ({@code jnt_bodyid}). */
    int jointBody(int j) {
        return model().getPointer(Layout.MODEL_JNT_BODYID).getInt(4L * j);
    }

    /** Geom {@code g}'s type ({@code geom_type}, an {@code mjtGeom}). */
    int geomType(int g) {
        return model().getPointer(Layout.MODEL_GEOM_TYPE).getInt(4L * g);
    }

    /** The body geom {@code g} belongs to ({@code geom_bodyid}). */
    int geomBody(int g) {
        return model().getPointer(Layout.MODEL_GEOM_BODYID).getInt(4L * g);
    }

    /** Geom {@code g}'s three size parameters ({@code geom_size}; their meaning depends on the type). */
    double[] geomSize(int g) {
        return model().getPointer(Layout.MODEL_GEOM_SIZE).getDoubleArray(24L * g, 3);
    }

    /** Geom {@code g}'s name, or "" when it has none. */
    String geomName(int g) {
        Pointer name = Lib.mj_id2name(model(), Layout.OBJ_GEOM, g);
        return name == null ? "" : name.getString(0, "UTF-8");
    }

    /**
     * Whether actuator {@code k} is a plain motor (no bias force, {@code mjBIAS_NONE}): its control is a force or a
     * torque. A position or velocity servo has an affine bias, and its control is a set point.
     */
    boolean actuatorIsMotor(int k) {
        return model().getPointer(Layout.MODEL_ACTUATOR_BIASTYPE).getInt(4L * k) == 0;
    }

    /** The joint actuator {@code k} drives, or −1 when its transmission is not a joint. */
    int actuatorJoint(int k) {
        Pointer m = model();
        return m.getPointer(Layout.MODEL_ACTUATOR_TRNTYPE).getInt(4L * k) == Layout.TRN_JOINT
                ? m.getPointer(Layout.MODEL_ACTUATOR_TRNID).getInt(8L * k) : -1;
    }

    /** Data {@code i}'s geom centres ({@code geom_xpos}, ngeom × 3) into {@code dst}. */
    void readGeomXpos(int i, double[] dst) {
        data(i).getPointer(Layout.DATA_GEOM_XPOS).read(0, dst, 0, 3 * ngeom());
    }

    /** Data {@code i}'s geom orientations ({@code geom_xmat}, ngeom × 9, row-major) into {@code dst}. */
    void readGeomXmat(int i, double[] dst) {
        data(i).getPointer(Layout.DATA_GEOM_XMAT).read(0, dst, 0, 9 * ngeom());
    }

    /** Data {@code i}'s joint anchors ({@code xanchor}, njnt × 3) into {@code dst}. */
    void readJointAnchors(int i, double[] dst) {
        data(i).getPointer(Layout.DATA_XANCHOR).read(0, dst, 0, 3 * njnt());
    }

    /** Data {@code i}'s joint axes ({@code xaxis}, njnt × 3) into {@code dst}. */
    void readJointAxes(int i, double[] dst) {
        data(i).getPointer(Layout.DATA_XAXIS).read(0, dst, 0, 3 * njnt());
    }

    /** Index in {@code sensordata} of the named sensor's first value. */
    int sensorAddress(String name) {
        return model().getPointer(Layout.MODEL_SENSOR_ADR).getInt(4L * id(Layout.OBJ_SENSOR, "sensor", name));
    }

    /** Index of the named joint. */
    int jointId(String name) {
        return id(Layout.OBJ_JOINT, "joint", name);
    }

    /** Index of the named body. */
    int bodyId(String name) {
        return id(Layout.OBJ_BODY, "body", name);
    }

    /** Index of the named geom. */
    int geomId(String name) {
        return id(Layout.OBJ_GEOM, "geom", name);
    }

    /** Index of the named site. */
    int siteId(String name) {
        return id(Layout.OBJ_SITE, "site", name);
    }

    private int id(int type, String kind, String name) {
        int id = Lib.mj_name2id(model(), type, name);
        if (id < 0) {
            throw new IllegalStateException("the model has no " + kind + " '" + name + "'");
        }
        return id;
    }

    /** Degree of freedom {@code dof}'s damping ({@code dof_damping}). */
    double dofDamping(int dof) {
        return model().getPointer(Layout.MODEL_DOF_DAMPING).getDouble(8L * dof);
    }

    /**
     * Sets degree of freedom {@code dof}'s damping in the model ({@code dof_damping}), as a task's
     * {@code initialize_episode} does; all data of this physics step with it from then on.
     */
    void setDofDamping(int dof, double damping) {
        model().getPointer(Layout.MODEL_DOF_DAMPING).setDouble(8L * dof, damping);
    }

    /** Site {@code s}'s size parameters ({@code site_size}; a box's half-sizes). */
    double[] siteSize(int s) {
        return model().getPointer(Layout.MODEL_SITE_SIZE).getDoubleArray(24L * s, 3);
    }

    /** {@code mj_resetData}: data {@code i} back to the model's initial state, controls zero, time 0. */
    void resetData(int i) {
        Lib.mj_resetData(model(), data(i));
    }

    void forward(int i) {
        Lib.mj_forward(model(), data(i));
    }

    void step(int i) {
        Lib.mj_step(model(), data(i));
    }

    void step1(int i) {
        Lib.mj_step1(model(), data(i));
    }

    void step2(int i) {
        Lib.mj_step2(model(), data(i));
    }

    /** How often data {@code i} raised warning {@code kind} ({@code mjtWarning}) since it was last reset. */
    int warnings(int i, int kind) {
        return data(i).getInt(Layout.DATA_WARNING + 8L * kind + 4);
    }

    void setTime(int i, double t) {
        data(i).setDouble(Layout.DATA_TIME, t);
    }

    void readQpos(int i, double[] dst, int off) {
        live();
        qpos[i].read(0, dst, off, nq);
    }

    void readQvel(int i, double[] dst, int off) {
        live();
        qvel[i].read(0, dst, off, nv);
    }

    void writeQpos(int i, double[] src, int off) {
        live();
        qpos[i].write(0, src, off, nq);
    }

    void writeQvel(int i, double[] src, int off) {
        live();
        qvel[i].write(0, src, off, nv);
    }

    void writeCtrl(int i, double[] src) {
        live();
        ctrl[i].write(0, src, 0, nu);
    }

    double sensor(int i, int address) {
        live();
        return sensordata[i].getDouble(8L * address);
    }

    /** Contacts in data {@code i} as its last collision detection ({@code mj_forward}, {@code mj_step1}) found them. */
    int ncon(int i) {
        return data(i).getInt(Layout.DATA_NCON);
    }

    /** Joint {@code j}'s anchor in world coordinates in data {@code i} ({@code xanchor}), as last computed. */
    double[] jointAnchor(int i, int j) {
        return data(i).getPointer(Layout.DATA_XANCHOR).getDoubleArray(24L * j, 3);
    }

    /** Coordinate {@code axis} (0 x, 1 y, 2 z) of body {@code b}'s frame in data {@code i} ({@code xpos}). */
    double bodyPosition(int i, int b, int axis) {
        return data(i).getPointer(Layout.DATA_XPOS).getDouble(8L * (3L * b + axis));
    }

    /**
     * Entry {@code k} (row-major: 3 × row + column) of body {@code b}'s orientation in data {@code i} ({@code xmat});
     * entry 8 is dm_control's {@code xmat[b, 'zz']}.
     */
    double bodyOrientation(int i, int b, int k) {
        return data(i).getPointer(Layout.DATA_XMAT).getDouble(8L * (9L * b + k));
    }

    /** Coordinate {@code axis} of geom {@code g}'s centre in data {@code i} ({@code geom_xpos}). */
    double geomPosition(int i, int g, int axis) {
        return data(i).getPointer(Layout.DATA_GEOM_XPOS).getDouble(8L * (3L * g + axis));
    }

    /** Entry {@code k} (row-major) of geom {@code g}'s orientation in data {@code i} ({@code geom_xmat}). */
    double geomOrientation(int i, int g, int k) {
        return data(i).getPointer(Layout.DATA_GEOM_XMAT).getDouble(8L * (9L * g + k));
    }

    /** Coordinate {@code axis} of site {@code s} in data {@code i} ({@code site_xpos}). */
    double sitePosition(int i, int s, int axis) {
        return data(i).getPointer(Layout.DATA_SITE_XPOS).getDouble(8L * (3L * s + axis));
    }

    boolean closed() {
        return handles.freed;
    }

    /** Frees the data and the model; later calls fail. Idempotent. */
    @Override
    public void close() {
        cleanable.clean();
    }

    private Pointer model() {
        live();
        return handles.model;
    }

    private Pointer data(int i) {
        live();
        return handles.data[i];
    }

    private void live() {
        if (closed()) {
            throw new IllegalStateException("this MuJoCo environment is closed");
        }
    }
}
