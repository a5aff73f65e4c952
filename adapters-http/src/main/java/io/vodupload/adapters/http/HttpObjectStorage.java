package io.vodupload.adapters.http;

import io.vodupload.osswire.ContentMd5;
import io.vodupload.osswire.OssEndpoints;
import io.vodupload.osswire.PartDigests;
import io.vodupload.osswire.RegionBody;
import io.vodupload.osswire.StallWatchdog;
import io.vodupload.ports.Crc64;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.FileRegion;
import io.vodupload.ports.PartBody;
import io.vodupload.ports.ObjectInfo;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.ObjectReceipt;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.PartReceipt;
import io.vodupload.ports.SignatureVersion;
import io.vodupload.ports.StorageArguments;
import io.vodupload.ports.StorageException;
import io.vodupload.ports.StorageException.Kind;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.TransferListener;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.config.CharCodingConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The {@link ObjectStorage} port as OSS REST over Apache HttpClient 5.
 *
 * <pre>{@code
 * try (HttpObjectStorage storage = HttpObjectStorage.builder()
 *         .maxConnections(8)
 *         .responseTimeout(Duration.ofSeconds(30))
 *         .build()) {
 *     String uploadId = storage.initiateMultipart(target, credentials, ObjectMetadata.EMPTY);
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Signing.</b> Every request is signed afresh, at the injected {@link Clock}'s time plus an offset
 * the adapter learns from {@code RequestTimeTooSkewed}. {@link SignatureVersion#AUTO} (the default) signs
 * with V4 ({@code OSS4-HMAC-SHA256}) when the region is known — from {@link StorageTarget#region()}, from
 * an OSS endpoint ({@code [bucket.]oss-<region>[-internal].aliyuncs.com} or {@code .aliyun-inc.com}), or
 * from {@link Builder#region} — and with V1 otherwise. STS credentials add {@code x-oss-security-token}.
 *
 * <p><b>Addressing.</b> {@link Addressing#AUTO} (the default) uses virtual-hosted URLs
 * ({@code https://bucket.endpoint/key}) except for IP-literal, {@code localhost} and {@code *.localhost}
 * endpoints, which get path-style URLs ({@code http://127.0.0.1:port/bucket/key}). Addressing and the
 * signature version are decided by oss-wire's {@code OssEndpoints}, the same code as the aliyun-sdk-oss
 * transport's, so one endpoint is sent the same way by both.
 *
 * <p><b>Bodies</b> stream from the {@link FileRegion} through a {@code FileChannel} and a 64 KiB buffer (a
 * {@link io.vodupload.ports.MemoryBody} from its buffer, the same way) with a {@code Content-Length}; their
 * CRC-64 is computed in the same pass and compared with the server's {@code x-oss-hash-crc64ecma}. A
 * PutObject also carries a {@code Content-MD5} read from the body just before (so the server refuses a body
 * that changed while it was sent, and the object that was there stays); an UploadPart carries one until the
 * bucket has answered a part with its CRC-64 ({@link PartDigests} says why that loses nothing). A body that
 * stops moving for the response timeout is aborted (Java socket writes have no timeout of their own).
 *
 * <p><b>Failures</b> are {@link StorageException}s whose kind follows OSS-PROTOCOL §3 and the
 * {@link Kind} javadoc; this class never retries on its own (HttpClient's retries are off), and never
 * follows redirects. TLS certificates and host names are always verified against the JVM's trust store;
 * there is no switch to turn that off.
 *
 * <p><b>Threading:</b> thread-safe; one instance serves any number of uploads and parts in flight, which
 * share a pool of up to {@link Builder#maxConnections} connections. <b>Lifecycle:</b> {@link #close()}
 * closes the pool; later calls fail with {@code StorageClosed}.
 */
public final class HttpObjectStorage implements ObjectStorage {

    /** How the bucket is put into the URL. */
    public enum Addressing {
        /** Path style for IP-literal, {@code localhost} and {@code *.localhost} endpoints, virtual-hosted otherwise. */
        AUTO(OssEndpoints.Addressing.AUTO),
        /** {@code https://bucket.endpoint/key}: what public OSS endpoints require. */
        VIRTUAL_HOSTED(OssEndpoints.Addressing.VIRTUAL_HOSTED),
        /** {@code https://endpoint/bucket/key}: for local and OSS-compatible servers. */
        PATH_STYLE(OssEndpoints.Addressing.PATH_STYLE);

        private final OssEndpoints.Addressing wire;

        Addressing(OssEndpoints.Addressing wire) {
            this.wire = wire;
        }
    }

    private static final System.Logger LOG = System.getLogger(HttpObjectStorage.class.getName());
    /** Far above any response the adapter reads (a full ListParts page is about 250 KB). */
    private static final int MAX_RESPONSE_BODY = 16 * 1024 * 1024;
    private static final String CRC_HEADER = "x-oss-hash-crc64ecma";

    private final Clock clock;
    private final SignatureVersion signatureVersion;
    private final Optional<String> defaultRegion;
    private final Addressing addressing;
    private final Duration responseTimeout;
    private final PoolingHttpClientConnectionManager pool;
    private final CloseableHttpClient client;
    /** Aborts a request whose body stopped moving: a blocked socket write has no timeout of its own. */
    private final StallWatchdog watchdog;
    private final AtomicLong clockOffsetMillis = new AtomicLong();
    private final PartDigests partDigests = new PartDigests();
    private final AtomicBoolean closed = new AtomicBoolean();

    private HttpObjectStorage(Builder b) {
        this.clock = b.clock;
        this.signatureVersion = b.signatureVersion;
        this.defaultRegion = b.region;
        this.addressing = b.addressing;
        this.responseTimeout = b.responseTimeout;
        ManagedHttpClientConnectionFactory connections = ManagedHttpClientConnectionFactory.builder()
                // header values go out as UTF-8, the bytes the signature was computed over
                .charCodingConfig(CharCodingConfig.custom().setCharset(StandardCharsets.UTF_8)
                        .setMalformedInputAction(CodingErrorAction.REPLACE)
                        .setUnmappableInputAction(CodingErrorAction.REPLACE).build())
                // stop sending a part as soon as OSS answers early (e.g. 403 before reading the body)
                .responseOutOfOrderStrategy(EarlyResponseCheck.INSTANCE)
                .build();
        this.pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setConnectionFactory(connections)
                .setMaxConnTotal(b.maxConnections)
                .setMaxConnPerRoute(b.maxConnections)
                .setTlsSocketStrategy(DefaultClientTlsStrategy.createDefault())
                .setDnsResolver(b.dnsResolver)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(b.connectTimeout))
                        .setSocketTimeout(Timeout.of(b.responseTimeout))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .build())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(pool)
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent(b.userAgent)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(b.responseTimeout))
                        .setConnectionRequestTimeout(Timeout.of(b.poolTimeout))
                        .setRedirectsEnabled(false)
                        .setContentCompressionEnabled(false)
                        .setExpectContinueEnabled(false)
                        .setProtocolUpgradeEnabled(false)
                        .build())
                .build();
        this.watchdog = new StallWatchdog("vodupload-http-watchdog");
    }

    /** A builder with the defaults described on its methods. */
    public static Builder builder() {
        return new Builder();
    }

    // ---- operations -------------------------------------------------------------------------------

    @Override
    public String initiateMultipart(StorageTarget target, Credentials credentials, ObjectMetadata metadata) {
        Objects.requireNonNull(metadata, "metadata");
        String op = "InitiateMultipartUpload " + target.displayName();
        Map<String, String> headers = new LinkedHashMap<>();
        metadata.contentType().ifPresent(ct -> headers.put("Content-Type", ct));
        headers.putAll(metadata.headers());
        Response r = execute(new Call(op, "POST", target, credentials, query("uploads", ""), headers, null, null));
        if (r.status != 200) {
            throw fail(r, op, credentials);
        }
        OssXml.InitiateResult result = readXml(r, op, OssXml.InitiateResult.class);
        if (result.uploadId == null || result.uploadId.isBlank()) {
            throw OssErrors.invalidResponse(op, r.status, r.requestId(), "no UploadId in the response");
        }
        return result.uploadId.trim();
    }

    @Override
    public PartReceipt uploadPart(StorageTarget target, Credentials credentials, String uploadId, int partNumber,
                                  PartBody body, TransferListener listener) {
        StorageArguments.requireUploadId(uploadId);
        StorageArguments.requirePartNumber(partNumber);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(listener, "listener");
        String op = "UploadPart " + partNumber + " " + target.displayName();
        // partNumber first: some OSS look-alikes recognise UploadPart only by "?partNumber="
        Map<String, String> query = query("partNumber", Integer.toString(partNumber));
        query.put("uploadId", uploadId);
        boolean withMd5 = partDigests.needsContentMd5(target);
        Map<String, String> headers = withMd5 ? Map.of(ContentMd5.HEADER, contentMd5(body, op)) : Map.of();
        PartBodyEntity entity = new PartBodyEntity(body, listener);
        Response r = execute(new Call(op, "PUT", target, credentials, query, headers, entity, entity));
        if (r.status != 200) {
            throw fail(r, op, credentials);
        }
        String etag = requireEtag(r, op);
        long crc = checkCrc(r, op, entity);
        if (!partDigests.answered(target, withMd5, serverCrc(r, op).isPresent())) {
            throw new StorageException(Kind.RETRYABLE, "PartUnverified", r.status, r.requestId().orElse(null),
                    op + ": sent without Content-MD5 and answered without a CRC-64, so nothing checked it",
                    null, null);
        }
        return PartReceipt.of(partNumber, etag, body.length(), crc);
    }

    @Override
    public List<PartReceipt> listParts(StorageTarget target, Credentials credentials, String uploadId) {
        StorageArguments.requireUploadId(uploadId);
        String op = "ListParts " + target.displayName();
        TreeMap<Integer, PartReceipt> parts = new TreeMap<>();
        int marker = 0;
        while (true) {
            Map<String, String> query = query("uploadId", uploadId);
            if (marker > 0) {
                query.put("part-number-marker", Integer.toString(marker));
            }
            Response r = execute(new Call(op, "GET", target, credentials, query, Map.of(), null, null));
            if (r.status != 200) {
                throw fail(r, op, credentials);
            }
            OssXml.ListPartsResult page = readXml(r, op, OssXml.ListPartsResult.class);
            for (OssXml.Part p : page.parts) {
                parts.put(p.partNumber, toReceipt(p, r, op));
            }
            if (!page.isTruncated) {
                return Collections.unmodifiableList(new ArrayList<>(parts.values()));
            }
            int next = parseMarker(page.nextPartNumberMarker);
            if (next <= marker) {
                // a marker that does not advance would loop for ever
                throw OssErrors.invalidResponse(op, r.status, r.requestId(),
                        "truncated listing with NextPartNumberMarker " + page.nextPartNumberMarker
                                + " after marker " + marker);
            }
            marker = next;
        }
    }

    @Override
    public ObjectReceipt completeMultipart(StorageTarget target, Credentials credentials, String uploadId,
                                           List<PartReceipt> parts, ObjectMetadata metadata) {
        StorageArguments.requireUploadId(uploadId);
        Objects.requireNonNull(parts, "parts");
        Objects.requireNonNull(metadata, "metadata");
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no parts to complete upload " + uploadId + " with");
        }
        StorageArguments.requireDistinctPartNumbers(parts);
        TreeMap<Integer, PartReceipt> sorted = new TreeMap<>();
        parts.forEach(p -> sorted.put(p.partNumber(), p));
        String op = "CompleteMultipartUpload " + target.displayName();
        Map<String, String> headers = new LinkedHashMap<>();
        // set (and signed) here: an entity content type would be added by HttpClient after signing
        headers.put("Content-Type", "application/xml");
        headers.putAll(metadata.headers());
        HttpEntity xml = new ByteArrayEntity(OssXml.completeBody(new ArrayList<>(sorted.values())), null);
        Response r = execute(new Call(op, "POST", target, credentials, query("uploadId", uploadId), headers, xml,
                null));
        if (r.status != 200 || OssXml.rootElement(r.body).map("Error"::equals).orElse(false)) {
            // OSS may answer 200 and still fail the completion in the body
            throw fail(r, op, credentials);
        }
        OssXml.CompleteResult result = readXml(r, op, OssXml.CompleteResult.class);
        String etag = result.etag != null && !result.etag.isBlank() ? result.etag : r.header("ETag").orElse("");
        if (PartReceipt.unquote(etag).isBlank()) {
            throw OssErrors.invalidResponse(op, r.status, r.requestId(), "no ETag in the response");
        }
        return new ObjectReceipt(etag, serverCrc(r, op), r.requestId());
    }

    @Override
    public void abortMultipart(StorageTarget target, Credentials credentials, String uploadId) {
        StorageArguments.requireUploadId(uploadId);
        String op = "AbortMultipartUpload " + target.displayName();
        Response r = execute(new Call(op, "DELETE", target, credentials, query("uploadId", uploadId), Map.of(),
                null, null));
        if (r.status == 204 || r.status == 200) {
            return;
        }
        StorageException e = fail(r, op, credentials);
        if (e.kind() == Kind.UPLOAD_GONE) {
            return;
        }
        throw e;
    }

    @Override
    public ObjectReceipt putObject(StorageTarget target, Credentials credentials, PartBody body,
                                   ObjectMetadata metadata, TransferListener listener) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(listener, "listener");
        String op = "PutObject " + target.displayName();
        Map<String, String> headers = new LinkedHashMap<>();
        metadata.contentType().ifPresent(ct -> headers.put("Content-Type", ct));
        headers.putAll(metadata.headers());
        headers.put(ContentMd5.HEADER, contentMd5(body, op));
        PartBodyEntity entity = new PartBodyEntity(body, listener);
        Response r = execute(new Call(op, "PUT", target, credentials, new LinkedHashMap<>(), headers, entity, entity));
        if (r.status != 200) {
            throw fail(r, op, credentials);
        }
        String etag = requireEtag(r, op);
        checkCrc(r, op, entity);
        return new ObjectReceipt(etag, serverCrc(r, op), r.requestId());
    }

    @Override
    public Optional<ObjectInfo> headObject(StorageTarget target, Credentials credentials) {
        String op = "HeadObject " + target.displayName();
        Response r = execute(new Call(op, "HEAD", target, credentials, new LinkedHashMap<>(), Map.of(), null, null));
        if (r.status == 200) {
            long length;
            try {
                length = Long.parseLong(r.header("Content-Length").orElse("").trim());
            } catch (NumberFormatException e) {
                throw OssErrors.invalidResponse(op, r.status, r.requestId(), "no valid Content-Length");
            }
            return Optional.of(new ObjectInfo(length, r.header("ETag").orElse(""), serverCrc(r, op)));
        }
        StorageException e = fail(r, op, credentials);
        if (r.status == 404 && e.errorCode().equals("NoSuchKey")) {
            return Optional.empty();
        }
        throw e;
    }

    /** Closes the connection pool and the watchdog thread. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            watchdog.close();
            client.close(CloseMode.GRACEFUL);
            pool.close(CloseMode.GRACEFUL);
        }
    }

    /** The offset added to the clock when signing, learnt from the last {@code RequestTimeTooSkewed}. */
    Duration clockOffset() {
        return Duration.ofMillis(clockOffsetMillis.get());
    }

    // ---- the request path -------------------------------------------------------------------------

    /** One request to make: what to sign and send, and how to describe it in messages. */
    private record Call(String operation, String method, StorageTarget target, Credentials credentials,
                        Map<String, String> query, Map<String, String> headers, HttpEntity entity,
                        PartBodyEntity streamed) {
        Call {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(credentials, "credentials");
        }

        @Override
        public String toString() {
            return "Call[" + operation + "]";
        }
    }

    /** A response, read whole (bodies here are small XML documents). */
    private static final class Response {
        final int status;
        final Map<String, String> headers;
        final byte[] body;

        Response(int status, Map<String, String> headers, byte[] body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }

        Optional<String> requestId() {
            return header("x-oss-request-id").filter(s -> !s.isBlank());
        }
    }

    private Response execute(Call call) {
        if (closed.get()) {
            throw new StorageException(Kind.FATAL, "StorageClosed", call.operation + ": the storage is closed", null);
        }
        StorageTarget target = call.target;
        OssEndpoints.Route route = OssEndpoints.route(call.operation, target, addressing.wire, signatureVersion,
                defaultRegion);
        String path = (route.pathStyle() ? "/" + target.bucket() + "/" : "/") + OssEncoding.encodePath(target.key());
        OssSigner.Version version = route.signature() == OssEndpoints.Signature.V4
                ? OssSigner.Version.V4 : OssSigner.Version.V1;

        Instant now = clock.instant().plusMillis(clockOffsetMillis.get());
        OssSigner.Signed signed = OssSigner.sign(version,
                new OssSigner.Request(call.method, Optional.of(target.bucket()), Optional.of(target.key()),
                        call.query, call.headers),
                call.credentials, now, route.region().orElse(null), Set.of());

        StringBuilder uri = new StringBuilder(route.service().getScheme()).append("://").append(route.authority())
                .append(path);
        char sep = '?';
        for (Map.Entry<String, String> q : call.query.entrySet()) {
            uri.append(sep).append(OssEncoding.encode(q.getKey()));
            if (!q.getValue().isEmpty()) {
                uri.append('=').append(OssEncoding.encode(q.getValue()));
            }
            sep = '&';
        }
        HttpUriRequestBase request = new HttpUriRequestBase(call.method, URI.create(uri.toString()));
        signed.headers().forEach(request::setHeader);
        if (call.entity != null) {
            request.setEntity(call.entity);
        }

        long bodyBytes = call.entity == null ? 0 : Math.max(0, call.entity.getContentLength());
        Duration limit = StallWatchdog.deadline(responseTimeout, bodyBytes);
        StallWatchdog.Watch watch = call.streamed == null ? watchdog.deadline(limit, request::cancel)
                : watchdog.watch(responseTimeout, limit, call.streamed::isWriting, call.streamed::progress,
                        request::cancel);
        try {
            Response response = client.execute(request, HttpObjectStorage::read);
            LOG.log(System.Logger.Level.DEBUG, "{0}: HTTP {1} [RequestId {2}]", call.operation, response.status,
                    response.requestId().orElse("-"));
            return response;
        } catch (IOException e) {
            rethrowCancellation(call);
            if (watch.tooSlow()) {
                StorageException slow = OssErrors.tooSlow(call.operation, limit);
                LOG.log(System.Logger.Level.DEBUG, "{0}", slow.getMessage());
                throw slow;
            }
            StorageException failure = OssErrors.fromIo(e, call.operation, watch.stalled(), call.credentials);
            if (failure.errorCode().equals("Interrupted")) {
                Thread.currentThread().interrupt();
            }
            LOG.log(System.Logger.Level.DEBUG, "{0}: {1}", call.operation, failure.getMessage());
            throw failure;
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            rethrowCancellation(call);
            if (watch.tooSlow()) {
                throw OssErrors.tooSlow(call.operation, limit);
            }
            if (closed.get()) {
                throw new StorageException(Kind.FATAL, "StorageClosed", call.operation + ": the storage is closed", e);
            }
            throw new StorageException(Kind.FATAL, "ClientError", call.operation + ": "
                    + OssErrors.scrub(e.getClass().getSimpleName() + ": " + e.getMessage(), call.credentials), null);
        } finally {
            watch.close();
        }
    }

    private static void rethrowCancellation(Call call) {
        if (call.streamed != null && call.streamed.cancellation() != null) {
            throw call.streamed.cancellation();
        }
    }

    private static Response read(ClassicHttpResponse response) throws IOException {
        TreeMap<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header h : response.getHeaders()) {
            headers.putIfAbsent(h.getName(), h.getValue());
        }
        byte[] body = response.getEntity() == null ? new byte[0]
                : EntityUtils.toByteArray(response.getEntity(), MAX_RESPONSE_BODY);
        return new Response(response.getCode(), Collections.unmodifiableMap(headers), body);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** The exception for an error response; learns the server's clock from {@code RequestTimeTooSkewed}. */
    private StorageException fail(Response r, String op, Credentials credentials) {
        OssErrors.ErrorResponse error = OssErrors.parse(r.status, r.headers, r.body);
        if (error.code().equals("RequestTimeTooSkewed") && error.serverTime().isPresent()) {
            long offset = Duration.between(clock.instant(), error.serverTime().get()).toMillis();
            clockOffsetMillis.set(offset);
            LOG.log(System.Logger.Level.INFO, "{0}: the local clock is {1} ms off the server''s; signing with "
                    + "that offset from now on", op, -offset);
        }
        StorageException e = OssErrors.toException(error, op, credentials);
        LOG.log(System.Logger.Level.DEBUG, "{0}", e.getMessage());
        return e;
    }

    private static <T> T readXml(Response r, String op, Class<T> type) {
        try {
            return OssXml.read(r.body, type);
        } catch (IOException | RuntimeException e) {
            throw OssErrors.invalidResponse(op, r.status, r.requestId(), "unreadable XML ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** The body's MD5, read before it is sent: the server refuses a body that differs (the file changed). */
    private static String contentMd5(PartBody body, String op) {
        try {
            return ContentMd5.of(body);
        } catch (RegionBody.LocalFileException e) {
            throw new StorageException(Kind.FATAL, "LocalFileError", op + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every PutObject carries a {@code Content-MD5} read from the file before the body, and so does every
     * UploadPart to a bucket that has not answered one with a CRC-64 (oss-wire's {@link PartDigests}): on a
     * storage that reports no CRC-64, where the uploader relies on it, every body has one.
     */
    @Override
    public boolean checksContentMd5() {
        return true;
    }

    private static String requireEtag(Response r, String op) {
        String etag = r.header("ETag").map(PartReceipt::unquote).orElse("");
        if (etag.isBlank()) {
            throw OssErrors.invalidResponse(op, r.status, r.requestId(), "no ETag in the response");
        }
        return etag;
    }

    /**
     * The CRC-64 of the bytes sent, checked against the server's when it sent one.
     *
     * @throws StorageException {@code RETRYABLE PartCrcMismatch} when they differ
     */
    private static long checkCrc(Response r, String op, PartBodyEntity entity) {
        if (!entity.isComplete()) {
            throw OssErrors.invalidResponse(op, r.status, r.requestId(),
                    "the server answered before the whole body was sent");
        }
        long local = entity.crc();
        OptionalLong server = serverCrc(r, op);
        if (server.isPresent() && server.getAsLong() != local) {
            throw new StorageException(Kind.RETRYABLE, "PartCrcMismatch", r.status, r.requestId().orElse(null),
                    op + ": the server's CRC-64 " + Crc64.toUnsignedString(server.getAsLong())
                            + " differs from the CRC-64 of the bytes sent " + Crc64.toUnsignedString(local),
                    null, null);
        }
        return local;
    }

    private static OptionalLong serverCrc(Response r, String op) {
        Optional<String> value = r.header(CRC_HEADER).filter(s -> !s.isBlank());
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Crc64.parseUnsigned(value.get()));
        } catch (NumberFormatException e) {
            throw OssErrors.invalidResponse(op, r.status, r.requestId(), CRC_HEADER + " is not a number: "
                    + value.get());
        }
    }

    private static PartReceipt toReceipt(OssXml.Part p, Response r, String op) {
        OptionalLong crc = OptionalLong.empty();
        if (p.hashCrc64ecma != null && !p.hashCrc64ecma.isBlank()) {
            try {
                crc = OptionalLong.of(Crc64.parseUnsigned(p.hashCrc64ecma));
            } catch (NumberFormatException e) {
                throw OssErrors.invalidResponse(op, r.status, r.requestId(),
                        "HashCrc64ecma of part " + p.partNumber + " is not a number: " + p.hashCrc64ecma);
            }
        }
        try {
            return new PartReceipt(p.partNumber, p.etag == null ? "" : p.etag, p.size, crc);
        } catch (IllegalArgumentException e) {
            throw OssErrors.invalidResponse(op, r.status, r.requestId(), "bad Part in the listing: " + e.getMessage());
        }
    }

    private static int parseMarker(String marker) {
        try {
            return marker == null ? -1 : Integer.parseInt(marker.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Map<String, String> query(String name, String value) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put(name, value);
        return q;
    }

    @Override
    public String toString() {
        return "HttpObjectStorage[signature=" + signatureVersion + ", addressing=" + addressing
                + defaultRegion.map(r -> ", region=" + r).orElse("") + "]";
    }

    /**
     * Configures an {@link HttpObjectStorage}. Not thread-safe; {@link #build()} may be called more than
     * once, each time making an independent storage with its own connection pool.
     */
    public static final class Builder {

        private Clock clock = Clock.systemUTC();
        private SignatureVersion signatureVersion = SignatureVersion.AUTO;
        private Optional<String> region = Optional.empty();
        private Addressing addressing = Addressing.AUTO;
        private int maxConnections = 32;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration responseTimeout = Duration.ofSeconds(60);
        private Duration poolTimeout = Duration.ofMinutes(5);
        private String userAgent = "vodupload-java";
        private DnsResolver dnsResolver = SystemDefaultDnsResolver.INSTANCE;

        private Builder() {
        }

        /** The clock signatures are dated by (plus the learnt skew offset). Default: the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Which signature to use. Default {@link SignatureVersion#AUTO}. */
        public Builder signatureVersion(SignatureVersion version) {
            this.signatureVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        /**
         * The region for V4 when neither the target nor the endpoint names one (for example
         * {@code cn-shanghai}, without the {@code oss-} prefix). Default: none.
         */
        public Builder region(String region) {
            Objects.requireNonNull(region, "region");
            if (region.isBlank() || region.startsWith("oss-")) {
                throw new IllegalArgumentException("region is blank or has the oss- prefix: " + region);
            }
            this.region = Optional.of(region);
            return this;
        }

        /** How the bucket goes into the URL. Default {@link Addressing#AUTO}. */
        public Builder addressing(Addressing addressing) {
            this.addressing = Objects.requireNonNull(addressing, "addressing");
            return this;
        }

        /**
         * The most connections open at once, over all hosts; size it to the parts in flight. Default 32.
         */
        public Builder maxConnections(int maxConnections) {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections < 1: " + maxConnections);
            }
            this.maxConnections = maxConnections;
            return this;
        }

        /** How long establishing a connection (TCP and TLS) may take. Default 10 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * How long the server may stay silent while a response is awaited or read, and how long a request
         * body may stop moving before the request is aborted. Default 60 s.
         */
        public Builder responseTimeout(Duration timeout) {
            this.responseTimeout = positive(timeout, "responseTimeout");
            return this;
        }

        /** How long a request may wait for a free pooled connection. Default 5 min. */
        public Builder poolTimeout(Duration timeout) {
            this.poolTimeout = positive(timeout, "poolTimeout");
            return this;
        }

        /** The {@code User-Agent} header. Default {@code vodupload-java}. */
        public Builder userAgent(String userAgent) {
            Objects.requireNonNull(userAgent, "userAgent");
            if (userAgent.isBlank()) {
                throw new IllegalArgumentException("userAgent is blank");
            }
            this.userAgent = userAgent;
            return this;
        }

        /** Tests point bucket host names at loopback with this; not public API. */
        Builder dnsResolver(DnsResolver resolver) {
            this.dnsResolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** A new storage with its own connection pool; close it when done. */
        public HttpObjectStorage build() {
            return new HttpObjectStorage(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " is not positive: " + d);
            }
            return d;
        }
    }
}
