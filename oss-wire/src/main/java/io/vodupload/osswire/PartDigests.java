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
 * The first parts of an upload (those sent before the first answer) carry one. A part sent without one
 * whose answer then carries no CRC-64 (a bucket behind a gateway that reports it only sometimes) was
 * checked by nothing: {@link #answered} says so, the transport fails it as retryable
 * ({@code PartUnverified}), and the bucket's parts carry a {@code Content-MD5} again, the retry included.
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
     * Records the answer to an UploadPart whose CRC-64, when the answer had one, was checked against the
     * bytes sent.
     *
     * @param target where the part went
     * @param sentContentMd5 whether the part carried a {@code Content-MD5}
     * @param serverReportedCrc64 whether the answer carried {@code x-oss-hash-crc64ecma}
     * @return whether the part was checked by the server: false when it went without a {@code Content-MD5}
     *         and came back without a CRC-64, and then the transport must not accept it
     */
    public boolean answered(StorageTarget target, boolean sentContentMd5, boolean serverReportedCrc64) {
        if (serverReportedCrc64) {
            reportingCrc64.add(key(target));
            return true;
        }
        reportingCrc64.remove(key(target));
        return sentContentMd5;
    }

    private static String key(StorageTarget target) {
        Objects.requireNonNull(target, "target");
        return target.endpoint() + " " + target.bucket();
    }
}
