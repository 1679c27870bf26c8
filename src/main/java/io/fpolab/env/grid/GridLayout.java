package io.fpolab.env.grid;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable W×H GridWorld map: the type of every cell, the reward of goal and death cells, the
 * goal region of every goal cell and the set of cells an episode may start from.
 *
 * <p>Coordinates: {@code x} grows to the right, {@code y} grows <em>upward</em> (y = 0 is the bottom
 * row, as in the paper's figures); cell index = {@code y * width + x}.
 *
 * <p>Cell types: {@link CellType#EMPTY} (walkable, reward 0), {@link CellType#GOAL} (reward on
 * entering, default +20, ends the episode), {@link CellType#DEATH} (reward on entering, default −10,
 * ends the episode) and {@link CellType#WALL} (blocks movement).
 *
 * <p>Goal regions: a goal cell either carries an explicit region index or belongs to an
 * automatically numbered region, one per 4-connected group of such cells, numbered after the
 * explicit indices in scan order (bottom row first, left to right). In "two_bands" this makes
 * region 0 the bottom band and region 1 the top band. Explicit indices keep their order but close
 * gaps, and {@link #toBuilder()} makes every existing region explicit, so painting in an editor never
 * renumbers the goals that are already there: new goal groups are appended.
 *
 * <p>Start cells: if no cell is marked as a start, every EMPTY cell is one; otherwise exactly the
 * marked EMPTY cells are.
 *
 * <p>Movement ({@link #move}): the target is the current cell plus (dx, dy) with dx, dy ∈ {−1, 0, 1},
 * clipped to the grid; if the target is a wall the agent stays where it is — also for diagonal moves,
 * which never slide along the free axis. Only the target cell is checked, so a diagonal move may pass
 * between two walls that touch at a corner; the built-in layouts draw walls axis-aligned, where this
 * never matters.
 *
 * <p>New layouts are made with {@link #builder(int, int)} or edited copies with {@link #toBuilder()}.
 */
public final class GridLayout {
    /** Kind of a cell. */
    public enum CellType { EMPTY, GOAL, DEATH, WALL }

    public static final int DEFAULT_SIZE = 25;
    public static final int MIN_SIZE = 2;
    public static final int MAX_SIZE = 200;
    public static final double DEFAULT_GOAL_REWARD = 20.0;
    public static final double DEFAULT_DEATH_REWARD = -10.0;

    private static final CellType[] TYPES = CellType.values();
    private static final int[] DX = {-1, 0, 1, -1, 1, -1, 0, 1};
    private static final int[] DY = {-1, -1, -1, 0, 0, 1, 1, 1};

    private final String name;
    private final String description;
    private final int width;
    private final int height;
    // Package-private so the env's step loop reads them without a call per cell.
    final byte[] types;
    final double[] rewards;
    final int[] regions;
    private final boolean explicitRegions;
    private final boolean[] startMask;
    private final boolean explicitStarts;
    final int[] startCells;
    private final String[] regionNames;
    private final int[][] regionDistance;

    private GridLayout(Builder b) {
        name = b.name;
        description = b.description;
        width = b.width;
        height = b.height;
        int n = width * height;
        types = b.types.clone();
        rewards = new double[n];
        for (int c = 0; c < n; c++) {
            if (types[c] == CellType.GOAL.ordinal() || types[c] == CellType.DEATH.ordinal()) {
                rewards[c] = b.rewards[c];
            }
        }
        Map<Integer, String> names = new HashMap<>();
        regions = computeRegions(b, names);
        int count = 0;
        for (int r : regions) {
            count = Math.max(count, r + 1);
        }
        explicitRegions = !Arrays.equals(regions, autoRegions(types, width, height));
        regionNames = new String[count];
        for (int r = 0; r < count; r++) {
            String given = names.get(r);
            regionNames[r] = given == null || given.isBlank() ? "goal " + (r + 1) : given;
        }
        startMask = new boolean[n];
        boolean anyMarked = false;
        for (int c = 0; c < n; c++) {
            anyMarked |= b.start[c] && types[c] == CellType.EMPTY.ordinal();
        }
        explicitStarts = anyMarked;
        int starts = 0;
        for (int c = 0; c < n; c++) {
            startMask[c] = types[c] == CellType.EMPTY.ordinal() && (!anyMarked || b.start[c]);
            if (startMask[c]) {
                starts++;
            }
        }
        startCells = new int[starts];
        for (int c = 0, k = 0; c < n; c++) {
            if (startMask[c]) {
                startCells[k++] = c;
            }
        }
        regionDistance = new int[count][];
        for (int r = 0; r < count; r++) {
            regionDistance[r] = distancesTo(r);
        }
    }

    /** A builder for an all-EMPTY {@code width × height} layout. */
    public static Builder builder(int width, int height) {
        return new Builder(width, height);
    }

    /** An editable copy of this layout. */
    public Builder toBuilder() {
        Builder b = new Builder(width, height);
        b.name = name;
        b.description = description;
        System.arraycopy(types, 0, b.types, 0, types.length);
        System.arraycopy(rewards, 0, b.rewards, 0, rewards.length);
        // Every existing goal keeps its region index (and name) however the edit renumbers connected groups.
        System.arraycopy(regions, 0, b.regions, 0, regions.length);
        if (explicitStarts) {
            System.arraycopy(startMask, 0, b.start, 0, startMask.length);
        }
        for (int r = 0; r < regionNames.length; r++) {
            b.regionNames.put(r, regionNames[r]);
        }
        return b;
    }

    public String name() {
        return name;
    }

    /** Free text shown next to the layout (what it is for); may be empty. */
    public String description() {
        return description;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int cellCount() {
        return width * height;
    }

    public boolean contains(int x, int y) {
        return x >= 0 && x < width && y >= 0 && y < height;
    }

    public int cellIndex(int x, int y) {
        checkInside(x, y);
        return y * width + x;
    }

    public int cellX(int cell) {
        return cell % width;
    }

    public int cellY(int cell) {
        return cell / width;
    }

    public CellType type(int x, int y) {
        return TYPES[types[cellIndex(x, y)]];
    }

    /** Reward for entering the cell: the goal or death reward, 0 for EMPTY and WALL cells. */
    public double reward(int x, int y) {
        return rewards[cellIndex(x, y)];
    }

    /** Goal region of a goal cell, −1 for every other cell. */
    public int region(int x, int y) {
        return regions[cellIndex(x, y)];
    }

    public int regionCount() {
        return regionNames.length;
    }

    /** Display name of a goal region: "bottom"/"top" in two_bands, otherwise "goal 1", "goal 2", ... unless named. */
    public String regionName(int region) {
        if (region < 0 || region >= regionNames.length) {
            throw new IndexOutOfBoundsException("region " + region + " outside 0.." + (regionNames.length - 1));
        }
        return regionNames[region];
    }

    /** True if some goal cell's region differs from the automatic numbering (connected groups in scan order). */
    public boolean hasExplicitRegions() {
        return explicitRegions;
    }

    /** True if start cells were marked; false if every EMPTY cell is a start. */
    public boolean hasExplicitStarts() {
        return explicitStarts;
    }

    public boolean isStart(int x, int y) {
        return startMask[cellIndex(x, y)];
    }

    public int startCount() {
        return startCells.length;
    }

    /** Cell indices of all start cells in increasing order (a copy). */
    public int[] startCells() {
        return startCells.clone();
    }

    public int goalCellCount() {
        int n = 0;
        for (byte t : types) {
            if (t == CellType.GOAL.ordinal()) {
                n++;
            }
        }
        return n;
    }

    /** Largest goal reward, or NaN if the layout has no goal. */
    public double maxGoalReward() {
        double best = Double.NaN;
        for (int c = 0; c < types.length; c++) {
            if (types[c] == CellType.GOAL.ordinal() && !(rewards[c] <= best)) {
                best = rewards[c];
            }
        }
        return best;
    }

    /**
     * The cell reached from {@code cell} by the move (dx, dy), dx, dy ∈ {−1, 0, 1}: clipped to the grid,
     * and {@code cell} itself if the target is a wall.
     */
    public int move(int cell, int dx, int dy) {
        int tx = Math.min(width - 1, Math.max(0, cell % width + dx));
        int ty = Math.min(height - 1, Math.max(0, cell / width + dy));
        int target = ty * width + tx;
        return types[target] == CellType.WALL.ordinal() ? cell : target;
    }

    /**
     * Fewest steps from (x, y) to any cell of goal region {@code region} along paths that cross only
     * EMPTY cells (other goals and death cells end the episode); 0 on the region itself, −1 if unreachable.
     */
    public int stepsToRegion(int region, int x, int y) {
        regionName(region);
        return regionDistance[region][cellIndex(x, y)];
    }

    /** Fewest steps from (x, y) to the nearest goal cell of any region, −1 if none is reachable. */
    public int stepsToGoal(int x, int y) {
        int c = cellIndex(x, y);
        int best = -1;
        for (int[] d : regionDistance) {
            if (d[c] >= 0 && (best < 0 || d[c] < best)) {
                best = d[c];
            }
        }
        return best;
    }

    /** Number of start cells from which no goal can be reached. */
    public int unreachableStartCount() {
        int n = 0;
        for (int c : startCells) {
            if (stepsToGoal(cellX(c), cellY(c)) < 0) {
                n++;
            }
        }
        return n;
    }

    /**
     * What is wrong with a layout, for an editor's status line: "no goal cell", "no start cell" and "no
     * start cell can reach a goal" make a file unloadable; "k of n start cells cannot reach a goal" is a
     * warning (such episodes can only end by truncation). Empty if the layout is fine.
     */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (goalCellCount() == 0) {
            out.add("no goal cell");
        }
        if (startCount() == 0) {
            out.add("no start cell");
        } else if (unreachableStartCount() == startCount()) {
            out.add("no start cell can reach a goal");
        } else if (unreachableStartCount() > 0) {
            out.add(unreachableStartCount() + " of " + startCount() + " start cells cannot reach a goal");
        }
        return out;
    }

    private void checkInside(int x, int y) {
        if (!contains(x, y)) {
            throw new IndexOutOfBoundsException("cell (" + x + ", " + y + ") outside the " + width + "×" + height + " grid");
        }
    }

    // Reverse BFS from the region: the cells one move away from a cell t are exactly t's in-grid 8-neighbours
    // (a clipped move lands on a neighbour another move also reaches), and only EMPTY cells let an agent go on.
    private int[] distancesTo(int region) {
        int n = width * height;
        int[] dist = new int[n];
        Arrays.fill(dist, -1);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < n; c++) {
            if (regions[c] == region) {
                dist[c] = 0;
                queue.add(c);
            }
        }
        while (!queue.isEmpty()) {
            int t = queue.poll();
            int tx = t % width;
            int ty = t / width;
            for (int k = 0; k < DX.length; k++) {
                int px = tx - DX[k];
                int py = ty - DY[k];
                if (px < 0 || px >= width || py < 0 || py >= height) {
                    continue;
                }
                int p = py * width + px;
                if (dist[p] < 0 && types[p] == CellType.EMPTY.ordinal()) {
                    dist[p] = dist[t] + 1;
                    queue.add(p);
                }
            }
        }
        return dist;
    }

    // Explicit indices keep their order but are renumbered 0..E-1 (an edit may erase a whole region);
    // the remaining goal cells are numbered from E by connected group. Fills `names` by final index.
    private static int[] computeRegions(Builder b, Map<Integer, String> names) {
        int n = b.width * b.height;
        TreeMap<Integer, Integer> compact = new TreeMap<>();
        for (int c = 0; c < n; c++) {
            if (b.types[c] == CellType.GOAL.ordinal() && b.regions[c] >= 0) {
                compact.put(b.regions[c], 0);
            }
        }
        int next = 0;
        for (Map.Entry<Integer, Integer> e : compact.entrySet()) {
            e.setValue(next);
            String given = b.regionNames.get(e.getKey());
            if (given != null) {
                names.put(next, given);
            }
            next++;
        }
        int[] out = new int[n];
        Arrays.fill(out, -1);
        for (int c = 0; c < n; c++) {
            if (b.types[c] == CellType.GOAL.ordinal() && b.regions[c] >= 0) {
                out[c] = compact.get(b.regions[c]);
            }
        }
        int total = labelComponents(b.types, b.width, b.height, out, next);
        if (compact.isEmpty()) {
            // Purely automatic numbering: names given by index (as the built-in layouts do) apply directly.
            for (int r = 0; r < total; r++) {
                if (b.regionNames.containsKey(r)) {
                    names.put(r, b.regionNames.get(r));
                }
            }
        }
        return out;
    }

    /** The region numbering a layout gets when no goal cell carries an explicit index. */
    static int[] autoRegions(byte[] types, int width, int height) {
        int[] out = new int[types.length];
        Arrays.fill(out, -1);
        labelComponents(types, width, height, out, 0);
        return out;
    }

    // Gives every still unlabelled goal cell the index of its 4-connected group, groups numbered from
    // `next` in scan order; returns the next unused index.
    private static int labelComponents(byte[] types, int width, int height, int[] labels, int next) {
        int n = types.length;
        boolean[] pending = new boolean[n];
        for (int c = 0; c < n; c++) {
            pending[c] = types[c] == CellType.GOAL.ordinal() && labels[c] < 0;
        }
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int seed = 0; seed < n; seed++) {
            if (!pending[seed]) {
                continue;
            }
            int label = next++;
            pending[seed] = false;
            labels[seed] = label;
            queue.add(seed);
            while (!queue.isEmpty()) {
                int c = queue.poll();
                int x = c % width;
                int y = c / width;
                int[] nbs = {x > 0 ? c - 1 : -1, x < width - 1 ? c + 1 : -1, y > 0 ? c - width : -1, y < height - 1 ? c + width : -1};
                for (int nb : nbs) {
                    if (nb >= 0 && pending[nb]) {
                        pending[nb] = false;
                        labels[nb] = label;
                        queue.add(nb);
                    }
                }
            }
        }
        return next;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof GridLayout)) {
            return false;
        }
        GridLayout g = (GridLayout) o;
        return width == g.width && height == g.height && name.equals(g.name) && description.equals(g.description) && Arrays.equals(types, g.types)
                && Arrays.equals(rewards, g.rewards) && Arrays.equals(regions, g.regions)
                && Arrays.equals(startMask, g.startMask) && explicitStarts == g.explicitStarts
                && Arrays.equals(regionNames, g.regionNames);
    }

    @Override
    public int hashCode() {
        int h = 31 * width + height;
        h = 31 * h + Arrays.hashCode(types);
        h = 31 * h + Arrays.hashCode(rewards);
        h = 31 * h + Arrays.hashCode(regions);
        return 31 * h + Arrays.hashCode(startMask);
    }

    @Override
    public String toString() {
        return "GridLayout[" + name + ", " + width + "×" + height + ", " + regionCount() + " goal regions, "
                + startCount() + " start cells]";
    }

    /** Text picture of the layout, top row first: '.' empty, 's' marked start, 'G' goal, 'D' death, '#' wall. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        for (int y = height - 1; y >= 0; y--) {
            for (int x = 0; x < width; x++) {
                int c = y * width + x;
                switch (TYPES[types[c]]) {
                    case GOAL -> sb.append('G');
                    case DEATH -> sb.append('D');
                    case WALL -> sb.append('#');
                    default -> sb.append(explicitStarts && startMask[c] ? 's' : '.');
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * Mutable editing surface for a layout (the editor paints cells, the file reader applies entries in
     * order). Every paint replaces what was in the cell: its type, reward, region and start mark.
     */
    public static final class Builder {
        private final int width;
        private final int height;
        private final byte[] types;
        private final double[] rewards;
        private final int[] regions;
        private final boolean[] start;
        private final Map<Integer, String> regionNames = new HashMap<>();
        private String name = "custom";
        private String description = "";

        private Builder(int width, int height) {
            if (width < MIN_SIZE || width > MAX_SIZE || height < MIN_SIZE || height > MAX_SIZE) {
                throw new IllegalArgumentException("grid size " + width + "×" + height + " outside " + MIN_SIZE + ".." + MAX_SIZE);
            }
            this.width = width;
            this.height = height;
            int n = width * height;
            types = new byte[n];
            rewards = new double[n];
            regions = new int[n];
            Arrays.fill(regions, -1);
            start = new boolean[n];
        }

        public int width() {
            return width;
        }

        public int height() {
            return height;
        }

        public Builder name(String newName) {
            name = newName == null || newName.isBlank() ? "custom" : newName;
            return this;
        }

        public Builder description(String text) {
            description = text == null ? "" : text;
            return this;
        }

        /** Sets the cell's type with that type's default reward (goal +20, death −10), automatic region, no start mark. */
        public Builder paint(int x, int y, CellType type) {
            double r = type == CellType.GOAL ? DEFAULT_GOAL_REWARD : type == CellType.DEATH ? DEFAULT_DEATH_REWARD : 0.0;
            return set(x, y, type, r, -1);
        }

        /** Paints every cell of the inclusive rectangle [x0, x1] × [y0, y1]. */
        public Builder paintRect(int x0, int y0, int x1, int y1, CellType type) {
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    paint(x, y, type);
                }
            }
            return this;
        }

        public Builder wall(int x, int y) {
            return paint(x, y, CellType.WALL);
        }

        public Builder empty(int x, int y) {
            return paint(x, y, CellType.EMPTY);
        }

        /** A goal cell with the given reward in the automatically numbered region of its connected group. */
        public Builder goal(int x, int y, double reward) {
            return set(x, y, CellType.GOAL, reward, -1);
        }

        /** A goal cell with the given reward in the explicit region {@code region} (≥ 0). */
        public Builder goal(int x, int y, double reward, int region) {
            if (region < 0) {
                throw new IllegalArgumentException("region must be ≥ 0: " + region);
            }
            return set(x, y, CellType.GOAL, reward, region);
        }

        public Builder death(int x, int y, double reward) {
            return set(x, y, CellType.DEATH, reward, -1);
        }

        /** Makes the cell EMPTY and marks it as a start cell (once any cell is marked, only marked cells are starts). */
        public Builder start(int x, int y) {
            set(x, y, CellType.EMPTY, 0.0, -1);
            start[index(x, y)] = true;
            return this;
        }

        /** Marks every cell of the inclusive rectangle as an EMPTY start cell. */
        public Builder startRect(int x0, int y0, int x1, int y1) {
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    start(x, y);
                }
            }
            return this;
        }

        /** Removes every start mark: all EMPTY cells become starts again. */
        public Builder clearStarts() {
            Arrays.fill(start, false);
            return this;
        }

        /** Changes the reward of a goal or death cell. */
        public Builder reward(int x, int y, double reward) {
            int c = index(x, y);
            if (types[c] != CellType.GOAL.ordinal() && types[c] != CellType.DEATH.ordinal()) {
                throw new IllegalArgumentException("cell (" + x + ", " + y + ") is " + CellType.values()[types[c]]
                        + "; only goal and death cells carry a reward");
            }
            if (!Double.isFinite(reward)) {
                throw new IllegalArgumentException("reward must be finite: " + reward);
            }
            rewards[c] = reward;
            return this;
        }

        /** Names goal region {@code region} (shown in legends and outcome statistics). */
        public Builder regionName(int region, String regionName) {
            regionNames.put(region, regionName);
            return this;
        }

        public CellType type(int x, int y) {
            return CellType.values()[types[index(x, y)]];
        }

        /** A new immutable layout. */
        public GridLayout build() {
            return new GridLayout(this);
        }

        private Builder set(int x, int y, CellType type, double reward, int region) {
            int c = index(x, y);
            if (!Double.isFinite(reward)) {
                throw new IllegalArgumentException("reward must be finite: " + reward);
            }
            types[c] = (byte) type.ordinal();
            rewards[c] = reward;
            regions[c] = type == CellType.GOAL ? region : -1;
            start[c] = false;
            return this;
        }

        private int index(int x, int y) {
            if (x < 0 || x >= width || y < 0 || y >= height) {
                throw new IndexOutOfBoundsException("cell (" + x + ", " + y + ") outside the " + width + "×" + height + " grid");
            }
            return y * width + x;
        }
    }
}
