package io.fpolab.env.mujoco;

import io.fpolab.core.math.Rng;
import io.fpolab.env.EnvSpec;
import java.util.List;

/**
 * dm_control {@code ball_in_cup-catch} in MuJoCo (google-deepmind/dm_control, {@code dm_control/suite/ball_in_cup.py}
 * and {@code ball_in_cup.xml}): a cup, moved in the vertical plane by two motors, has to catch a ball that hangs
 * from it on a string. The reward is sparse: 1 while the ball is in the cup, 0 otherwise.
 *
 * <p>Model: {@code ball_in_cup.xml} next to this class, dm_control's physics without the visuals; four slide
 * joints (cup_x, cup_z: damped springs; ball_x, ball_z: free), two motors with controls in [−1, 1] and gear 5,
 * the string a spatial tendon from the ball to the cup's bottom limited to length 0.3, timestep 0.002 s
 * (MuJoCo's default), 10 physics steps per control step ({@code _CONTROL_TIMESTEP = .02}), 1000 control steps
 * per episode ({@code _DEFAULT_TIME_LIMIT = 20} s).
 *
 * <p>Episode start ({@code BallInCup.initialize_episode}): {@code mj_resetData} (cup at rest at 0, the reset
 * context of dm_control's {@code Physics}), then the ball's position drawn uniformly, ball_x from [−0.2, 0.2]
 * and then ball_z from [0.2, 0.5], followed by {@code mj_forward}; drawn again as long as that finds a contact
 * (the ball penetrating the cup).
 *
 * <p>Observation (8): {@code position} then {@code velocity} ({@code qpos}, {@code qvel}: cup_x, cup_z, ball_x,
 * ball_z). Reward: {@code in_target}, 1 when the ball's centre is inside the cup's target box shrunk by the ball's
 * radius in x and in z ({@code |target − ball| < target half-size − ball radius}, 0.05 − 0.025 each), else 0.
 */
public final class BallInCupCatch extends MujocoVecEnv {
    public static final String ID = "ball_in_cup-catch";
    /** {@code _CONTROL_TIMESTEP} of ball_in_cup.py, seconds. */
    public static final double CONTROL_TIMESTEP = 0.02;
    /** {@code _DEFAULT_TIME_LIMIT} of ball_in_cup.py (20 s) in control steps. */
    public static final int MAX_STEPS = 1000;
    /** The range ball_x is drawn from at episode start ({@code random.uniform(-.2, .2)}). */
    public static final double BALL_X_LOW = -0.2;
    public static final double BALL_X_HIGH = 0.2;
    /** The range ball_z is drawn from ({@code random.uniform(.2, .5)}), relative to the ball body's 0.2 m height. */
    public static final double BALL_Z_LOW = 0.2;
    public static final double BALL_Z_HIGH = 0.5;
    public static final List<String> JOINTS = List.of("cup_x", "cup_z", "ball_x", "ball_z");
    static final int OBS_DIM = 8;
    static final int ACT_DIM = 2;

    private final int ball;
    private final int target;
    /** Target half-size minus ball radius, in x and in z: how far the ball's centre may be from the target's. */
    private final double slackX;
    private final double slackZ;
    private final double[] qpos;

    public BallInCupCatch(int numEnvs) {
        super(new EnvSpec(ID, OBS_DIM, ACT_DIM, MAX_STEPS, MAX_STEPS, 1.0), numEnvs, JOINTS, 0, "ball_in_cup.xml",
                CONTROL_TIMESTEP);
        MujocoPhysics p = physics();
        this.ball = p.bodyId("ball");
        this.target = p.siteId("target");
        double[] targetSize = p.siteSize(target);
        double ballRadius = p.geomSize(p.geomId("ball"))[0];
        this.slackX = targetSize[0] - ballRadius;
        this.slackZ = targetSize[2] - ballRadius;
        this.qpos = new double[p.nq()];
    }

    /**
     * From the side, tall enough for the ball swung straight above the resting cup: the cup at z 0.6 with its
     * string's site 0.108 below ({@code ball_in_cup.xml}), the string's 0.3 and the ball's radius 0.025. A cup
     * driven upwards can lift the ball out of the top for a moment.
     */
    @Override
    protected MujocoGeometry.View view() {
        return new MujocoGeometry.View(MujocoGeometry.Plane.XZ, null, 0.82);
    }

    /** The string from the ball to the cup ({@code ball_in_cup.xml}, spatial tendon "string"). */
    @Override
    protected List<List<String>> strings() {
        return List.of(List.of("ball", "cup"));
    }

    @Override
    protected void initializeEpisode(int i, Rng rng) {
        MujocoPhysics p = physics();
        p.resetData(i);
        p.readQpos(i, qpos, 0);
        do {
            qpos[2] = rng.uniform(BALL_X_LOW, BALL_X_HIGH);
            qpos[3] = rng.uniform(BALL_Z_LOW, BALL_Z_HIGH);
            p.writeQpos(i, qpos, 0);
            p.forward(i);
        } while (p.ncon(i) > 0);
    }

    @Override
    protected double reward(int i) {
        MujocoPhysics p = physics();
        double dx = p.sitePosition(i, target, 0) - p.bodyPosition(i, ball, 0);
        double dz = p.sitePosition(i, target, 2) - p.bodyPosition(i, ball, 2);
        return inTarget(dx, dz, slackX, slackZ) ? 1.0 : 0.0;
    }

    /**
     * dm_control's {@code in_target}: the ball-to-target offset {@code (dx, dz)} is strictly within the slack
     * (target half-size minus ball radius) on both axes.
     */
    static boolean inTarget(double dx, double dz, double slackX, double slackZ) {
        return Math.abs(dx) < slackX && Math.abs(dz) < slackZ;
    }

    @Override
    protected void observe(double[] s, int off, float[] out, int o) {
        for (int k = 0; k < OBS_DIM; k++) {
            out[o + k] = (float) s[off + k];
        }
    }
}
