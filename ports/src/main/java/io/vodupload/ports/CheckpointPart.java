package io.vodupload.ports;

import java.util.Objects;

/**
 * One finished part as a checkpoint records it.
 *
 * @param partNumber 1..10000
 * @param offset     where the part starts in the file
 * @param size       its size in bytes
 * @param etag       the ETag storage returned, without quotes
 * @param crc64      the CRC-64/ECMA of the part's bytes
 */
public record CheckpointPart(int partNumber, long offset, long size, String etag, long crc64) {

    /**
     * Checks the components; a bad one throws, naming the value.
     *
     * @param partNumber 1..10000
     * @param offset     where the part starts in the file
     * @param size       its size in bytes
     * @param etag       the ETag storage returned, without quotes
     * @param crc64      the CRC-64/ECMA of the part's bytes
     */
    public CheckpointPart {
        StorageArguments.requirePartNumber(partNumber);
        if (offset < 0) {
            throw new IllegalArgumentException("offset < 0 for part " + partNumber + ": " + offset);
        }
        if (size < 0) {
            throw new IllegalArgumentException("size < 0 for part " + partNumber + ": " + size);
        }
        Objects.requireNonNull(etag, "etag");
        if (etag.isBlank()) {
            throw new IllegalArgumentException("etag is blank for part " + partNumber);
        }
    }

    /** The fields, with the CRC-64 unsigned. */
    @Override
    public String toString() {
        return "CheckpointPart[partNumber=" + partNumber + ", offset=" + offset + ", size=" + size + ", etag=" + etag
                + ", crc64=" + Crc64.toUnsignedString(crc64) + "]";
    }
}
