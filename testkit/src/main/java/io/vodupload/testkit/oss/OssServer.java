package io.vodupload.testkit.oss;

import com.sun.net.httpserver.HttpServer;
import io.vodupload.ports.Sleeper;
import io.vodupload.testkit.StorageFaults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OSS-compatible HTTP server on loopback for tests and benchmarks: stateful (objects and multipart
 * uploads in memory), strict (checks V1 and V4 header signatures, STS tokens and the request time the
 * way OSS does), and able to misbehave on purpose ({@link #faults()}).
 *
 * <p>Serves PutObject, GetObject, HeadObject, DeleteObject, InitiateMultipartUpload, UploadPart, ListParts,
 * CompleteMultipartUpload and AbortMultipartUpload, in path style ({@code http://127.0.0.1:port/bucket/key})
 * and virtual-hosted style ({@code Host: bucket.<domain>}, for the domains given to the builder, plus any
 * host whose first label is a configured bucket). Answers carry {@code x-oss-request-id}, ETags and
 * {@code x-oss-hash-crc64ecma} as OSS writes them, and OSS error XML.
 *
 * <pre>{@code
 * try (OssServer server = OssServer.builder()
 *         .bucket("media")
 *         .credentials(OssCredentials.sts("STS.ak", "sk", "token"))
 *         .start()) {
 *     URI endpoint = server.endpoint();          // http://127.0.0.1:<random port>
 *     server.faults().failNext(OssOperation.UPLOAD_PART, 503, "ServiceUnavailable");
 *     ... upload ...
 *     assertThat(server.object("media", "a.mp4").orElseThrow().bytes()).isEqualTo(expected);
 * }
 * }</pre>
 *
 * <p>Thread-safe: requests run concurrently on a pool of handler threads; tests may arm faults, add
 * credentials and read statistics while they run. {@link #close()} releases held stalls and stops the
 * server; it is idempotent.
 */
public final class OssServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(OssServer.class.getName());

    private final HttpServer http;
    private final ExecutorService executor;
    private final ObjectStore store;
    private final OssCredentialStore credentials;
    private final OssFaults faults;
    private final OssServerStats stats;
    private final StorageFaults storageFaults;
    private final Clock clock;
    private final String region;
    private final URI endpoint;
    private final LinkEmulation link;
    private boolean closed;

    private OssServer(Builder b) throws IOException {
        this.clock = b.clock;
        this.region = b.region;
        this.store = new ObjectStore(b.buckets, b.storageMode);
        this.credentials = new OssCredentialStore();
        b.credentials.forEach(credentials::add);
        this.faults = new OssFaults(store, b.clockOffset);
        this.stats = new OssServerStats();
        this.storageFaults = new ServerStorageFaults(faults);
        Authenticator authenticator = new Authenticator(credentials, this::serverTime, region, b.maxClockSkew);
        byte[] prefix = new byte[4];
        new SecureRandom().nextBytes(prefix);
        String requestIdPrefix = OssCodec.hexUpper(prefix);
        OssHandler handler = new OssHandler(store, authenticator, faults, stats, b.sleeper, this::serverTime,
                b.serviceDomains, requestIdPrefix, new LinkEmulation.Link(b.link, b.sleeper, System::nanoTime));
        this.link = b.link;

        this.http = HttpServer.create(new InetSocketAddress(b.bindAddress, b.port), 128);
        this.http.createContext("/", handler);
        this.executor = Executors.newFixedThreadPool(b.threads, new HandlerThreads());
        this.http.setExecutor(executor);
        this.http.start();
        InetSocketAddress bound = http.getAddress();
        String host = bound.getAddress().getHostAddress();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        this.endpoint = URI.create("http://" + host + ":" + bound.getPort());
        LOG.log(System.Logger.Level.DEBUG, "testkit OSS server listening on " + endpoint + ", buckets " + b.buckets
                + ", storage " + b.storageMode);
    }

    /** A builder with the defaults: random port on 127.0.0.1, region cn-hangzhou, {@link StorageMode#FULL}. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:<port>}: give it to clients as the OSS endpoint (they use path style on an IP). */
    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return endpoint.getPort();
    }

    /** The emulated link ({@link LinkEmulation#NONE} unless the builder set one). */
    public LinkEmulation link() {
        return link;
    }

    /** The region V4 signatures must be scoped to. */
    public String region() {
        return region;
    }

    public Set<String> buckets() {
        return store.buckets();
    }

    public StorageMode storageMode() {
        return store.mode();
    }

    /** The credential sets accepted; add, remove and expire while the server runs. */
    public OssCredentialStore credentials() {
        return credentials;
    }

    /** Fault injection. */
    public OssFaults faults() {
        return faults;
    }

    /** The same faults through the storage contract suite's interface. */
    public StorageFaults storageFaults() {
        return storageFaults;
    }

    public OssServerStats stats() {
        return stats;
    }

    /** The server's clock: the configured clock plus the current {@link OssFaults#clockOffset}. */
    public Instant serverTime() {
        return clock.instant().plus(faults.clockOffset());
    }

    /** The object stored at {@code bucket/key}, if any. */
    public Optional<OssObject> object(String bucket, String key) {
        return store.object(bucket, key);
    }

    /** The ids of the multipart uploads in progress (initiated, neither completed, aborted nor forgotten). */
    public Set<String> uploadIds() {
        return store.uploadIds();
    }

    /** The part numbers uploaded so far to {@code uploadId}; empty when the upload is unknown. */
    public Optional<SortedSet<Integer>> partNumbers(String uploadId) {
        return store.partNumbers(uploadId);
    }

    /** Releases every held stall and stops the server; requests in flight are cut off. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        faults.releaseAll();
        http.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "OssServer[" + endpoint + ", buckets " + store.buckets() + ", " + store.mode()
                + (link.isNone() ? "" : ", link " + link) + "]";
    }

    private static final class HandlerThreads implements ThreadFactory {
        private final AtomicInteger n = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "testkit-oss-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }

    /**
     * Configures and starts an {@link OssServer}. Not thread-safe; build on one thread. At least one bucket
     * is required; with no credentials every request is refused ({@code InvalidAccessKeyId}).
     */
    public static final class Builder {
        private final Set<String> buckets = new LinkedHashSet<>();
        private final List<OssCredentials> credentials = new ArrayList<>();
        private final List<String> serviceDomains = new ArrayList<>(List.of("localhost"));
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port;
        private String region = "cn-hangzhou";
        private Clock clock = Clock.systemUTC();
        private Duration clockOffset = Duration.ZERO;
        private Sleeper sleeper = Sleeper.system();
        private StorageMode storageMode = StorageMode.FULL;
        private int threads = 16;
        private Duration maxClockSkew = Duration.ofMinutes(15);
        private LinkEmulation link = LinkEmulation.NONE;

        private Builder() {
        }

        /**
         * Emulates a network link: latency per request and caps on the rate request bodies are read, per
         * connection and in all; {@link LinkEmulation#NONE} (plain loopback) by default. The waits go
         * through {@link #sleeper}.
         */
        public Builder link(LinkEmulation link) {
            this.link = Objects.requireNonNull(link, "link");
            return this;
        }

        /** Adds a bucket (lowercase letters, digits and '-', 3–63 characters, as OSS names them). */
        public Builder bucket(String name) {
            if (name == null || !name.matches("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]")) {
                throw new IllegalArgumentException("not an OSS bucket name: " + name);
            }
            buckets.add(name);
            return this;
        }

        /** Adds an accepted credential set. */
        public Builder credentials(OssCredentials c) {
            credentials.add(Objects.requireNonNull(c, "credentials"));
            return this;
        }

        /** The port to listen on; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port outside 0..65535: " + port);
            }
            this.port = port;
            return this;
        }

        /** The address to bind; the loopback address by default. */
        public Builder bindAddress(InetAddress address) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The region V4 credential scopes must name (without {@code oss-}); cn-hangzhou by default. */
        public Builder region(String region) {
            if (region == null || region.isBlank() || region.startsWith("oss-")) {
                throw new IllegalArgumentException("region must be an id like cn-hangzhou: " + region);
            }
            this.region = region;
            return this;
        }

        /** The base clock for request-time checks and timestamps; the system UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** A standing offset of the server clock from {@link #clock}; {@link OssFaults#clear()} returns to it. */
        public Builder clockOffset(Duration offset) {
            this.clockOffset = Objects.requireNonNull(offset, "offset");
            return this;
        }

        /** What waits for {@link OssFaults#delayEveryRequest}; {@link Sleeper#system()} by default. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        public Builder storageMode(StorageMode mode) {
            this.storageMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Handler threads (requests served at once, stalled ones included); 16 by default. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads < 1: " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** How far a request's time may be from the server's; 15 minutes, as OSS, by default. */
        public Builder maxClockSkew(Duration skew) {
            if (skew.isNegative()) {
                throw new IllegalArgumentException("skew < 0: " + skew);
            }
            this.maxClockSkew = skew;
            return this;
        }

        /**
         * A domain under which {@code <bucket>.<domain>} is virtual-hosted addressing (for example
         * {@code oss-cn-hangzhou.aliyuncs.com}); {@code localhost} is always one.
         */
        public Builder serviceDomain(String domain) {
            if (domain == null || domain.isBlank() || domain.contains("/") || domain.contains(":")) {
                throw new IllegalArgumentException("not a host name: " + domain);
            }
            serviceDomains.add(domain);
            return this;
        }

        /**
         * Starts the server.
         *
         * @throws IllegalStateException when no bucket was configured
         * @throws UncheckedIOException  when the port cannot be bound
         */
        public OssServer start() {
            if (buckets.isEmpty()) {
                throw new IllegalStateException("an OssServer needs at least one bucket");
            }
            try {
                return new OssServer(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the testkit OSS server on " + bindAddress + ":" + port, e);
            }
        }
    }
}
