package io.vodupload.osswire;

import io.vodupload.ports.StorageTarget;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which UploadPart bodies still carry a {@code Content-MD5}: those to a bucket that has not yet answered an
 * UploadPart with its {@code x-oss-hash-crc64ecma}. Every transport asks it before a part and tells it after,
 * so both skip the same MD5s.
 *
 * <p>Why a part can go without it once the bucket reports CRC-64: the MD5 costs a second read of every
 * part and an MD5 pass over it (about 1.4 of the CLI's 7.5 CPU-seconds for 1 GiB), and adds no guarantee there.
 * <ul>
 *   <li>What went over the wire is checked by the part's CRC-64: the transport computes it over the bytes
 *       it sent, in the same pass, and a mismatch with the server's is a retryable {@code PartCrcMismatch}.</li>
 *   <li>A file that changes while it is uploaded is caught before Complete by the file check (length,
 *       modification and change time); Complete is then never sent, so no changed part ever becomes part of
 *       an object. The part's MD5 would only have caught a change in the instant between its read and its
 *       send, which the file check catches anyway.</li>
 *   <li>A PutObject always carries it (this class is not asked): it replaces the object at once, and only
 *       the server's refusal of a body that differs keeps the old object.</li>
 *   <li>A bucket that never reports CRC-64 gets an MD5 on every body, which is what the uploader relies
 *       on to verify it ({@code ObjectStorage.checksContentMd5}).</li>
 * </ul>
 * The first parts of an upload (those sent before the first answer) carry one.
 *
 * <p>Thread-safe; one per storage adapter, holding one entry per (endpoint, bucket) that reported CRC-64.
 */
public final class PartDigests {

    private final Set<String> reportingCrc64 = ConcurrentHashMap.newKeySet();

    /** Whether an UploadPart to {@code target} should carry a {@code Content-MD5}. */
    public boolean needsContentMd5(StorageTarget target) {
        return !reportingCrc64.contains(key(target));
    }

    /**
     * Records the answer to an UploadPart whose CRC-64 was checked against the bytes sent.
     *
     * @param target where the part went
     * @param serverReportedCrc64 whether the answer carried {@code x-oss-hash-crc64ecma}
     */
    public void answered(StorageTarget target, boolean serverReportedCrc64) {
        if (serverReportedCrc64) {
            reportingCrc64.add(key(target));
        }
    }

    private static String key(StorageTarget target) {
        Objects.requireNonNull(target, "target");
        return target.endpoint() + " " + target.bucket();
    }
}
