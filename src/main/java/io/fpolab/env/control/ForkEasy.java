package io.fpolab.env.control;

import io.fpolab.core.math.Rng;
import io.fpolab.env.EnvSpec;
import java.util.List;

/**
 * {@code fork-easy}: a point mass in a walled square arena whose goal lies behind a wall with two
 * symmetric gaps, so that from the start (on the symmetry line x = 0) two routes, left and right, are
 * exactly equally good. It is the continuous-control counterpart of the GridWorld saddle cell: the best
 * action at the start has two modes, a push up-left and a push up-right.
 *
 * <p>Geometry (metres): arena {@code [−0.3, 0.3]²}; the wall is the line y = 0 except the two gaps
 * {@code 0.15 ≤ |x| ≤ 0.25}; goal {@code (0, 0.2)}; start {@code x = 0}, {@code y ~ U(−0.25, −0.15)},
 * at rest. Dynamics per axis as dm_control's point mass with a stronger actuator: mass 0.3 kg, damping
 * 1 N·s/m, force {@code 0.6·u} (u ∈ [−1, 1]), control step h = 0.05 s, semi-implicit Euler with
 * implicit damping: {@code v' = (0.3·v + h·0.6·u)/(0.3 + h)}, {@code p' = p + h·v'}. Top speed 0.6 m/s
 * per axis, so the mass reaches the goal in about 20 of the episode's 40 steps.
 *
 * <p>Collisions, both perfectly inelastic and decided per step on the straight segment from p to p':
 * <ul>
 *   <li>wall: if the segment goes from y &lt; 0 to y ≥ 0 or back and meets the line y = 0 outside the
 *       gaps, the step's y motion is cancelled (y' = y, ẏ' = 0) and the x motion kept, so the mass slides
 *       along the wall. The mass never ends a step on the other side without passing through a gap. The
 *       wall is a line: the gaps' edges are points, not posts;</li>
 *   <li>arena: a coordinate past ±0.3 is set to ±0.3 and its velocity to 0.</li>
 * </ul>
 *
 * <p>Reward per step, in [0, 1]: {@code max(0, 1 − d(p')/0.5)} with d the length of the shortest path
 * from p' to the goal that does not cross the wall (straight above the wall; below it, through the
 * better gap: the path touches the gap at the point of the segment nearest the straight line to the
 * goal), and 0.5 that length from the nominal start (0, −0.2) (via a gap's inner edge). It is mirror
 * symmetric in x, so neither route is preferred. No termination: 40 steps per episode. State and
 * observation {@code [x, y, ẋ, ẏ]}; actions are clipped to [−1, 1].
 */
public final class ForkEasy extends PhysicsVecEnv {
    public static final String ID = "fork-easy";
    public static final double H = 0.05;
    public static final double MASS = 0.3;
    public static final double DAMPING = 1.0;
    public static final double GEAR = 0.6;
    /** Half width of the square arena. */
    public static final double ARENA = 0.3;
    /** Inner and outer |x| of the two gaps in the wall at y = 0. */
    public static final double GAP_IN = 0.15;
    public static final double GAP_OUT = 0.25;
    public static final double GOAL_Y = 0.2;
    /** The symmetry point: the middle of the start region. */
    public static final double START_Y = -0.2;
    public static final double START_SPREAD = 0.05;
    /** Shortest path length from the symmetry point to the goal: the reward's scale. */
    public static final double START_DISTANCE = 2 * Math.hypot(GAP_IN, GOAL_Y);
    public static final int MAX_STEPS = 40;

    ForkEasy(int numEnvs) {
        super(new EnvSpec(ID, 4, 2, MAX_STEPS, MAX_STEPS, 1.0), numEnvs, List.of("root_x", "root_y"), 0);
    }

    @Override
    protected void resetState(double[] s, int off, Rng rng) {
        s[off] = 0;
        s[off + 1] = rng.uniform(START_Y - START_SPREAD, START_Y + START_SPREAD);
        s[off + 2] = 0;
        s[off + 3] = 0;
    }

    @Override
    protected double advance(double[] s, int off, double[] a) {
        double x = s[off];
        double y = s[off + 1];
        double vx = (MASS * s[off + 2] + H * GEAR * a[0]) / (MASS + H * DAMPING);
        double vy = (MASS * s[off + 3] + H * GEAR * a[1]) / (MASS + H * DAMPING);
        double nx = x + H * vx;
        double ny = y + H * vy;
        if (blocked(x, y, nx, ny)) {
            ny = y;
            vy = 0;
        }
        if (Math.abs(nx) > ARENA) {
            nx = Math.copySign(ARENA, nx);
            vx = 0;
        }
        if (Math.abs(ny) > ARENA) {
            ny = Math.copySign(ARENA, ny);
            vy = 0;
        }
        s[off] = nx;
        s[off + 1] = ny;
        s[off + 2] = vx;
        s[off + 3] = vy;
        return reward(nx, ny);
    }

    /** Whether the segment (x, y) → (nx, ny) changes side of y = 0 and meets it outside the gaps. */
    static boolean blocked(double x, double y, double nx, double ny) {
        if ((y < 0) == (ny < 0)) {
            return false;
        }
        double cross = x + (nx - x) * (0 - y) / (ny - y);
        return !inGap(cross);
    }

    /** Whether a point of the line y = 0 lies in one of the gaps. */
    public static boolean inGap(double x) {
        double ax = Math.abs(x);
        return ax >= GAP_IN && ax <= GAP_OUT;
    }

    /** The step reward at position (x, y). */
    public static double reward(double x, double y) {
        return Math.max(0, 1 - pathLength(x, y) / START_DISTANCE);
    }

    /** Length of the shortest path from (x, y) to the goal that passes the wall only through a gap. */
    public static double pathLength(double x, double y) {
        if (y >= 0) {
            return Math.hypot(x, GOAL_Y - y);
        }
        // Where the straight line to the goal meets y = 0; |p − q| + |q − goal| is convex in q's x, so its
        // minimum over a gap is at that point clamped into the gap.
        double lineX = x + (0 - x) * (0 - y) / (GOAL_Y - y);
        return Math.min(via(x, y, Math.max(GAP_IN, Math.min(GAP_OUT, lineX))),
                via(x, y, Math.max(-GAP_OUT, Math.min(-GAP_IN, lineX))));
    }

    private static double via(double x, double y, double qx) {
        return Math.hypot(qx - x, y) + Math.hypot(qx, GOAL_Y);
    }

    @Override
    protected void observe(double[] s, int off, float[] out, int o) {
        for (int j = 0; j < 4; j++) {
            out[o + j] = (float) s[off + j];
        }
    }
}
