package io.vodupload.adapters.http;

import io.vodupload.osswire.RegionBody;
import io.vodupload.ports.PartBody;
import io.vodupload.ports.TransferListener;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.core5.function.Supplier;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

/**
 * A request body (a {@link PartBody}: a file region or a memory body) streamed by oss-wire's {@link RegionBody}, with a known length
 * (so HttpClient sends {@code Content-Length}, never chunks) and no content type (so HttpClient adds no
 * {@code Content-Type} header after signing, OSS-PROTOCOL §7). Only the HttpClient side lives here: one
 * pass over each byte (read into a 64 KiB buffer, folded into the CRC-64, written out, then reported to the
 * {@link TransferListener}) is {@link RegionBody#transferTo(OutputStream)}'s.
 *
 * <p>Repeatable: every {@link #writeTo} opens a new {@link RegionBody}, so the CRC describes the last
 * attempt.
 *
 * <p>Written by one HttpClient thread; {@link #progress()} and {@link #isWriting()} may be read by a
 * watchdog thread.
 */
final class PartBodyEntity implements HttpEntity {

    private final PartBody region;
    private final TransferListener listener;
    private final AtomicLong progress = new AtomicLong();
    private volatile boolean writing;
    private volatile boolean complete;
    private volatile long crc;
    private volatile CancellationException cancellation;

    PartBodyEntity(PartBody region, TransferListener listener) {
        this.region = Objects.requireNonNull(region, "region");
        Objects.requireNonNull(listener, "listener");
        this.listener = bytes -> {
            progress.addAndGet(bytes);
            listener.bytesTransferred(bytes);
        };
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        complete = false;
        writing = true;
        try (RegionBody body = RegionBody.open(region, listener)) {
            try {
                body.transferTo(out);
            } catch (CancellationException e) {
                cancellation = e;
                throw e;
            }
            crc = body.crc64();
            complete = body.isComplete();
        } finally {
            writing = false;
        }
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
        return RegionBody.open(region, TransferListener.NONE);
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
