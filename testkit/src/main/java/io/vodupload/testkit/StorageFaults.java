package io.vodupload.testkit;

/**
 * Faults a storage under test can be told to produce, so that one contract suite
 * ({@code ObjectStorageContract}) checks how every {@link io.vodupload.ports.ObjectStorage} reports them.
 * The in-memory storage implements it directly; the OSS-compatible server implements it over HTTP (the
 * adapter under test then has to translate real responses). A storage that cannot produce a fault throws
 * {@link UnsupportedOperationException}, and the contract skips that case.
 *
 * <p>Thread-safe.
 */
public interface StorageFaults {

    /** The operations of the storage port, by their OSS names. */
    enum Operation {
        PUT_OBJECT, HEAD_OBJECT, INITIATE_MULTIPART, UPLOAD_PART, LIST_PARTS, COMPLETE_MULTIPART, ABORT_MULTIPART
    }

    /**
     * The next request of {@code operation} is answered with {@code httpStatus} and OSS error
     * {@code errorCode} (for example 503 {@code ServiceUnavailable}, 403 {@code SecurityTokenExpired}),
     * once; later requests behave normally.
     */
    void failNext(Operation operation, int httpStatus, String errorCode);

    /** The next request of {@code operation} loses its connection partway (a reset mid-body), once. */
    void resetConnectionOnNext(Operation operation);

    /** From now on every request is refused with 403 {@code SecurityTokenExpired} until {@link #clear()}. */
    void expireCredentials();

    /** The storage forgets the multipart upload {@code uploadId}, as if it had been aborted elsewhere. */
    void forgetUpload(String uploadId);

    /** Removes every fault still pending. */
    void clear();
}
