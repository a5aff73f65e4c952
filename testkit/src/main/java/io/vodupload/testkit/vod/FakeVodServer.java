package io.vodupload.testkit.vod;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for ApsaraVideo VOD's OpenAPI on a loopback port: answers {@code CreateUploadVideo},
 * {@code RefreshUploadVideo}, {@code CreateUploadImage} and {@code CreateUploadAttachedMedia} over GET
 * with VOD's JSON, after checking the request the way VOD's gateway does.
 *
 * <p>What it checks, in this order, and the error it answers (HTTP status, {@code Code}):
 * <ol>
 *   <li>GET only (405 {@code UnsupportedHTTPMethod}); a well-formed query (400 {@code InvalidParameter});</li>
 *   <li>{@code Action} present (400 {@code MissingParameter}) and one of the four
 *       (404 {@code InvalidAction.NotFound});</li>
 *   <li>the public parameters {@code Version}, {@code AccessKeyId}, {@code SignatureMethod},
 *       {@code SignatureVersion}, {@code SignatureNonce}, {@code Timestamp}, {@code Signature} present
 *       (400 {@code MissingParameter}); {@code Version=2017-03-21} (400 {@code InvalidVersion});
 *       {@code Format=JSON}, {@code SignatureMethod=HMAC-SHA1}, {@code SignatureVersion=1.0}
 *       (400 {@code InvalidParameter});</li>
 *   <li>{@code Timestamp} ISO-8601 (400 {@code InvalidTimeStamp.Format}) and within 15 minutes of the
 *       server's clock (400 {@code InvalidTimeStamp.Expired});</li>
 *   <li>a known {@code AccessKeyId} (404 {@code InvalidAccessKeyId.NotFound});</li>
 *   <li>the POP signature (400 {@code SignatureDoesNotMatch}; the message carries the server's string to
 *       sign, as VOD's does, so a client has to keep it out of its logs);</li>
 *   <li>for an STS key, the matching {@code SecurityToken}, and none for a plain key
 *       (400 {@code InvalidSecurityToken.Mismatch});</li>
 *   <li>a {@code SignatureNonce} not seen before (400 {@code SignatureNonceUsed});</li>
 *   <li>a fault queued with {@link #failNext};</li>
 *   <li>the action's own parameters (400 {@code MissingParameter}, {@code InvalidParameter},
 *       {@code InvalidParameter.FileName}); for a refresh, a known video (404 {@code InvalidVideo.NotFound}).</li>
 * </ol>
 *
 * <p>Tickets come from a {@link TicketIssuer}; the server remembers every media it created (id → upload
 * location), so {@code RefreshUploadVideo} answers the same {@code UploadAddress} with new credentials.
 * {@code UploadAuth} has the fields real VOD sends: {@code SecurityToken}, {@code AccessKeyId},
 * {@code ExpireUTCTime} (ISO-8601, server clock + lifetime), {@code AccessKeySecret}, {@code Expiration}
 * (the lifetime in seconds, {@code "3600"}) and {@code Region}.
 *
 * <pre>{@code
 * try (FakeVodServer vod = FakeVodServer.builder().accessKey("ak", "sk").clock(clock).start()) {
 *     URI endpoint = vod.endpoint();              // http://127.0.0.1:<port>/
 *     vod.failNext(VodAction.REFRESH_UPLOAD_VIDEO, 503, "ServiceUnavailable");
 *     ...
 *     assertThat(vod.calls(VodAction.REFRESH_UPLOAD_VIDEO)).isEqualTo(2);
 * }
 * }</pre>
 *
 * <p>Also a program: {@code java io.vodupload.testkit.vod.FakeVodServer --port 8080 --access-key-id ak
 * --access-key-secret sk [--region cn-shanghai]} serves until the JVM is stopped.
 *
 * <p><b>Threading:</b> requests are served on a small pool of daemon threads; every public method is
 * thread-safe. {@link #close()} stops the server.
 */
public final class FakeVodServer implements AutoCloseable {

    /** How far a request's {@code Timestamp} may be from the server's clock, either way. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);

    static final String API_VERSION = "2017-03-21";

    private static final System.Logger LOG = System.getLogger(FakeVodServer.class.getName());
    private static final List<String> PUBLIC_PARAMETERS = List.of("Version", "AccessKeyId", "SignatureMethod",
            "SignatureVersion", "SignatureNonce", "Timestamp", "Signature");
    private static final List<String> IMAGE_TYPES = List.of("default", "cover");
    private static final List<String> IMAGE_EXTS = List.of("png", "jpg", "jpeg", "gif");
    private static final List<String> BUSINESS_TYPES = List.of("watermark", "subtitle", "material");
    private static final String USAGE = "usage: FakeVodServer --access-key-id ID --access-key-secret SECRET"
            + " [--port N (0 = any free port)] [--region cn-shanghai]";

    private final HttpServer http;
    private final ExecutorService executor;
    private final Clock clock;
    private final String region;
    private final TicketIssuer issuer;
    private final Map<String, Key> keys;
    private final Map<String, Media> media = new ConcurrentHashMap<>();
    private final Map<String, Instant> nonces = new HashMap<>();
    private final Map<VodAction, AtomicLong> calls = new EnumMap<>(VodAction.class);
    private final Map<VodAction, Deque<Fault>> faults = new EnumMap<>(VodAction.class);
    private final Map<VodAction, Map<String, String>> lastParameters = new ConcurrentHashMap<>();

    private FakeVodServer(Builder builder) throws IOException {
        this.clock = builder.clock;
        this.region = builder.region;
        this.issuer = builder.issuer;
        this.keys = Map.copyOf(builder.keys);
        for (VodAction action : VodAction.values()) {
            calls.put(action, new AtomicLong());
            faults.put(action, new ConcurrentLinkedDeque<>());
        }
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fake-vod-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port), 0);
        http.createContext("/", this::handle);
        http.setExecutor(executor);
        http.start();
    }

    /** A builder with no AccessKey, the system clock, region {@code cn-shanghai}, a random port. */
    public static Builder builder() {
        return new Builder();
    }

    /** The base URL to send requests to: {@code http://127.0.0.1:<port>/}. */
    public URI endpoint() {
        return URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port() + "/");
    }

    /** The port the server listens on. */
    public int port() {
        return http.getAddress().getPort();
    }

    /** The VOD region the server plays (the {@code Region} of its tickets). */
    public String region() {
        return region;
    }

    /**
     * The next authenticated request for {@code action} is answered with {@code httpStatus} and VOD error
     * {@code errorCode} (for example 503 {@code ServiceUnavailable}, 400 {@code Throttling.User}) instead of
     * being carried out; once. Calls queue up: two calls fail the next two requests.
     */
    public void failNext(VodAction action, int httpStatus, String errorCode) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(errorCode, "errorCode");
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("httpStatus is not an error status: " + httpStatus);
        }
        faults.get(action).add(new Fault(httpStatus, errorCode));
    }

    /** Drops every fault still queued. */
    public void clearFaults() {
        faults.values().forEach(Deque::clear);
    }

    /**
     * How many requests named {@code action} (a known action in {@code Action}) so far, whatever their
     * outcome: rejected, failed by an injected fault, or answered.
     */
    public long calls(VodAction action) {
        return calls.get(Objects.requireNonNull(action, "action")).get();
    }

    /** {@link #calls} for every action. */
    public Map<VodAction, Long> statistics() {
        Map<VodAction, Long> stats = new EnumMap<>(VodAction.class);
        calls.forEach((action, count) -> stats.put(action, count.get()));
        return Collections.unmodifiableMap(stats);
    }

    /** Where the media {@code mediaId} (a VideoId, ImageId or MediaId this server issued) is to be uploaded. */
    public Optional<UploadLocation> location(String mediaId) {
        return Optional.ofNullable(media.get(mediaId)).map(Media::location);
    }

    /**
     * The decoded query parameters of the last request for {@code action}, sorted by name, without
     * {@code Signature}; empty when none arrived.
     */
    public Optional<Map<String, String>> lastParameters(VodAction action) {
        return Optional.ofNullable(lastParameters.get(action));
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "FakeVodServer[" + endpoint() + ", region=" + region + ", accessKeyIds=" + keys.keySet() + "]";
    }

    private void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        int status;
        String body;
        try {
            Map<String, String> answer = new LinkedHashMap<>();
            answer.put("RequestId", requestId);
            answer(exchange, answer);
            status = 200;
            body = Json.object(answer);
        } catch (VodError e) {
            status = e.status;
            body = error(requestId, e.code, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "fake VOD failed on a request", e);
            status = 500;
            body = error(requestId, "InternalError", "The request processing has failed due to some unknown error.");
        }
        int answered = status;
        LOG.log(System.Logger.Level.DEBUG, () -> "fake VOD " + exchange.getRequestMethod() + " → " + answered);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        exchange.getResponseHeaders().set("x-acs-request-id", requestId);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String error(String requestId, String code, String message) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("RequestId", requestId);
        fields.put("HostId", "vod." + region + ".aliyuncs.com");
        fields.put("Code", code);
        fields.put("Message", message);
        return Json.object(fields);
    }

    private void answer(HttpExchange exchange, Map<String, String> answer) {
        if (!"GET".equals(exchange.getRequestMethod())) {
            throw new VodError(405, "UnsupportedHTTPMethod",
                    "This API accepts GET only, not " + exchange.getRequestMethod() + ".");
        }
        TreeMap<String, String> params;
        try {
            params = PopSignature.parseQuery(exchange.getRequestURI().getRawQuery());
        } catch (IllegalArgumentException e) {
            throw new VodError(400, "InvalidParameter", "The query string is malformed: " + e.getMessage());
        }
        String actionName = require(params, "Action");
        VodAction action = VodAction.fromWireName(actionName).orElseThrow(() -> new VodError(404,
                "InvalidAction.NotFound", "Specified api is not found, please check your url and method."));
        calls.get(action).incrementAndGet();
        TreeMap<String, String> recorded = new TreeMap<>(params);
        recorded.remove("Signature");
        lastParameters.put(action, Collections.unmodifiableMap(recorded));

        authenticate(params);
        Fault fault = faults.get(action).poll();
        if (fault != null) {
            throw new VodError(fault.status, fault.code, "Injected fault for " + actionName + ".");
        }
        switch (action) {
            case CREATE_UPLOAD_VIDEO:
                createUploadVideo(params, answer);
                break;
            case REFRESH_UPLOAD_VIDEO:
                refreshUploadVideo(params, answer);
                break;
            case CREATE_UPLOAD_IMAGE:
                createUploadImage(params, answer);
                break;
            case CREATE_UPLOAD_ATTACHED_MEDIA:
                createUploadAttachedMedia(params, answer);
                break;
            default:
                throw new IllegalStateException("unhandled action " + action);
        }
    }

    private void authenticate(Map<String, String> params) {
        for (String name : PUBLIC_PARAMETERS) {
            require(params, name);
        }
        if (!API_VERSION.equals(params.get("Version"))) {
            throw new VodError(400, "InvalidVersion", "Specified parameter Version is not valid.");
        }
        if (!"JSON".equalsIgnoreCase(params.getOrDefault("Format", "XML"))) {
            throw new VodError(400, "InvalidParameter", "This fake answers Format=JSON only.");
        }
        if (!"HMAC-SHA1".equals(params.get("SignatureMethod"))) {
            throw new VodError(400, "InvalidParameter", "Specified SignatureMethod is not supported.");
        }
        if (!"1.0".equals(params.get("SignatureVersion"))) {
            throw new VodError(400, "InvalidParameter", "Specified SignatureVersion is not supported.");
        }
        Instant timestamp;
        try {
            timestamp = Instant.parse(params.get("Timestamp"));
        } catch (DateTimeParseException e) {
            throw new VodError(400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.");
        }
        Instant now = clock.instant();
        if (Duration.between(timestamp, now).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new VodError(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
        }
        Key key = keys.get(params.get("AccessKeyId"));
        if (key == null) {
            throw new VodError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
        }
        String stringToSign = PopSignature.stringToSign(params);
        byte[] expected = PopSignature.sign(key.secret, stringToSign).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, params.get("Signature").getBytes(StandardCharsets.UTF_8))) {
            throw new VodError(400, "SignatureDoesNotMatch",
                    "Specified signature is not matched with our calculation. server string to sign is:" + stringToSign);
        }
        if (!Objects.equals(key.securityToken, params.get("SecurityToken"))) {
            throw new VodError(400, "InvalidSecurityToken.Mismatch", "Specified SecurityToken is not matched with AccessKeyId.");
        }
        String nonce = params.get("SignatureNonce");
        synchronized (nonces) {
            // A timestamp is good for MAX_CLOCK_SKEW either side of now, so a nonce can come back within twice that.
            Instant forgetBefore = now.minus(MAX_CLOCK_SKEW.multipliedBy(2));
            nonces.values().removeIf(seen -> seen.isBefore(forgetBefore));
            if (nonces.putIfAbsent(nonce, now) != null) {
                throw new VodError(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
            }
        }
    }

    private void createUploadVideo(Map<String, String> params, Map<String, String> answer) {
        require(params, "Title");
        String fileName = require(params, "FileName");
        String extension = extension(fileName).orElseThrow(() -> new VodError(400, "InvalidParameter.FileName",
                "The FileName has no extension: " + fileName));
        String id = newMediaId();
        TicketRequest request = new TicketRequest(VodAction.CREATE_UPLOAD_VIDEO, id, Optional.of(fileName),
                extension, region);
        UploadLocation location = remember(request);
        answer.put("VideoId", id);
        putTickets(answer, request, location);
    }

    private void refreshUploadVideo(Map<String, String> params, Map<String, String> answer) {
        String id = require(params, "VideoId");
        Media video = media.get(id);
        if (video == null || video.created.action() != VodAction.CREATE_UPLOAD_VIDEO) {
            throw new VodError(404, "InvalidVideo.NotFound", "The video does not exist.");
        }
        TicketRequest request = new TicketRequest(VodAction.REFRESH_UPLOAD_VIDEO, id, video.created.fileName(),
                video.created.extension(), region);
        answer.put("VideoId", id);
        putTickets(answer, request, video.location);
    }

    private void createUploadImage(Map<String, String> params, Map<String, String> answer) {
        String imageType = require(params, "ImageType");
        if (!IMAGE_TYPES.contains(imageType)) {
            throw new VodError(400, "InvalidParameter", "Specified ImageType is not valid: " + imageType);
        }
        String extension = params.getOrDefault("ImageExt", "png");
        if (!IMAGE_EXTS.contains(extension)) {
            throw new VodError(400, "InvalidParameter", "Specified ImageExt is not valid: " + extension);
        }
        String id = newMediaId();
        TicketRequest request = new TicketRequest(VodAction.CREATE_UPLOAD_IMAGE, id, Optional.empty(), extension,
                region);
        UploadLocation location = remember(request);
        answer.put("ImageId", id);
        answer.put("ImageURL", location.objectUrl());
        answer.put("FileURL", location.objectUrl());
        putTickets(answer, request, location);
    }

    private void createUploadAttachedMedia(Map<String, String> params, Map<String, String> answer) {
        String businessType = require(params, "BusinessType");
        if (!BUSINESS_TYPES.contains(businessType)) {
            throw new VodError(400, "InvalidParameter", "Specified BusinessType is not valid: " + businessType);
        }
        String extension = require(params, "MediaExt").toLowerCase(Locale.ROOT);
        if (extension.contains(".")) {
            throw new VodError(400, "InvalidParameter", "Specified MediaExt is not valid: " + extension);
        }
        String id = newMediaId();
        TicketRequest request = new TicketRequest(VodAction.CREATE_UPLOAD_ATTACHED_MEDIA, id,
                Optional.ofNullable(params.get("FileName")), extension, region);
        UploadLocation location = remember(request);
        answer.put("MediaId", id);
        answer.put("MediaURL", location.objectUrl());
        answer.put("FileURL", location.objectUrl());
        putTickets(answer, request, location);
    }

    private UploadLocation remember(TicketRequest request) {
        UploadLocation location = Objects.requireNonNull(issuer.locate(request), "TicketIssuer.locate returned null");
        media.put(request.mediaId(), new Media(request, location));
        return location;
    }

    private void putTickets(Map<String, String> answer, TicketRequest request, UploadLocation location) {
        StsGrant grant = Objects.requireNonNull(issuer.grant(request, location), "TicketIssuer.grant returned null");
        Map<String, String> address = new LinkedHashMap<>();
        address.put("Endpoint", location.endpoint());
        address.put("Bucket", location.bucket());
        address.put("FileName", location.objectKey());
        Map<String, String> auth = new LinkedHashMap<>();
        auth.put("SecurityToken", grant.securityToken());
        auth.put("AccessKeyId", grant.accessKeyId());
        auth.put("ExpireUTCTime", clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(grant.lifetime()).toString());
        auth.put("AccessKeySecret", grant.accessKeySecret());
        auth.put("Expiration", Long.toString(grant.lifetime().getSeconds()));
        auth.put("Region", region);
        answer.put("UploadAddress", base64(Json.object(address)));
        answer.put("UploadAuth", base64(Json.object(auth)));
    }

    private static String base64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String require(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isEmpty()) {
            throw new VodError(400, "MissingParameter",
                    "The input parameter \"" + name + "\" that is mandatory for processing this request is not supplied.");
        }
        return value;
    }

    private static Optional<String> extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
        if (dot <= slash || dot == fileName.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static String newMediaId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * Runs the server until the JVM stops. Flags: {@code --access-key-id}, {@code --access-key-secret}
     * (required), {@code --port} (default 0: any free port), {@code --region} (default {@code cn-shanghai}).
     * Prints the endpoint on standard output; exits with status 2 on bad flags.
     */
    public static void main(String[] args) throws InterruptedException {
        Builder builder;
        try {
            builder = fromArgs(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        FakeVodServer server = builder.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "fake-vod-shutdown"));
        System.out.println("FakeVodServer listening on " + server.endpoint() + " (region " + server.region()
                + ", AccessKeyIds " + server.keys.keySet() + ")");
        stopped.await();
    }

    /**
     * The builder {@link #main} starts from: {@code --name value} or {@code --name=value} flags.
     *
     * @throws IllegalArgumentException naming a flag that is unknown, repeated, lacks a value or is invalid
     */
    static Builder fromArgs(String[] args) {
        Map<String, String> flags = new HashMap<>();
        List<String> known = List.of("--port", "--access-key-id", "--access-key-secret", "--region");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown flag: " + name);
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("flag " + name + " needs a value");
            }
            if (flags.put(name, value) != null) {
                throw new IllegalArgumentException("flag " + name + " is given twice");
            }
        }
        List<String> missing = new ArrayList<>();
        for (String required : List.of("--access-key-id", "--access-key-secret")) {
            if (!flags.containsKey(required) || flags.get(required).isBlank()) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("missing flag(s): " + String.join(", ", missing));
        }
        Builder builder = builder().accessKey(flags.get("--access-key-id"), flags.get("--access-key-secret"));
        if (flags.containsKey("--port")) {
            try {
                builder.port(Integer.parseInt(flags.get("--port")));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--port is not a number: " + flags.get("--port"));
            }
        }
        if (flags.containsKey("--region")) {
            builder.region(flags.get("--region"));
        }
        return builder;
    }

    /** Configures and starts a {@link FakeVodServer}. Not thread-safe; use once. */
    public static final class Builder {

        private Clock clock = Clock.systemUTC();
        private String region = "cn-shanghai";
        private int port;
        private TicketIssuer issuer = TicketIssuer.inventing();
        private final Map<String, Key> keys = new LinkedHashMap<>();

        private Builder() {
        }

        /** Accepts requests signed with this long-lived AccessKey pair (no {@code SecurityToken}). */
        public Builder accessKey(String accessKeyId, String accessKeySecret) {
            keys.put(nonBlank(accessKeyId, "accessKeyId"), new Key(nonBlank(accessKeySecret, "accessKeySecret"), null));
            return this;
        }

        /** Accepts requests signed with these STS credentials, carrying {@code SecurityToken=securityToken}. */
        public Builder stsAccessKey(String accessKeyId, String accessKeySecret, String securityToken) {
            keys.put(nonBlank(accessKeyId, "accessKeyId"), new Key(nonBlank(accessKeySecret, "accessKeySecret"),
                    nonBlank(securityToken, "securityToken")));
            return this;
        }

        /** The clock timestamps are checked against and {@code ExpireUTCTime} is counted from. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The VOD region the server plays (default {@code cn-shanghai}). */
        public Builder region(String region) {
            this.region = nonBlank(region, "region");
            return this;
        }

        /** The loopback port to listen on; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of 0..65535: " + port);
            }
            this.port = port;
            return this;
        }

        /** Who decides the tickets' contents (default {@link TicketIssuer#inventing()}). */
        public Builder ticketIssuer(TicketIssuer issuer) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            return this;
        }

        /**
         * Starts the server.
         *
         * @throws UncheckedIOException when the port cannot be bound
         */
        public FakeVodServer start() {
            try {
                return new FakeVodServer(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on loopback port " + port, e);
            }
        }

        private static String nonBlank(String value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isBlank()) {
                throw new IllegalArgumentException(name + " is blank");
            }
            return value;
        }
    }

    /** An accepted AccessKey: its secret and, for STS, the token requests must carry. */
    private static final class Key {
        final String secret;
        final String securityToken;

        Key(String secret, String securityToken) {
            this.secret = secret;
            this.securityToken = securityToken;
        }

        @Override
        public String toString() {
            return "Key[secret=***" + (securityToken != null ? ", securityToken=***" : "") + "]";
        }
    }

    private record Media(TicketRequest created, UploadLocation location) {
    }

    private record Fault(int status, String code) {
    }

    /** An error answer: unwinds the request handling to {@link #handle}. */
    private static final class VodError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;

        VodError(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }
}
