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
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

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
     * @param changeTime         the inode change time ({@code unix:ctime}) where the platform has one: unlike
     *                           the modification time, {@code touch} cannot put it back after a write
     */
    public record Snapshot(Path path, long length, long lastModifiedMillis, Optional<FileTime> changeTime) {

        /** A snapshot without a change time. */
        public Snapshot(Path path, long length, long lastModifiedMillis) {
            this(path, length, lastModifiedMillis, Optional.empty());
        }
    }

    /**
     * The CRC-64/ECMA and the MD5 of a region, from one read.
     *
     * @param crc64  the CRC-64/ECMA
     * @param md5Hex the MD5 in lower-case hex (a PutObject's ETag on OSS)
     */
    public record Digests(long crc64, String md5Hex) {
    }

    /**
     * Checks that {@code file} is a regular, readable file and takes its snapshot.
     *
     * @throws InvalidUploadException {@code FileNotFound}, {@code NotAFile} or {@code FileUnreadable}
     */
    @SuppressWarnings("try") // the channel is opened only to prove the file readable
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
        return new Snapshot(canonical, attributes.size(), attributes.lastModifiedTime().toMillis(),
                changeTime(canonical));
    }

    /**
     * Whether the file still has {@code expected}'s length, modification time and, where both are known,
     * change time (a write in place with the modification time put back changes it).
     */
    public static boolean unchanged(Snapshot expected) {
        try {
            BasicFileAttributes now = Files.readAttributes(expected.path(), BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (now.size() != expected.length() || now.lastModifiedTime().toMillis() != expected.lastModifiedMillis()) {
                return false;
            }
            if (expected.changeTime().isPresent()) {
                Optional<FileTime> ctime = changeTime(expected.path());
                return ctime.isEmpty() || ctime.get().equals(expected.changeTime().get());
            }
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** {@code unix:ctime}, where the file system has it; empty elsewhere (Windows, some JDK providers). */
    static Optional<FileTime> changeTime(Path path) {
        try {
            Object value = Files.getAttribute(path, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
            return value instanceof FileTime t ? Optional.of(t) : Optional.empty();
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The CRC-64/ECMA and MD5 of {@code length} bytes of {@code file} from {@code offset}, in one read. */
    public static Digests digests(Path file, long offset, long length) throws IOException {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
        long crc = read(file, offset, length, md5);
        return new Digests(crc, HexFormat.of().formatHex(md5.digest()));
    }

    /** The CRC-64/ECMA and MD5 of the remaining bytes of {@code bytes} (a stream's part in memory). */
    public static Digests digests(ByteBuffer bytes) {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
        long crc = Crc64.update(0, bytes.duplicate());
        md5.update(bytes.duplicate());
        return new Digests(crc, HexFormat.of().formatHex(md5.digest()));
    }

    /** The CRC-64/ECMA of {@code length} bytes of {@code file} from {@code offset}. */
    public static long crc(Path file, long offset, long length) throws IOException {
        return read(file, offset, length, null);
    }

    /** Reads the region, returning its CRC-64 and feeding {@code md5} when not null. */
    private static long read(Path file, long offset, long length, MessageDigest md5) throws IOException {
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
                if (md5 != null) {
                    md5.update(buffer.array(), 0, buffer.limit());
                }
                crc = Crc64.update(crc, buffer);
                position += n;
                left -= n;
            }
            return crc;
        }
    }
}
