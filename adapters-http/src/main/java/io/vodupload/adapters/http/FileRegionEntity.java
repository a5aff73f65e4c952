package io.vodupload.adapters.http;

import io.vodupload.ports.Crc64;
import io.vodupload.ports.FileRegion;
import io.vodupload.ports.TransferListener;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.core5.function.Supplier;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

/**
 * A request body streamed from a {@link FileRegion} through a {@link FileChannel}, with a known length
 * (so HttpClient sends {@code Content-Length}, never chunks) and no content type (so HttpClient adds no
 * {@code Content-Type} header after signing, OSS-PROTOCOL §7).
 *
 * <p>One pass over each byte: it is read into a small fixed buffer, folded into the CRC-64, written out,
 * then reported to the {@link TransferListener}. Repeatable: every {@link #writeTo} re-opens the file and
 * starts the CRC afresh, so the CRC describes the last attempt.
 *
 * <p>Written by one HttpClient thread; {@link #progress()} and {@link #isWriting()} may be read by a
 * watchdog thread.
 */
final class FileRegionEntity implements HttpEntity {

    /** Small and fixed: memory per part in flight does not grow with the part size. */
    static final int BUFFER_SIZE = 64 * 1024;

    private final FileRegion region;
    private final TransferListener listener;
    private final AtomicLong progress = new AtomicLong();
    private volatile boolean writing;
    private volatile boolean complete;
    private volatile long crc;
    private volatile CancellationException cancellation;

    FileRegionEntity(FileRegion region, TransferListener listener) {
        this.region = Objects.requireNonNull(region, "region");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * A local file problem (unreadable, shorter than the region), told apart from network failures that
     * HttpClient reports as plain {@link IOException}s.
     */
    static final class LocalFileException extends IOException {
        private static final long serialVersionUID = 1L;

        LocalFileException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        complete = false;
        writing = true;
        try {
            long c = 0;
            FileChannel channel;
            try {
                channel = FileChannel.open(region.path(), StandardOpenOption.READ);
            } catch (IOException e) {
                throw new LocalFileException("cannot open " + region.path() + ": " + e, e);
            }
            try (channel) {
                ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(BUFFER_SIZE, Math.max(1, region.length())));
                byte[] array = buffer.array();
                long position = region.offset();
                long remaining = region.length();
                while (remaining > 0) {
                    buffer.clear();
                    buffer.limit((int) Math.min(buffer.capacity(), remaining));
                    int n = read(channel, buffer, position);
                    c = Crc64.update(c, array, 0, n);
                    out.write(array, 0, n);
                    position += n;
                    remaining -= n;
                    progress.addAndGet(n);
                    try {
                        listener.bytesTransferred(n);
                    } catch (CancellationException e) {
                        cancellation = e;
                        throw e;
                    }
                }
            }
            out.flush();
            crc = c;
            complete = true;
        } finally {
            writing = false;
        }
    }

    private int read(FileChannel channel, ByteBuffer buffer, long position) throws LocalFileException {
        int n;
        try {
            n = channel.read(buffer, position);
        } catch (IOException e) {
            throw new LocalFileException("cannot read " + region.path() + " at byte " + position + ": " + e, e);
        }
        if (n < 0) {
            throw new LocalFileException("file " + region.path() + " ends at byte " + position
                    + ", before the end of the part at byte " + region.end() + " (was it changed?)", null);
        }
        return n;
    }

    /** The CRC-64 of the bytes of the last complete {@link #writeTo}. */
    long crc() {
        return crc;
    }

    /** Whether the last {@link #writeTo} sent the whole region. */
    boolean isComplete() {
        return complete;
    }

    /** Bytes written over all attempts; a watchdog compares two readings to see progress. */
    long progress() {
        return progress.get();
    }

    /** Whether a {@link #writeTo} is running now. */
    boolean isWriting() {
        return writing;
    }

    /** The exception the listener threw to cancel the transfer, or null. */
    CancellationException cancellation() {
        return cancellation;
    }

    @Override
    public boolean isRepeatable() {
        return true;
    }

    @Override
    public InputStream getContent() throws IOException {
        // HttpClient writes request bodies through writeTo; this view exists for the HttpEntity contract.
        FileChannel channel = FileChannel.open(region.path(), StandardOpenOption.READ);
        channel.position(region.offset());
        InputStream in = Channels.newInputStream(channel);
        return new InputStream() {
            private long left = region.length();

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    @Override
    public boolean isStreaming() {
        return false;
    }

    @Override
    public long getContentLength() {
        return region.length();
    }

    @Override
    public String getContentType() {
        return null;
    }

    @Override
    public String getContentEncoding() {
        return null;
    }

    @Override
    public boolean isChunked() {
        return false;
    }

    @Override
    public Set<String> getTrailerNames() {
        return Set.of();
    }

    @Override
    public Supplier<List<? extends Header>> getTrailers() {
        return null;
    }

    @Override
    public void close() {
        // nothing held between attempts: each writeTo opens and closes its own channel
    }
}
