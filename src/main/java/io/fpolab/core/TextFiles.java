package io.fpolab.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * How the program reads every text file a user gives it: experiment configs, layout files, action CSVs, run names
 * and metrics. {@link #read} is the one input policy; every refusal is a one-line {@link ConfigException} in plain
 * words, and {@link #escape} makes any text from a file safe for such a line.
 */
public final class TextFiles {

    private TextFiles() {
    }

    /**
     * The input policy for every text file the program reads (configs, layout files, action CSVs): a file,
     * not a folder, that exists and can be read, at most {@code maxBytes} bytes (larger files are refused
     * after reading {@code maxBytes + 1}, never loaded whole), UTF-8 (a byte-order mark is dropped), no
     * control characters but tab and line breaks. Problems are one-line {@link ConfigException}s in plain
     * words ("file not found", "permission denied", "file is larger than 4 MB; ...") without the file name,
     * which the caller adds with {@link ConfigException#inSource}.
     *
     * @param kind what the file should be, for messages: "config", "layout", "actions"
     */
    public static String read(Path file, int maxBytes, String kind) {
        if (Files.isDirectory(file)) {
            throw new ConfigException("", "is a folder; allowed: a " + kind + " file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            // One byte past the limit tells an oversized file without reading all of it.
            return decode(in.readNBytes(maxBytes + 1), maxBytes, kind);
        } catch (NoSuchFileException e) {
            throw new ConfigException("", "file not found");
        } catch (AccessDeniedException e) {
            throw new ConfigException("", "permission denied");
        } catch (FileSystemException e) {
            throw new ConfigException("", "cannot read file: " + fileSystemReason(e));
        } catch (IOException e) {
            throw new ConfigException("", "cannot read file: " + oneLine(e.getMessage()));
        }
    }

    /** {@link #read}'s checks on bytes already read (at most {@code maxBytes + 1} of them). */
    public static String decode(byte[] bytes, int maxBytes, String kind) {
        if (bytes.length > maxBytes) {
            throw new ConfigException("", "file is larger than " + (maxBytes >= 1 << 30 ? (maxBytes >> 30) + " GB"
                    : maxBytes >= 1 << 20 ? (maxBytes >> 20) + " MB" : (maxBytes >> 10) + " kB") + "; allowed: " + kind
                    + " files up to " + maxBytes + " bytes");
        }
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException("", "file is not a text " + kind + " file (invalid UTF-8 near byte "
                    + in.position() + "); allowed: UTF-8 " + textKind(kind) + " text");
        }
        checkText(text, kind);
        return text;
    }

    private static String textKind(String kind) {
        return "actions".equals(kind) ? "CSV" : "JSON or YAML";
    }

    /** Why the file system refused, without the path (a long path would push the reason out of the line). */
    private static String fileSystemReason(FileSystemException e) {
        String reason = e.getReason() == null ? "" : e.getReason();
        String lower = reason.toLowerCase(Locale.ROOT);
        if (lower.contains("file name too long")) {
            return "a name in the path is too long (at most 255 bytes per file or folder name)";
        }
        Map<String, String> known = Map.of("too many levels of symbolic links", "symbolic links form a loop",
                "not a directory", "a part of the path is a file, not a folder", "is a directory", "is a folder");
        for (Map.Entry<String, String> k : known.entrySet()) {
            if (lower.contains(k.getKey())) {
                return k.getValue();
            }
        }
        return reason.isBlank() ? "input/output error" : escape(Character.toLowerCase(reason.charAt(0))
                + reason.substring(1), 120);
    }

    /**
     * Rejects control characters that only binary data contains; tabs and line breaks are fine.
     *
     * @param kind what the text should be, for messages: "config", "layout", "actions"
     */
    public static void checkText(String text, String kind) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7f || c == '\uFFFE' || c == '\uFFFF') {
                throw new ConfigException("", String.format("file is not a text %s file (control character "
                        + "U+%04X at line %d, column %d); allowed: %s text", kind, (int) c, line, column, textKind(kind)));
            }
            column = c == '\n' ? 1 : column + 1;
            line += c == '\n' ? 1 : 0;
        }
    }


    public static String oneLine(String s) {
        return s == null ? "" : escape(s.lines().findFirst().orElse(""), 300);
    }

    /** {@code s} with line breaks and control characters escaped, cut to {@code max} characters. */
    public static String escape(String s, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (i >= max) {
                return b.append('…').toString();
            }
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029
                        ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return b.toString();
    }
}
