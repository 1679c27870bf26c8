package io.fpolab.env.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.ConfigIO.Format;
import io.fpolab.core.ConfigException;
import io.fpolab.env.grid.GridLayout.CellType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GridLayoutIOTest {
    @TempDir
    Path dir;

    private static GridLayout parse(String json) {
        return GridLayoutIO.parse(json, Format.JSON, "test");
    }

    @Test
    void cellsAndRectsPaintTheGridWithDefaultsAndFileOrder() {
        GridLayout g = parse("""
                {"width": 6, "height": 5,
                 "rects": [{"x0": 0, "y0": 4, "x1": 5, "y1": 4, "type": "goal"},
                           {"x0": 2, "y0": 1, "x1": 3, "y1": 2, "type": "wall"}],
                 "cells": [{"x": 3, "y": 2, "type": "empty"}, {"x": 0, "y": 0, "type": "death"},
                           {"x": 5, "y": 0, "type": "goal", "reward": 7.5}]}""");
        assertEquals(6, g.width());
        assertEquals(5, g.height());
        assertEquals("test", g.name());
        assertEquals(CellType.GOAL, g.type(4, 4));
        assertEquals(20.0, g.reward(4, 4));
        assertEquals(CellType.WALL, g.type(2, 1));
        assertEquals(CellType.EMPTY, g.type(3, 2), "a later cell replaces the rectangle");
        assertEquals(-10.0, g.reward(0, 0));
        assertEquals(7.5, g.reward(5, 0));
        assertEquals(2, g.regionCount(), "(5,0) is its own group, numbered first in scan order");
        assertEquals(0, g.region(5, 0));
        assertEquals(1, g.region(0, 4));
    }

    @Test
    void markedStartCellsReplaceTheDefaultStartSet() {
        GridLayout g = parse("""
                {"width": 5, "height": 5, "cells": [{"x": 0, "y": 4, "type": "goal"},
                 {"x": 2, "y": 0, "type": "start"}, {"x": 3, "y": 0, "type": "start"}]}""");
        assertTrue(g.hasExplicitStarts());
        assertEquals(2, g.startCount());
        assertTrue(g.isStart(2, 0));
        assertFalse(g.isStart(1, 0));
    }

    @Test
    void explicitRegionsAndNamesAreKept() {
        GridLayout g = parse("""
                {"width": 5, "height": 5, "regions": ["near", "far"],
                 "cells": [{"x": 0, "y": 4, "type": "goal", "region": 1}, {"x": 1, "y": 4, "type": "goal", "region": 0},
                           {"x": 4, "y": 0, "type": "goal", "region": 1}]}""");
        assertEquals(2, g.regionCount());
        assertEquals(1, g.region(0, 4));
        assertEquals(1, g.region(4, 0), "one explicit region may span disconnected cells");
        assertEquals("near", g.regionName(0));
        assertEquals("far", g.regionName(1));
    }

    @ParameterizedTest
    @MethodSource("io.fpolab.env.grid.GridLayoutsTest#layoutNames")
    void everyBuiltInLayoutRoundTripsThroughJson(String name) {
        GridLayout original = GridLayouts.named(name);
        Path file = dir.resolve(name + ".json");
        GridLayoutIO.write(file, original);
        assertEquals(original, GridLayoutIO.read(file));
    }

    @ParameterizedTest
    @MethodSource("io.fpolab.env.grid.GridLayoutsTest#layoutNames")
    void everyBuiltInLayoutRoundTripsThroughYaml(String name) {
        GridLayout original = GridLayouts.named(name);
        Path file = dir.resolve(name + ".yaml");
        GridLayoutIO.write(file, original);
        assertEquals(original, GridLayoutIO.read(file));
    }

    @Test
    void editedLayoutWithExplicitRegionsStartsAndRewardsRoundTripsInBothFormats() throws IOException {
        GridLayout edited = GridLayouts.twoBands().toBuilder()
                .name("edited").description("bands plus extras")
                .goal(12, 12, 5.25).death(3, 3, -2).wall(4, 4).startRect(10, 5, 14, 6)
                .reward(0, 0, 30).build();
        for (String file : new String[] {"e.json", "e.yml"}) {
            Path p = dir.resolve(file);
            GridLayoutIO.write(p, edited);
            GridLayout back = GridLayoutIO.read(p);
            assertEquals(edited, back, Files.readString(p));
            assertEquals("goal 3", back.regionName(2));
            assertEquals(30.0, back.reward(0, 0));
        }
    }

    @Test
    void writerMergesCellsIntoRectangles() {
        String json = GridLayoutIO.format(GridLayouts.twoBands(), Format.JSON);
        assertTrue(json.contains("\"rects\""));
        assertEquals(2, json.split("\"x0\"").length - 1, json);
    }

    @Test
    void yamlIsReadByExtension() throws IOException {
        Path p = dir.resolve("tiny.yml");
        Files.writeString(p, """
                width: 4
                height: 3
                cells:
                  - {x: 3, y: 2, type: goal, reward: 1}
                  - {x: 1, y: 1, type: wall}
                """);
        GridLayout g = GridLayoutIO.read(p);
        assertEquals("tiny", g.name());
        assertEquals(CellType.WALL, g.type(1, 1));
        assertEquals(1.0, g.reward(3, 2));
    }

    @Test
    void fourRoomsSampleLoadsFromTheClasspath() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/sample-configs/layouts/four-rooms.json")) {
            GridLayout g = GridLayoutIO.read(in, "four-rooms.json");
            assertEquals("four-rooms", g.name());
            assertEquals(3, g.regionCount());
            assertEquals("far", g.regionName(2));
            assertEquals(25, g.startCount());
            assertEquals(0, g.unreachableStartCount());
            assertEquals(g.stepsToRegion(0, 3, 3), g.stepsToRegion(1, 3, 3), "the two near rooms are equally far");
            assertEquals(CellType.EMPTY, g.type(6, 12), "door");
            assertEquals(CellType.WALL, g.type(5, 12));
        }
    }

    static Stream<Arguments> badFiles() {
        String goal = "{\"x\": 0, \"y\": 24, \"type\": \"goal\"}";
        return Stream.of(
                Arguments.of("{\"cells\": [" + goal + ", {\"x\": 1, \"y\": 1, \"type\": \"wall\"}, {\"x\": 2, \"y\": 1, \"type\": \"wall\"}, {\"x\": 30, \"y\": 5, \"type\": \"wall\"}]}",
                        "cells[3].x", "30 is outside the grid (0..24)"),
                Arguments.of("{\"cells\": [" + goal + ", {\"x\": 1, \"y\": -1, \"type\": \"wall\"}]}", "cells[1].y", "-1 is outside the grid (0..24)"),
                Arguments.of("{\"cells\": [{\"x\": 1, \"y\": 1, \"type\": \"lava\"}]}", "cells[0].type", "'lava' is not a cell type (allowed: empty, goal, death, wall, start)"),
                Arguments.of("{\"cells\": [{\"x\": 1, \"y\": 1}]}", "cells[0].type", "missing"),
                Arguments.of("{\"cells\": [{\"x\": 1, \"type\": \"wall\"}]}", "cells[0].y", "missing (an integer 0..24)"),
                Arguments.of("{\"cells\": [{\"x\": \"a\", \"y\": 1, \"type\": \"wall\"}]}", "cells[0].x", "'a' is not an integer"),
                Arguments.of("{\"cells\": [{\"x\": 2.5, \"y\": 1, \"type\": \"wall\"}]}", "cells[0].x", "2.5 is not an integer"),
                Arguments.of("{\"colour\": 3, \"cells\": [" + goal + "]}", "colour", "unknown key (allowed: name, description, width, height, regions, rects, cells)"),
                Arguments.of("{\"cells\": [{\"x\": 0, \"y\": 24, \"type\": \"goal\", \"rewrd\": 5}]}", "cells[0].rewrd", "unknown key (allowed: x, y, type, reward, region)"),
                Arguments.of("{\"width\": 1, \"cells\": []}", "width", "1 is outside the grid size range (2..200)"),
                Arguments.of("{\"height\": 500, \"cells\": []}", "height", "500"),
                Arguments.of("{\"cells\": [{\"x\": 1, \"y\": 1, \"type\": \"wall\"}]}", "cells", "no goal cell"),
                Arguments.of("{\"width\": 5, \"height\": 5, \"rects\": [{\"x0\": 0, \"y0\": 4, \"x1\": 4, \"y1\": 4, \"type\": \"goal\"},"
                        + " {\"x0\": 0, \"y0\": 3, \"x1\": 4, \"y1\": 3, \"type\": \"wall\"}]}", "cells", "no start cell can reach a goal"),
                Arguments.of("{\"width\": 2, \"height\": 2, \"rects\": [{\"x0\": 0, \"y0\": 0, \"x1\": 1, \"y1\": 1, \"type\": \"goal\"}]}", "cells", "no start cell"),
                Arguments.of("{\"rects\": [{\"x0\": 5, \"y0\": 0, \"x1\": 3, \"y1\": 1, \"type\": \"goal\"}]}", "rects[0].x1", "3 is less than x0 (5)"),
                Arguments.of("{\"cells\": [" + goal + ", {\"x\": 1, \"y\": 1, \"type\": \"wall\", \"reward\": 3}]}", "cells[1].reward", "a wall cell has no reward"),
                Arguments.of("{\"cells\": [{\"x\": 0, \"y\": 24, \"type\": \"goal\", \"reward\": \"lots\"}]}", "cells[0].reward", "'lots' is not a number"),
                Arguments.of("{\"cells\": [{\"x\": 0, \"y\": 24, \"type\": \"goal\", \"region\": 0}, {\"x\": 5, \"y\": 24, \"type\": \"goal\", \"region\": 2}]}",
                        "cells[1].region", "2 skips region 1"),
                Arguments.of("{\"cells\": [" + goal + ", {\"x\": 1, \"y\": 1, \"type\": \"death\", \"region\": 0}]}", "cells[1].region", "a death cell has no region"),
                Arguments.of("{\"regions\": [\"a\", \"b\"], \"cells\": [" + goal + "]}", "regions", "2 names given but the layout has 1 goal regions"),
                Arguments.of("{\"cells\": {\"x\": 1}}", "cells", "expected a list"),
                Arguments.of("{\"cells\": [5]}", "cells[0]", "expected an object"),
                Arguments.of("{\"width\": 25}", "cells", "missing"),
                Arguments.of("[1, 2]", "file", "expected an object"),
                Arguments.of("", "file", "is empty"),
                Arguments.of("{\"cells\": [" + goal + "],\n  \"width\": 25,\n  \"width\": 25}", "line 3, column", "duplicate field 'width'"),
                Arguments.of("{\"cells\": [\n  {\"x\": 1 \"y\": 2}\n]}", "line 2, column", "unexpected character"));
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void badLayoutFileGivesAOneLineConfigExceptionNamingTheField(String json, String field, String fragment) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(json));
        assertTrue(e.field().startsWith(field), "field was '" + e.field() + "' in: " + e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void malformedYamlNamesLineAndColumn() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> GridLayoutIO.parse("width: 5\ncells:\n  - {x: 1, y: [2\n", Format.YAML, "bad"));
        assertTrue(e.field().startsWith("line "), e.getMessage());
        assertTrue(e.getMessage().contains("expected ',' or ']'"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void unknownExtensionAndMissingFileAreConfigErrors() {
        ConfigException ext = assertThrows(ConfigException.class, () -> GridLayoutIO.read(dir.resolve("layout.txt")));
        assertEquals("file", ext.field());
        assertTrue(ext.getMessage().contains(".json, .yaml, .yml"), ext.getMessage());
        ConfigException missing = assertThrows(ConfigException.class, () -> GridLayoutIO.read(dir.resolve("nope.json")));
        assertTrue(missing.getMessage().endsWith("nope.json: file not found"), missing.getMessage());
    }

    @Test
    void problemsWarnAboutStartsThatCannotReachAGoal() {
        GridLayout g = GridLayout.builder(5, 5).goal(4, 4, 1).wall(1, 0).wall(1, 1).wall(0, 1).build();
        assertEquals(1, g.unreachableStartCount());
        assertEquals("1 of 21 start cells cannot reach a goal", g.problems().get(0));
        assertTrue(GridLayouts.twoBands().problems().isEmpty());
    }
}
