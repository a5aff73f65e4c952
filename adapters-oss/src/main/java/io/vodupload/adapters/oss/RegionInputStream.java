package io.vodupload.adapters.oss;

import io.vodupload.ports.Crc64;
import io.vodupload.ports.FileRegion;
import io.vodupload.ports.TransferListener;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * The body of one request: the bytes of a {@link FileRegion}, read with positional reads from a
 * {@link FileChannel} straight into the caller's buffer (so memory is bounded by the HTTP client's write
 * buffer, a few KiB, never by the region's length), with the CRC-64 of every byte handed out computed on
 * the way and the {@link TransferListener} told of each chunk.
 *
 * <p>It remembers why it failed, because the SDK wraps whatever its body stream throws: a
 * {@link CancellationException} from the listener ({@link #cancellation()}) or a local read failure
 * ({@link #localFailure()}, for example a file that ended before the region did). The adapter looks here
 * first, so a cancellation reaches the caller as the very instance the listener threw.
 *
 * <p>{@link #markSupported()} is true (mark and reset move within the region and restore the CRC), so the
 * SDK sends it as it is, with a {@code Content-Length}, instead of copying it through a 512 KiB
 * {@code BufferedInputStream}. The SDK's own retries are off, so a reset never actually happens in use.
 *
 * <p>Not thread-safe: one request reads it, on one thread.
 */
final class RegionInputStream extends InputStream {

    private final FileChannel channel;
    private final FileRegion region;
    private final TransferListener listener;
    private long position;
    /** Bytes handed out, for a watchdog on another thread. */
    private volatile long progress;
    private long crc;
    private long markPosition;
    private long markCrc;
    private CancellationException cancellation;
    private IOException localFailure;
    private boolean closed;

    private RegionInputStream(FileChannel channel, FileRegion region, TransferListener listener) {
        this.channel = channel;
        this.region = region;
        this.listener = listener;
        this.position = region.offset();
        this.markPosition = region.offset();
    }

    /**
     * Opens the region's file for reading.
     *
     * @throws IOException when the file cannot be opened
     */
    static RegionInputStream open(FileRegion region, TransferListener listener) throws IOException {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(listener, "listener");
        return new RegionInputStream(FileChannel.open(region.path(), StandardOpenOption.READ), region, listener);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw remember(new IOException("body stream closed: " + region.path()));
        }
        if (len == 0) {
            return 0;
        }
        long remaining = region.end() - position;
        if (remaining <= 0) {
            return -1;
        }
        int want = (int) Math.min(len, remaining);
        int n;
        try {
            n = channel.read(ByteBuffer.wrap(b, off, want), position);
        } catch (IOException e) {
            throw remember(e);
        }
        if (n < 0) {
            throw remember(new EOFException("file " + region.path() + " ended at byte " + position
                    + ", before the end of the region being uploaded (" + region.end() + "): it changed"));
        }
        if (n == 0) {
            return 0;
        }
        crc = Crc64.update(crc, b, off, n);
        position += n;
        progress += n;
        try {
            listener.bytesTransferred(n);
        } catch (CancellationException e) {
            cancellation = e;
            throw e;
        }
        return n;
    }

    private IOException remember(IOException e) {
        if (localFailure == null) {
            localFailure = e;
        }
        return e;
    }

    @Override
    public long skip(long n) throws IOException {
        // skipping would leave bytes out of the CRC; read them instead (the SDK never skips a body)
        return super.skip(n);
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, region.end() - position));
    }

    @Override
    public boolean markSupported() {
        return true;
    }

    @Override
    public synchronized void mark(int readlimit) {
        markPosition = position;
        markCrc = crc;
    }

    @Override
    public synchronized void reset() {
        position = markPosition;
        crc = markCrc;
    }

    /** Closes the file. Idempotent; never throws (a read-only channel that fails to close lost nothing). */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was written through it
            }
        }
    }

    /** The CRC-64 of the bytes handed out so far (since the last reset). */
    long crc64() {
        return crc;
    }

    /** How many bytes of the region have been handed out (since the last reset). */
    long bytesRead() {
        return position - region.offset();
    }

    /**
     * A count that grows with every byte handed out (resets do not lower it), safe to read from any
     * thread: a watchdog compares two readings to see whether the body moves.
     */
    long progress() {
        return progress;
    }

    /** The cancellation the listener threw, or null. */
    CancellationException cancellation() {
        return cancellation;
    }

    /** The local read failure, or null. */
    IOException localFailure() {
        return localFailure;
    }
}
