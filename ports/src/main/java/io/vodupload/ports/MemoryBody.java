package io.vodupload.ports;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A body held in memory: the bytes of a {@link ByteBuffer} from its position to its limit when the body
 * was made. The uploader fills such buffers from a {@link StreamSource} and reuses them once storage holds
 * the part, so an adapter must not keep a reference to the bytes after its call returns.
 *
 * <p>Immutable as far as this type goes: {@link #bytes()} hands out a fresh read-only view each time, so
 * several reads (a retry, a Content-MD5 pass before the send) never disturb each other. The owner must not
 * change the buffer while a call that was given it runs.
 *
 * <pre>{@code
 * MemoryBody body = MemoryBody.of(ByteBuffer.wrap(bytes, 0, n));
 * storage.uploadPart(target, credentials, uploadId, 3, body, TransferListener.NONE);
 * }</pre>
 *
 * @param bytes the bytes, position 0 to the limit
 */
public record MemoryBody(ByteBuffer bytes) implements PartBody {

    /**
     * Takes a read-only view of the buffer's remaining bytes.
     *
     * @param bytes the buffer, from its position to its limit
     */
    public MemoryBody {
        Objects.requireNonNull(bytes, "bytes");
        bytes = bytes.slice().asReadOnlyBuffer();
    }

    /**
     * A body of {@code bytes}' remaining bytes (not copied).
     *
     * @param bytes the buffer, from its position to its limit
     * @return the body
     */
    public static MemoryBody of(ByteBuffer bytes) {
        return new MemoryBody(bytes);
    }

    /** {@return a fresh read-only view of the bytes, positioned at 0} */
    @Override
    public ByteBuffer bytes() {
        return bytes.duplicate();
    }

    @Override
    public long length() {
        return bytes.remaining();
    }

    @Override
    public String describe() {
        return "memory";
    }

    @Override
    public String toString() {
        return "MemoryBody[" + bytes.remaining() + " bytes]";
    }
}
