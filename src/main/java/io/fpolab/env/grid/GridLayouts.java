package io.fpolab.env.grid;

import io.fpolab.core.ConfigException;
import io.fpolab.env.grid.GridLayout.CellType;
import java.util.List;

/**
 * The built-in 25×25 layouts, by name. "two_bands" is the paper's multimodality experiment exactly;
 * the others follow the FPO authors' list of extra layouts (three goal blocks with a death zone, a
 * tree, two slits, a C shape) with geometry designed here so that more than one goal is reachable and
 * the optimal behaviour forks: each has a line of start cells from which two goals (or two routes) are
 * equally short. Maps are drawn top row first; '#' wall, 'G' goal, 'D' death, 's' marked start.
 */
public final class GridLayouts {
    private static final int N = GridLayout.DEFAULT_SIZE;
    private static final int LAST = N - 1;
    private static final List<String> NAMES = List.of("two_bands", "three_goals", "obstacle", "two_slits", "c_shape");

    private GridLayouts() {
    }

    /** Names accepted by {@link #named(String)}, the paper's layout first. */
    public static List<String> names() {
        return NAMES;
    }

    /** The built-in layout {@code name}; a ConfigException for field "env.layout" lists the names if it is unknown. */
    public static GridLayout named(String name) {
        if (name == null) {
            throw new ConfigException("env.layout", "missing (one of " + String.join(", ", NAMES) + ")");
        }
        switch (name) {
            case "two_bands":
                return twoBands();
            case "three_goals":
                return threeGoals();
            case "obstacle":
                return obstacle();
            case "two_slits":
                return twoSlits();
            case "c_shape":
                return cShape();
            default:
                throw new ConfigException("env.layout", "'" + name + "' is not a built-in layout (allowed: "
                        + String.join(", ", NAMES) + ")");
        }
    }

    /**
     * The paper's layout: goal bands y ∈ {0, 1} (region 0, "bottom") and y ∈ {23, 24} (region 1, "top"),
     * +20 each; every one of the 525 cells in between is a start. Row y = 12 is 11 steps from both bands.
     */
    public static GridLayout twoBands() {
        GridLayout.Builder b = GridLayout.builder(N, N).name("two_bands");
        b.paintRect(0, 0, LAST, 1, CellType.GOAL);
        b.paintRect(0, LAST - 1, LAST, LAST, CellType.GOAL);
        return b.regionName(0, "bottom").regionName(1, "top").build();
    }

    /**
     * Three goal blocks and a death zone, starts on every empty cell:
     * region 0 ("goal 1") a 5×3 block at the bottom centre (x 10..14, y 2..4), regions 1 and 2 4×4 blocks
     * in the upper left (x 2..5, y 18..21) and upper right (x 19..22, y 18..21), and a death zone
     * (x 8..16, y 13..14, −10) across the straight way up from the centre. The upper goals mirror each
     * other about x = 12, so that column above the death zone is equally far from both; below the death
     * zone a ridge around y ≈ 9..11 is equally far from the bottom goal and an upper one.
     */
    public static GridLayout threeGoals() {
        GridLayout.Builder b = GridLayout.builder(N, N).name("three_goals");
        b.paintRect(10, 2, 14, 4, CellType.GOAL);
        b.paintRect(2, 18, 5, 21, CellType.GOAL);
        b.paintRect(19, 18, 22, 21, CellType.GOAL);
        b.paintRect(8, 13, 16, 14, CellType.DEATH);
        return b.build();
    }

    /**
     * A tree: a 9×6 wall block (x 8..16, y 12..17) between a start area at the bottom centre
     * (x 6..18, y 1..5) and two goal blocks in the top corners (x 0..5 and x 19..24, y 21..24). Going
     * straight up is blocked, so the policy must commit to passing left or right of the trunk; the
     * column x = 12 is equally far from both goals.
     */
    public static GridLayout obstacle() {
        GridLayout.Builder b = GridLayout.builder(N, N).name("obstacle");
        b.paintRect(0, 21, 5, LAST, CellType.GOAL);
        b.paintRect(19, 21, LAST, LAST, CellType.GOAL);
        b.paintRect(8, 12, 16, 17, CellType.WALL);
        b.startRect(6, 1, 18, 5);
        return b.build();
    }

    /**
     * A wall across row y = 12 with two 2-cell slits (x 5..6 and x 18..19, mirror images about x = 12);
     * starts below the wall (y 0..8), goal blocks above it, one behind each slit (x 1..6 and x 18..23,
     * y 20..23). From the centre column both slits, and so both goals, are equally far.
     */
    public static GridLayout twoSlits() {
        GridLayout.Builder b = GridLayout.builder(N, N).name("two_slits");
        b.paintRect(0, 12, LAST, 12, CellType.WALL);
        b.paintRect(5, 12, 6, 12, CellType.EMPTY);
        b.paintRect(18, 12, 19, 12, CellType.EMPTY);
        b.paintRect(1, 20, 6, 23, CellType.GOAL);
        b.paintRect(18, 20, 23, 23, CellType.GOAL);
        b.startRect(0, 0, LAST, 8);
        return b.build();
    }

    /**
     * A C-shaped wall opening to the left: a vertical bar x = 16 (y 5..19) with arms along y = 5 and
     * y = 19 (x 8..16). Starts inside the C (x 9..15, y 6..18); goals behind its back, in the bottom
     * right (y 0..3) and top right (y 21..24) corners at x 20..24. An agent must leave through the
     * opening and go around the lower or the upper arm; the layout is symmetric about y = 12.
     */
    public static GridLayout cShape() {
        GridLayout.Builder b = GridLayout.builder(N, N).name("c_shape");
        b.paintRect(16, 5, 16, 19, CellType.WALL);
        b.paintRect(8, 5, 16, 5, CellType.WALL);
        b.paintRect(8, 19, 16, 19, CellType.WALL);
        b.paintRect(20, 0, LAST, 3, CellType.GOAL);
        b.paintRect(20, 21, LAST, LAST, CellType.GOAL);
        b.startRect(9, 6, 15, 18);
        return b.build();
    }
}
