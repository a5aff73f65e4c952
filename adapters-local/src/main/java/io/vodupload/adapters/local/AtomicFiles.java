package io.vodupload.adapters.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * File operations both stores build on: atomic replacement (temp file in the same directory, fsync,
 * rename, fsync of the directory), temp-file names that say which process wrote them, and sweeping
 * the temp files of processes that died.
 *
 * <p>Stateless and thread-safe.
 */
final class AtomicFiles {

    static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private static final String TEMP_SUFFIX = ".tmp";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long PID = ProcessHandle.current().pid();

    private AtomicFiles() {
    }

    static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Random upper-case hex digits, {@code bytes} bytes' worth. */
    static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().withUpperCase().formatHex(b);
    }

    /**
     * A fresh temp-file name {@code .<stem>.<pid>.<random>.tmp}. The leading dot keeps it out of every
     * listing pattern; the pid lets a later process tell a crash's leftover from a live writer's file.
     */
    static String tempName(String stem) {
        return "." + stem + "." + PID + "." + randomHex(8) + TEMP_SUFFIX;
    }

    /** Whether {@code name} is a temp name whose writing process is no longer alive. */
    static boolean isLeftoverTemp(String name) {
        if (!name.startsWith(".") || !name.endsWith(TEMP_SUFFIX)) {
            return false;
        }
        String[] parts = name.split("\\.");
        // "", stem..., pid, random, "tmp"
        if (parts.length < 5) {
            return false;
        }
        long pid;
        try {
            pid = Long.parseLong(parts[parts.length - 3]);
        } catch (NumberFormatException e) {
            return false;
        }
        if (pid == PID) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        return process.isEmpty() || !process.get().isAlive();
    }

    /** Deletes the leftover temp files directly inside {@code dir}; best effort, never throws. */
    static void sweepLeftoverTemps(Path dir) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, ".*" + TEMP_SUFFIX)) {
            for (Path entry : entries) {
                if (isLeftoverTemp(entry.getFileName().toString())) {
                    deleteQuietly(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a sweep is housekeeping: a missing or unreadable directory leaves nothing to sweep
        }
    }

    /**
     * Replaces {@code target} with {@code content} atomically: a reader sees the old or the new bytes,
     * never a mix, and after a crash the file holds one or the other.
     *
     * @param ownerOnly create the file with permissions 0600 where the file system is POSIX
     */
    static void replace(Path target, byte[] content, boolean ownerOnly) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = dir.resolve(tempName(target.getFileName().toString()));
        boolean posixOwnerOnly = ownerOnly && isPosix(dir);
        FileAttribute<?>[] attributes = posixOwnerOnly
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
                : new FileAttribute<?>[0];
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            try (FileChannel channel = FileChannel.open(temp, options, attributes)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (posixOwnerOnly) {
                // the umask only ever removes bits, but set the exact mode so the file is 0600 whatever it is
                Files.setPosixFilePermissions(temp, OWNER_FILE);
            }
            moveAtomically(temp, target);
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    /** Renames {@code source} over {@code target} in one step, then makes the rename durable. */
    static void moveAtomically(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDirectory(target.toAbsolutePath().getParent());
    }

    /**
     * Flushes a directory's entries to disk so a rename survives a power cut. Where the platform cannot
     * open a directory for syncing (Windows), there is nothing more to do.
     */
    static void fsyncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // not supported here; the rename itself is still atomic
        }
    }

    /** Creates {@code dir} (and missing parents), owner-only on POSIX when {@code ownerOnly}. */
    static void createDirectories(Path dir, boolean ownerOnly) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (ownerOnly && isPosix(dir.toAbsolutePath().getRoot())) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            Files.setPosixFilePermissions(dir, OWNER_DIR);
        } else {
            Files.createDirectories(dir);
        }
    }

    static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException | RuntimeException e) {
            // best effort: the caller is already on a failure path or doing housekeeping
        }
    }

    /** Deletes a directory tree; best effort, never throws. */
    static void deleteTreeQuietly(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    deleteQuietly(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
                    deleteQuietly(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException | RuntimeException e) {
            // best effort
        }
    }
}
