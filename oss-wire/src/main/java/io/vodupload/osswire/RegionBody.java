package io.vodupload.osswire;

import io.vodupload.ports.Crc64;
import io.vodupload.ports.FileRegion;
import io.vodupload.ports.MemoryBody;
import io.vodupload.ports.PartBody;
import io.vodupload.ports.TransferListener;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * The body of one request: the bytes of a {@link PartBody}, read with positional reads from a
 * {@link FileChannel} for a {@link FileRegion} or copied from the buffer of a {@link MemoryBody}, with the CRC-64 of every byte computed in the same pass and the
 * {@link TransferListener} told of each chunk. Every transport sends its bodies through it, so the CRC it
 * reports and the progress it counts mean the same everywhere. Memory is one 64 KiB buffer (or the
 * caller's), never the region's length.
 *
 * <p>Two ways to use it:
 * <ul>
 *   <li><b>push</b>: {@link #transferTo(OutputStream)} or {@link #transferTo(WritableByteChannel, MessageDigest)}
 *       read a chunk, fold it into the CRC, write it, then tell the listener;</li>
 *   <li><b>pull</b>: as an {@link InputStream} (for a client that reads its body itself), each
 *       {@code read} folds what it hands out into the CRC and tells the listener. {@link #markSupported()}
 *       is true: mark and reset move within the region and restore the CRC.</li>
 * </ul>
 *
 * <p>It remembers why it failed, because HTTP clients wrap what a body throws: a
 * {@link CancellationException} from the listener ({@link #cancellation()}, rethrown as the very instance)
 * or a problem with the local file ({@link #localFailure()}, always a {@link LocalFileException}).
 *
 * <p>Not thread-safe: one request sends it, on one thread; only {@link #progress()} may be read from
 * another (a {@link StallWatchdog}). Open it for one attempt and close it after.
 */
public final class RegionBody extends InputStream {

    /** Small and fixed: memory per part in flight does not grow with the part size. */
    public static final int BUFFER_SIZE = 64 * 1024;

    /**
     * A problem with the file being sent (cannot be opened or read, or it ended before the region did), told
     * apart from the network failures an HTTP client reports as plain {@link IOException}s.
     */
    public static class LocalFileException extends IOException {
        private static final long serialVersionUID = 1L;

        public LocalFileException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The file ended before the region did: it changed under the upload. */
    public static final class SourceTruncatedException extends LocalFileException {
        private static final long serialVersionUID = 1L;

        public SourceTruncatedException(String message) {
            super(message, null);
        }
    }

    /** The file's channel, or null for a memory body. */
    private final FileChannel channel;
    /** The memory body's bytes (absolute positions from 0), or null for a file region. */
    private final ByteBuffer memory;
    private final PartBody region;
    private final long start;
    private final long end;
    private final TransferListener listener;
    private long position;
    private long crc;
    private long markPosition;
    private long markCrc;
    /** Bytes handed out or written, never lowered by a reset: for a watchdog on another thread. */
    private volatile long progress;
    private CancellationException cancellation;
    private LocalFileException localFailure;
    private boolean closed;

    private RegionBody(FileChannel channel, ByteBuffer memory, PartBody region, long start,
                       TransferListener listener) {
        this.channel = channel;
        this.memory = memory;
        this.region = region;
        this.start = start;
        this.end = start + region.length();
        this.listener = listener;
        this.position = start;
        this.markPosition = start;
    }

    /**
     * Opens the body for reading: a file region's file, or a memory body's bytes (which cannot fail).
     *
     * @throws LocalFileException when the file cannot be opened; its cause is the JDK's exception
     *                            ({@link java.nio.file.NoSuchFileException}, ...)
     */
    public static RegionBody open(PartBody body, TransferListener listener) throws LocalFileException {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(listener, "listener");
        if (body instanceof MemoryBody m) {
            return new RegionBody(null, m.bytes(), body, 0, listener);
        }
        FileRegion region = (FileRegion) body;
        try {
            return new RegionBody(FileChannel.open(region.path(), StandardOpenOption.READ), null, region,
                    region.offset(), listener);
        } catch (IOException e) {
            throw new LocalFileException("cannot open " + region.path() + ": " + e, e);
        }
    }

    // ---- push ------------------------------------------------------------------------------------

    /**
     * Writes the rest of the region to {@code out}, chunk by chunk, and flushes it.
     *
     * @return the number of bytes written
     * @throws LocalFileException      when the file cannot be read or ends early
     * @throws CancellationException   from the listener, unchanged
     */
    @Override
    public long transferTo(OutputStream out) throws IOException {
        byte[] buffer = new byte[chunkSize()];
        long written = 0;
        int n;
        while ((n = readChunk(buffer, 0, buffer.length)) > 0) {
            out.write(buffer, 0, n);
            written += n;
            told(n);
        }
        out.flush();
        return written;
    }

    /**
     * Writes the rest of the region to {@code out} (to its current position), chunk by chunk, feeding
     * {@code digest} too when it is not null (a store that also needs the MD5).
     *
     * @return the number of bytes written
     */
    public long transferTo(WritableByteChannel out, MessageDigest digest) throws IOException {
        byte[] array = new byte[chunkSize()];
        ByteBuffer buffer = ByteBuffer.wrap(array);
        long written = 0;
        int n;
        while ((n = readChunk(array, 0, array.length)) > 0) {
            if (digest != null) {
                digest.update(array, 0, n);
            }
            buffer.clear().limit(n);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            written += n;
            told(n);
        }
        return written;
    }

    private int chunkSize() {
        return (int) Math.min(BUFFER_SIZE, Math.max(1, end - position));
    }

    // ---- pull ------------------------------------------------------------------------------------

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        int n = readChunk(b, off, len);
        if (n == 0) {
            return -1;
        }
        told(n);
        return n;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, end - position));
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

    // ---- the one pass --------------------------------------------------------------------------

    /** Reads up to {@code len} bytes of the region into {@code b} and folds them into the CRC; 0 at the end. */
    private int readChunk(byte[] b, int off, int len) throws LocalFileException {
        if (closed) {
            throw remember(new LocalFileException("body stream closed: " + region.describe(), null));
        }
        long remaining = end - position;
        if (remaining <= 0) {
            return 0;
        }
        int want = (int) Math.min(len, remaining);
        int n;
        if (memory != null) {
            memory.get((int) position, b, off, want);
            n = want;
        } else {
            n = readFile(b, off, want);
        }
        crc = Crc64.update(crc, b, off, n);
        position += n;
        return n;
    }

    /** A positional read of the file, at least one byte; the file ending first is a change under the upload. */
    private int readFile(byte[] b, int off, int want) throws LocalFileException {
        int n;
        do {
            try {
                n = channel.read(ByteBuffer.wrap(b, off, want), position);
            } catch (IOException e) {
                throw remember(new LocalFileException("cannot read " + region.describe() + " at byte " + position
                        + ": " + e, e));
            }
            if (n < 0) {
                throw remember(new SourceTruncatedException("file " + region.describe() + " ended at byte "
                        + position + ", before the end of the region [" + start + ", " + end
                        + ") being uploaded: it changed"));
            }
        } while (n == 0);
        return n;
    }

    private void told(int n) {
        progress += n;
        try {
            listener.bytesTransferred(n);
        } catch (CancellationException e) {
            cancellation = e;
            throw e;
        }
    }

    private LocalFileException remember(LocalFileException e) {
        if (localFailure == null) {
            localFailure = e;
        }
        return e;
    }

    /** Closes the file. Idempotent; never throws (a read-only channel that fails to close lost nothing). */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // nothing was written through it
            }
        }
    }

    // ---- what happened ---------------------------------------------------------------------------

    /** The CRC-64 of the bytes read so far (since the last reset). */
    public long crc64() {
        return crc;
    }

    /** How many bytes of the region have been read (since the last reset). */
    public long bytesRead() {
        return position - start;
    }

    /** The region's length: the bytes this body sends in one attempt. */
    public long length() {
        return region.length();
    }

    /** Whether the whole region has been read. */
    public boolean isComplete() {
        return position == end;
    }

    /**
     * A count that grows with every byte sent (resets do not lower it), safe to read from any thread: a
     * watchdog compares two readings to see whether the body moves.
     */
    public long progress() {
        return progress;
    }

    /** The cancellation the listener threw, or null. */
    public CancellationException cancellation() {
        return cancellation;
    }

    /** The local file failure, or null. */
    public LocalFileException localFailure() {
        return localFailure;
    }
}
