package io.vodupload.adapters.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.io.HttpClientConnection;
import org.apache.hc.core5.http.io.ResponseOutOfOrderStrategy;
import org.apache.hc.core5.util.Timeout;

/**
 * Notices that OSS answered while a body is still going out (a 403 {@code SecurityTokenExpired} sent
 * after the headers), so that the answer is reported instead of the broken pipe that follows.
 *
 * <p>Why not HttpCore's {@code MonitoringResponseOutOfOrderStrategy}: it waits up to 1 ms for data every
 * 8 KiB written, which costs 1 ms per 64 KiB chunk and made uploads several times slower than
 * aliyun-sdk-oss (measured in docs/benchmarks.md). Here every write makes a free, non-blocking look at
 * what the socket already holds ({@code available()}), and the 1 ms wait (which also sees data a TLS
 * layer has not decrypted yet) happens at most once per {@link #INTERVAL_NANOS} per connection, never
 * in a body's first interval.
 *
 * <p>Thread-safe; one instance serves every pooled connection. It measures elapsed time with
 * {@link System#nanoTime()}, a monotonic counter, not the wall clock used for signing.
 */
final class EarlyResponseCheck implements ResponseOutOfOrderStrategy {

    static final EarlyResponseCheck INSTANCE = new EarlyResponseCheck();

    /** How often, at most, a connection waits 1 ms for an early answer. */
    static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Map<HttpClientConnection, Long> lastWait = Collections.synchronizedMap(new WeakHashMap<>());

    private EarlyResponseCheck() {
    }

    @Override
    public boolean isEarlyResponseDetected(ClassicHttpRequest request, HttpClientConnection connection,
                                           InputStream socketInputStream, long totalBytesSent, long nextWriteSize)
            throws IOException {
        if (socketInputStream.available() > 0) {
            return true;
        }
        long now = System.nanoTime();
        if (totalBytesSent == 0) {
            // a new body: the answer to its headers can hardly be here yet, so start the interval instead
            // of waiting (a 1 ms wait per request would cost a second per thousand small parts)
            lastWait.put(connection, now);
            return false;
        }
        Long last = lastWait.get(connection);
        if (last != null && now - last < INTERVAL_NANOS) {
            return false;
        }
        lastWait.put(connection, now);
        return connection.isDataAvailable(Timeout.ONE_MILLISECOND);
    }

    @Override
    public String toString() {
        return "EarlyResponseCheck[wait at most every " + TimeUnit.NANOSECONDS.toMillis(INTERVAL_NANOS) + " ms]";
    }
}
