package io.vodupload.adapters.oss;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.ServiceException;
import com.aliyun.oss.model.AbortMultipartUploadRequest;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.CompleteMultipartUploadResult;
import com.aliyun.oss.model.GenericRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.InitiateMultipartUploadResult;
import com.aliyun.oss.model.ListPartsRequest;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.PartListing;
import com.aliyun.oss.model.PartSummary;
import com.aliyun.oss.model.PutObjectRequest;
import com.aliyun.oss.model.PutObjectResult;
import com.aliyun.oss.model.UploadPartRequest;
import com.aliyun.oss.model.UploadPartResult;
import com.aliyun.oss.model.WebServiceRequest;
import io.vodupload.osswire.ContentMd5;
import io.vodupload.osswire.PartDigests;
import io.vodupload.osswire.OssEndpoints;
import io.vodupload.osswire.RegionBody;
import io.vodupload.osswire.StallWatchdog;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.Crc64;
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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link ObjectStorage} on Alibaba's own Java client, {@code com.aliyun.oss:aliyun-sdk-oss} (SDK1): the
 * same contract and behaviour as the raw HTTP adapter, for applications that already run the SDK.
 *
 * <p><b>Credentials</b> are taken per call. The adapter keeps one SDK client (connection pool) per
 * credential set and endpoint settings, replaces the client of credentials that expired or that the
 * server rejected as expired, keeps at most {@link OssStorageConfig#maxCachedClients()} of them, and
 * closes them all on {@link #close()}. A credential refresh therefore needs no new adapter.
 *
 * <p><b>Signatures:</b> V1 or V4 per {@link SignatureVersion}; V4's region comes from
 * the target ({@link StorageTarget#region()}), else the endpoint's host ({@code [bucket.]oss-<region>[-internal]}
 * under {@code aliyuncs.com} or {@code aliyun-inc.com}), else {@link OssStorageConfig#defaultRegion()}. The STS
 * token is sent as {@code x-oss-security-token}. <b>Addressing:</b> path style for IP-literal, {@code localhost}
 * and {@code *.localhost} endpoints, virtual host otherwise (configurable). Both are decided by oss-wire's
 * {@code OssEndpoints}, the same code as the raw HTTP adapter's, so one endpoint is sent the same way by both.
 *
 * <p><b>Bodies</b> stream from the file region through a positional {@code FileChannel} reader, with a
 * {@code Content-Length}, never buffered whole. A PutObject carries a {@code Content-MD5} read from the file
 * just before, so OSS refuses a body that changed while it was sent and the object that was there stays; an
 * UploadPart carries one until the bucket has answered a part with its CRC-64 (oss-wire's
 * {@link PartDigests} says why that loses nothing). <b>CRC-64:</b> the SDK's own CRC check
 * ({@code crcCheckEnabled}) is off, and this adapter computes {@link Crc64} once over each byte as the SDK
 * reads it; the result is the receipt's CRC and is compared with the server's
 * {@code x-oss-hash-crc64ecma} (a mismatch is a {@code RETRYABLE} {@link StorageException} with code
 * {@code PartCrcMismatch}). <b>Retries:</b> the SDK's are off ({@code maxErrorRetry 0}); the domain's
 * retry policy is the only one. <b>Clock skew:</b> the SDK's correction is on and its offset is shared by
 * every client, so after a {@code CLOCK_SKEW} failure the next signature uses the server's time.
 *
 * <p><b>Errors:</b> {@code OSSException} and {@code ClientException} become {@link StorageException}s with
 * the server's code, the HTTP status and the request id, of the kind {@link StorageException.Kind}
 * documents; no SDK type crosses the port, not even as a cause, and no message holds a secret. A
 * {@link CancellationException} thrown by a {@link TransferListener} reaches the caller unchanged.
 * Failures reading the local file are {@code FATAL} with code {@code LocalFileError}. The SDK's own
 * exception logging is off per request (it would log raw error bodies, which can hold the token). Kinds
 * and codes are the same as the raw HTTP adapter's ({@code docs/adapters.md}).
 *
 * <p><b>Stalled bodies:</b> a socket write has no timeout, so a watchdog thread closes the connection of
 * a request whose body has not moved, and whose response has not come, for a whole
 * {@link OssStorageConfig#socketTimeout()}; the call fails {@code RETRYABLE} with code
 * {@code SocketTimeout}.
 *
 * <p><b>How it uses the SDK:</b> SDK1's {@code OSSException} carries no HTTP status, and its ListParts
 * drops the parts' CRCs; so instead of {@code OSSClient} the adapter builds the SDK's own operation
 * objects ({@code OSSObjectOperation}, {@code OSSMultipartOperation}, which {@code OSSClient} delegates
 * to) on a service client that records each response's status, headers and (for ListParts and Complete)
 * body. Signing, the wire format and XML parsing remain the SDK's. These classes live in the SDK's
 * {@code internal} package: an upgrade of the pinned SDK version must pass this module's tests.
 *
 * <p><b>Limits of SDK1 3.18.5</b> this adapter inherits: a part may be at most 2 GiB − 1 bytes
 * ({@code UploadPartRequest} narrows its size to an {@code int}; larger parts are refused with
 * {@link IllegalArgumentException}); an empty {@code PutObject} body goes out chunked; when the metadata
 * has no content type, the SDK picks one from the key's extension.
 *
 * <p>Configured like {@code HttpObjectStorage}: a {@link #builder()} with the same method names
 * ({@code signatureVersion}, {@code region}, {@code addressing}, {@code maxConnections}, {@code connectTimeout},
 * {@code responseTimeout}, {@code poolTimeout}, {@code clock}), so switching transport changes one class name.
 * {@link #create(OssStorageConfig)} remains for code that already holds an {@link OssStorageConfig}.
 *
 * <p>Thread-safe. Example:
 * <pre>{@code
 * try (ObjectStorage storage = OssObjectStorage.builder().maxConnections(8).build()) {
 *     String uploadId = storage.initiateMultipart(target, credentials, ObjectMetadata.ofContentType("video/mp4"));
 *     PartReceipt part = storage.uploadPart(target, credentials, uploadId, 1,
 *             new FileRegion(file, 0, file.toFile().length()), TransferListener.NONE);
 *     storage.completeMultipart(target, credentials, uploadId, List.of(part), ObjectMetadata.EMPTY);
 * }
 * }</pre>
 */
public final class OssObjectStorage implements ObjectStorage {

    private static final System.Logger LOG = System.getLogger(OssObjectStorage.class.getName());
    private static final int LIST_PARTS_PAGE = 1000;
    private static final String CRC_HEADER = "x-oss-hash-crc64ecma";
    private static final String REQUEST_ID_HEADER = "x-oss-request-id";

    private final OssStorageConfig config;
    private final ClientCache<SdkClient> clients;
    /** Closes the connection of a request whose body stopped moving (a socket write has no timeout). */
    private final StallWatchdog watchdog;
    private final PartDigests partDigests = new PartDigests();

    private OssObjectStorage(OssStorageConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        AtomicLong sharedTickOffset = new AtomicLong();
        this.clients = new ClientCache<>(key -> new SdkClient(key, config, sharedTickOffset), SdkClient::shutdown,
                clock, config.maxCachedClients());
        this.watchdog = new StallWatchdog("vodupload-oss-body-watchdog");
    }

    /** A builder starting from {@link OssStorageConfig#DEFAULTS} and the system clock. */
    public static Builder builder() {
        return new Builder();
    }

    /** An adapter with {@link OssStorageConfig#DEFAULTS}; the same as {@code builder().build()}. */
    public static OssObjectStorage create() {
        return builder().build();
    }

    /**
     * An adapter with {@code config}, judging credential expiry by the system clock; the same as
     * {@code builder().config(config).build()}.
     */
    public static OssObjectStorage create(OssStorageConfig config) {
        return builder().config(config).build();
    }

    /**
     * An adapter with {@code config}, judging credential expiry by {@code clock} (cached clients whose
     * credentials are past {@link Credentials#expiration()} are closed); the same as
     * {@code builder().config(config).clock(clock).build()}.
     */
    public static OssObjectStorage create(OssStorageConfig config, Clock clock) {
        return builder().config(config).clock(clock).build();
    }

    /** The configuration this adapter was made with. */
    public OssStorageConfig config() {
        return config;
    }

    @Override
    public String initiateMultipart(StorageTarget target, Credentials credentials, ObjectMetadata metadata) {
        requireTarget(target, credentials);
        Objects.requireNonNull(metadata, "metadata");
        InitiateMultipartUploadResult result = call("InitiateMultipartUpload", target, credentials, null, false,
                client -> client.multipart().initiateMultipartUpload(
                        quiet(new InitiateMultipartUploadRequest(target.bucket(), target.key(),
                                toSdk(metadata, -1)))));
        String uploadId = result.getUploadId();
        if (uploadId == null || uploadId.isBlank()) {
            throw invalidResponse("InitiateMultipartUpload", target, "no UploadId in the response",
                    result.getRequestId());
        }
        return uploadId;
    }

    @Override
    public PartReceipt uploadPart(StorageTarget target, Credentials credentials, String uploadId, int partNumber,
                                  PartBody body, TransferListener listener) {
        requireTarget(target, credentials);
        StorageArguments.requireUploadId(uploadId);
        StorageArguments.requirePartNumber(partNumber);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(listener, "listener");
        if (body.length() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("part " + partNumber + " is larger than aliyun-sdk-oss can send"
                    + " (2 GiB - 1 byte): " + body.length());
        }
        String md5 = partDigests.needsContentMd5(target) ? contentMd5("UploadPart", target, body) : null;
        try (RegionBody in = openBody("UploadPart", target, body, listener)) {
            UploadPartRequest request = quiet(new UploadPartRequest(target.bucket(), target.key(), uploadId,
                    partNumber, in, body.length()));
            if (md5 != null) {
                request.setMd5Digest(md5);
            }
            Sent<UploadPartResult> sent = send("UploadPart", target, credentials, in,
                    client -> client.multipart().uploadPart(request));
            UploadPartResult result = sent.result;
            long crc = checkBody("UploadPart", target, in, body, sent);
            if (!partDigests.answered(target, md5 != null, parseCrc(sent.crcHeader).isPresent())) {
                throw new StorageException(Kind.RETRYABLE, "PartUnverified", sent.status,
                        sent.requestId.orElse(null), "UploadPart " + target.displayName()
                                + ": sent without Content-MD5 and answered without a CRC-64, so nothing checked it",
                        null, null);
            }
            String etag = requireEtag("UploadPart", target, result.getETag(), result.getRequestId());
            return PartReceipt.of(partNumber, etag, body.length(), crc);
        }
    }

    @Override
    public List<PartReceipt> listParts(StorageTarget target, Credentials credentials, String uploadId) {
        requireTarget(target, credentials);
        StorageArguments.requireUploadId(uploadId);
        List<PartReceipt> parts = new ArrayList<>();
        Integer marker = null;
        while (true) {
            ListPartsRequest request = quiet(new ListPartsRequest(target.bucket(), target.key(), uploadId));
            request.setMaxParts(LIST_PARTS_PAGE);
            request.setPartNumberMarker(marker);
            Sent<PartListing> sent = send("ListParts", target, credentials, null, true,
                    client -> client.multipart().listParts(request));
            PartListing page = sent.result;
            Map<Integer, Long> crcs = sent.body.map(OssXmlBodies::partCrcs).orElse(Map.of());
            for (PartSummary p : page.getParts()) {
                Long crc = crcs.get(p.getPartNumber());
                String etag = requireEtag("ListParts", target, p.getETag(), page.getRequestId());
                parts.add(new PartReceipt(p.getPartNumber(), etag, p.getSize(),
                        crc == null ? OptionalLong.empty() : OptionalLong.of(crc)));
            }
            if (!page.isTruncated()) {
                break;
            }
            Integer next = page.getNextPartNumberMarker();
            if (next == null || (marker != null && next <= marker)) {
                // a server that says "truncated" without moving on would loop forever
                throw invalidResponse("ListParts", target, "truncated listing without a next part-number marker"
                        + " past " + marker, page.getRequestId());
            }
            marker = next;
        }
        parts.sort(Comparator.comparingInt(PartReceipt::partNumber));
        return List.copyOf(parts);
    }

    @Override
    public ObjectReceipt completeMultipart(StorageTarget target, Credentials credentials, String uploadId,
                                           List<PartReceipt> parts, ObjectMetadata metadata) {
        requireTarget(target, credentials);
        StorageArguments.requireUploadId(uploadId);
        Objects.requireNonNull(parts, "parts");
        Objects.requireNonNull(metadata, "metadata");
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no parts to complete upload " + uploadId);
        }
        StorageArguments.requireDistinctPartNumbers(parts);
        List<PartETag> etags = new ArrayList<>(parts.size());
        parts.stream().sorted(Comparator.comparingInt(PartReceipt::partNumber))
                .forEach(p -> etags.add(new PartETag(p.partNumber(), p.etag())));
        CompleteMultipartUploadRequest request =
                quiet(new CompleteMultipartUploadRequest(target.bucket(), target.key(), uploadId, etags));
        metadata.headers().forEach(request::addHeader);
        // the body is kept: OSS may answer 200 and still fail the completion in an <Error> body
        Sent<CompleteMultipartUploadResult> sent = send("CompleteMultipartUpload", target, credentials, null, true,
                client -> client.multipart().completeMultipartUpload(request));
        Optional<Map<String, String>> error = sent.body.flatMap(OssXmlBodies::errorFields);
        if (error.isPresent()) {
            throw OssErrors.fromErrorBody(error.get(), sent.status, sent.requestId, "CompleteMultipartUpload", target,
                    credentials);
        }
        CompleteMultipartUploadResult result = sent.result;
        String requestId = Optional.ofNullable(result.getRequestId()).orElse(sent.requestId.orElse(null));
        String etag = requireEtag("CompleteMultipartUpload", target, result.getETag(), requestId);
        return new ObjectReceipt(etag, serverCrc("CompleteMultipartUpload", target, sent, result.getServerCRC()),
                Optional.ofNullable(requestId));
    }

    @Override
    public void abortMultipart(StorageTarget target, Credentials credentials, String uploadId) {
        requireTarget(target, credentials);
        StorageArguments.requireUploadId(uploadId);
        try {
            call("AbortMultipartUpload", target, credentials, null, false,
                    client -> client.multipart().abortMultipartUpload(
                            quiet(new AbortMultipartUploadRequest(target.bucket(), target.key(), uploadId))));
        } catch (StorageException e) {
            if (e.kind() != Kind.UPLOAD_GONE) {
                throw e;
            }
            LOG.log(System.Logger.Level.DEBUG, () -> "abort of " + target.displayName() + " upload " + uploadId
                    + ": already gone");
        }
    }

    @Override
    public ObjectReceipt putObject(StorageTarget target, Credentials credentials, PartBody body,
                                   ObjectMetadata metadata, TransferListener listener) {
        requireTarget(target, credentials);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(listener, "listener");
        com.aliyun.oss.model.ObjectMetadata sdkMetadata = toSdk(metadata, body.length());
        sdkMetadata.setContentMD5(contentMd5("PutObject", target, body));
        try (RegionBody in = openBody("PutObject", target, body, listener)) {
            Sent<PutObjectResult> sent = send("PutObject", target, credentials, in, body.length(), false,
                    client -> client.objects().putObject(quiet(new PutObjectRequest(target.bucket(),
                            target.key(), in, sdkMetadata))));
            PutObjectResult result = sent.result;
            checkBody("PutObject", target, in, body, sent);
            String etag = requireEtag("PutObject", target, result.getETag(), result.getRequestId());
            String requestId = Optional.ofNullable(result.getRequestId()).orElse(sent.requestId.orElse(null));
            return new ObjectReceipt(etag, serverCrc("PutObject", target, sent, result.getServerCRC()),
                    Optional.ofNullable(requestId));
        }
    }

    @Override
    public Optional<ObjectInfo> headObject(StorageTarget target, Credentials credentials) {
        requireTarget(target, credentials);
        com.aliyun.oss.model.ObjectMetadata meta;
        try {
            meta = call("HeadObject", target, credentials, null, false,
                    client -> client.objects().getObjectMetadata(
                            quiet(new GenericRequest(target.bucket(), target.key()))));
        } catch (StorageException e) {
            if (e.httpStatus().orElse(0) == 404 && e.errorCode().equals("NoSuchKey")) {
                return Optional.empty();
            }
            throw e;
        }
        Long crc = meta.getServerCRC();
        String etag = meta.getETag() == null ? "" : meta.getETag();
        return Optional.of(new ObjectInfo(meta.getContentLength(), etag,
                crc == null ? OptionalLong.empty() : OptionalLong.of(crc)));
    }

    /**
     * Closes every SDK client (and its connections) and the watchdog thread; later calls fail with
     * {@code StorageClosed}. Idempotent.
     */
    @Override
    public void close() {
        try {
            clients.close();
        } finally {
            watchdog.close();
        }
    }

    @Override
    public String toString() {
        return "OssObjectStorage[" + config + "]";
    }

    /** How many SDK clients are cached now (for tests of the replacement policy). */
    int cachedClients() {
        return clients.size();
    }

    // ---------------------------------------------------------------------------------------------
    // one SDK call

    @FunctionalInterface
    private interface SdkCall<T> {
        T apply(SdkClient client);
    }

    /** An SDK call's result with what the response said besides. */
    private static final class Sent<T> {
        final T result;
        final Optional<String> crcHeader;
        final Optional<String> requestId;
        final Optional<byte[]> body;
        final int status;

        Sent(T result, RecordingServiceClient.Exchange exchange) {
            this.result = result;
            this.crcHeader = exchange.header(CRC_HEADER);
            this.requestId = exchange.header(REQUEST_ID_HEADER);
            this.body = exchange.body();
            this.status = exchange.status().orElse(0);
        }
    }

    private <T> T call(String operation, StorageTarget target, Credentials credentials, RegionBody body,
                       boolean captureBody, SdkCall<T> call) {
        return send(operation, target, credentials, body, captureBody, call).result;
    }

    private <T> Sent<T> send(String operation, StorageTarget target, Credentials credentials, RegionBody body,
                             SdkCall<T> call) {
        return send(operation, target, credentials, body, false, call);
    }

    private <T> Sent<T> send(String operation, StorageTarget target, Credentials credentials, RegionBody body,
                             boolean captureBody, SdkCall<T> call) {
        return send(operation, target, credentials, body, -1, captureBody, call);
    }

    /** @param bodyLength the body's length, when {@code body} is a PutObject's (-1 otherwise) */
    private <T> Sent<T> send(String operation, StorageTarget target, Credentials credentials, RegionBody body,
                             long bodyLength, boolean captureBody, SdkCall<T> call) {
        ClientKey key = keyFor(operation, target, credentials);
        ClientCache.Lease<SdkClient> lease;
        try {
            lease = clients.acquire(key);
        } catch (IllegalStateException e) {
            throw closed(operation, target);
        }
        try (lease) {
            SdkClient client = lease.client();
            RecordingServiceClient.Exchange exchange = client.service().begin(captureBody, bodyLength);
            // a body aborted no sooner than one socket timeout after its last progress, no later than two
            // and any request aborted once past its whole-request deadline: a trickling answer never times out
            Duration limit = StallWatchdog.deadline(config.socketTimeout(), body == null ? 0 : body.length());
            StallWatchdog.Watch watch = body == null ? watchdog.deadline(limit, exchange::abortConnection)
                    : watchdog.watch(config.socketTimeout(), limit, exchange::awaitingResponse, body::progress,
                            exchange::abortConnection);
            try {
                return new Sent<>(call.apply(client), exchange);
            } catch (ServiceException | ClientException e) {
                rethrowLocal(operation, target, body);
                if (clients.isClosed()) {
                    throw closed(operation, target);
                }
                if (watch.tooSlow()) {
                    throw tooSlow(operation, target, limit, OssErrors.clean(e));
                }
                if (exchange.aborted()) {
                    throw new StorageException(Kind.RETRYABLE, "SocketTimeout", operation + " " + target.displayName()
                            + ": the body stopped moving (no progress and no response within the socket timeout, "
                            + config.socketTimeout() + ")", OssErrors.clean(e));
                }
                StorageException translated = errorBodyOf(exchange, operation, target, credentials)
                        .orElseGet(() -> OssErrors.translate(e, exchange.status(), exchange.header(REQUEST_ID_HEADER),
                                operation, target, credentials));
                if (translated.kind() == Kind.CREDENTIALS_EXPIRED) {
                    lease.retire();
                }
                if (translated.errorCode().equals("Interrupted")) {
                    // the SDK swallowed the interrupt into an exception: give it back to the caller
                    Thread.currentThread().interrupt();
                }
                throw translated;
            } catch (CancellationException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                // the SDK's own argument checks (bucket name, object key): bad arguments, as the port allows
                throw new IllegalArgumentException(operation + " " + target.displayName() + ": " + e.getMessage());
            } catch (RuntimeException e) {
                rethrowLocal(operation, target, body);
                if (clients.isClosed()) {
                    throw closed(operation, target);
                }
                if (watch.tooSlow()) {
                    throw tooSlow(operation, target, limit, null);
                }
                throw OssErrors.translate(e, exchange.status(), exchange.header(REQUEST_ID_HEADER), operation,
                        target, credentials);
            } finally {
                watch.close();
                client.service().end();
            }
        }
    }

    /** A request past its whole-request deadline ({@link StallWatchdog#deadline(Duration, long)}): retryable. */
    private static StorageException tooSlow(String operation, StorageTarget target, Duration limit, Throwable cause) {
        return new StorageException(Kind.RETRYABLE, "RequestTooSlow", operation + " " + target.displayName()
                + ": no complete answer within " + limit.toMillis() + " ms (the request deadline: 3 x the socket "
                + "timeout plus the body at 8 KiB/s)", cause);
    }

    /** An {@code <Error>} document that came with a 2xx status (recorded when the body was captured). */
    private static Optional<StorageException> errorBodyOf(RecordingServiceClient.Exchange exchange, String operation,
                                                          StorageTarget target, Credentials credentials) {
        int status = exchange.status().orElse(0);
        if (status < 200 || status >= 300) {
            return Optional.empty();
        }
        return exchange.body().flatMap(OssXmlBodies::errorFields).map(fields -> OssErrors.fromErrorBody(fields, status,
                exchange.header(REQUEST_ID_HEADER), operation, target, credentials));
    }

    /** A cancellation by the listener, or a failure reading the file, wins over whatever the SDK made of it. */
    private static void rethrowLocal(String operation, StorageTarget target, RegionBody body) {
        if (body == null) {
            return;
        }
        if (body.cancellation() != null) {
            throw body.cancellation();
        }
        if (body.localFailure() != null) {
            throw fileReadError(operation, target, body.localFailure());
        }
    }

    /**
     * The client for this call: oss-wire's {@link OssEndpoints} decides addressing, region and signature
     * exactly as it does for the raw HTTP transport. The SDK is given the endpoint without a bucket
     * sub-domain ({@code bucket.oss-cn-hangzhou.aliyuncs.com} becomes {@code oss-cn-hangzhou.aliyuncs.com})
     * because it adds the bucket itself.
     */
    private ClientKey keyFor(String operation, StorageTarget target, Credentials credentials) {
        OssEndpoints.Addressing addressing;
        switch (config.addressingStyle()) {
            case PATH:
                addressing = OssEndpoints.Addressing.PATH_STYLE;
                break;
            case VIRTUAL_HOST:
                addressing = OssEndpoints.Addressing.VIRTUAL_HOSTED;
                break;
            default:
                addressing = OssEndpoints.Addressing.AUTO;
        }
        SignatureVersion signing = config.signatureVersion();
        OssEndpoints.Route route = OssEndpoints.route(operation + " " + target.displayName(), target, addressing,
                signing, config.defaultRegion());
        ClientKey.Signature signature = route.signature() == OssEndpoints.Signature.V4
                ? ClientKey.Signature.V4 : ClientKey.Signature.V1;
        return new ClientKey(credentials, route.service(), signature, route.region(), route.pathStyle());
    }

    // ---------------------------------------------------------------------------------------------
    // helpers

    /** The body's MD5, read before it is sent: OSS refuses a body that differs (the file changed). */
    private static String contentMd5(String operation, StorageTarget target, PartBody body) {
        try {
            return ContentMd5.of(body);
        } catch (RegionBody.LocalFileException e) {
            throw fileReadError(operation, target, e);
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

    private static RegionBody openBody(String operation, StorageTarget target, PartBody body,
                                       TransferListener listener) {
        try {
            return RegionBody.open(body, listener);
        } catch (RegionBody.LocalFileException e) {
            throw fileReadError(operation, target, e);
        }
    }

    /** The CRC of the bytes sent, after checking that the whole region went and the server agrees. */
    private static long checkBody(String operation, StorageTarget target, RegionBody in, PartBody body,
                                  Sent<?> sent) {
        if (in.bytesRead() != body.length()) {
            throw new StorageException(Kind.RETRYABLE, "IncompleteBody", sent.status, sent.requestId.orElse(null),
                    operation + " " + target.displayName() + ": the server answered after " + in.bytesRead()
                            + " of " + body.length() + " bytes", null, null);
        }
        long crc = in.crc64();
        Optional<Long> server = parseCrc(sent.crcHeader);
        if (server.isPresent() && server.get() != crc) {
            throw new StorageException(Kind.RETRYABLE, "PartCrcMismatch", sent.status, sent.requestId.orElse(null),
                    operation + " " + target.displayName() + ": the server's CRC-64 "
                            + Crc64.toUnsignedString(server.get()) + " is not that of the bytes sent ("
                            + Crc64.toUnsignedString(crc) + ")", null, null);
        }
        return crc;
    }

    private static OptionalLong serverCrc(String operation, StorageTarget target, Sent<?> sent, Long parsedBySdk) {
        Optional<Long> header = parseCrc(sent.crcHeader);
        if (header.isPresent()) {
            return OptionalLong.of(header.get());
        }
        return parsedBySdk == null ? OptionalLong.empty() : OptionalLong.of(parsedBySdk);
    }

    private static Optional<Long> parseCrc(Optional<String> header) {
        if (header.isEmpty() || header.get().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Crc64.parseUnsigned(header.get()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The request with the SDK's own exception logging off: it logs {@code getMessage()}, which embeds the
     * raw error body, and OSS puts the rejected {@code SecurityToken} into {@code SecurityTokenExpired}.
     * The adapter's exceptions carry everything worth knowing, without secrets.
     */
    private static <R extends WebServiceRequest> R quiet(R request) {
        request.setLogEnabled(false);
        return request;
    }

    private static com.aliyun.oss.model.ObjectMetadata toSdk(ObjectMetadata metadata, long contentLength) {
        com.aliyun.oss.model.ObjectMetadata sdk = new com.aliyun.oss.model.ObjectMetadata();
        metadata.contentType().ifPresent(sdk::setContentType);
        metadata.headers().forEach(sdk::setHeader);
        if (contentLength >= 0) {
            sdk.setContentLength(contentLength);
        }
        return sdk;
    }

    private static String requireEtag(String operation, StorageTarget target, String etag, String requestId) {
        if (etag == null || PartReceipt.unquote(etag).isBlank()) {
            throw invalidResponse(operation, target, "no ETag in the response", requestId);
        }
        return etag;
    }

    private static StorageException invalidResponse(String operation, StorageTarget target, String what,
                                                    String requestId) {
        return new StorageException(Kind.RETRYABLE, "InvalidResponse", 200, requestId,
                operation + " " + target.displayName() + ": " + what, null, null);
    }

    private static StorageException fileReadError(String operation, StorageTarget target, IOException e) {
        return new StorageException(Kind.FATAL, "LocalFileError", operation + " " + target.displayName()
                + ": cannot read the file to upload: " + e, e);
    }

    private static StorageException closed(String operation, StorageTarget target) {
        return new StorageException(Kind.FATAL, "StorageClosed", operation + " " + target.displayName()
                + ": the storage adapter is closed", null);
    }

    private static void requireTarget(StorageTarget target, Credentials credentials) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(credentials, "credentials");
        String scheme = target.endpoint().getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("endpoint is not http or https: " + target.endpoint());
        }
    }

    /**
     * Configures an {@link OssObjectStorage}, with the method names of {@code HttpObjectStorage.Builder}; each
     * setter checks its value at once, as {@link OssStorageConfig} does. Not thread-safe; {@link #build()} may be
     * called more than once, each time making an independent storage with its own SDK clients.
     */
    public static final class Builder {

        private OssStorageConfig config = OssStorageConfig.DEFAULTS;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Starts over from {@code config} (what the setters changed so far is replaced). */
        public Builder config(OssStorageConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** The clock credential expiry is judged by. Default: the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Which signature to use. Default {@link SignatureVersion#AUTO}. */
        public Builder signatureVersion(SignatureVersion version) {
            config = config.withSignatureVersion(version);
            return this;
        }

        /**
         * The region for V4 when neither the target nor the endpoint names one (for example
         * {@code cn-shanghai}, without the {@code oss-} prefix). Default: none.
         */
        public Builder region(String region) {
            config = config.withDefaultRegion(Objects.requireNonNull(region, "region"));
            return this;
        }

        /** How the bucket goes into the URL. Default {@link OssStorageConfig.AddressingStyle#AUTO}. */
        public Builder addressing(OssStorageConfig.AddressingStyle addressing) {
            config = config.withAddressingStyle(addressing);
            return this;
        }

        /** The connection pool size of each SDK client; size it to the parts in flight. Default 64. */
        public Builder maxConnections(int maxConnections) {
            config = config.withMaxConnections(maxConnections);
            return this;
        }

        /** How long establishing a connection (TCP and TLS) may take. Default 10 s. */
        public Builder connectTimeout(Duration timeout) {
            config = config.withTimeouts(timeout, config.socketTimeout());
            return this;
        }

        /**
         * How long the server may stay silent while a response is awaited or read, and how long a request
         * body may stop moving before the request is aborted. Default 60 s.
         */
        public Builder responseTimeout(Duration timeout) {
            config = config.withTimeouts(config.connectTimeout(), timeout);
            return this;
        }

        /** How long a request may wait for a free pooled connection. Default 5 min. */
        public Builder poolTimeout(Duration timeout) {
            config = config.withPoolTimeout(timeout);
            return this;
        }

        /**
         * How many SDK clients (one per credential set and endpoint) stay open at once; the least recently used
         * beyond that is closed. Default 8. (The HTTP adapter has one pool for all credentials: no counterpart.)
         */
        public Builder maxCachedClients(int clients) {
            config = config.withMaxCachedClients(clients);
            return this;
        }

        /** A new storage; close it when done. */
        public OssObjectStorage build() {
            return new OssObjectStorage(config, clock);
        }
    }
}
