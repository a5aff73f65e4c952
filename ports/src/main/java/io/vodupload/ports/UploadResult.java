package io.vodupload.ports;

import java.util.Objects;

/**
 * A finished upload: the object exists and its CRC-64 equals the local file's.
 *
 * @param target    where it went
 * @param size      its size in bytes
 * @param crc64     its CRC-64/ECMA (the bits of the unsigned value; print with
 *                  {@link Crc64#toUnsignedString(long)})
 * @param etag      its ETag without quotes
 * @param partCount how many parts it was uploaded in (1 for a PutObject)
 * @param resumed   whether it resumed an earlier upload
 */
public record UploadResult(StorageTarget target, long size, long crc64, String etag, int partCount,
                           boolean resumed) {

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
    }

    /** The fields, with the CRC-64 as the unsigned decimal every other output uses. */
    @Override
    public String toString() {
        return "UploadResult[target=" + target + ", size=" + size + ", crc64=" + Crc64.toUnsignedString(crc64)
                + ", etag=" + etag + ", partCount=" + partCount + ", resumed=" + resumed + "]";
    }
}
