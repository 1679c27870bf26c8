package io.fpolab.env.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.core.ConfigException;
import io.fpolab.env.grid.GridLayout.CellType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GridLayoutsTest {
    static List<String> layoutNames() {
        return GridLayouts.names();
    }

    @Test
    void namesListsAllFiveLayoutsPaperFirst() {
        assertEquals(List.of("two_bands", "three_goals", "obstacle", "two_slits", "c_shape"), GridLayouts.names());
    }

    @ParameterizedTest
    @MethodSource("layoutNames")
    void everyStartCellOfANamedLayoutReachesAGoal(String name) {
        GridLayout g = GridLayouts.named(name);
        assertEquals(25, g.width());
        assertEquals(25, g.height());
        assertEquals(name, g.name());
        assertTrue(g.startCount() > 0);
        for (int c : g.startCells()) {
            int x = g.cellX(c);
            int y = g.cellY(c);
            assertEquals(CellType.EMPTY, g.type(x, y));
            assertTrue(g.stepsToGoal(x, y) > 0, name + ": no goal reachable from (" + x + ", " + y + ")");
        }
    }

    @ParameterizedTest
    @MethodSource("layoutNames")
    void everyNamedLayoutHasTwoGoalsEquallyFarFromSomeStart(String name) {
        GridLayout g = GridLayouts.named(name);
        assertTrue(g.regionCount() >= 2, name);
        boolean tie = false;
        for (int c : g.startCells()) {
            for (int a = 0; a < g.regionCount() && !tie; a++) {
                for (int b = a + 1; b < g.regionCount() && !tie; b++) {
                    int da = g.stepsToRegion(a, g.cellX(c), g.cellY(c));
                    tie = da > 0 && da == g.stepsToRegion(b, g.cellX(c), g.cellY(c)) && da == g.stepsToGoal(g.cellX(c), g.cellY(c));
                }
            }
        }
        assertTrue(tie, name + " has no start cell where two goals are equally short");
    }

    @Test
    void twoBandsIsThePapersLayout() {
        GridLayout g = GridLayouts.twoBands();
        for (int y = 0; y < 25; y++) {
            for (int x = 0; x < 25; x++) {
                boolean goal = y <= 1 || y >= 23;
                assertEquals(goal ? CellType.GOAL : CellType.EMPTY, g.type(x, y), "(" + x + ", " + y + ")");
                assertEquals(goal ? 20.0 : 0.0, g.reward(x, y));
                assertEquals(y <= 1 ? 0 : y >= 23 ? 1 : -1, g.region(x, y));
            }
        }
        assertEquals(525, g.startCount());
        assertEquals(2, g.regionCount());
        assertEquals("bottom", g.regionName(0));
        assertEquals("top", g.regionName(1));
    }

    @Test
    void otherLayoutsUseDefaultRegionNames() {
        assertEquals("goal 1", GridLayouts.threeGoals().regionName(0));
        assertEquals("goal 3", GridLayouts.threeGoals().regionName(2));
    }

    @Test
    void threeGoalsHasADeathZoneAndObstacleAWallBlock() {
        assertEquals(CellType.DEATH, GridLayouts.threeGoals().type(12, 13));
        assertEquals(-10.0, GridLayouts.threeGoals().reward(12, 13));
        assertEquals(CellType.WALL, GridLayouts.obstacle().type(12, 14));
        assertEquals(CellType.WALL, GridLayouts.twoSlits().type(12, 12));
        assertEquals(CellType.EMPTY, GridLayouts.twoSlits().type(5, 12));
        assertEquals(CellType.WALL, GridLayouts.cShape().type(16, 12));
    }

    @Test
    void unknownLayoutNameListsTheAllowedNames() {
        ConfigException e = assertThrows(ConfigException.class, () -> GridLayouts.named("maze"));
        assertEquals("env.layout", e.field());
        assertTrue(e.getMessage().contains("'maze'") && e.getMessage().contains("two_bands, three_goals, obstacle, two_slits, c_shape"), e.getMessage());
    }

    @Test
    void builtInLayoutsAreFreshButEqual() {
        assertEquals(GridLayouts.named("c_shape"), GridLayouts.cShape());
        assertNotEquals(GridLayouts.twoBands(), GridLayouts.obstacle());
    }
}
