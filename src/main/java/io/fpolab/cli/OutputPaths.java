package io.fpolab.cli;

import io.fpolab.core.ConfigException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Output paths given on the command line, checked before any work starts, and file-system failures told
 * in the lab's words. A path that cannot take the output (empty, an existing file where a folder is
 * wanted, under a file, on a read-only or virtual file system, without permission) is a usage error, exit
 * code 2, before a minute of training is spent; a failure while writing later (the disk filled up) is
 * exit code 1 with the same kind of one-line message ({@link #describe}). Either way the files the
 * program writes are complete or absent ({@link io.fpolab.core.AtomicFiles}).
 */
final class OutputPaths {
    private OutputPaths() {
    }

    /**
     * A folder to write into, created if missing and checked by writing a probe file into it.
     *
     * @throws ConfigException naming {@code flag}, the path and the reason, when the folder cannot be used
     */
    static Path folder(Path dir, String flag) {
        Path abs = absolute(dir, flag, "a folder path, e.g. runs/my-run");
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new ConfigException(flag, "'" + dir + "' is " + kind(abs) + ", not a folder; allowed: a new "
                    + "folder or an existing one");
        }
        refuseUnderFile(dir, abs, flag);
        try {
            Files.createDirectories(abs);
        } catch (IOException e) {
            throw new ConfigException(flag, "cannot create the folder '" + dir + "': " + reason(e, abs));
        }
        probe(dir, abs, flag);
        return dir;
    }

    /**
     * A file to write (replaced if it exists), whose folder is created if missing and checked like
     * {@link #folder}.
     *
     * @throws ConfigException naming {@code flag}, the path and the reason, when the file cannot be written
     */
    static Path file(Path file, String flag) {
        Path abs = absolute(file, flag, "a file path, e.g. out.csv");
        if (Files.isDirectory(abs)) {
            throw new ConfigException(flag, "'" + file + "' is a folder; allowed: a file path, e.g. "
                    + abs.resolve("out.csv"));
        }
        if (Files.exists(abs) && !Files.isRegularFile(abs)) {
            throw new ConfigException(flag, "'" + file + "' is " + kind(abs) + "; allowed: a regular file, new or "
                    + "to be replaced");
        }
        refuseUnderFile(file, abs, flag);
        Path parent = abs.getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new ConfigException(flag, "cannot create the folder '" + parent + "': " + reason(e, parent));
        }
        probe(file, parent, flag);
        return file;
    }

    /**
     * A failure to write as one line: what could not be written and why, in the lab's words, e.g. "cannot
     * write /runs/a/checkpoint.ckpt: no space left on the device holding /runs/a".
     */
    static String describe(IOException e) {
        String file = e instanceof FileSystemException fse ? fse.getFile() : null;
        if (file == null) {
            return "cannot write: " + reason(e, null);
        }
        Path p;
        try {
            p = Path.of(file).toAbsolutePath();
        } catch (InvalidPathException ex) {
            return "cannot write " + file + ": " + reason(e, null);
        }
        return "cannot write " + file + ": " + reason(e, p.getParent());
    }

    /**
     * Why an I/O operation failed, in words that name no Java class: "permission denied", "no space left on
     * the device holding DIR", "the device holding DIR is read-only", ...
     *
     * @param dir the folder the operation wrote into, for device messages; may be null
     */
    static String reason(IOException e, Path dir) {
        String raw = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason()
                : e.getMessage() == null ? "" : e.getMessage();
        String lower = raw.toLowerCase(Locale.ROOT);
        String holding = dir == null ? "" : " holding " + dir;
        if (lower.contains("no space left")) {
            return "no space left on the device" + holding;
        }
        if (lower.contains("disk quota")) {
            return "disk quota exceeded on the device" + holding;
        }
        if (lower.contains("read-only file system")) {
            return "the device" + holding + " is read-only";
        }
        if (lower.contains("file name too long")) {
            return "a name in the path is too long (at most 255 bytes per file or folder name)";
        }
        if (e instanceof AccessDeniedException || lower.contains("permission denied")
                || lower.contains("operation not permitted")) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException || lower.contains("not a directory")) {
            return "a part of the path is a file, not a folder";
        }
        if (e instanceof NoSuchFileException || lower.contains("no such file")) {
            return "no such file or folder";
        }
        if (lower.contains("input/output error")) {
            return "input/output error on the device" + holding;
        }
        String shown = raw.isBlank() ? "input/output error" : raw.lines().findFirst().orElse(raw).strip();
        shown = shown.length() > 160 ? shown.substring(0, 160) + "…" : shown;
        return Character.toLowerCase(shown.charAt(0)) + shown.substring(1);
    }

    private static Path absolute(Path p, String flag, String what) {
        if (p.toString().isBlank()) {
            throw new ConfigException(flag, "'" + p + "' is empty; allowed: " + what);
        }
        return p.toAbsolutePath().normalize();
    }

    /**
     * Refuses a path with an existing non-folder among its parents ({@code run.csv/out}) or inside one of
     * the kernel's virtual file systems ({@code /proc}, {@code /sys}, {@code /dev}), which hold no files.
     */
    private static void refuseUnderFile(Path given, Path abs, String flag) {
        for (Path a = abs.getParent(); a != null; a = a.getParent()) {
            if (Files.exists(a)) {
                if (!Files.isDirectory(a)) {
                    throw new ConfigException(flag, "'" + given + "' lies under '" + a + "', which is " + kind(a)
                            + ", not a folder; allowed: a path whose parents are folders");
                }
                String type;
                try {
                    type = Files.getFileStore(a).type();
                } catch (IOException e) {
                    return;
                }
                if (VIRTUAL.contains(type)) {
                    throw new ConfigException(flag, "'" + given + "' lies in '" + a + "', a view of the system ("
                            + type + "), not storage; allowed: a path on a disk");
                }
                return;
            }
        }
    }

    /** File-system types of the kernel's views of itself: they take no user files. */
    private static final java.util.Set<String> VIRTUAL = java.util.Set.of("proc", "sysfs", "devtmpfs", "devpts",
            "cgroup", "cgroup2", "debugfs", "securityfs", "tracefs", "configfs", "pstore", "bpf", "efivarfs");

    /** Writes and deletes an empty file in {@code dir}: catches read-only and virtual file systems up front. */
    private static void probe(Path given, Path dir, String flag) {
        Path probe = dir.resolve(".fpolab-write-check." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.deleteIfExists(Files.createFile(probe));
        } catch (IOException e) {
            throw new ConfigException(flag, "cannot write into '" + (given.toAbsolutePath().normalize().equals(dir)
                    ? given : dir) + "': " + reason(e, dir));
        }
    }

    private static String kind(Path p) {
        if (Files.isRegularFile(p)) {
            return "a file";
        }
        if (Files.isDirectory(p)) {
            return "a folder";
        }
        return "a device or special file";
    }
}
