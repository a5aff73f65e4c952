package io.vodupload.ports;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What storage answered when an object was created (PutObject or CompleteMultipartUpload).
 *
 * @param etag      the object's ETag without quotes (for a multipart object this is not its MD5)
 * @param crc64     the whole object's CRC-64/ECMA as the server reported it ({@code x-oss-hash-crc64ecma}),
 *                  absent when the server reported none
 * @param requestId the server's request id, when known
 */
public record ObjectReceipt(String etag, OptionalLong crc64, Optional<String> requestId) {

    /**
     * Checks the components; a bad one throws, naming the value.
     *
     * @param etag      the object's ETag without quotes (for a multipart object this is not its MD5)
     * @param crc64     the whole object's CRC-64/ECMA as the server reported it ({@code x-oss-hash-crc64ecma}),
     *                  absent when the server reported none
     * @param requestId the server's request id, when known
     */
    public ObjectReceipt {
        Objects.requireNonNull(etag, "etag");
        etag = PartReceipt.unquote(etag);
        Objects.requireNonNull(crc64, "crc64");
        Objects.requireNonNull(requestId, "requestId");
    }

    /** The fields, with the CRC-64 unsigned. */
    @Override
    public String toString() {
        return "ObjectReceipt[etag=" + etag + ", crc64="
                + (crc64.isPresent() ? Crc64.toUnsignedString(crc64.getAsLong()) : "none")
                + requestId.map(id -> ", requestId=" + id).orElse("") + "]";
    }
}
