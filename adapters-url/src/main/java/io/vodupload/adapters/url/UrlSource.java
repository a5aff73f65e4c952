package io.vodupload.adapters.url;

import io.vodupload.ports.SafeUrl;
import io.vodupload.ports.Sleeper;
import io.vodupload.ports.StreamSource;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@code http://} or {@code https://} URL as a {@link StreamSource}: {@link #open()} GETs it and hands
 * the response body to the uploader, which streams it into the upload without touching the disk.
 *
 * <ul>
 *   <li><b>Redirects</b> (301, 302, 303, 307, 308) are followed, at most {@link Builder#maxRedirects} (10);
 *       a loop or one too many fails clearly. A user-info ({@code https://u:p@host/...}) is sent as Basic
 *       authentication to the URL's own origin only, never after a redirect to another.</li>
 *   <li><b>Size and type</b>: {@link Opened#size()} is the response's {@code Content-Length} (empty when it
 *       has none), {@link Opened#contentType()} its {@code Content-Type}; {@link #fileName()} the URL path's
 *       last segment, percent-decoded.</li>
 *   <li><b>Network faults</b>: when the body breaks off (a reset, a timeout, a connection closed early),
 *       the body asks again for the rest, {@code Range: bytes=<read so far>-} with {@code If-Range} on the
 *       first answer's strong {@code ETag} (or its {@code Last-Modified} when it had no strong ETag), and
 *       continues only with a 206 from that byte that carries the same validator. A 200, another
 *       validator, or a server that does not do ranges fails the read with an {@link IOException} that
 *       says so ("the source changed", "the server does not support ranges"); different bytes are never
 *       spliced. At most {@link Builder#maxResumes} (5) tries in a row without a byte gained, waiting
 *       through the {@link Sleeper} between them (1 s, doubling up to 30 s).</li>
 *   <li><b>Secrets</b>: {@link #describe()}, every exception message and every log line show the URL
 *       through {@link SafeUrl#redact}; a library message that quotes it is scrubbed.</li>
 * </ul>
 *
 * <pre>{@code
 * StreamSource source = UrlSource.builder(URI.create("https://cdn.example.com/v/a.mp4?auth_key=..."))
 *         .readTimeout(Duration.ofSeconds(30))
 *         .build();
 * source.describe();   // "https://cdn.example.com/v/a.mp4?auth_key=***"
 * }</pre>
 *
 * <p>Immutable and thread-safe; each {@link #open()} makes its own connections, which closing the body
 * releases. The body is read by one thread.
 */
public final class UrlSource implements StreamSource {

    private final URI uri;
    private final Settings settings;

    private UrlSource(Builder b) {
        this.uri = b.uri;
        this.settings = new Settings(b.connectTimeout, b.readTimeout, b.maxRedirects, b.maxResumes,
                b.firstBackoff, b.maxBackoff, b.sleeper, b.userAgent);
    }

    /**
     * A builder for {@code uri}, with the defaults described on its methods.
     *
     * @param uri an absolute {@code http} or {@code https} URL
     * @return the builder
     * @throws IllegalArgumentException when {@code uri} is not such a URL (the message shows it redacted)
     */
    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    /**
     * {@return a source for {@code uri} with every default}
     *
     * @param uri an absolute {@code http} or {@code https} URL
     * @throws IllegalArgumentException when {@code uri} is not such a URL
     */
    public static UrlSource of(URI uri) {
        return builder(uri).build();
    }

    /**
     * {@return whether {@code argument} names an HTTP(S) URL (it starts with {@code http://} or
     * {@code https://}, any case), the test a command line applies before it treats it as a URL}
     *
     * @param argument a command-line argument or other text
     */
    public static boolean isUrl(String argument) {
        String lower = argument.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    @Override
    public Opened open() throws IOException {
        return Download.open(uri, settings);
    }

    @Override
    public String describe() {
        return SafeUrl.redact(uri.toString());
    }

    /** The URL path's last segment, percent-decoded; empty when the path is empty or ends with {@code /}. */
    @Override
    public Optional<String> fileName() {
        String path = uri.getRawPath();
        if (path == null || path.isEmpty() || path.endsWith("/")) {
            return Optional.empty();
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        String decoded;
        try {
            decoded = URLDecoder.decode(last.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = last;
        }
        // a decoded "/" or "\" would make a key with more directories than the URL showed
        if (decoded.isEmpty() || decoded.equals(".") || decoded.equals("..") || decoded.indexOf('/') >= 0
                || decoded.indexOf('\\') >= 0 || decoded.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.empty();
        }
        return Optional.of(decoded);
    }

    @Override
    public String toString() {
        return "UrlSource[" + describe() + "]";
    }

    /** The settings of one source, handed to each download. */
    record Settings(Duration connectTimeout, Duration readTimeout, int maxRedirects, int maxResumes,
            Duration firstBackoff, Duration maxBackoff, Sleeper sleeper, String userAgent) {

        /** The wait before resume try {@code attempt} (1-based): first, doubled each time, at most max. */
        Duration backoff(int attempt) {
            Duration wait = firstBackoff;
            for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
                wait = wait.multipliedBy(2);
            }
            return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
        }
    }

    /** Builds a {@link UrlSource}; every setting has a default. Not thread-safe; build once. */
    public static final class Builder {

        private final URI uri;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(60);
        private int maxRedirects = 10;
        private int maxResumes = 5;
        private Duration firstBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Sleeper sleeper = Sleeper.system();
        private String userAgent = "vodupload-java";

        private Builder(URI uri) {
            Objects.requireNonNull(uri, "uri");
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
                throw new IllegalArgumentException("not an http or https URL: " + SafeUrl.redact(uri.toString()));
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new IllegalArgumentException("URL without a host: " + SafeUrl.redact(uri.toString()));
            }
            try {
                // normalise the scheme's case, which HttpClient's route planning expects in lower case
                this.uri = new URI(scheme + uri.toString().substring(uri.getScheme().length()));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("not a URL: " + SafeUrl.redact(uri.toString()), e);
            }
        }

        /** How long to wait for a connection (10 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** How long a read may wait for the next byte, and a request for its answer (60 s). */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout, "readTimeout");
            return this;
        }

        /** How many redirects one request may follow, 0..50 (10). */
        public Builder maxRedirects(int max) {
            if (max < 0 || max > 50) {
                throw new IllegalArgumentException("maxRedirects out of 0..50: " + max);
            }
            this.maxRedirects = max;
            return this;
        }

        /** How many resume tries in a row, without a byte gained between them, 0..100 (5); 0 never resumes. */
        public Builder maxResumes(int max) {
            if (max < 0 || max > 100) {
                throw new IllegalArgumentException("maxResumes out of 0..100: " + max);
            }
            this.maxResumes = max;
            return this;
        }

        /** The wait before the first resume try (1 s), doubled for each next one up to {@code max} (30 s). */
        public Builder backoff(Duration first, Duration max) {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(max, "max");
            if (first.isNegative() || max.compareTo(first) < 0) {
                throw new IllegalArgumentException("backoff needs 0 <= first <= max: " + first + ", " + max);
            }
            this.firstBackoff = first;
            this.maxBackoff = max;
            return this;
        }

        /** What waits between resume tries ({@link Sleeper#system()}). */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** The {@code User-Agent} sent ({@code vodupload-java}). */
        public Builder userAgent(String userAgent) {
            this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
            return this;
        }

        /** {@return the source} */
        public UrlSource build() {
            return new UrlSource(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " <= 0: " + d);
            }
            return d;
        }
    }
}
