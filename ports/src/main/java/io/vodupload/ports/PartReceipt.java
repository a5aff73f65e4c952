package io.vodupload.ports;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One part that storage holds: its number, ETag, size and CRC-64.
 *
 * <p>From {@link ObjectStorage#uploadPart}, {@code crc64} is always present: it is the CRC-64/ECMA of the
 * bytes the adapter actually sent, computed while streaming, and already checked against the CRC the
 * server reported (a mismatch is a {@link StorageException} of kind {@code RETRYABLE}). From
 * {@link ObjectStorage#listParts}, it is what the server reports, absent when the server reports none.
 *
 * @param partNumber 1..10000
 * @param etag       the ETag without surrounding quotes, not blank
 * @param size       the part's size in bytes, {@code >= 0}
 * @param crc64      the part's CRC-64/ECMA (the bits of the unsigned value, as in {@link Crc64})
 */
public record PartReceipt(int partNumber, String etag, long size, OptionalLong crc64) {

    /** The most parts one multipart upload may have. */
    public static final int MAX_PART_NUMBER = 10_000;

    /**
     * Checks the components; a bad one throws, naming the value.
     *
     * @param partNumber 1..10000
     * @param etag       the ETag without surrounding quotes, not blank
     * @param size       the part's size in bytes, {@code >= 0}
     * @param crc64      the part's CRC-64/ECMA (the bits of the unsigned value, as in {@link Crc64})
     */
    public PartReceipt {
        StorageArguments.requirePartNumber(partNumber);
        Objects.requireNonNull(etag, "etag");
        etag = unquote(etag);
        if (etag.isBlank()) {
            throw new IllegalArgumentException("etag is blank for part " + partNumber);
        }
        if (size < 0) {
            throw new IllegalArgumentException("size < 0 for part " + partNumber + ": " + size);
        }
        Objects.requireNonNull(crc64, "crc64");
    }

    /**
     * A receipt with a known CRC-64.
     *
     * @param partNumber 1..10000
     * @param etag the ETag, with or without quotes
     * @param size the part's size in bytes
     * @param crc64 the CRC-64/ECMA
     * @return the receipt
     */
    public static PartReceipt of(int partNumber, String etag, long size, long crc64) {
        return new PartReceipt(partNumber, etag, size, OptionalLong.of(crc64));
    }

    /**
     * The ETag as given, with one pair of surrounding double quotes removed.
     *
     * @param etag the ETag, with or without quotes
     * @return the ETag without its quotes
     */
    public static String unquote(String etag) {
        String t = etag.trim();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }

    /** The fields, with the CRC-64 unsigned. */
    @Override
    public String toString() {
        return "PartReceipt[partNumber=" + partNumber + ", etag=" + etag + ", size=" + size + ", crc64="
                + (crc64.isPresent() ? Crc64.toUnsignedString(crc64.getAsLong()) : "none") + "]";
    }
}
