package io.fpolab.env.mujoco;

import io.fpolab.core.math.Rng;
import java.util.List;

/**
 * dm_control {@code finger-turn_easy} and {@code finger-turn_hard} ({@code Turn} in
 * {@code dm_control/suite/finger.py}): turn the body until its tip is inside a target sphere on the circle
 * the tip runs on, of radius {@link #EASY_TARGET_SIZE} or {@link #HARD_TARGET_SIZE}.
 *
 * <p>Episode start ({@code Turn.initialize_episode}, after the reset context's {@code mj_resetData} and
 * {@code mj_forward}): a target angle α ~ U(−π, π), the target at {@code hinge + r·(sin α, cos α)} in
 * (x, z), with the hinge's anchor ({@code xanchor}) and r the sum of {@code cap1}'s size (0.04 + 0.09 =
 * 0.13, the tip's distance from the hinge); then {@link Finger}'s collision-free random joint angles.
 *
 * <p>State {@code [qpos (3), qvel (3), targetX, targetZ]}: dm_control writes the target into the model's
 * target site, which all envs here share, so each env keeps its own in its state, where
 * {@link #setTarget}, {@link #saveState} and {@link #restoreState} carry it. Observation (12):
 * {@link Finger}'s 9, then {@code target_position} (2: target − spinner, x and z) and
 * {@code dist_to_target} (|target_position − tip_position| − target radius, negative inside). Reward:
 * {@code float(dist_to_target <= 0)}, sparse.
 */
public final class FingerTurn extends Finger {
    public static final String EASY_ID = "finger-turn_easy";
    public static final String HARD_ID = "finger-turn_hard";
    /** {@code _EASY_TARGET_SIZE} of finger.py: the target radius of turn_easy. */
    public static final double EASY_TARGET_SIZE = 0.07;
    /** {@code _HARD_TARGET_SIZE} of finger.py: the target radius of turn_hard. */
    public static final double HARD_TARGET_SIZE = 0.03;
    static final int OBS_DIM = BASE_OBS_DIM + 3;

    private final double targetRadius;
    private final int hinge;
    private final double tipRadius;

    private FingerTurn(String id, double targetRadius, int numEnvs) {
        super(id, OBS_DIM, numEnvs, 2);
        this.targetRadius = targetRadius;
        MujocoPhysics p = physics();
        this.hinge = p.jointId("hinge");
        double[] cap1 = p.geomSize(p.geomId("cap1"));
        this.tipRadius = cap1[0] + cap1[1] + cap1[2];
    }

    public static FingerTurn easy(int numEnvs) {
        return new FingerTurn(EASY_ID, EASY_TARGET_SIZE, numEnvs);
    }

    public static FingerTurn hard(int numEnvs) {
        return new FingerTurn(HARD_ID, HARD_TARGET_SIZE, numEnvs);
    }

    /** The target sphere's radius. */
    public double targetRadius() {
        return targetRadius;
    }

    /** The target sphere, in the finger's plane (y 0). */
    @Override
    protected List<MujocoGeometry.Geom> targetShapes(int i) {
        return List.of(sphere("target", targetRadius, target(i, 0), 0, target(i, 1)));
    }

    @Override
    protected void initializeEpisode(int i, Rng rng) {
        MujocoPhysics p = physics();
        p.resetData(i);
        p.forward(i);
        double angle = rng.uniform(-Math.PI, Math.PI);
        double[] anchor = p.jointAnchor(i, hinge);
        initializeTarget(i, 0, anchor[0] + tipRadius * Math.sin(angle));
        initializeTarget(i, 1, anchor[2] + tipRadius * Math.cos(angle));
        setRandomJointAngles(i, rng);
    }

    @Override
    protected double reward(int i) {
        return turnReward(distToTarget(i));
    }

    /** {@code Turn.get_reward}: 1 when the tip is inside the target (signed distance ≤ 0), else 0. */
    public static double turnReward(double distToTarget) {
        return distToTarget <= 0 ? 1.0 : 0.0;
    }

    /** {@code target_position}: value {@code k} (0 for x, 1 for z) of the target relative to the hinge. */
    private double targetPosition(int i, int k) {
        return target(i, k) - spinner(i, 2 * k);
    }

    /** {@code dist_to_target}: the tip's signed distance to the target sphere's surface, negative inside. */
    private double distToTarget(int i) {
        return Math.hypot(targetPosition(i, 0) - tipPosition(i, 0), targetPosition(i, 1) - tipPosition(i, 2))
                - targetRadius;
    }

    @Override
    protected void observe(double[] s, int off, float[] out, int o) {
        int i = syncedEnv(s, off);
        observeBase(i, out, o);
        out[o + 9] = (float) targetPosition(i, 0);
        out[o + 10] = (float) targetPosition(i, 1);
        out[o + 11] = (float) distToTarget(i);
    }
}
