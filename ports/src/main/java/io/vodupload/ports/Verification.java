package io.vodupload.ports;

/**
 * How a finished upload was checked against the file: the strongest check the storage offered. Reported
 * once, in {@link UploadResult#verification()}.
 */
public enum Verification {

    /**
     * The storage reported the object's CRC-64/ECMA ({@code x-oss-hash-crc64ecma}) and it equals the file's
     * (the CRCs of its parts combined in order).
     */
    CRC64("crc64"),

    /**
     * The storage reported no CRC-64. Every PutObject and UploadPart carried a {@code Content-MD5} computed
     * from the file before the body was sent, so the storage checked every body itself; a PutObject's ETag
     * was compared with that MD5; the file's length and times were unchanged before the object was created.
     */
    CONTENT_MD5("content-md5");

    private final String label;

    Verification(String label) {
        this.label = label;
    }

    /** The spelling used in output ({@code crc64}, {@code content-md5}). */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
