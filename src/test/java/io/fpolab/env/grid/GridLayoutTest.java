package io.fpolab.env.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.env.grid.GridLayout.CellType;
import org.junit.jupiter.api.Test;

class GridLayoutTest {
    @Test
    void editingACopyLeavesTheOriginalUnchanged() {
        GridLayout original = GridLayouts.twoBands();
        GridLayout edited = original.toBuilder().wall(5, 5).reward(3, 0, 50).build();
        assertEquals(CellType.EMPTY, original.type(5, 5));
        assertEquals(20.0, original.reward(3, 0));
        assertEquals(CellType.WALL, edited.type(5, 5));
        assertEquals(50.0, edited.reward(3, 0));
        assertEquals(524, edited.startCount());
        assertNotEquals(original, edited);
    }

    @Test
    void paintingANewGoalAppendsARegionAndKeepsTheOldNames() {
        GridLayout edited = GridLayouts.twoBands().toBuilder().paint(12, 12, CellType.GOAL).build();
        assertEquals(3, edited.regionCount());
        assertEquals(0, edited.region(0, 0));
        assertEquals(1, edited.region(0, 24));
        assertEquals(2, edited.region(12, 12));
        assertEquals("top", edited.regionName(1));
        assertEquals("goal 3", edited.regionName(2));
    }

    @Test
    void erasingARegionClosesTheGap() {
        GridLayout b = GridLayouts.twoBands().toBuilder().paint(12, 12, CellType.GOAL)
                .paintRect(0, 0, 24, 1, CellType.EMPTY).build();
        assertEquals(2, b.regionCount());
        assertEquals("top", b.regionName(0));
        assertEquals(1, b.region(12, 12));
    }

    @Test
    void paintingOverAStartRemovesTheMark() {
        GridLayout g = GridLayout.builder(4, 4).goal(3, 3, 1).start(0, 0).start(1, 0).wall(1, 0).build();
        assertTrue(g.hasExplicitStarts());
        assertEquals(1, g.startCount());
        assertFalse(g.isStart(1, 0));
    }

    @Test
    void withoutMarksEveryEmptyCellIsAStart() {
        GridLayout g = GridLayout.builder(3, 3).goal(2, 2, 1).wall(1, 1).paint(0, 2, CellType.DEATH).build();
        assertFalse(g.hasExplicitStarts());
        assertEquals(6, g.startCount());
    }

    @Test
    void diagonalMoveIntoAWallStaysPut() {
        GridLayout g = GridLayout.builder(3, 3).goal(2, 2, 1).wall(1, 1).build();
        int origin = g.cellIndex(0, 0);
        assertEquals(origin, g.move(origin, 1, 1));
        assertEquals(g.cellIndex(1, 0), g.move(origin, 1, 0));
        assertEquals(origin, g.move(origin, -1, -1), "clipped at the corner");
    }

    @Test
    void stepDistancesGoAroundWallsAndNotThroughDeath() {
        GridLayout g = GridLayout.builder(5, 3).goal(4, 0, 1).paintRect(2, 0, 2, 1, CellType.WALL)
                .paint(3, 2, CellType.DEATH).build();
        // From (0,0): (1,1) → (2,2) → (3,1) → (4,0); (3,2) is death and cannot be crossed.
        assertEquals(4, g.stepsToGoal(0, 0));
        assertEquals(-1, g.stepsToGoal(2, 0), "a wall cell");
        GridLayout blocked = g.toBuilder().paint(3, 1, CellType.DEATH).paint(3, 0, CellType.DEATH).build();
        assertEquals(-1, blocked.stepsToGoal(0, 0));
    }

    @Test
    void outOfGridAccessIsRefused() {
        GridLayout g = GridLayouts.twoBands();
        assertThrows(IndexOutOfBoundsException.class, () -> g.type(25, 0));
        assertThrows(IllegalArgumentException.class, () -> GridLayout.builder(1, 25));
        assertThrows(IllegalArgumentException.class, () -> g.toBuilder().reward(5, 5, 3));
    }

    @Test
    void renderDrawsTheTopRowFirst() {
        GridLayout g = GridLayout.builder(3, 2).goal(0, 1, 1).wall(2, 0).build();
        assertEquals("G..\n..#\n", g.render());
    }
}
