package io.fpolab.core;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The one way this program writes a file that others read (configs, run folders, checkpoints, exported
 * figures): readers see the old file or the new one, never half of one.
 *
 * <p>The bytes go to {@code .<name>.<pid>.<unique>.tmp} in the same directory, are forced to disk and
 * renamed over the target (atomically where the file system allows it); then the directory entry is
 * flushed, best effort. The temporary file is made with the process's default permissions (not
 * {@link Files#createTempFile}'s owner-only ones, which the rename would carry over). Temporary files of
 * this name left by writers that were killed are deleted first; those of live processes are left alone,
 * because another thread or program may be writing them right now.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes {@code text} as UTF-8; see the class comment. */
    public static void write(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes {@code bytes} to {@code file}, creating missing parent directories.
     *
     * @throws IOException if the directory cannot be written or the disk is full; the target is then unchanged
     *                     and no temporary file is left
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, out -> out.write(bytes));
    }

    /** What a streamed write puts into the file; see {@link #write(Path, Content)}. */
    @FunctionalInterface
    public interface Content {
        /** Writes the file's bytes to {@code out}; the stream is buffered, and closed by the caller. */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Streams {@code content} into {@code file} (for output too large to hold in memory, such as a long
     * trajectory), creating missing parent directories; readers see the old file or the whole new one.
     *
     * @throws IOException if the directory cannot be written, the disk is full or {@code content} fails; the
     *                     target is then unchanged and no temporary file is left. The exception names
     *                     {@code file}, not the temporary file ({@link FileSystemException#getFile()}), with
     *                     the system's reason ({@link FileSystemException#getReason()}).
     */
    public static void write(Path file, Content content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            String prefix = "." + file.getFileName() + ".";
            deleteStaleTempFiles(dir, prefix);
            tmp = dir.resolve(prefix + ProcessHandle.current().pid() + "." + Long.toHexString(System.nanoTime())
                    + Long.toHexString(Thread.currentThread().getId()) + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory(dir);
        } catch (IOException e) {
            throw naming(file, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // The write already failed or succeeded; a leftover is removed by the next write of the file.
                }
            }
        }
    }

    /**
     * The failure as reported for {@code file}: the system's reason kept, the temporary file's name replaced
     * by the target's, the exception's kind kept where it tells the reason (permission, missing folder).
     */
    private static IOException naming(Path file, IOException e) {
        String reason = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason()
                : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        String where = file.toString();
        IOException named;
        if (e instanceof AccessDeniedException) {
            named = new AccessDeniedException(where, null, reason);
        } else if (e instanceof NoSuchFileException) {
            named = new NoSuchFileException(where, null, reason);
        } else if (e instanceof FileSystemException fse && fse.getFile() != null
                && !fse.getFile().contains(file.getFileName() + ".")) {
            return e; // names another path (e.g. a parent that is a file): keep it
        } else {
            named = new FileSystemException(where, null, reason);
        }
        named.initCause(e);
        return named;
    }

    /**
     * Flushes the directory entry of the rename, so after a power loss the path names the new file rather
     * than nothing. Best effort: some platforms (Windows) cannot open a directory as a channel.
     */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // The data itself is already on disk; only the rename's durability is left to the OS.
        }
    }

    /** Deletes {@code <prefix><pid>.<anything>.tmp} files whose process is gone. */
    private static void deleteStaleTempFiles(Path dir, String prefix) throws IOException {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, prefix + "*.tmp")) {
            for (Path tmp : temps) {
                String rest = tmp.getFileName().toString().substring(prefix.length());
                int dot = rest.indexOf('.');
                long pid;
                try {
                    pid = Long.parseLong(rest.substring(0, Math.max(dot, 0)));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).isEmpty()) {
                    Files.deleteIfExists(tmp);
                }
            }
        }
    }
}
