package io.vodupload.domain.internal;

import io.vodupload.domain.ErrorCode;
import io.vodupload.domain.InvalidUploadException;
import io.vodupload.ports.Crc64;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/** The local file: checking it before an upload, noticing changes, and CRC-64 of regions. */
final class LocalFile {

    private static final int BUFFER = 64 * 1024;

    private LocalFile() {
    }

    /**
     * What the uploader needs to know of a file.
     *
     * @param path               the canonical path
     * @param length             the length in bytes
     * @param lastModifiedMillis the last-modified time
     */
    public record Snapshot(Path path, long length, long lastModifiedMillis) {
    }

    /**
     * Checks that {@code file} is a regular, readable file and takes its snapshot.
     *
     * @throws InvalidUploadException {@code FileNotFound}, {@code NotAFile} or {@code FileUnreadable}
     */
    public static Snapshot inspect(Path file) {
        Path canonical;
        try {
            canonical = file.toRealPath();
        } catch (NoSuchFileException e) {
            throw new InvalidUploadException(ErrorCode.FILE_NOT_FOUND, "no such file: " + file);
        } catch (IOException | SecurityException e) {
            throw new InvalidUploadException(ErrorCode.FILE_UNREADABLE, "cannot resolve " + file + ": " + e.getMessage());
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(canonical, BasicFileAttributes.class);
        } catch (IOException | SecurityException e) {
            throw new InvalidUploadException(ErrorCode.FILE_UNREADABLE, "cannot read the attributes of " + file);
        }
        if (!attributes.isRegularFile()) {
            throw new InvalidUploadException(ErrorCode.NOT_A_FILE, (attributes.isDirectory() ? "a directory: "
                    : "not a regular file: ") + file);
        }
        try (FileChannel ignored = FileChannel.open(canonical, StandardOpenOption.READ)) {
            // opening proves readability better than Files.isReadable (ACLs, locks)
        } catch (AccessDeniedException e) {
            throw new InvalidUploadException(ErrorCode.FILE_UNREADABLE, "permission denied: " + file);
        } catch (IOException | SecurityException e) {
            throw new InvalidUploadException(ErrorCode.FILE_UNREADABLE, "cannot open " + file + ": " + e.getMessage());
        }
        if (!Files.isReadable(canonical)) {
            throw new InvalidUploadException(ErrorCode.FILE_UNREADABLE, "not readable: " + file);
        }
        return new Snapshot(canonical, attributes.size(), attributes.lastModifiedTime().toMillis());
    }

    /** Whether the file still has {@code expected}'s length and modification time. */
    public static boolean unchanged(Snapshot expected) {
        try {
            BasicFileAttributes now = Files.readAttributes(expected.path(), BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return now.size() == expected.length()
                    && now.lastModifiedTime().toMillis() == expected.lastModifiedMillis();
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** The CRC-64/ECMA of {@code length} bytes of {@code file} from {@code offset}. */
    public static long crc(Path file, long offset, long length) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
            long crc = 0;
            long position = offset;
            long left = length;
            while (left > 0) {
                buffer.clear();
                buffer.limit((int) Math.min(BUFFER, left));
                int n = channel.read(buffer, position);
                if (n < 0) {
                    throw new IOException("the file ended at " + position + ", before " + (offset + length));
                }
                buffer.flip();
                crc = Crc64.update(crc, buffer);
                position += n;
                left -= n;
            }
            return crc;
        }
    }
}
