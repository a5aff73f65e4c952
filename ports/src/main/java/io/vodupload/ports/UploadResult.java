package io.vodupload.ports;

import java.util.Objects;

/**
 * A finished upload: the object exists and was checked against the local file, by the check named in
 * {@code verification}.
 *
 * @param target    where it went
 * @param size      its size in bytes
 * @param crc64     its CRC-64/ECMA (the bits of the unsigned value; print with
 *                  {@link Crc64#toUnsignedString(long)})
 * @param etag      its ETag without quotes
 * @param partCount how many parts it was uploaded in (1 for a PutObject)
 * @param resumed   whether it resumed an earlier upload
 * @param verification how the object was checked: {@link Verification#CRC64} when the storage reported the
 *                  object's CRC-64 (then {@code crc64} is the storage's), {@link Verification#CONTENT_MD5} when it
 *                  reported none (then {@code crc64} is the CRC-64 of the bytes sent, computed while they streamed)
 */
public record UploadResult(StorageTarget target, long size, long crc64, String etag, int partCount,
                           boolean resumed, Verification verification) {

    /**
     * Checks the components; a bad one throws, naming the value.
     *
     * @param target    where it went
     * @param size      its size in bytes
     * @param crc64     its CRC-64/ECMA (the bits of the unsigned value; print with
     *                  {@link Crc64#toUnsignedString(long)})
     * @param etag      its ETag without quotes
     * @param partCount how many parts it was uploaded in (1 for a PutObject)
     * @param resumed   whether it resumed an earlier upload
     */
    public UploadResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(verification, "verification");
    }

    /** A result verified by CRC-64, the usual case. */
    public UploadResult(StorageTarget target, long size, long crc64, String etag, int partCount, boolean resumed) {
        this(target, size, crc64, etag, partCount, resumed, Verification.CRC64);
    }

    /** The fields, with the CRC-64 as the unsigned decimal every other output uses. */
    @Override
    public String toString() {
        return "UploadResult[target=" + target + ", size=" + size + ", crc64=" + Crc64.toUnsignedString(crc64)
                + ", etag=" + etag + ", partCount=" + partCount + ", resumed=" + resumed + "]";
    }
}
