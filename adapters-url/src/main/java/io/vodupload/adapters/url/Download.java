package io.vodupload.adapters.url;

import io.vodupload.ports.SafeUrl;
import io.vodupload.ports.StreamSource.Opened;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * One download of a {@link UrlSource}: its HTTP client, the response being read and the body the uploader
 * reads, which resumes with a validated {@code Range} request when the network breaks it off.
 *
 * <p>Read by one thread; {@link #close()} may come from another and is idempotent.
 */
final class Download extends InputStream {

    private static final System.Logger LOG = System.getLogger(UrlSource.class.getName());
    private static final Pattern CONTENT_RANGE = Pattern.compile("(?i)\\s*bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)\\s*");

    private final URI uri;
    private final UrlSource.Settings settings;
    private final CloseableHttpClient client;
    /** The credential values of the URL and of every redirect target seen, for scrubbing library messages. */
    private final Set<String> secrets = new LinkedHashSet<>();
    private final String shown;
    private OptionalLong total = OptionalLong.empty();
    private Optional<String> etag = Optional.empty();
    private Optional<String> lastModified = Optional.empty();
    private boolean rangesRefused;
    private ClassicHttpResponse response;
    private InputStream in;
    private long position;
    private int triesInARow;
    private volatile boolean closed;

    private Download(URI uri, UrlSource.Settings settings) {
        this.uri = uri;
        this.settings = settings;
        this.shown = SafeUrl.redact(uri.toString());
        this.secrets.addAll(SafeUrl.secretsIn(uri.toString()));
        Timeout connect = Timeout.of(settings.connectTimeout());
        Timeout read = Timeout.of(settings.readTimeout());
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect)
                                .setSocketTimeout(read)
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(connect)
                        .setResponseTimeout(read)
                        .setRedirectsEnabled(false)
                        .setContentCompressionEnabled(false)
                        .build())
                // redirects are followed here, to bound them, keep credentials to their origin and learn
                // the secrets of each target; bytes are taken as served, so ranges count the same bytes
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent(settings.userAgent())
                .build();
    }

    /** GETs {@code uri} (following redirects) and returns its body; a non-2xx answer fails, naming the status. */
    static Opened open(URI uri, UrlSource.Settings settings) throws IOException {
        Download download = new Download(uri, settings);
        try {
            return download.start();
        } catch (IOException | RuntimeException e) {
            download.close();
            throw e;
        }
    }

    private Opened start() throws IOException {
        ClassicHttpResponse first;
        try {
            first = request(List.of());
        } catch (IOException e) {
            throw failure("GET " + shown + " failed: " + describe(e), e);
        }
        int status = first.getCode();
        if (status < 200 || status > 299) {
            first.close();
            throw new IOException("GET " + shown + " answered " + status + reason(first));
        }
        response = first;
        HttpEntity entity = first.getEntity();
        in = entity == null ? InputStream.nullInputStream() : entity.getContent();
        Optional<String> encoding = header(first, "Content-Encoding").filter(e -> !e.equalsIgnoreCase("identity"));
        if (encoding.isEmpty()) {
            total = header(first, "Content-Length").flatMap(Download::parseLength)
                    .map(OptionalLong::of).orElse(status == 204 ? OptionalLong.of(0) : OptionalLong.empty());
        }
        etag = header(first, "ETag").filter(tag -> !tag.startsWith("W/"));
        lastModified = header(first, "Last-Modified");
        rangesRefused = header(first, "Accept-Ranges").map(r -> r.equalsIgnoreCase("none")).orElse(false);
        Optional<String> contentType = header(first, "Content-Type");
        LOG.log(System.Logger.Level.DEBUG, () -> "GET " + shown + ": " + status + ", "
                + (total.isPresent() ? total.getAsLong() + " bytes" : "length unknown") + ", validator "
                + etag.map(t -> "ETag " + t).or(() -> lastModified.map(d -> "Last-Modified " + d)).orElse("none"));
        return new Opened(this, total, contentType);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("the download of " + shown + " is closed");
        }
        if (len == 0) {
            return 0;
        }
        while (true) {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                if (closed) {
                    throw new IOException("the download of " + shown + " is closed");
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw failure("the download of " + shown + " was interrupted at byte " + position, e);
                }
                resume(e);
                continue;
            }
            if (n < 0) {
                if (total.isPresent() && position < total.getAsLong()) {
                    resume(new EOFException("the body ended at byte " + position + " of " + total.getAsLong()));
                    continue;
                }
                return -1;
            }
            if (n > 0) {
                position += n;
                triesInARow = 0;
            }
            return n;
        }
    }

    /** Asks for the rest from {@link #position} until a validated 206 comes, or fails saying why not. */
    private void resume(IOException cause) throws IOException {
        releaseResponse();
        String broke = "the download of " + shown + " broke off at byte " + position + " (" + describe(cause) + ")";
        LOG.log(System.Logger.Level.DEBUG, () -> broke);
        if (rangesRefused) {
            throw failure(broke + " and cannot resume: the server does not support ranges (Accept-Ranges: none)",
                    cause);
        }
        Optional<String> validator = etag.or(() -> lastModified);
        if (validator.isEmpty()) {
            throw failure(broke + " and cannot resume: the server gave neither a strong ETag nor a Last-Modified,"
                    + " so the rest could come from a changed file", cause);
        }
        IOException last = cause;
        while (true) {
            triesInARow++;
            if (triesInARow > settings.maxResumes()) {
                throw failure(broke + "; gave up after " + settings.maxResumes() + " resume tries, the last: "
                        + describe(last), last);
            }
            sleep(settings.backoff(triesInARow));
            ClassicHttpResponse answer;
            try {
                answer = request(List.of("Range", "bytes=" + position + "-", "If-Range", validator.get()));
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw failure("the download of " + shown + " was interrupted at byte " + position, e);
                }
                last = e;
                continue;
            }
            int status = answer.getCode();
            if (status == 206) {
                accept(answer, broke);
                return;
            }
            if (status == 200) {
                String name = etag.isPresent() ? "ETag" : "Last-Modified";
                Optional<String> now = header(answer, name);
                String verdict = now.isPresent() && changed(answer)
                        ? "the source changed (its " + name + " is now " + now.get() + ", was " + validator.get() + ")"
                        : "the server does not support ranges (it answered 200 to Range: bytes=" + position + "-)";
                answer.close();
                throw new IOException(broke + " and cannot resume: " + verdict);
            }
            if (status >= 500 || status == 408 || status == 429) {
                last = new IOException("the resume request answered " + status + reason(answer));
                answer.close();
                continue;
            }
            String reason = reason(answer);
            answer.close();
            throw new IOException(broke + " and cannot resume: the resume request answered " + status + reason);
        }
    }

    /** Takes a 206 as the rest of the body when it starts at {@link #position} and carries the same validator. */
    private void accept(ClassicHttpResponse answer, String broke) throws IOException {
        String range = header(answer, "Content-Range").orElse("");
        Matcher m = CONTENT_RANGE.matcher(range);
        boolean fromHere = m.matches() && Long.parseLong(m.group(1)) == position
                && (m.group(3).equals("*") || total.isEmpty() || Long.parseLong(m.group(3)) == total.getAsLong());
        if (!fromHere) {
            answer.close();
            throw new IOException(broke + " and cannot resume: the server answered Content-Range '" + range
                    + "' to Range: bytes=" + position + "-");
        }
        if (changed(answer)) {
            String now = etag.isPresent() ? header(answer, "ETag").orElse("absent")
                    : header(answer, "Last-Modified").orElse("absent");
            answer.close();
            throw new IOException(broke + " and cannot resume: the source changed (the range came with "
                    + (etag.isPresent() ? "ETag " : "Last-Modified ") + now + ", was "
                    + etag.or(() -> lastModified).orElseThrow() + ")");
        }
        response = answer;
        HttpEntity entity = answer.getEntity();
        in = entity == null ? InputStream.nullInputStream() : entity.getContent();
        LOG.log(System.Logger.Level.DEBUG, () -> "the download of " + shown + " resumed at byte " + position);
    }

    /** Whether {@code answer} lacks the validator the first answer had, or carries another. */
    private boolean changed(ClassicHttpResponse answer) {
        if (etag.isPresent()) {
            return !header(answer, "ETag").equals(etag);
        }
        return !header(answer, "Last-Modified").equals(lastModified);
    }

    /**
     * GETs the URL with {@code headers} (name, value, ...), following redirects up to the limit; returns the
     * first answer that is not a redirect, open.
     */
    private ClassicHttpResponse request(List<String> headers) throws IOException {
        URI current = uri;
        Set<URI> seen = new HashSet<>();
        seen.add(current);
        for (int hop = 0; ; hop++) {
            HttpGet get = new HttpGet(withoutUserInfo(current));
            for (int i = 0; i < headers.size(); i += 2) {
                get.setHeader(headers.get(i), headers.get(i + 1));
            }
            basicAuthorization(current).ifPresent(value -> get.setHeader("Authorization", value));
            ClassicHttpResponse answer = client.executeOpen(null, get, null);
            int status = answer.getCode();
            if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
                return answer;
            }
            Optional<String> location = header(answer, "Location");
            answer.close();
            String from = SafeUrl.redact(current.toString());
            if (location.isEmpty()) {
                throw new IOException("GET " + from + " answered " + status + " without a Location");
            }
            URI next;
            try {
                next = current.resolve(location.get());
            } catch (IllegalArgumentException e) {
                throw new IOException("GET " + from + " redirected to an invalid URL: "
                        + SafeUrl.scrub(location.get(), secrets));
            }
            secrets.addAll(SafeUrl.secretsIn(next.toString()));
            String to = SafeUrl.redact(next.toString());
            String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || next.getHost() == null) {
                throw new IOException("GET " + from + " redirected to " + to + ", which is not an http(s) URL");
            }
            if (!seen.add(next)) {
                throw new IOException("GET " + shown + " redirects in a loop: " + to + " came twice");
            }
            if (hop + 1 > settings.maxRedirects()) {
                throw new IOException("GET " + shown + " redirected more than " + settings.maxRedirects()
                        + " times (the last to " + to + ")");
            }
            LOG.log(System.Logger.Level.DEBUG, () -> "GET " + from + ": " + status + " to " + to);
            current = next;
        }
    }

    /** Basic credentials from the URL's user-info, for the URL's own origin only. */
    private Optional<String> basicAuthorization(URI target) {
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null || !sameOrigin(uri, target)) {
            return Optional.empty();
        }
        int colon = userInfo.indexOf(':');
        String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
        String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
        return Optional.of("Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    /** HttpClient 5 refuses a URI with user-info (deprecated by RFC 9110); it goes as a header instead. */
    static URI withoutUserInfo(URI u) {
        if (u.getRawUserInfo() == null) {
            return u;
        }
        String authority = u.getRawAuthority();
        StringBuilder s = new StringBuilder(u.getScheme()).append("://")
                .append(authority.substring(authority.lastIndexOf('@') + 1));
        if (u.getRawPath() != null) {
            s.append(u.getRawPath());
        }
        if (u.getRawQuery() != null) {
            s.append('?').append(u.getRawQuery());
        }
        return URI.create(s.toString());
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private void sleep(Duration wait) throws IOException {
        try {
            settings.sleeper().sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to resume the download of " + shown);
        }
    }

    /** An exception with a message safe to show; the cause is kept only when its own message is. */
    private IOException failure(String message, IOException cause) {
        String m = cause.getMessage();
        boolean clean = m == null || SafeUrl.scrub(m, secrets).equals(m);
        return new IOException(message, clean ? cause : null);
    }

    private String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + SafeUrl.scrub(m, secrets));
    }

    private static Optional<String> header(ClassicHttpResponse r, String name) {
        Header h = r.getFirstHeader(name);
        return h == null ? Optional.empty() : Optional.of(h.getValue().strip()).filter(v -> !v.isEmpty());
    }

    private static String reason(ClassicHttpResponse r) {
        String phrase = r.getReasonPhrase();
        return phrase == null || phrase.isBlank() ? "" : " " + phrase.strip();
    }

    private static Optional<Long> parseLength(String value) {
        try {
            long n = Long.parseLong(value);
            return n >= 0 ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void releaseResponse() {
        ClassicHttpResponse r = response;
        response = null;
        if (r != null) {
            try {
                r.close();
            } catch (IOException e) {
                // the connection is being dropped anyway
            }
        }
    }

    /** Releases the response (without reading the rest of its body) and the client. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        releaseResponse();
        client.close();
    }

    @Override
    public String toString() {
        return "Download[" + shown + " at byte " + position + "]";
    }
}
