package io.vodupload.ports;

/**
 * Which OSS request signature a storage adapter computes. One enum for every adapter and the command
 * line's {@code --signature}, so a choice reads the same wherever it is made.
 */
public enum SignatureVersion {
    /** V4 when the region is known (from the target, the endpoint's host or a default), V1 otherwise. */
    AUTO,
    /** {@code OSS <AccessKeyId>:<Signature>} (HMAC-SHA1). */
    V1,
    /** {@code OSS4-HMAC-SHA256}; a request whose region cannot be found fails with {@code RegionUnknown}. */
    V4
}
