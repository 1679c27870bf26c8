package io.fpolab.runs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.fpolab.train.IterationStats;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code metrics.csv}: one row per iteration, the {@link IterationStats#COLUMNS} followed by the evaluation metrics
 * (empty cells where no evaluation ran, and for NaN). Rows go through Jackson's CSV module in both directions, so a
 * cell that needs quotes gets them and a reader error knows its line. The header is an ordinary first row: it is
 * written before any iteration, so a run killed early still leaves a readable file.
 */
final class MetricsCsv {
    /** Quotes a cell only where CSV needs it (separator, quote, line break), so plain numbers stay as they were. */
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();
    private static final ObjectWriter ROWS = CSV.writerFor(String[].class).with(CsvSchema.emptySchema());
    private static final ObjectReader READER = CSV.readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY);

    private MetricsCsv() {
    }

    /** Header row: the scalar columns then the evaluation keys. */
    static List<String> header(List<String> evalKeys) {
        List<String> h = new ArrayList<>(List.of(IterationStats.COLUMNS));
        h.addAll(evalKeys);
        return h;
    }

    /** The cells of {@code s}'s row. */
    static String[] row(IterationStats s, List<String> evalKeys) {
        double[] v = s.values();
        String[] cells = new String[v.length + evalKeys.size()];
        for (int i = 0; i < v.length; i++) {
            cells[i] = format(v[i]);
        }
        for (int k = 0; k < evalKeys.size(); k++) {
            Double x = s.evaluation().get(evalKeys.get(k));
            cells[v.length + k] = x == null ? "" : format(x);
        }
        return cells;
    }

    private static String format(double x) {
        if (Double.isNaN(x)) {
            return "";
        }
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return String.format(Locale.ROOT, "%.6g", x);
    }

    /**
     * Writes the header to {@code out} at once and returns the writer of the rows; each row is flushed as it is
     * written. Closing the returned writer closes {@code out}.
     */
    static SequenceWriter open(Writer out, List<String> evalKeys) throws IOException {
        SequenceWriter rows = ROWS.writeValues(out);
        rows.write(header(evalKeys).toArray(String[]::new));
        return rows;
    }

    /** The whole file for {@code history}. */
    static String text(List<IterationStats> history, List<String> evalKeys) {
        StringWriter out = new StringWriter();
        try (SequenceWriter rows = open(out, evalKeys)) {
            for (IterationStats s : history) {
                rows.write(row(s, evalKeys));
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing CSV to memory failed", e);
        }
        return out.toString();
    }

    /**
     * Parses {@code metrics.csv} by column name: the {@link IterationStats#COLUMNS} in any order, then evaluation
     * columns. Empty cells are NaN (scalars) or absent (evaluation); a scalar column the file does not have (a run
     * written before the column existed) is NaN throughout. Blank lines are skipped.
     *
     * @param source names the file in messages
     * @throws IOException one line naming {@code source}, the line (and column) of the first bad row or cell, a
     *                     repeated column, or a missing {@code iteration}/{@code env_steps} column
     */
    static List<IterationStats> parse(String text, String source) throws IOException {
        List<Row> rows = rows(text, source);
        if (rows.isEmpty()) {
            return List.of();
        }
        String[] header = rows.get(0).cells();
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            if (at.put(header[i], i) != null) {
                throw new IOException(source + ": line " + rows.get(0).line() + ": column '" + header[i]
                        + "' appears twice");
            }
        }
        for (String required : List.of("iteration", "env_steps")) {
            if (!at.containsKey(required)) {
                throw new IOException(source + ": line " + rows.get(0).line() + ": no '" + required
                        + "' column (header: " + String.join(",", header) + ")");
            }
        }
        int n = IterationStats.COLUMNS.length;
        int[] index = new int[n];
        for (int c = 0; c < n; c++) {
            index[c] = at.getOrDefault(IterationStats.COLUMNS[c], -1);
        }
        Set<String> scalar = Set.of(IterationStats.COLUMNS);
        List<Integer> evalColumns = new ArrayList<>();
        for (int i = 0; i < header.length; i++) {
            if (!scalar.contains(header[i])) {
                evalColumns.add(i);
            }
        }
        List<IterationStats> out = new ArrayList<>();
        for (Row r : rows.subList(1, rows.size())) {
            String[] cells = r.cells();
            if (cells.length != header.length) {
                throw new IOException(source + ": line " + r.line() + ": " + cells.length + " cells, expected "
                        + header.length);
            }
            double[] v = new double[n];
            for (int c = 0; c < n; c++) {
                v[c] = index[c] < 0 ? Double.NaN : cell(cells[index[c]], source, r.line(), index[c]);
            }
            Map<String, Double> eval = new LinkedHashMap<>();
            for (int i : evalColumns) {
                if (!cells[i].isEmpty()) {
                    eval.put(header[i], cell(cells[i], source, r.line(), i));
                }
            }
            out.add(IterationStats.of(v, eval));
        }
        return out;
    }

    /** One row of a CSV file and the line it starts on (1-based). */
    private record Row(int line, String[] cells) {
    }

    /** The non-blank rows of {@code text}; a row CSV cannot read is an error naming its line. */
    private static List<Row> rows(String text, String source) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (MappingIterator<String[]> it = READER.readValues(text)) {
            JsonParser parser = it.getParser();
            while (true) {
                // Where the previous row ended is where this one starts; a row that fails is named by it.
                int line = parser.currentLocation().getLineNr();
                String[] cells;
                try {
                    if (!it.hasNextValue()) {
                        break;
                    }
                    cells = it.nextValue();
                } catch (JsonProcessingException e) {
                    throw new IOException(source + ": line " + line + ": " + e.getOriginalMessage());
                }
                boolean blank = cells.length == 0 || (cells.length == 1 && cells[0].isBlank());
                if (!blank) {
                    rows.add(new Row(line, cells));
                }
            }
        }
        return rows;
    }

    private static double cell(String s, String source, int line, int column) throws IOException {
        if (s.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IOException(source + ": line " + line + ", column " + (column + 1) + ": '" + s
                    + "' is not a number");
        }
    }
}
