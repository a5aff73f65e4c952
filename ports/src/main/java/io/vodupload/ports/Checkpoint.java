package io.vodupload.ports;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an unfinished multipart upload needs to resume in another process: which file, which target,
 * which upload id and part size, and which parts are already done. It holds no secret.
 *
 * <p>A checkpoint is found by its {@link #fingerprint()}, which the domain derives from the file
 * (canonical path, length, last-modified time) and the target (endpoint, bucket, key). Parts are kept in
 * ascending part-number order, one entry per number. A store checks {@link #partOutsideFile()} when it
 * reads one back, so a damaged checkpoint cannot name bytes the file does not have.
 *
 * @param formatVersion        the checkpoint format; {@link #FORMAT_VERSION} for those written now
 * @param fingerprint          the lookup key, not blank; safe as a file name (hex)
 * @param file                 the file's canonical path
 * @param fileLength           the file's length when the upload started
 * @param fileLastModifiedMillis the file's last-modified time (epoch millis) when the upload started
 * @param target               the storage target
 * @param uploadId             the multipart upload id, not blank
 * @param partSize             the part size used to plan the parts
 * @param parts                the finished parts
 * @param updatedAt            when this checkpoint was written
 */
public record Checkpoint(int formatVersion, String fingerprint, Path file, long fileLength,
                         long fileLastModifiedMillis, StorageTarget target, String uploadId, long partSize,
                         List<CheckpointPart> parts, Instant updatedAt) {

    /** The format written by this version. */
    public static final int FORMAT_VERSION = 1;

    /**
     * Checks the components; a bad one throws, naming the value.
     *
     * @param fingerprint          the lookup key, not blank; safe as a file name (hex)
     * @param formatVersion        the checkpoint format; {@link #FORMAT_VERSION} for those written now
     * @param file                 the file's canonical path
     * @param fileLength           the file's length when the upload started
     * @param fileLastModifiedMillis the file's last-modified time (epoch millis) when the upload started
     * @param target               the storage target
     * @param uploadId             the multipart upload id, not blank
     * @param partSize             the part size used to plan the parts
     * @param parts                the finished parts
     * @param updatedAt            when this checkpoint was written
     */
    public Checkpoint {
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (!fingerprint.matches("[0-9a-f]{16,128}")) {
            throw new IllegalArgumentException("fingerprint is not 16..128 lower-case hex digits: " + fingerprint);
        }
        Objects.requireNonNull(file, "file");
        if (fileLength < 0) {
            throw new IllegalArgumentException("fileLength < 0: " + fileLength);
        }
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(uploadId, "uploadId");
        if (uploadId.isBlank()) {
            throw new IllegalArgumentException("uploadId is blank");
        }
        if (partSize <= 0) {
            throw new IllegalArgumentException("partSize <= 0: " + partSize);
        }
        Objects.requireNonNull(parts, "parts");
        Objects.requireNonNull(updatedAt, "updatedAt");
        List<CheckpointPart> sorted = parts.stream()
                .sorted(Comparator.comparingInt(CheckpointPart::partNumber)).toList();
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).partNumber() == sorted.get(i - 1).partNumber()) {
                throw new IllegalArgumentException("part " + sorted.get(i).partNumber() + " listed twice");
            }
        }
        parts = sorted;
    }

    /**
     * This checkpoint with {@code newParts} and a new time.
     *
     * @param newParts the finished parts
     * @param now the time to compare with
     * @return a new checkpoint
     */
    public Checkpoint withParts(List<CheckpointPart> newParts, Instant now) {
        return new Checkpoint(formatVersion, fingerprint, file, fileLength, fileLastModifiedMillis, target,
                uploadId, partSize, newParts, now);
    }

    /**
     * The first part that does not lie inside the file ({@code offset + size > fileLength}, computed
     * without overflow, so an offset of 2^63-1 is caught), if any. A stored checkpoint with such a part is
     * damaged: stores discard it when they read it.
     */
    public Optional<CheckpointPart> partOutsideFile() {
        return parts.stream().filter(p -> p.offset() > fileLength || p.size() > fileLength - p.offset()).findFirst();
    }

    /** {@return the bytes the finished parts cover} */
    public long bytesDone() {
        return parts.stream().mapToLong(CheckpointPart::size).sum();
    }
}
