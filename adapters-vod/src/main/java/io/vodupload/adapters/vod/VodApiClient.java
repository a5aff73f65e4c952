package io.vodupload.adapters.vod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vodupload.ports.Credentials;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * The VOD OpenAPI's upload-credential actions over HTTPS: {@code CreateUploadVideo},
 * {@code RefreshUploadVideo}, {@code CreateUploadImage} and {@code CreateUploadAttachedMedia}, each a GET
 * to {@code https://vod.<region>.aliyuncs.com/} signed with POP RPC SignatureVersion 1.0 (HMAC-SHA1) and
 * the app server's AccessKey.
 *
 * <pre>{@code
 * try (VodApiClient vod = VodApiClient.builder()
 *         .region("cn-shanghai")
 *         .credentials(Credentials.of(ramAccessKeyId, ramAccessKeySecret))
 *         .build()) {
 *     VodUploadTicket ticket = vod.createUploadVideo(CreateUploadVideoRequest.of("Holiday", "holiday.mp4"));
 * }
 * }</pre>
 *
 * <p><b>Failures:</b> every call throws {@link VodApiException}: VOD's {@code Code}, the HTTP status and
 * the {@code RequestId} for an error answer; {@code Http.Abnormal} for an answer that is not VOD's error
 * JSON; {@code InvalidResponse} for a success answer that lacks a field; {@code RequestTimeout} or
 * {@code NetworkError} (status 0) when no answer arrived. Throttling ({@code Throttling…}), 5xx and I/O
 * failures are marked retryable; everything else is not. The client itself never retries (nor does its
 * HTTP client): the caller owns the retry policy. No message, log line or {@code toString()} holds the
 * AccessKeySecret, the SecurityToken, the signature or a ticket.
 *
 * <p><b>Transport:</b> Apache HttpClient 5 with the JVM's default trust store and host-name verification,
 * always on; redirects are not followed (a signed RPC has nowhere to be redirected to).
 *
 * <p><b>Threading:</b> thread-safe; calls block. Close it to release its connections.
 */
public final class VodApiClient implements VodUploadApi, AutoCloseable {

    static final String API_VERSION = "2017-03-21";

    private static final System.Logger LOG = System.getLogger(VodApiClient.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ANSWER_BYTES = 1 << 20;
    private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)+");
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final URI endpoint;
    private final Credentials credentials;
    private final Clock clock;
    private final Supplier<String> nonces;
    private final CloseableHttpClient http;
    private final Redactor redactor;

    private VodApiClient(Builder builder) {
        this.endpoint = builder.endpoint.resolve("/");
        this.credentials = builder.credentials;
        this.clock = builder.clock;
        this.nonces = builder.nonces;
        Timeout connect = Timeout.of(builder.connectTimeout);
        Timeout response = Timeout.of(builder.responseTimeout);
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect)
                                .setSocketTimeout(response)
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(connect)
                        .setResponseTimeout(response)
                        .setRedirectsEnabled(false)
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .setUserAgent("vodupload-java")
                .build();
        List<String> secrets = new ArrayList<>();
        secrets.add(credentials.accessKeySecret());
        credentials.securityToken().ifPresent(secrets::add);
        this.redactor = new Redactor(secrets);
    }

    /** A builder; {@link Builder#region} or {@link Builder#endpoint}, and {@link Builder#credentials}, are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The base URL requests go to. */
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public VodUploadTicket createUploadVideo(CreateUploadVideoRequest request) {
        Objects.requireNonNull(request, "request");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Title", request.title());
        params.put("FileName", request.fileName());
        put(params, "FileSize", request.fileSize());
        put(params, "Description", request.description());
        put(params, "CoverURL", request.coverUrl());
        put(params, "CateId", request.cateId());
        put(params, "Tags", request.tags());
        put(params, "TemplateGroupId", request.templateGroupId());
        put(params, "WorkflowId", request.workflowId());
        put(params, "StorageLocation", request.storageLocation());
        put(params, "UserData", request.userData());
        put(params, "AppId", request.appId());
        JsonNode answer = call("CreateUploadVideo", params);
        return ticket("CreateUploadVideo", answer, text(answer, "VideoId"), Optional.empty());
    }

    @Override
    public VodUploadTicket refreshUploadVideo(String videoId) {
        Objects.requireNonNull(videoId, "videoId");
        if (videoId.isBlank()) {
            throw new IllegalArgumentException("videoId is blank");
        }
        JsonNode answer = call("RefreshUploadVideo", Map.of("VideoId", videoId));
        // VOD echoes the VideoId; the one asked for is the same video if an answer ever leaves it out.
        return ticket("RefreshUploadVideo", answer, Optional.of(text(answer, "VideoId").orElse(videoId)),
                Optional.empty());
    }

    @Override
    public VodUploadTicket createUploadImage(CreateUploadImageRequest request) {
        Objects.requireNonNull(request, "request");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("ImageType", request.imageType());
        put(params, "ImageExt", request.imageExt());
        put(params, "Title", request.title());
        put(params, "Tags", request.tags());
        put(params, "CateId", request.cateId());
        put(params, "Description", request.description());
        put(params, "StorageLocation", request.storageLocation());
        put(params, "UserData", request.userData());
        put(params, "AppId", request.appId());
        JsonNode answer = call("CreateUploadImage", params);
        return ticket("CreateUploadImage", answer, text(answer, "ImageId"), text(answer, "ImageURL"));
    }

    @Override
    public VodUploadTicket createUploadAttachedMedia(CreateUploadAttachedMediaRequest request) {
        Objects.requireNonNull(request, "request");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("BusinessType", request.businessType());
        params.put("MediaExt", request.mediaExt());
        put(params, "Title", request.title());
        put(params, "FileName", request.fileName());
        put(params, "FileSize", request.fileSize());
        put(params, "Tags", request.tags());
        put(params, "CateId", request.cateId());
        put(params, "Description", request.description());
        put(params, "StorageLocation", request.storageLocation());
        put(params, "UserData", request.userData());
        put(params, "AppId", request.appId());
        JsonNode answer = call("CreateUploadAttachedMedia", params);
        return ticket("CreateUploadAttachedMedia", answer, text(answer, "MediaId"), text(answer, "MediaURL"));
    }

    /** Releases the connections; calls after this fail with {@code NetworkError}. */
    @Override
    public void close() {
        http.close(CloseMode.GRACEFUL);
    }

    @Override
    public String toString() {
        return "VodApiClient[" + endpoint + ", accessKeyId=" + credentials.accessKeyId()
                + (credentials.securityToken().isPresent() ? ", sts" : "") + "]";
    }

    /** The public parameters, signed, sent; the answer's JSON when it is a 2xx. */
    private JsonNode call(String action, Map<String, String> actionParams) {
        Map<String, String> params = new LinkedHashMap<>(actionParams);
        params.put("Action", action);
        params.put("Format", "JSON");
        params.put("Version", API_VERSION);
        params.put("AccessKeyId", credentials.accessKeyId());
        params.put("SignatureMethod", "HMAC-SHA1");
        params.put("SignatureVersion", "1.0");
        params.put("SignatureNonce", nonce());
        params.put("Timestamp", TIMESTAMP.format(clock.instant()));
        credentials.securityToken().ifPresent(token -> params.put("SecurityToken", token));
        HttpGet get = new HttpGet(URI.create(endpoint + "?" + PopRpcSigner.signedQuery(params,
                credentials.accessKeySecret())));
        try {
            // answer() throws VodApiException for VOD's errors; it passes through execute() untouched.
            return http.execute(get, response -> answer(action, response));
        } catch (IOException e) {
            boolean timeout = e instanceof SocketTimeoutException || e instanceof ConnectTimeoutException
                    || (e instanceof InterruptedIOException && !Thread.currentThread().isInterrupted());
            String code = timeout ? "RequestTimeout" : "NetworkError";
            LOG.log(System.Logger.Level.DEBUG, () -> action + " failed without an answer: " + code);
            throw new VodApiException(code, 0, null, action + " at " + endpoint.getHost() + " got no answer: "
                    + e.getClass().getSimpleName() + ": " + redactor.redact(e.getMessage()), true, null);
        }
    }

    private JsonNode answer(String action, ClassicHttpResponse response) throws IOException {
        int status = response.getCode();
        HttpEntity entity = response.getEntity();
        byte[] body = entity == null ? new byte[0] : EntityUtils.toByteArray(entity, MAX_ANSWER_BYTES);
        JsonNode json = parse(body);
        if (status >= 200 && status < 300) {
            if (json == null || !json.isObject()) {
                throw new VodApiException("InvalidResponse", status, null,
                        action + " answered HTTP " + status + " with a body that is not a JSON object ("
                                + body.length + " bytes)", false, null);
            }
            LOG.log(System.Logger.Level.DEBUG, () -> action + " answered HTTP " + status + ", RequestId "
                    + text(json, "RequestId").orElse("?"));
            return json;
        }
        String requestId = json == null ? null : text(json, "RequestId").orElse(null);
        Optional<String> code = json == null ? Optional.empty() : text(json, "Code");
        boolean retryable = status >= 500 || status == 429 || code.map(c -> c.startsWith("Throttling")).orElse(false);
        String message;
        if (code.isPresent()) {
            message = action + " failed: " + redactor.redact(text(json, "Message").orElse("(no message)"));
        } else {
            message = action + " answered HTTP " + status + " without VOD's error JSON (" + body.length + " bytes)";
        }
        String errorCode = code.orElse("Http.Abnormal");
        LOG.log(System.Logger.Level.DEBUG, () -> action + " answered HTTP " + status + " " + errorCode
                + ", RequestId " + requestId);
        throw new VodApiException(errorCode, status, requestId, message, retryable, null);
    }

    /** The JSON of {@code body}, or null when it is not JSON. Jackson's message would quote the body: dropped. */
    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static VodUploadTicket ticket(String action, JsonNode answer, Optional<String> mediaId,
                                          Optional<String> mediaUrl) {
        Optional<String> requestId = text(answer, "RequestId");
        Optional<String> address = text(answer, "UploadAddress");
        Optional<String> auth = text(answer, "UploadAuth");
        List<String> missing = new ArrayList<>();
        if (mediaId.isEmpty()) {
            missing.add(action.equals("CreateUploadImage") ? "ImageId"
                    : action.equals("CreateUploadAttachedMedia") ? "MediaId" : "VideoId");
        }
        if (address.isEmpty()) {
            missing.add("UploadAddress");
        }
        if (auth.isEmpty()) {
            missing.add("UploadAuth");
        }
        if (!missing.isEmpty()) {
            throw new VodApiException("InvalidResponse", 200, requestId.orElse(null),
                    action + " answered without " + String.join(", ", missing), false, null);
        }
        return new VodUploadTicket(mediaId.get(), address.get(), auth.get(), requestId, mediaUrl);
    }

    private static Optional<String> text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull() || node.isContainerNode()) {
            return Optional.empty();
        }
        String value = node.asText();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private String nonce() {
        String nonce = nonces.get();
        if (nonce == null || nonce.isBlank()) {
            throw new IllegalStateException("the nonce source gave a blank SignatureNonce");
        }
        return nonce;
    }

    // VOD's SDKs leave empty optional parameters out rather than send "Name=".
    private static void put(Map<String, String> params, String name, Optional<String> value) {
        value.filter(v -> !v.isEmpty()).ifPresent(v -> params.put(name, v));
    }

    private static void put(Map<String, String> params, String name, OptionalLong value) {
        value.ifPresent(v -> params.put(name, Long.toString(v)));
    }

    private static void put(Map<String, String> params, String name, List<String> values) {
        if (!values.isEmpty()) {
            params.put(name, String.join(",", values));
        }
    }

    /**
     * Configures a {@link VodApiClient}. Defaults: the system UTC clock, random UUID nonces, a 10 s connect
     * timeout and a 30 s response timeout. Not thread-safe.
     */
    public static final class Builder {

        private URI endpoint;
        private Credentials credentials;
        private Clock clock = Clock.systemUTC();
        private Supplier<String> nonces = () -> UUID.randomUUID().toString();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration responseTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** VOD's region, e.g. {@code cn-shanghai}: the endpoint becomes {@code https://vod.<region>.aliyuncs.com/}. */
        public Builder region(String region) {
            Objects.requireNonNull(region, "region");
            if (!REGION.matcher(region).matches()) {
                throw new IllegalArgumentException("region is not a VOD region id like cn-shanghai: \"" + region + "\"");
            }
            this.endpoint = URI.create("https://vod." + region + ".aliyuncs.com/");
            return this;
        }

        /**
         * An explicit base URL instead of {@link #region} (a VPC endpoint, a test server); only its scheme,
         * host and port are used, requests go to path {@code /}.
         */
        public Builder endpoint(URI endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            if (!endpoint.isAbsolute() || endpoint.getHost() == null
                    || !(endpoint.getScheme().equals("https") || endpoint.getScheme().equals("http"))) {
                throw new IllegalArgumentException("endpoint is not an http(s) URL with a host: " + endpoint);
            }
            this.endpoint = endpoint;
            return this;
        }

        /**
         * The app server's credentials (a RAM user's AccessKey; with a security token for STS credentials,
         * sent as {@code SecurityToken}).
         */
        public Builder credentials(Credentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /** Where {@code Timestamp} comes from. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Where each request's {@code SignatureNonce} comes from; it must never repeat, and must be
         * thread-safe (it is called on every calling thread).
         */
        public Builder nonceSource(Supplier<String> nonces) {
            this.nonces = Objects.requireNonNull(nonces, "nonces");
            return this;
        }

        /** How long to wait for a connection. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** How long to wait for the answer (between bytes). */
        public Builder responseTimeout(Duration timeout) {
            this.responseTimeout = positive(timeout, "responseTimeout");
            return this;
        }

        /**
         * The client.
         *
         * @throws IllegalStateException when no region/endpoint or no credentials were given
         */
        public VodApiClient build() {
            if (endpoint == null) {
                throw new IllegalStateException("neither region nor endpoint was given");
            }
            if (credentials == null) {
                throw new IllegalStateException("no credentials were given");
            }
            return new VodApiClient(this);
        }

        private static Duration positive(Duration timeout, String name) {
            Objects.requireNonNull(timeout, name);
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException(name + " is not positive: " + timeout);
            }
            return timeout;
        }
    }
}
