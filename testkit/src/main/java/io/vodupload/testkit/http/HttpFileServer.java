package io.vodupload.testkit.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vodupload.ports.Crc64;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small HTTP file server on loopback for tests of URL sources: it serves byte arrays at paths with an
 * {@code ETag} and a {@code Last-Modified}, answers {@code Range: bytes=N-} (with {@code If-Range}) when
 * ranges are on, follows the redirects it is told, and misbehaves on purpose: it cuts a response's
 * connection after some bytes, changes a file's content between two requests, or answers an error status.
 *
 * <pre>{@code
 * try (HttpFileServer server = HttpFileServer.start()) {
 *     server.serve("/v/a.mp4", bytes, "video/mp4");
 *     server.cutAfter("/v/a.mp4", 1000);        // the next GET of it stops after 1,000 body bytes
 *     URI url = server.uri("/v/a.mp4?Signature=abc");
 *     ... download url ...
 *     assertThat(server.requests()).extracting(HttpFileServer.Request::range)...
 * }
 * }</pre>
 *
 * <p>Paths are matched without the query, so a presigned-looking URL reaches the same file. Each file's
 * version starts at 1 and grows with {@link #change}; its ETag is {@code "v<version>-<crc64 hex>"} and its
 * {@code Last-Modified} a fixed date plus the version in seconds, so no clock is read.
 *
 * <p>Thread-safe: settings and faults may be changed while requests run; faults are one-shot and taken in
 * the order they were armed. {@link #close()} stops the server and is idempotent.
 */
public final class HttpFileServer implements AutoCloseable {

    /** Which validators a served file carries. */
    public enum Validators {
        /** Both an {@code ETag} and a {@code Last-Modified}. */
        ETAG_AND_LAST_MODIFIED,
        /** A {@code Last-Modified} only. */
        LAST_MODIFIED_ONLY,
        /** A weak {@code ETag} ({@code W/"..."}) and a {@code Last-Modified}. */
        WEAK_ETAG_AND_LAST_MODIFIED,
        /** Neither. */
        NONE
    }

    /**
     * One request as the server saw it.
     *
     * @param method the method
     * @param target the path with its query, as sent
     * @param range  the {@code Range} header, if any
     * @param ifRange the {@code If-Range} header, if any
     * @param authorization the {@code Authorization} header, if any
     * @param status the status answered
     */
    public record Request(String method, String target, Optional<String> range, Optional<String> ifRange,
            Optional<String> authorization, int status) {
    }

    private static final Instant BASE_TIME = Instant.parse("2026-01-01T00:00:00Z");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer http;
    private final ExecutorService executor;
    private final URI base;
    private final Map<String, FileState> files = new HashMap<>();
    private final Map<String, String> redirects = new HashMap<>();
    private final Map<String, Deque<Fault>> faults = new HashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private boolean ranges = true;
    private boolean lengthKnown = true;
    private Validators validators = Validators.ETAG_AND_LAST_MODIFIED;
    private boolean closed;

    private HttpFileServer() throws IOException {
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "testkit-http-files");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(executor);
        http.createContext("/", this::handle);
        http.start();
        this.base = URI.create("http://" + http.getAddress().getAddress().getHostAddress() + ":"
                + http.getAddress().getPort());
    }

    /**
     * Starts a server on a free port of the loopback address, with ranges on, lengths known and both
     * validators.
     *
     * @return the running server
     * @throws IOException when it cannot listen
     */
    public static HttpFileServer start() throws IOException {
        return new HttpFileServer();
    }

    /** {@return {@code http://127.0.0.1:<port>} followed by {@code pathAndQuery}} */
    public URI uri(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    /** {@return the port the server listens on} */
    public int port() {
        return base.getPort();
    }

    /** Serves {@code bytes} at {@code path} (version 1), replacing what was there. */
    public synchronized HttpFileServer serve(String path, byte[] bytes, String contentType) {
        files.put(path, new FileState(bytes.clone(), contentType, 1));
        return this;
    }

    /** Replaces the content at {@code path} with {@code bytes}: a new version, so a new ETag and Last-Modified. */
    public synchronized HttpFileServer change(String path, byte[] bytes) {
        FileState old = Objects.requireNonNull(files.get(path), () -> "nothing served at " + path);
        files.put(path, new FileState(bytes.clone(), old.contentType(), old.version() + 1));
        return this;
    }

    /** Answers {@code GET from} with a 302 to {@code location} (a path of this server or an absolute URL). */
    public synchronized HttpFileServer redirect(String from, String location) {
        redirects.put(from, location);
        return this;
    }

    /**
     * Whether {@code Range} requests are answered with 206 and {@code Accept-Ranges: bytes} is sent (on by
     * default); off, like many servers, it sends no {@code Accept-Ranges} and answers every GET with the
     * whole file and 200.
     */
    public synchronized HttpFileServer ranges(boolean supported) {
        this.ranges = supported;
        return this;
    }

    /** Whether answers carry a {@code Content-Length} (on by default); off, they are chunked. */
    public synchronized HttpFileServer lengthKnown(boolean known) {
        this.lengthKnown = known;
        return this;
    }

    /** Which validators answers carry. */
    public synchronized HttpFileServer validators(Validators which) {
        this.validators = Objects.requireNonNull(which, "which");
        return this;
    }

    /** The next GET of {@code path} sends its headers and {@code bytes} body bytes, then drops the connection. */
    public synchronized HttpFileServer cutAfter(String path, long bytes) {
        return arm(path, new Fault(0, bytes, null));
    }

    /** Like {@link #cutAfter}, and then the file changes to {@code newBytes}, as if it were replaced meanwhile. */
    public synchronized HttpFileServer cutAfterAndChange(String path, long bytes, byte[] newBytes) {
        return arm(path, new Fault(0, bytes, newBytes.clone()));
    }

    /** The next GET of {@code path} is answered with {@code status} and a short text body. */
    public synchronized HttpFileServer failNext(String path, int status) {
        return arm(path, new Fault(status, -1, null));
    }

    /** {@return every request so far, in order} */
    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Stops the server; requests in flight are cut off. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        http.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "HttpFileServer[" + base + "]";
    }

    private HttpFileServer arm(String path, Fault fault) {
        faults.computeIfAbsent(path, p -> new ArrayDeque<>()).add(fault);
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        Headers in = exchange.getRequestHeaders();
        Optional<String> range = Optional.ofNullable(in.getFirst("Range"));
        Optional<String> ifRange = Optional.ofNullable(in.getFirst("If-Range"));
        Optional<String> authorization = Optional.ofNullable(in.getFirst("Authorization"));
        Answer answer = answer(exchange.getRequestMethod(), path, range, ifRange);
        synchronized (this) {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(), range,
                    ifRange, authorization, answer.status()));
        }
        // not closed on a cut (send throws): closing would end a chunked body properly; the JDK server
        // drops the connection of a handler that throws
        send(exchange, path, answer);
        exchange.close();
    }

    /** What to answer, decided under the lock from a consistent view of the settings. */
    private synchronized Answer answer(String method, String path, Optional<String> range, Optional<String> ifRange) {
        Headers headers = new Headers();
        Deque<Fault> armed = faults.get(path);
        Fault fault = armed == null ? null : armed.poll();
        if (fault != null && fault.status() != 0) {
            return Answer.text(fault.status(), "injected " + fault.status());
        }
        String location = redirects.get(path);
        if (location != null) {
            headers.set("Location", location);
            return new Answer(302, headers, new byte[0], 0, -1, null, null);
        }
        FileState file = files.get(path);
        if (file == null) {
            return Answer.text(404, "no file at " + path);
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Answer.text(405, "method " + method);
        }
        headers.set("Content-Type", file.contentType());
        if (ranges) {
            headers.set("Accept-Ranges", "bytes");
        }
        String etag = etag(file);
        String lastModified = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                BASE_TIME.plusSeconds(file.version()).atOffset(ZoneOffset.UTC));
        if (etag != null) {
            headers.set("ETag", etag);
        }
        if (validators != Validators.NONE) {
            headers.set("Last-Modified", lastModified);
        }
        byte[] bytes = file.bytes();
        int status = 200;
        int from = 0;
        Matcher asked = range.map(RANGE::matcher).filter(Matcher::matches).orElse(null);
        boolean current = ifRange.isEmpty() || ifRange.get().equals(etag) && !etag.startsWith("W/")
                || ifRange.get().equals(lastModified) && validators != Validators.NONE;
        if (ranges && asked != null && current) {
            long start = Long.parseLong(asked.group(1));
            if (start >= bytes.length) {
                headers.set("Content-Range", "bytes */" + bytes.length);
                return new Answer(416, headers, new byte[0], 0, -1, null, null);
            }
            from = (int) start;
            status = 206;
            headers.set("Content-Range", "bytes " + from + "-" + (bytes.length - 1) + "/" + bytes.length);
        }
        long cut = fault == null ? -1 : fault.cutAfter();
        byte[] change = fault == null ? null : fault.changeTo();
        return new Answer(status, headers, bytes, from, cut, change, method.equals("HEAD") ? "HEAD" : null);
    }

    private String etag(FileState file) {
        String tag = "\"v" + file.version() + "-" + Long.toHexString(Crc64.of(file.bytes())) + "\"";
        switch (validators) {
            case ETAG_AND_LAST_MODIFIED:
                return tag;
            case WEAK_ETAG_AND_LAST_MODIFIED:
                return "W/" + tag;
            default:
                return null;
        }
    }

    private void send(HttpExchange exchange, String path, Answer answer) throws IOException {
        exchange.getResponseHeaders().putAll(answer.headers());
        int length = answer.bytes().length - answer.from();
        if (answer.head() != null) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(length));
            exchange.sendResponseHeaders(answer.status(), -1);
            return;
        }
        boolean known;
        synchronized (this) {
            known = lengthKnown;
        }
        exchange.sendResponseHeaders(answer.status(), length == 0 ? -1 : known ? length : 0);
        if (length == 0) {
            return;
        }
        OutputStream out = exchange.getResponseBody();
        if (answer.cutAfter() >= 0) {
            int sent = (int) Math.min(answer.cutAfter(), length);
            out.write(answer.bytes(), answer.from(), sent);
            out.flush();
            if (answer.changeTo() != null) {
                change(path, answer.changeTo());
            }
            throw new CutConnection();
        }
        out.write(answer.bytes(), answer.from(), length);
        out.close();
    }

    /** Thrown out of the handler so the JDK server closes the connection without finishing the body. */
    private static final class CutConnection extends IOException {
        private static final long serialVersionUID = 1L;

        CutConnection() {
            super("connection cut on purpose", null);
        }
    }

    private record FileState(byte[] bytes, String contentType, int version) {
    }

    private record Fault(int status, long cutAfter, byte[] changeTo) {
    }

    private record Answer(int status, Headers headers, byte[] bytes, int from, long cutAfter, byte[] changeTo,
            String head) {

        static Answer text(int status, String text) {
            Headers headers = new Headers();
            headers.set("Content-Type", "text/plain; charset=utf-8");
            return new Answer(status, headers, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, -1, null,
                    null);
        }
    }
}
