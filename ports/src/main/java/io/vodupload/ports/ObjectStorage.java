package io.vodupload.ports;

import java.util.List;
import java.util.Optional;

/**
 * Object storage as the uploader needs it: OSS multipart upload, simple upload and HEAD.
 *
 * <p>Every call names its {@link StorageTarget} and the {@link Credentials} to sign with, so a credential
 * refresh never needs a new adapter, and one adapter serves any number of uploads.
 *
 * <p><b>Threading:</b> implementations are thread-safe; the domain calls {@link #uploadPart} from several
 * threads at once (one per part in flight) and expects them to share a connection pool.
 *
 * <p><b>Bodies</b> are {@link PartBody}s with a known length (never chunked): a {@link FileRegion} streamed
 * from disk (never read whole into memory), or a {@link MemoryBody}, a part of a stream the uploader holds
 * in memory. An implementation handles both the same way (same headers, same CRC-64 check, same progress)
 * and keeps no reference to a memory body's bytes after the call returns (the buffer is reused). {@link TransferListener}s are told of bytes as they are written and may abort
 * a transfer by throwing {@link java.util.concurrent.CancellationException}, which the adapter rethrows
 * unchanged.
 *
 * <p><b>Failures:</b> every method throws {@link StorageException} and nothing else unchecked (besides
 * {@code CancellationException} from a listener and {@link NullPointerException}/{@link
 * IllegalArgumentException} for bad arguments, as {@link StorageArguments} checks them: a blank upload
 * id, a part number outside 1..10000, a part number twice in a completion). Adapters do not retry on their own: the domain's retry
 * policy is the only one. Every attempt is signed afresh.
 *
 * <p><b>Lifecycle:</b> {@link #close()} releases pooled connections; calls after close fail.
 */
public interface ObjectStorage extends AutoCloseable {

    /**
     * Starts a multipart upload ({@code InitiateMultipartUpload}).
     *
     * @param target where the object goes
     * @param credentials what to sign the request with
     * @param metadata content type and {@code x-oss-*} headers
     * @return the upload id, not blank
     */
    String initiateMultipart(StorageTarget target, Credentials credentials, ObjectMetadata metadata);

    /**
     * Uploads one part ({@code UploadPart}). Uploading the same part number again replaces that part.
     * The returned receipt's CRC-64 is the CRC of the bytes sent, computed while they streamed and
     * checked against the server's {@code x-oss-hash-crc64ecma} when it sent one (a mismatch throws a
     * {@code RETRYABLE} {@link StorageException} with code {@code PartCrcMismatch}).
     *
     * @param target where the object goes
     * @param credentials what to sign the request with
     * @param uploadId the multipart upload id
     * @param partNumber 1..10000
     * @param body the bytes to send: a file region or a memory body
     * @param listener told of the bytes as they are sent; its exception stops the transfer
     * @return the stored part, with its CRC-64
     * @throws StorageException kind {@code UPLOAD_GONE} when the upload id is unknown
     */
    PartReceipt uploadPart(StorageTarget target, Credentials credentials, String uploadId, int partNumber,
                           PartBody body, TransferListener listener);

    /**
     * Lists every part the server holds for the upload, in ascending part-number order, following
     * pagination to the end ({@code ListParts}).
     *
     * @param target where the object goes
     * @param credentials what to sign the request with
     * @param uploadId the multipart upload id
     * @return the parts storage holds, in part number order
     * @throws StorageException kind {@code UPLOAD_GONE} when the upload id is unknown
     */
    List<PartReceipt> listParts(StorageTarget target, Credentials credentials, String uploadId);

    /**
     * Completes the upload from the given parts, in ascending part-number order
     * ({@code CompleteMultipartUpload}). The receipt carries the whole object's CRC-64 as the server
     * reported it.
     *
     * <p>Not idempotent: after a lost response, the upload may have completed; callers confirm with
     * {@link #headObject} before sending it again.
     *
     * @param target where the object goes
     * @param credentials what to sign the request with
     * @param uploadId the multipart upload id
     * @param parts the parts, in ascending part number order
     * @param metadata extra headers to send with the completion (for example VOD's
     *                 {@code x-oss-notification}); the content type given here is ignored
     * @return the object's receipt
     * @throws StorageException kind {@code UPLOAD_GONE} when the upload id is unknown (which, after a
     *                          lost response, may mean it already completed)
     */
    ObjectReceipt completeMultipart(StorageTarget target, Credentials credentials, String uploadId,
                                    List<PartReceipt> parts, ObjectMetadata metadata);

    /**
     * Aborts the upload and frees the parts it holds ({@code AbortMultipartUpload}). Aborting an upload
     * that is already gone is not an error.
     *
     * @param target where the object goes
     * @param credentials what to sign the request with
     * @param uploadId the multipart upload id
     */
    void abortMultipart(StorageTarget target, Credentials credentials, String uploadId);

    /**
     * Creates the object from one body ({@code PutObject}), for files smaller than one part. The receipt's
     * CRC-64 has been checked against the bytes sent, as for {@link #uploadPart}.
     *
     * @param target where the object goes
     * @param credentials what to sign the request with
     * @param body the bytes to send: a file region or a memory body
     * @param metadata content type and {@code x-oss-*} headers
     * @param listener told of the bytes as they are sent; its exception stops the transfer
     * @return the object's receipt
     */
    ObjectReceipt putObject(StorageTarget target, Credentials credentials, PartBody body,
                            ObjectMetadata metadata, TransferListener listener);

    /**
     * Tells about an existing object ({@code HeadObject}).
     *
     * @param target where the object goes
     * @param credentials what to sign the request with
     * @return the object's size, ETag and CRC-64; empty when there is no such object
     */
    Optional<ObjectInfo> headObject(StorageTarget target, Credentials credentials);

    /**
     * Whether a body is checked by the storage against an MD5 computed from the file <em>before</em> the body
     * is sent ({@code Content-MD5}), so that a body that differs (the file changed while it was read) is
     * refused with {@code InvalidDigest} or {@code BadDigest} and the object that was there stays: every
     * {@link #putObject}, and every {@link #uploadPart} whose answer carries no CRC-64. (An adapter may send a
     * part without {@code Content-MD5} once the storage has answered parts with their CRC-64, which checks the
     * bytes as received; a part whose answer then has neither is failed as retryable and sent again with
     * one.) The uploader relies on it when the storage reports no CRC-64. The default says no.
     */
    default boolean checksContentMd5() {
        return false;
    }

    /** Releases connections and threads. The default does nothing. */
    @Override
    default void close() {
    }
}
