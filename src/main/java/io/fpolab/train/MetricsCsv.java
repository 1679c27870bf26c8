package io.fpolab.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code metrics.csv}: one row per iteration, the {@link IterationStats#COLUMNS} followed by the
 * evaluation metrics (empty cells where no evaluation ran). Rows are flushed as they come, so a
 * killed run keeps everything up to its last iteration.
 */
public final class MetricsCsv implements AutoCloseable {
    private final List<String> evalKeys;
    private final Writer out;

    public MetricsCsv(Path file, List<String> evalKeys) throws IOException {
        this.evalKeys = List.copyOf(evalKeys);
        this.out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        out.write(String.join(",", header(evalKeys)));
        out.write('\n');
        out.flush();
    }

    /** Header row: the scalar columns then the evaluation keys. */
    public static List<String> header(List<String> evalKeys) {
        List<String> h = new ArrayList<>(List.of(IterationStats.COLUMNS));
        h.addAll(evalKeys);
        return h;
    }

    /** One CSV line (no newline) for {@code s}. */
    public static String row(IterationStats s, List<String> evalKeys) {
        StringBuilder b = new StringBuilder();
        double[] v = s.values();
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(format(v[i]));
        }
        for (String k : evalKeys) {
            b.append(',');
            Double x = s.evaluation().get(k);
            if (x != null) {
                b.append(format(x));
            }
        }
        return b.toString();
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

    public void append(IterationStats s) {
        try {
            out.write(row(s, evalKeys));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
