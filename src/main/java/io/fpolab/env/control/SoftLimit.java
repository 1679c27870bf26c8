package io.fpolab.env.control;

/**
 * MuJoCo's soft joint limit for one joint with a range: the constraint force its solver finds for a
 * single active limit row, so a port matches MuJoCo also when a joint runs into its stop.
 *
 * <p>When the joint leaves its range by {@code r} ({@code pos = −r < 0}; Jacobian {@code J = +1} at the
 * lower limit, {@code −1} at the upper), MuJoCo asks for the reference acceleration
 * {@code a_ref = −B·(J·v) − K·d(r)·pos} with {@code B = 2/(d_max·T)}, {@code K = 1/(d_max²·T²·ζ²)} from
 * {@code solref = (T, ζ)} (T at least two timesteps), and regularises the row with
 * {@code R = (1 − d)/d · invweight0}, {@code invweight0} being the joint's diagonal of {@code M⁻¹} in the
 * model's reference pose. The impedance {@code d(r)} rises from 0.9 to 0.95 over the first millimetre
 * (radian) of violation (MuJoCo's default {@code solimp = (0.9, 0.95, 0.001, 0.5, 2)}). With one row the
 * solver's answer is closed-form: {@code f = max(0, (a_ref − J·a0)/(A + R))}, {@code A = J·M⁻¹·Jᵀ} at the
 * current state, and the joint receives the generalised force {@code J·f}.
 *
 * <p>Checked against MuJoCo 2.2.2 (docs/mujoco-check): the same numbers for {@code efc_aref}, {@code efc_R}
 * and {@code efc_force}.
 */
final class SoftLimit {
    private static final double D_MIN = 0.9;
    private static final double D_MAX = 0.95;
    private static final double WIDTH = 0.001;
    private static final double MIN_IMPEDANCE = 1e-4;
    private static final double MAX_IMPEDANCE = 0.9999;
    private static final double MIN_VALUE = 1e-15;

    private final double lower;
    private final double upper;
    private final double stiffness;
    private final double damping;
    private final double invWeight0;

    /**
     * @param timeconst  solref's time constant (MuJoCo's default 0.02; dm_control's cartpole rail 0.08)
     * @param dampratio  solref's damping ratio (1 everywhere here)
     * @param timestep   the physics timestep; the time constant is raised to at least twice it
     * @param invWeight0 the joint's diagonal entry of {@code M⁻¹} at the model's reference pose (qpos = 0)
     */
    SoftLimit(double lower, double upper, double timeconst, double dampratio, double timestep, double invWeight0) {
        double t = Math.max(timeconst, 2 * timestep);
        this.lower = lower;
        this.upper = upper;
        this.damping = 2 / (D_MAX * t);
        this.stiffness = 1 / (D_MAX * D_MAX * t * t * dampratio * dampratio);
        this.invWeight0 = invWeight0;
    }

    /** A limit with MuJoCo's default solref (0.02, 1). */
    SoftLimit(double lower, double upper, double timestep, double invWeight0) {
        this(lower, upper, 0.02, 1, timestep, invWeight0);
    }

    /**
     * The generalised force the limit puts on its joint: 0 inside the range (the stop is at the range's
     * ends, no margin).
     *
     * @param q      joint position
     * @param v      joint velocity
     * @param a0     the joint's acceleration without the limit (all other forces, damping included)
     * @param invMjj the joint's diagonal entry of {@code M⁻¹} at the current state
     */
    double force(double q, double v, double a0, double invMjj) {
        double j;
        double pos;
        if (q < lower) {
            j = 1;
            pos = q - lower;
        } else if (q > upper) {
            j = -1;
            pos = upper - q;
        } else {
            return 0;
        }
        double d = impedance(-pos);
        double aref = -damping * j * v - stiffness * d * pos;
        double r = Math.max(MIN_VALUE, (1 - d) / d * invWeight0);
        double f = (aref - j * a0) / (invMjj + r);
        return f > 0 ? j * f : 0;
    }

    /** MuJoCo's impedance for a violation {@code r ≥ 0}: solimp's power-2 sigmoid with midpoint 0.5. */
    static double impedance(double r) {
        double x = r / WIDTH;
        double y;
        if (x >= 1) {
            y = 1;
        } else if (x <= 0.5) {
            y = 2 * x * x;
        } else {
            y = 1 - 2 * (1 - x) * (1 - x);
        }
        return Math.min(MAX_IMPEDANCE, Math.max(MIN_IMPEDANCE, D_MIN + y * (D_MAX - D_MIN)));
    }
}
