package io.vodupload.ports;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What {@link ObjectStorage#headObject} tells about an existing object.
 *
 * @param contentLength the object's size in bytes
 * @param etag          its ETag without quotes
 * @param crc64         its CRC-64/ECMA, when the server reports one
 */
public record ObjectInfo(long contentLength, String etag, OptionalLong crc64) {

    /**
     * Checks the components; a bad one throws, naming the value.
     *
     * @param contentLength the object's size in bytes
     * @param etag          its ETag without quotes
     * @param crc64         its CRC-64/ECMA, when the server reports one
     */
    public ObjectInfo {
        if (contentLength < 0) {
            throw new IllegalArgumentException("contentLength < 0: " + contentLength);
        }
        Objects.requireNonNull(etag, "etag");
        etag = PartReceipt.unquote(etag);
        Objects.requireNonNull(crc64, "crc64");
    }

    /** The fields, with the CRC-64 unsigned. */
    @Override
    public String toString() {
        return "ObjectInfo[contentLength=" + contentLength + ", etag=" + etag + ", crc64="
                + (crc64.isPresent() ? Crc64.toUnsignedString(crc64.getAsLong()) : "none") + "]";
    }
}
