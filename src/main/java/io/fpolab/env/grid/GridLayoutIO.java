package io.fpolab.env.grid;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fpolab.config.ConfigIO.Format;
import io.fpolab.config.ConfigIO;
import io.fpolab.core.AtomicFiles;
import io.fpolab.core.ConfigException;
import io.fpolab.core.TextFiles;
import io.fpolab.env.grid.GridLayout.CellType;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Reads and writes GridWorld layout files, JSON ({@code .json}) or YAML ({@code .yaml}, {@code .yml}).
 *
 * <p>Schema (every key but {@code cells}/{@code rects} optional; width and height default to 25):
 * <pre>
 * {"name": "four-rooms", "description": "...", "width": 25, "height": 25,
 *  "regions": ["left", "right"],                        // names of goal regions 0, 1, ...
 *  "rects": [{"x0": 0, "y0": 0, "x1": 24, "y1": 1, "type": "goal", "reward": 20}],
 *  "cells": [{"x": 3, "y": 5, "type": "wall"}, {"x": 4, "y": 5, "type": "goal", "reward": 20, "region": 1},
 *            {"x": 9, "y": 9, "type": "death", "reward": -10}, {"x": 12, "y": 12, "type": "start"}]}
 * </pre>
 * Types: {@code empty}, {@code goal} (default reward +20), {@code death} (default −10), {@code wall},
 * {@code start} (an empty cell episodes may start from; if none is marked, every empty cell is a
 * start). Rectangles are inclusive and applied first, then cells, each in file order; a later entry
 * replaces an earlier one in the same cell. {@code region} (goal cells only) indexes goal regions
 * explicitly, numbered 0, 1, 2, ... without gaps; unindexed goal cells form one region per connected
 * group, numbered after the indexed ones. y grows upward.
 *
 * <p>The file is read and bound onto records by the strict mapper experiment configs use ({@link ConfigIO#treeReader},
 * {@link ConfigIO#bind}), which refuses duplicate and unknown keys and wrong types, and written from the same
 * records ({@link ConfigIO#format}); the reader then checks what depends on the grid. Every user error is a
 * {@link ConfigException} with a one-line message naming the field
 * ({@code cells[3].x}), the bad value and what is allowed; syntax errors name line and column. Files
 * follow the same input policy as experiment files ({@link TextFiles#read}): at most
 * {@link #MAX_BYTES} bytes of UTF-8 text, nesting at most {@link #MAX_DEPTH} levels deep, and every
 * message of {@link #read(Path)} starts with the file's name. Rewards are finite and within
 * ±{@link #MAX_REWARD}: larger ones overflow the value network's float arithmetic.
 */
public final class GridLayoutIO {
    /** Largest layout file accepted, in bytes: a 200 × 200 grid written cell by cell is about 2 MB. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    /** A layout is three levels deep (file, list, entry); anything deeper is not a layout. */
    public static final int MAX_DEPTH = 8;

    /** Largest goal or death reward magnitude. */
    public static final double MAX_REWARD = 1e6;

    private static final List<String> TYPE_NAMES = List.of("empty", "goal", "death", "wall", "start");

    private static final ObjectReader JSON = ConfigIO.treeReader(Format.JSON, MAX_DEPTH);
    private static final ObjectReader YAML = ConfigIO.treeReader(Format.YAML, MAX_DEPTH);

    private GridLayoutIO() {
    }

    /**
     * Reads a layout file; the format follows the extension, the name defaults to the file name without it.
     *
     * @throws ConfigException with a one-line message that starts with {@code file}
     */
    public static GridLayout read(Path file) {
        try {
            Format format = formatOf(String.valueOf(file.getFileName()));
            String text = TextFiles.read(file, MAX_BYTES, "layout");
            return parse(text, format, stem(file.getFileName().toString()));
        } catch (ConfigException e) {
            throw e.inSource(file.toString());
        }
    }

    /**
     * Reads a layout from a stream (e.g. a classpath resource) whose format follows {@code sourceName}'s
     * extension; the caller closes the stream.
     */
    public static GridLayout read(InputStream in, String sourceName) {
        Format format = formatOf(sourceName);
        String text;
        try {
            text = TextFiles.decode(in.readNBytes(MAX_BYTES + 1), MAX_BYTES, "layout");
        } catch (IOException e) {
            throw new ConfigException("file", "cannot read " + sourceName + ": " + ConfigIO.shortReason(e.getMessage()));
        } catch (ConfigException e) {
            throw e.inSource(sourceName);
        }
        String base = sourceName.substring(sourceName.lastIndexOf('/') + 1);
        return parse(text, format, stem(base));
    }

    /** Parses layout text; {@code defaultName} is used when the file has no "name". */
    public static GridLayout parse(String text, Format format, String defaultName) {
        JsonNode root;
        try {
            root = (format == Format.JSON ? JSON : YAML).readTree(text);
        } catch (IOException | RuntimeException e) {
            // SnakeYAML reports some problems (nesting, forbidden characters) with its own unchecked exceptions.
            throw syntaxError(e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ConfigException("file", "is empty (expected an object with width, height and cells)");
        }
        return new Reader().read(ConfigIO.bind(root, LayoutFile.class, GridLayoutIO::explain), defaultName);
    }

    /** Writes {@code layout} to {@code file} in the format of its extension. */
    public static void write(Path file, GridLayout layout) {
        String text = format(layout, formatOf(file.getFileName().toString()));
        try {
            AtomicFiles.write(file, text);
        } catch (IOException e) {
            String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
            throw new ConfigException("file", "cannot write " + file + ": " + ConfigIO.shortReason(reason));
        }
    }

    /**
     * The layout as file text. Cells of the same kind are merged greedily into rectangles, so built-in
     * layouts come out as a handful of entries; regions are written only where they differ from the
     * automatic numbering, starts only if they were marked.
     */
    public static String format(GridLayout layout, Format format) {
        List<Rect> rects = new ArrayList<>();
        List<Cell> cells = new ArrayList<>();
        int w = layout.width();
        int h = layout.height();
        boolean[] covered = new boolean[w * h];
        for (int y0 = 0; y0 < h; y0++) {
            for (int x0 = 0; x0 < w; x0++) {
                if (covered[y0 * w + x0] || !written(layout, x0, y0)) {
                    continue;
                }
                int x1 = x0;
                while (x1 + 1 < w && !covered[y0 * w + x1 + 1] && same(layout, x0, y0, x1 + 1, y0)) {
                    x1++;
                }
                int y1 = y0;
                while (y1 + 1 < h && rowMatches(layout, covered, x0, x1, y1 + 1, x0, y0)) {
                    y1++;
                }
                for (int y = y0; y <= y1; y++) {
                    for (int x = x0; x <= x1; x++) {
                        covered[y * w + x] = true;
                    }
                }
                CellType type = layout.type(x0, y0);
                String name = type == CellType.EMPTY ? "start" : type.name().toLowerCase(Locale.ROOT);
                double r = layout.reward(x0, y0);
                Number reward = type != CellType.GOAL && type != CellType.DEATH ? null
                        : r == Math.rint(r) && Math.abs(r) < 1e15 ? (Number) (long) r : (Number) r;
                Integer region = type == CellType.GOAL && layout.hasExplicitRegions() ? layout.region(x0, y0) : null;
                if (x0 == x1 && y0 == y1) {
                    cells.add(new Cell(x0, y0, name, reward, region));
                } else {
                    rects.add(new Rect(x0, y0, x1, y1, name, reward, region));
                }
            }
        }
        List<String> regions = IntStream.range(0, layout.regionCount()).mapToObj(layout::regionName).toList();
        boolean named = IntStream.range(0, regions.size()).anyMatch(r -> !regions.get(r).equals("goal " + (r + 1)));
        return ConfigIO.format(new LayoutFile(layout.name(), layout.description().isEmpty() ? null
                : layout.description(), w, h, named ? regions : null, rects.isEmpty() ? null : rects, cells),
                format);
    }

    private static boolean written(GridLayout g, int x, int y) {
        return g.type(x, y) != CellType.EMPTY || (g.hasExplicitStarts() && g.isStart(x, y));
    }

    private static boolean same(GridLayout g, int ax, int ay, int bx, int by) {
        return written(g, bx, by) && g.type(ax, ay) == g.type(bx, by) && g.reward(ax, ay) == g.reward(bx, by)
                && g.region(ax, ay) == g.region(bx, by) && g.isStart(ax, ay) == g.isStart(bx, by);
    }

    private static boolean rowMatches(GridLayout g, boolean[] covered, int x0, int x1, int y, int refX, int refY) {
        for (int x = x0; x <= x1; x++) {
            if (covered[y * g.width() + x] || !same(g, refX, refY, x, y)) {
                return false;
            }
        }
        return true;
    }

    private static ConfigException syntaxError(Exception e) {
        JsonLocation loc = e instanceof JsonProcessingException jpe ? jpe.getLocation() : null;
        String raw = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        String message;
        String lower = raw == null ? "" : raw.toLowerCase(Locale.ROOT);
        if (lower.contains("nesting depth")) {
            message = "nesting deeper than " + MAX_DEPTH + " levels; allowed: an object of lists of cell objects";
        } else if (lower.matches("(?s)malformed numeric value '[+-]?\\.(nan|inf)'.*")) {
            message = raw.substring(raw.indexOf('\''), raw.lastIndexOf('\'') + 1) + " is not a finite number; "
                    + "allowed: finite numbers (rewards from -1000000 to 1000000)";
        } else {
            // SnakeYAML spreads a message over lines with indented source excerpts; keep the unindented ones.
            message = raw == null ? "syntax error" : raw.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                    .map(String::strip).collect(Collectors.joining("; "));
            message = ConfigIO.shortReason(message) + "; allowed: valid JSON or YAML";
        }
        return new ConfigException(loc == null || loc.getLineNr() < 1 ? "file" : ConfigIO.position(loc), message);
    }

    /** The format of a file name: .json → JSON, .yaml/.yml → YAML, as for experiment files. */
    private static Format formatOf(String fileName) {
        return Format.ofFileName(fileName).orElseThrow(() -> new ConfigException("file", "'" + fileName
                + "' has an unknown extension (allowed: .json, .yaml, .yml)"));
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    private static String show(JsonNode value) {
        String s = value.isTextual() ? "'" + value.asText() + "'" : value.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    /** A layout file as Jackson binds and writes it; absent keys are null and null ones are not written. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record LayoutFile(String name, String description, Integer width, Integer height, List<String> regions,
            List<Rect> rects, List<Cell> cells) {
    }

    /** What cells and rectangles have in common. */
    private interface Entry {
        String type();

        Number reward();

        Integer region();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record Cell(Integer x, Integer y, String type, Number reward, Integer region) implements Entry {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record Rect(Integer x0, Integer y0, Integer x1, Integer y1, String type, Number reward, Integer region)
            implements Entry {
    }

    /** What a value Jackson could not bind should have been, by its key ("cells[]" for an entry of cells). */
    private static ConfigException explain(String path, JsonNode value) {
        String entry = path.startsWith("cells[") ? "cells[]" : path.startsWith("rects[") ? "rects[]" : "";
        if (value == null) {
            Class<?> type = entry.isEmpty() ? LayoutFile.class : entry.equals("cells[]") ? Cell.class : Rect.class;
            return new ConfigException(path, "unknown key (allowed: " + String.join(", ", Arrays.stream(
                    type.getRecordComponents()).map(RecordComponent::getName).toList()) + ")");
        }
        String key = path.substring(path.lastIndexOf('.') + 1).replaceAll("\\[\\d+]$", "[]");
        String problem = switch (key) {
            case "" -> "expected an object with width, height and cells, got " + show(value);
            case "cells", "rects" -> "expected a list, got " + show(value);
            case "cells[]" -> "expected an object such as {\"x\": 0, \"y\": 0, \"type\": \"wall\"}, got " + show(value);
            case "rects[]" -> "expected an object such as {\"x0\": 0, \"y0\": 0, \"x1\": 4, \"y1\": 1, \"type\": \"goal\"}, "
                    + "got " + show(value);
            case "regions" -> "expected a list of region names such as [\"bottom\", \"top\"], got " + show(value);
            case "regions[]" -> show(value) + " is not a name (a non-empty string)";
            case "name", "description" -> show(value) + " is not a string";
            case "type" -> show(value) + " is not a cell type (allowed: " + String.join(", ", TYPE_NAMES) + ")";
            case "reward" -> show(value) + " is not a number";
            default -> show(value) + " is not an integer";
        };
        return new ConfigException(path.isEmpty() ? "file" : path, problem);
    }

    /** One parse: checks the bound file entry by entry against the grid and paints a builder. */
    private static final class Reader {
        private int width;
        private int height;
        private GridLayout.Builder builder;
        // Explicit region index → path of the first entry that used it (for gap messages).
        private final TreeMap<Integer, String> explicitRegions = new TreeMap<>();

        GridLayout read(LayoutFile file, String defaultName) {
            width = size("width", file.width());
            height = size("height", file.height());
            builder = GridLayout.builder(width, height).name(file.name() == null ? defaultName : file.name())
                    .description(file.description() == null ? "" : file.description());
            if (file.cells() == null && file.rects() == null) {
                throw new ConfigException("cells", "missing (a list of cells such as {\"x\": 0, \"y\": 0, \"type\": \"goal\"})");
            }
            for (String list : List.of("rects", "cells")) {
                List<? extends Entry> entries = list.equals("rects") ? file.rects() : file.cells();
                for (int i = 0; entries != null && i < entries.size(); i++) {
                    entry(list + "[" + i + "]", entries.get(i));
                }
            }
            int expected = 0;
            for (var entry : explicitRegions.entrySet()) {
                if (entry.getKey() != expected++) {
                    throw new ConfigException(entry.getValue(), entry.getKey() + " skips region " + (expected - 1)
                            + " (explicit regions are numbered 0, 1, 2, ... without gaps)");
                }
            }
            GridLayout layout = names(file.regions(), builder.build());
            checkPlayable(layout);
            return layout;
        }

        private void entry(String path, Entry e) {
            if (e == null) {
                throw explain(path, NullNode.getInstance());
            }
            int x0;
            int y0;
            int x1;
            int y1;
            if (e instanceof Rect r) {
                x0 = coordinate(path + ".x0", r.x0(), width);
                y0 = coordinate(path + ".y0", r.y0(), height);
                x1 = coordinate(path + ".x1", r.x1(), width);
                y1 = coordinate(path + ".y1", r.y1(), height);
                if (x1 < x0 || y1 < y0) {
                    String axis = x1 < x0 ? "x" : "y";
                    throw new ConfigException(path + "." + axis + "1", (x1 < x0 ? x1 + " is less than x0 (" + x0
                            : y1 + " is less than y0 (" + y0) + "); corners are inclusive, " + axis + "0 ≤ " + axis + "1");
                }
            } else {
                x0 = x1 = coordinate(path + ".x", ((Cell) e).x(), width);
                y0 = y1 = coordinate(path + ".y", ((Cell) e).y(), height);
            }
            paint(path, x0, y0, x1, y1, e.type(), e.reward(), e.region());
        }

        private void paint(String path, int x0, int y0, int x1, int y1, String typeName, Number reward, Integer region) {
            if (typeName == null) {
                throw new ConfigException(path + ".type", "missing (one of " + String.join(", ", TYPE_NAMES) + ")");
            }
            String type = typeName.toLowerCase(Locale.ROOT);
            if (!TYPE_NAMES.contains(type)) {
                throw explain(path + ".type", TextNode.valueOf(typeName));
            }
            double r = reward(path + ".reward", type, reward);
            if (region != null && !type.equals("goal")) {
                throw new ConfigException(path + ".region", "a " + type + " cell has no region (only goal cells have one)");
            }
            if (region != null && (region < 0 || region >= width * height)) {
                throw new ConfigException(path + ".region", region + " is outside 0.." + (width * height - 1));
            }
            if (region != null) {
                explicitRegions.putIfAbsent(region, path + ".region");
            }
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    switch (type) {
                        case "goal" -> {
                            if (region != null) {
                                builder.goal(x, y, r, region);
                            } else {
                                builder.goal(x, y, r);
                            }
                        }
                        case "death" -> builder.death(x, y, r);
                        case "wall" -> builder.wall(x, y);
                        case "start" -> builder.start(x, y);
                        default -> builder.empty(x, y);
                    }
                }
            }
        }

        private static double reward(String field, String type, Number n) {
            if (n == null) {
                return type.equals("death") ? GridLayout.DEFAULT_DEATH_REWARD : GridLayout.DEFAULT_GOAL_REWARD;
            }
            if (!type.equals("goal") && !type.equals("death")) {
                throw new ConfigException(field, "a " + type + " cell has no reward (only goal and death cells have one)");
            }
            double r = n.doubleValue();
            if (!Double.isFinite(r) || Math.abs(r) > MAX_REWARD) {
                throw new ConfigException(field, r + " is out of range; allowed: a finite number from "
                        + "-1000000 to 1000000");
            }
            return r;
        }

        private static GridLayout names(List<String> names, GridLayout layout) {
            if (names == null) {
                return layout;
            }
            if (names.size() != layout.regionCount()) {
                throw new ConfigException("regions", names.size() + " names given but the layout has "
                        + layout.regionCount() + " goal regions");
            }
            GridLayout.Builder b = layout.toBuilder();
            for (int r = 0; r < names.size(); r++) {
                if (names.get(r) == null || names.get(r).isBlank()) {
                    throw explain("regions[" + r + "]", names.get(r) == null ? NullNode.getInstance()
                            : TextNode.valueOf(names.get(r)));
                }
                b.regionName(r, names.get(r));
            }
            return b.build();
        }

        private static void checkPlayable(GridLayout layout) {
            if (layout.goalCellCount() == 0) {
                throw new ConfigException("cells", "the layout has no goal cell (at least one cell of type goal is needed)");
            }
            if (layout.startCount() == 0) {
                throw new ConfigException("cells", "the layout has no start cell (episodes start on empty cells or cells of type start)");
            }
            if (layout.unreachableStartCount() == layout.startCount()) {
                throw new ConfigException("cells", "no start cell can reach a goal (walls or death cells cut all "
                        + layout.startCount() + " start cells off)");
            }
        }

        private static int size(String key, Integer v) {
            if (v != null && (v < GridLayout.MIN_SIZE || v > GridLayout.MAX_SIZE)) {
                throw new ConfigException(key, v + " is outside the grid size range (" + GridLayout.MIN_SIZE + ".."
                        + GridLayout.MAX_SIZE + ")");
            }
            return v == null ? GridLayout.DEFAULT_SIZE : v;
        }

        private static int coordinate(String field, Integer v, int size) {
            if (v == null) {
                throw new ConfigException(field, "missing (an integer 0.." + (size - 1) + ")");
            }
            if (v < 0 || v >= size) {
                throw new ConfigException(field, v + " is outside the grid (0.." + (size - 1) + ")");
            }
            return v;
        }
    }
}
