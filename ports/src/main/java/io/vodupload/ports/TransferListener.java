package io.vodupload.ports;

/**
 * Told about the bytes of a request body as they go out, so that progress can include bytes in flight.
 *
 * <p>Adapters call {@link #bytesTransferred(long)} from the thread that writes the body, with the number
 * of bytes written since the previous call; the sum over one attempt never exceeds the body's length. A
 * new attempt starts again from zero (the domain resets its in-flight count per attempt).
 *
 * <p>To abort a transfer in progress (pause, cancel), the listener may throw
 * {@link java.util.concurrent.CancellationException}; the adapter then stops sending, discards the
 * connection and rethrows that {@code CancellationException} unchanged (not wrapped).
 */
@FunctionalInterface
public interface TransferListener {

    /** A listener that ignores everything. */
    TransferListener NONE = bytes -> { };

    /**
     * @param bytes bytes written since the previous call, {@code > 0}
     * @throws java.util.concurrent.CancellationException to abort the transfer
     */
    void bytesTransferred(long bytes);
}
