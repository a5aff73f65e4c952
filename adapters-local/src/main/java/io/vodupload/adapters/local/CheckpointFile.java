package io.vodupload.adapters.local;

import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.CheckpointPart;
import io.vodupload.ports.Crc64;
import io.vodupload.ports.StorageTarget;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The on-disk form of a {@link Checkpoint}, format version 1. Kept apart from the port's record so the
 * file format changes only on purpose: every field is written explicitly, CRCs as unsigned decimals
 * (the way OSS prints them), times as ISO-8601 instants. It has no field for a credential, by design.
 */
record CheckpointFile(int formatVersion, String fingerprint, String file, long fileLength,
                      long fileLastModifiedMillis, Target target, String uploadId, long partSize,
                      List<Part> parts, String updatedAt) {

    /** The target; {@code region} is null when unknown. */
    record Target(String endpoint, String bucket, String key, String region) {
    }

    record Part(int partNumber, long offset, long size, String etag, String crc64) {
    }

    static CheckpointFile from(Checkpoint c) {
        StorageTarget t = c.target();
        return new CheckpointFile(c.formatVersion(), c.fingerprint(), c.file().toString(), c.fileLength(),
                c.fileLastModifiedMillis(),
                new Target(t.endpoint().toString(), t.bucket(), t.key(), t.region().orElse(null)),
                c.uploadId(), c.partSize(),
                c.parts().stream()
                        .map(p -> new Part(p.partNumber(), p.offset(), p.size(), p.etag(),
                                Crc64.toUnsignedString(p.crc64())))
                        .toList(),
                c.updatedAt().toString());
    }

    /**
     * The checkpoint this file describes.
     *
     * @throws RuntimeException (NullPointerException, IllegalArgumentException, DateTimeParseException,
     *                          NumberFormatException, InvalidPathException) when a field is missing or invalid
     */
    Checkpoint toCheckpoint() {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(parts, "parts");
        StorageTarget storageTarget = new StorageTarget(URI.create(Objects.requireNonNull(target.endpoint())),
                target.bucket(), target.key(), Optional.ofNullable(target.region()));
        List<CheckpointPart> checkpointParts = parts.stream()
                .map(p -> new CheckpointPart(Objects.requireNonNull(p, "part").partNumber(), p.offset(), p.size(),
                        p.etag(), Crc64.parseUnsigned(Objects.requireNonNull(p.crc64()))))
                .toList();
        return new Checkpoint(formatVersion, fingerprint, Path.of(Objects.requireNonNull(file)), fileLength,
                fileLastModifiedMillis, storageTarget, uploadId, partSize, checkpointParts,
                Instant.parse(Objects.requireNonNull(updatedAt)));
    }
}
