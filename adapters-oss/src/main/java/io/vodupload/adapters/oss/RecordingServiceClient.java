package io.vodupload.adapters.oss;

import com.aliyun.oss.ClientConfiguration;
import com.aliyun.oss.common.comm.DefaultServiceClient;
import com.aliyun.oss.common.comm.ExecutionContext;
import com.aliyun.oss.common.comm.ResponseMessage;
import org.apache.http.HttpConnection;
import org.apache.http.client.protocol.HttpClientContext;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The SDK's HTTP service client, recording what the SDK keeps to itself: the status and headers of each
 * response, and on request the body of a successful one.
 *
 * <p>Why: SDK1's {@code OSSException} has no HTTP status (and the port's error kinds depend on it: a
 * 5xx, 408 or 429 is retryable whatever its code), and its {@code ListParts} parser drops each part's
 * {@code HashCrc64ecma}. Recording happens on the calling thread: {@link #begin} before an SDK call,
 * the SDK sends the request synchronously on that thread (request timeouts, which would move it to
 * another thread, stay off), and the returned {@link Exchange} is filled in. With the SDK's retries off,
 * one SDK call is one request, so the exchange is that request's.
 *
 * <p>It also keeps each request's HTTP context, so that {@link Exchange#abortConnection()} can close the
 * connection of a request whose body stopped moving: a blocked socket write has no timeout of its own.
 *
 * <p>Thread-safe: each thread records into its own exchange.
 */
final class RecordingServiceClient extends DefaultServiceClient {

    /** Bodies larger than this are not kept (a full ListParts page of 1000 parts is about 250 KiB). */
    static final int MAX_CAPTURED_BODY = 4 * 1024 * 1024;

    private final ThreadLocal<Exchange> current = new ThreadLocal<>();

    RecordingServiceClient(ClientConfiguration config) {
        super(config);
    }

    /** Starts recording the next request made on this thread. */
    Exchange begin(boolean captureBody) {
        return begin(captureBody, -1);
    }

    /**
     * Starts recording the next request made on this thread, whose body has {@code bodyLength} bytes
     * ({@code -1}: no body, or not known here).
     */
    Exchange begin(boolean captureBody, long bodyLength) {
        Exchange exchange = new Exchange(captureBody, bodyLength);
        current.set(exchange);
        return exchange;
    }

    /** Stops recording on this thread. */
    void end() {
        current.remove();
    }

    @Override
    protected HttpClientContext createHttpContext() {
        HttpClientContext context = super.createHttpContext();
        Exchange exchange = current.get();
        if (exchange != null) {
            exchange.context = context;
        }
        return context;
    }

    @Override
    public ResponseMessage sendRequestCore(Request request, ExecutionContext context) throws IOException {
        Exchange exchange = current.get();
        if (exchange != null && exchange.bodyLength == 0 && request.isUseChunkEncoding()) {
            // the SDK takes a length of 0 for "unknown" and chunk-encodes the body; OSS (and the port's
            // contract: bodies are never chunked) expects an empty PutObject with Content-Length: 0
            request.setUseChunkEncoding(false);
            request.setContentLength(0);
        }
        ResponseMessage response = super.sendRequestCore(request, context);
        if (exchange != null) {
            exchange.responded = true;
            exchange.status = response.getStatusCode();
            TreeMap<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            if (response.getHeaders() != null) {
                headers.putAll(response.getHeaders());
            }
            exchange.headers = Collections.unmodifiableMap(headers);
            if (exchange.captureBody && response.isSuccessful() && response.getContent() != null) {
                capture(response, exchange);
            }
        }
        return response;
    }

    private static void capture(ResponseMessage response, Exchange exchange) throws IOException {
        InputStream in = response.getContent();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
            if (out.size() > MAX_CAPTURED_BODY) {
                // too big to keep: hand the SDK what was read plus the rest, unrecorded
                response.setContent(new SequenceInputStream(new ByteArrayInputStream(out.toByteArray()), in));
                return;
            }
        }
        byte[] body = out.toByteArray();
        in.close();
        response.setContent(new ByteArrayInputStream(body));
        exchange.body = body;
    }

    /**
     * What one request's response said. Written and read by the thread that sent it, except
     * {@link #awaitingResponse()} and {@link #abortConnection()}, which a watchdog may call.
     */
    static final class Exchange {
        private final boolean captureBody;
        private final long bodyLength;
        private volatile HttpClientContext context;
        private volatile boolean responded;
        private volatile boolean aborted;
        private int status;
        private Map<String, String> headers = Map.of();
        private byte[] body;

        private Exchange(boolean captureBody, long bodyLength) {
            this.captureBody = captureBody;
            this.bodyLength = bodyLength;
        }

        /** The HTTP status, when a response arrived. */
        OptionalInt status() {
            return status > 0 ? OptionalInt.of(status) : OptionalInt.empty();
        }

        /** A response header, by case-insensitive name. */
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }

        /** The body of a successful response, when asked for and not too large. */
        Optional<byte[]> body() {
            return Optional.ofNullable(body);
        }

        /** Whether the request is on a connection and no response has arrived yet. */
        boolean awaitingResponse() {
            HttpClientContext c = context;
            return !responded && c != null && c.getConnection() != null;
        }

        /** Closes the request's connection at once (from any thread); the sending thread then fails. */
        void abortConnection() {
            HttpClientContext c = context;
            HttpConnection connection = c == null ? null : c.getConnection();
            if (connection != null) {
                aborted = true;
                try {
                    connection.shutdown();
                } catch (IOException ignored) {
                    // closing is all that was wanted
                }
            }
        }

        /** Whether {@link #abortConnection()} closed the connection. */
        boolean aborted() {
            return aborted;
        }
    }
}
