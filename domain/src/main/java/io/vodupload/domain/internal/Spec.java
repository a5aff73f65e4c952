package io.vodupload.domain.internal;

import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.StorageTarget;
import java.time.Duration;
import java.util.Optional;

/**
 * What does not change during one upload.
 *
 * @param file               the file as it was when the upload started
 * @param target             where it goes
 * @param metadata           what to set on the object
 * @param fingerprint        the checkpoint key
 * @param configuredPlan     the plan from the configured part size
 * @param parallelism        parts in flight at the start
 * @param maxParallelism     parts in flight at most; above {@code parallelism}, the upload grows towards it
 *                           while the measured throughput rises ({@link Pace})
 * @param maxAttempts        attempts per request for {@code RETRYABLE} failures
 * @param checkpointing      whether checkpoints are kept (resume on and a real store)
 * @param credentialsTimeout how long to wait for new credentials, if bounded
 * @param checks             how the object is checked against the file
 * @param stream             whether the bytes come from a stream (read once into memory, parts fed to the
 *                           machine as they are read, never resumed) rather than from {@code file}; a
 *                           stream's {@code file} is {@code "-"} with its expected size or -1
 */
record Spec(LocalFile.Snapshot file, StorageTarget target, ObjectMetadata metadata, String fingerprint,
                   PartPlan configuredPlan, int parallelism, int maxParallelism, int maxAttempts,
                   boolean checkpointing, Optional<Duration> credentialsTimeout, Checks checks, boolean stream) {

    /** A spec of a file. */
    public Spec(LocalFile.Snapshot file, StorageTarget target, ObjectMetadata metadata, String fingerprint,
                PartPlan configuredPlan, int parallelism, int maxParallelism, int maxAttempts,
                boolean checkpointing, Optional<Duration> credentialsTimeout, Checks checks) {
        this(file, target, metadata, fingerprint, configuredPlan, parallelism, maxParallelism, maxAttempts,
                checkpointing, credentialsTimeout, checks, false);
    }

    /** A spec with a fixed parallelism. */
    public Spec(LocalFile.Snapshot file, StorageTarget target, ObjectMetadata metadata, String fingerprint,
                PartPlan configuredPlan, int parallelism, int maxAttempts, boolean checkpointing,
                Optional<Duration> credentialsTimeout, Checks checks) {
        this(file, target, metadata, fingerprint, configuredPlan, parallelism, parallelism, maxAttempts,
                checkpointing, credentialsTimeout, checks);
    }

    /** A spec with a fixed parallelism and {@link Checks#CRC64_ONLY}. */
    public Spec(LocalFile.Snapshot file, StorageTarget target, ObjectMetadata metadata, String fingerprint,
                PartPlan configuredPlan, int parallelism, int maxAttempts, boolean checkpointing,
                Optional<Duration> credentialsTimeout) {
        this(file, target, metadata, fingerprint, configuredPlan, parallelism, maxAttempts, checkpointing,
                credentialsTimeout, Checks.CRC64_ONLY);
    }

    /**
     * How the object is checked against the file.
     *
     * @param contentMd5   the storage checks every body against a Content-MD5 read before it
     *                     ({@link io.vodupload.ports.ObjectStorage#checksContentMd5()}): without a CRC-64 from
     *                     the storage, that check (and a PutObject's ETag) verifies the object
     * @param requireCrc64 the user wants CRC-64 and nothing less: without it, fail {@code CrcUnavailable}
     * @param verifySource read the whole file again once every byte is stored and compare its CRC-64
     */
    public record Checks(boolean contentMd5, boolean requireCrc64, boolean verifySource) {

        /** Only CRC-64 verifies; no re-read. */
        public static final Checks CRC64_ONLY = new Checks(false, false, false);

        /** Whether an object without a CRC-64 may be verified by its Content-MD5 checks. */
        boolean md5Fallback() {
            return contentMd5 && !requireCrc64;
        }
    }
}
