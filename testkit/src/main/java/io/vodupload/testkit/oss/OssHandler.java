package io.vodupload.testkit.oss;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.vodupload.ports.Crc64;
import io.vodupload.ports.Sleeper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Handles every request: decode, count, apply faults, check the bucket and the signature, run the
 * operation, answer as OSS does. One instance serves all handler threads; it keeps no per-request state
 * in fields.
 */
final class OssHandler implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(OssHandler.class.getName());
    static final long MAX_OBJECT_SIZE = 5L * 1024 * 1024 * 1024;
    private static final int MAX_COMPLETE_BODY = 8 * 1024 * 1024;
    private static final Set<String> OBJECT_QUERY_KEEPERS =
            Set.of("uploadId", "partNumber", "uploads", "security-token", "sequential");

    private static final String CRC64_HEADER = "x-oss-hash-crc64ecma";

    /** An answer to send. {@code body} or {@code content} (or neither). */
    private static final class Response {
        final int status;
        final Map<String, String> headers = new LinkedHashMap<>();
        byte[] body;
        OssObject content;
        long headContentLength = -1;

        Response(int status) {
            this.status = status;
        }

        Response header(String name, String value) {
            headers.put(name, value);
            return this;
        }
    }

    private final ObjectStore store;
    private final Authenticator authenticator;
    private final OssFaults faults;
    private final OssServerStats stats;
    private final Sleeper sleeper;
    private final Supplier<Instant> now;
    private final List<String> serviceDomains;
    private final String requestIdPrefix;
    private final AtomicLong requestCounter = new AtomicLong();
    private final LinkEmulation.Link link;

    OssHandler(ObjectStore store, Authenticator authenticator, OssFaults faults, OssServerStats stats, Sleeper sleeper,
            Supplier<Instant> now, List<String> serviceDomains, String requestIdPrefix, LinkEmulation.Link link) {
        this.store = store;
        this.authenticator = authenticator;
        this.faults = faults;
        this.stats = stats;
        this.sleeper = sleeper;
        this.now = now;
        this.serviceDomains = List.copyOf(serviceDomains);
        this.requestIdPrefix = requestIdPrefix;
        this.link = link;
    }

    @Override
    public void handle(HttpExchange exchange) {
        String requestId = String.format("%s%016X", requestIdPrefix, requestCounter.incrementAndGet());
        boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
        String hostHeader = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Host")).orElse("");
        String hostId = hostHeader;
        OssStall stall = null;
        try {
            link.requestArrived();
            exchange.setStreams(link.pace(exchange.getRequestBody(), exchange.getRemoteAddress()), null);
            Response response;
            try {
                OssRequest request = OssRequest.parse(exchange.getRequestMethod(), hostHeader,
                        exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders(), store.buckets(), serviceDomains);
                hostId = request.virtualHosted() ? request.host()
                        : request.bucket().map(b -> b + "." + request.host()).orElse(request.host());
                OssOperation operation = classify(request);
                stats.request(operation);
                countPartAttempt(request, operation);
                Duration delay = faults.delay();
                if (!delay.isZero()) {
                    sleeper.sleep(delay);
                }
                OssFaults.Fired fired = faults.onRequest(operation);
                if (fired.reset()) {
                    resetMidBody(exchange, request);
                    return;
                }
                stall = fired.stall();
                if (fired.error() != null) {
                    throw fired.error();
                }
                Optional<OssError> refused = faults.refusal(request.key());
                if (refused.isPresent()) {
                    throw refused.get();
                }
                response = execute(exchange, request, operation);
                if (faults.omitsCrc64()) {
                    response.headers.remove(CRC64_HEADER);
                }
            } catch (OssError e) {
                drain(exchange);
                response = error(e, requestId, hostId, head);
            }
            if (stall != null) {
                stall.hold();
            }
            send(exchange, response, requestId, head);
        } catch (IOException e) {
            // the client went away or sent less than it announced: there is no one left to answer
            LOG.log(System.Logger.Level.DEBUG, "request " + requestId + " ended with an I/O error: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "request " + requestId + " failed inside the testkit OSS server", e);
            try {
                drain(exchange);
                send(exchange, error(new OssError(500, "InternalError", "The testkit OSS server failed: " + e), requestId, hostId, head),
                        requestId, head);
            } catch (IOException | RuntimeException ignored) {
                // the answer could not be sent either; closing the exchange below drops the connection
            }
        } finally {
            exchange.close();
        }
    }

    // ---- routing --------------------------------------------------------------------------------

    static OssOperation classify(OssRequest r) {
        if (r.key().isEmpty()) {
            return OssOperation.OTHER;
        }
        for (OssRequest.QueryParam p : r.query()) {
            if ((OssSignatures.V1_SUBRESOURCES.contains(p.name()) && !OBJECT_QUERY_KEEPERS.contains(p.name())
                    && !p.name().startsWith("response-") && !p.name().equals("versionId"))) {
                return OssOperation.OTHER;
            }
        }
        boolean uploadId = r.hasParam("uploadId");
        switch (r.method()) {
            case "PUT":
                if (r.header("x-oss-copy-source").isPresent()) {
                    return OssOperation.OTHER;
                }
                if (uploadId && r.hasParam("partNumber")) {
                    return OssOperation.UPLOAD_PART;
                }
                return uploadId || r.hasParam("partNumber") || r.hasParam("uploads") ? OssOperation.OTHER : OssOperation.PUT_OBJECT;
            case "GET":
                return uploadId ? OssOperation.LIST_PARTS : r.hasParam("uploads") ? OssOperation.OTHER : OssOperation.GET_OBJECT;
            case "HEAD":
                return OssOperation.HEAD_OBJECT;
            case "POST":
                if (r.hasParam("uploads")) {
                    return OssOperation.INITIATE_MULTIPART;
                }
                return uploadId ? OssOperation.COMPLETE_MULTIPART : OssOperation.OTHER;
            case "DELETE":
                return uploadId ? OssOperation.ABORT_MULTIPART : OssOperation.DELETE_OBJECT;
            default:
                return OssOperation.OTHER;
        }
    }

    private void countPartAttempt(OssRequest r, OssOperation operation) {
        if (operation == OssOperation.UPLOAD_PART) {
            try {
                stats.partAttempt(r.param("uploadId").orElse(""), Integer.parseInt(r.param("partNumber").orElse("")));
            } catch (NumberFormatException e) {
                // an invalid part number is refused later; it is no attempt at a part
            }
        }
    }

    private Response execute(HttpExchange exchange, OssRequest r, OssOperation operation) throws IOException {
        if (r.bucket().isPresent() && !store.hasBucket(r.bucket().get())) {
            throw OssError.noSuchBucket(r.bucket().get());
        }
        if (faults.allCredentialsExpired()) {
            throw Authenticator.securityTokenExpired();
        }
        Authenticator.Result auth = authenticator.authenticate(r);
        stats.authenticated(auth.version());
        if (operation == OssOperation.OTHER) {
            throw OssError.notImplemented("The testkit OSS server does not implement " + r + "; it serves object and multipart upload operations.");
        }
        String bucket = r.bucket().get();
        String key = r.key().get();
        checkKey(key);
        switch (operation) {
            case PUT_OBJECT:
                return putObject(exchange, r, bucket, key);
            case GET_OBJECT:
                return getObject(bucket, key, false);
            case HEAD_OBJECT:
                return getObject(bucket, key, true);
            case DELETE_OBJECT:
                store.delete(bucket, key);
                return new Response(204);
            case INITIATE_MULTIPART:
                return initiate(exchange, r, bucket, key);
            case UPLOAD_PART:
                return uploadPart(exchange, r, bucket, key, auth);
            case LIST_PARTS:
                return listParts(r, bucket, key);
            case COMPLETE_MULTIPART:
                return complete(exchange, r, bucket, key);
            case ABORT_MULTIPART:
                store.abort(store.upload(r.param("uploadId").get(), bucket, key));
                return new Response(204);
            default:
                throw new IllegalStateException("unrouted operation " + operation);
        }
    }

    private static void checkKey(String key) {
        if (key.getBytes(StandardCharsets.UTF_8).length > 1023 || key.startsWith("/") || key.startsWith("\\")) {
            throw new OssError(400, "InvalidObjectName", "The specified object is not valid: a key is 1 to 1023 bytes and does not start with '/' or '\\'.");
        }
    }

    // ---- operations -----------------------------------------------------------------------------

    private Response putObject(HttpExchange exchange, OssRequest r, String bucket, String key) throws IOException {
        long length = bodyLength(r, true);
        if (length > MAX_OBJECT_SIZE) {
            throw entityTooLarge(length);
        }
        Body body = Body.read(exchange.getRequestBody(), length, keep(), stats::received);
        if (r.header("content-md5").isEmpty()) {
            stats.bodyWithoutContentMd5();
        }
        checkContentMd5(r, body.md5());
        OssObject o = store.put(bucket, key, body, attributes(r), now.get(), forbidOverwrite(r));
        return new Response(200)
                .header("ETag", o.etag())
                .header(CRC64_HEADER, o.crc64Header())
                .header("Content-MD5", Base64.getEncoder().encodeToString(body.md5()));
    }

    private Response getObject(String bucket, String key, boolean head) {
        OssObject o = store.object(bucket, key).orElseThrow(() -> OssError.noSuchKey(key));
        if (!head && !o.hasContent()) {
            throw OssError.notImplemented("GetObject is unavailable: this testkit OSS server runs in CHECKSUM_ONLY mode and keeps only the CRC-64, MD5 and length of "
                    + bucket + "/" + key + ".");
        }
        Response resp = new Response(200)
                .header("ETag", o.etag())
                .header("Last-Modified", OssCodec.httpDate(o.lastModified()))
                .header("Content-Type", o.contentType())
                .header("Accept-Ranges", "bytes")
                .header("x-oss-object-type", o.objectType())
                .header("x-oss-storage-class", o.storageClass())
                .header(CRC64_HEADER, o.crc64Header());
        o.contentMd5().ifPresent(md5 -> resp.header("Content-MD5", md5));
        o.userMetadata().forEach((name, value) -> resp.header("x-oss-meta-" + name, value));
        if (head) {
            resp.headContentLength = o.length();
        } else {
            resp.content = o;
        }
        return resp;
    }

    private Response initiate(HttpExchange exchange, OssRequest r, String bucket, String key) throws IOException {
        drain(exchange);
        ObjectStore.Upload u = store.initiate(bucket, key, attributes(r), now.get(), forbidOverwrite(r));
        boolean url = urlEncoding(r);
        return xml(200, OssXml.document("InitiateMultipartUploadResult", w -> {
            w.leaf("Bucket", bucket).leaf("Key", url ? urlEncode(key) : key).leaf("UploadId", u.id);
            if (url) {
                w.leaf("EncodingType", "url");
            }
        }));
    }

    private Response uploadPart(HttpExchange exchange, OssRequest r, String bucket, String key, Authenticator.Result auth)
            throws IOException {
        String partText = r.param("partNumber").orElse("");
        int partNumber;
        try {
            partNumber = Integer.parseInt(partText);
        } catch (NumberFormatException e) {
            partNumber = -1;
        }
        if (partNumber < 1 || partNumber > ObjectStore.MAX_PART_NUMBER) {
            throw new OssError(400, "InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive.",
                    "0017-00000220", Map.of("ArgumentName", "partNumber", "ArgumentValue", partText));
        }
        ObjectStore.Upload u = store.upload(r.param("uploadId").get(), bucket, key);
        long length = bodyLength(r, false);
        if (length > MAX_OBJECT_SIZE) {
            throw entityTooLarge(length);
        }
        Body body = Body.read(exchange.getRequestBody(), length, keep(), stats::received);
        if (r.header("content-md5").isEmpty()) {
            stats.bodyWithoutContentMd5();
        }
        checkContentMd5(r, body.md5());
        ObjectStore.StoredPart p = store.putPart(u, partNumber, body, now.get());
        faults.partSucceeded(auth.entry());
        return new Response(200)
                .header("ETag", p.etag())
                .header(CRC64_HEADER, Crc64.toUnsignedString(p.crc64()))
                .header("Content-MD5", Base64.getEncoder().encodeToString(p.md5()));
    }

    private Response listParts(OssRequest r, String bucket, String key) {
        ObjectStore.Upload u = store.upload(r.param("uploadId").get(), bucket, key);
        int maxParts = intParam(r, "max-parts", 1000, 1, 1000);
        int marker = intParam(r, "part-number-marker", 0, 0, ObjectStore.MAX_PART_NUMBER);
        List<ObjectStore.StoredPart> after = new ArrayList<>();
        for (ObjectStore.StoredPart p : u.parts()) {
            if (p.number() > marker) {
                after.add(p);
            }
        }
        List<ObjectStore.StoredPart> page = after.subList(0, Math.min(maxParts, after.size()));
        boolean truncated = after.size() > page.size();
        int next = page.isEmpty() ? marker : page.get(page.size() - 1).number();
        boolean url = urlEncoding(r);
        return xml(200, OssXml.document("ListPartsResult", w -> {
            w.leaf("Bucket", bucket).leaf("Key", url ? urlEncode(key) : key).leaf("UploadId", u.id);
            if (url) {
                w.leaf("EncodingType", "url");
            }
            w.leaf("StorageClass", u.attributes.storageClass())
                    .leaf("PartNumberMarker", Integer.toString(marker))
                    .leaf("NextPartNumberMarker", Integer.toString(next))
                    .leaf("MaxParts", Integer.toString(maxParts))
                    .leaf("IsTruncated", Boolean.toString(truncated));
            for (ObjectStore.StoredPart p : page) {
                w.start("Part")
                        .leaf("PartNumber", Integer.toString(p.number()))
                        .leaf("LastModified", OssCodec.isoMillis(p.lastModified()))
                        .leaf("ETag", p.etag())
                        .leaf("Size", Long.toString(p.size()));
                if (!faults.omitsCrc64()) {
                    w.leaf("HashCrc64ecma", Crc64.toUnsignedString(p.crc64()));
                }
                w.end();
            }
        }));
    }

    private Response complete(HttpExchange exchange, OssRequest r, String bucket, String key) throws IOException {
        ObjectStore.Upload u = store.upload(r.param("uploadId").get(), bucket, key);
        long length = bodyLength(r, true);
        if (length > MAX_COMPLETE_BODY) {
            throw OssError.malformedXml("the body is larger than " + MAX_COMPLETE_BODY + " bytes");
        }
        Body body = Body.read(exchange.getRequestBody(), length, true, stats::received);
        checkContentMd5(r, body.md5());
        ByteArrayOutputStream xmlBytes = new ByteArrayOutputStream((int) body.length());
        body.data().get().writeTo(xmlBytes);
        boolean completeAll = r.header("x-oss-complete-all").map(v -> v.trim().equalsIgnoreCase("yes")).orElse(false);
        List<OssXml.PartRef> refs;
        if (completeAll) {
            if (body.length() > 0) {
                throw OssError.invalidArgument("Should not specify both complete-all header and http body.");
            }
            refs = null;
        } else {
            refs = OssXml.parseComplete(xmlBytes.toByteArray());
        }
        OssObject o = store.complete(u, refs, acl(r).orElse(null), now.get(), forbidOverwrite(r));
        boolean url = urlEncoding(r);
        String location = "http://" + r.headers().getOrDefault("host", r.host()) + "/"
                + (r.virtualHosted() ? "" : OssCodec.uriEncode(bucket, false) + "/") + OssCodec.uriEncode(key, true);
        return xml(200, OssXml.document("CompleteMultipartUploadResult", w -> {
            if (url) {
                w.leaf("EncodingType", "url");
            }
            w.leaf("Location", location).leaf("Bucket", bucket).leaf("Key", url ? urlEncode(key) : key).leaf("ETag", o.etag());
        })).header("ETag", o.etag()).header(CRC64_HEADER, o.crc64Header());
    }

    // ---- request helpers ------------------------------------------------------------------------

    /**
     * The Content-Length, or -1 for a chunked body where that is allowed.
     *
     * @throws OssError 411 MissingContentLength for a chunked body where OSS needs a length
     */
    private long bodyLength(OssRequest r, boolean chunkedAllowed) {
        boolean chunked = r.header("transfer-encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false);
        if (chunked) {
            stats.chunkedBody();
            if (!chunkedAllowed) {
                throw new OssError(411, "MissingContentLength", "You must provide the Content-Length HTTP header.");
            }
            return -1;
        }
        String cl = r.header("content-length").orElse("0").trim();
        try {
            long n = Long.parseLong(cl);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw OssError.invalidArgument("Content-Length is not a length: " + cl);
        }
    }

    private static OssError entityTooLarge(long length) {
        return new OssError(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size.", null,
                Map.of("ProposedSize", Long.toString(length), "MaxSizeAllowed", Long.toString(MAX_OBJECT_SIZE)));
    }

    private static void checkContentMd5(OssRequest r, byte[] actual) {
        Optional<String> given = r.header("content-md5").map(String::trim);
        if (given.isEmpty()) {
            return;
        }
        byte[] expected;
        try {
            expected = Base64.getDecoder().decode(given.get());
        } catch (IllegalArgumentException e) {
            expected = new byte[0];
        }
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new OssError(400, "InvalidDigest", "The Content-MD5 you specified was invalid.", null,
                    Map.of("ExpectedContentMD5", given.get(), "CalculatedContentMD5", Base64.getEncoder().encodeToString(actual)));
        }
    }

    private boolean keep() {
        return store.mode() == StorageMode.FULL;
    }

    private static String contentType(OssRequest r) {
        return r.header("content-type").map(String::trim).filter(v -> !v.isEmpty()).orElse("application/octet-stream");
    }

    /** OSS's storage classes; anything else is 400 InvalidArgument. */
    private static final List<String> STORAGE_CLASSES = List.of("Standard", "IA", "Archive", "ColdArchive",
            "DeepColdArchive");
    /** OSS's canned object ACLs; anything else is 400 InvalidArgument. */
    private static final List<String> ACLS = List.of("private", "public-read", "public-read-write", "default");

    private static ObjectStore.Attributes attributes(OssRequest r) {
        String storageClass = checked(r, "x-oss-storage-class", STORAGE_CLASSES).orElse("Standard");
        return new ObjectStore.Attributes(contentType(r), userMetadata(r), storageClass, acl(r).orElse("default"));
    }

    private static Optional<String> acl(OssRequest r) {
        return checked(r, "x-oss-object-acl", ACLS);
    }

    private static Optional<String> checked(OssRequest r, String header, List<String> allowed) {
        Optional<String> value = r.header(header).map(String::trim);
        if (value.isPresent() && !allowed.contains(value.get())) {
            throw new OssError(400, "InvalidArgument", "The value of " + header + " is not valid: " + value.get(),
                    null, Map.of("ArgumentName", header, "ArgumentValue", value.get()));
        }
        return value;
    }

    private static Map<String, String> userMetadata(OssRequest r) {
        Map<String, String> meta = new TreeMap<>();
        r.headers().forEach((name, value) -> {
            if (name.startsWith("x-oss-meta-")) {
                meta.put(name.substring("x-oss-meta-".length()), value.trim());
            }
        });
        return meta;
    }

    private static boolean forbidOverwrite(OssRequest r) {
        return r.header("x-oss-forbid-overwrite").map(v -> v.trim().equalsIgnoreCase("true")).orElse(false);
    }

    private static boolean urlEncoding(OssRequest r) {
        return r.param("encoding-type").map(v -> v.equalsIgnoreCase("url")).orElse(false);
    }

    private static String urlEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static int intParam(OssRequest r, String name, int defaultValue, int min, int max) {
        Optional<String> text = r.param(name);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            int v = Integer.parseInt(text.get().trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new OssError(400, "InvalidArgument", name + " must be an integer between " + min + " and " + max + ".", null,
                Map.of("ArgumentName", name, "ArgumentValue", text.get()));
    }

    // ---- responses ------------------------------------------------------------------------------

    private static Response xml(int status, byte[] body) {
        Response r = new Response(status).header("Content-Type", "application/xml");
        r.body = body;
        return r;
    }

    private static Response error(OssError e, String requestId, String hostId, boolean head) {
        byte[] xml = OssXml.error(e, requestId, hostId);
        Response r = new Response(e.status());
        e.ec().ifPresent(ec -> r.header("x-oss-ec", ec));
        if (head) {
            // HEAD has no body: OSS puts the error document, base64-encoded, in x-oss-err
            r.header("x-oss-err", Base64.getEncoder().encodeToString(xml));
        } else {
            r.header("Content-Type", "application/xml");
            r.body = xml;
        }
        return r;
    }

    /**
     * Whether this JDK's {@link Headers#putAll} keeps header names as given. {@link Headers#set} rewrites
     * every name as {@code X-oss-request-id}; HTTP names are case-insensitive, but aliyun-sdk-oss finds user
     * metadata by a case-sensitive {@code x-oss-meta-} prefix, so the server writes OSS's exact names where
     * the JDK lets it (JDK 17 does; later JDKs normalise in putAll too, and the names then degrade to the
     * normalised form).
     */
    static final boolean EXACT_HEADER_NAMES = probeExactHeaderNames();

    private static boolean probeExactHeaderNames() {
        Headers probe = new Headers();
        probe.putAll(Map.of("x-oss-probe", List.of("1")));
        return probe.keySet().contains("x-oss-probe");
    }

    private static void send(HttpExchange exchange, Response r, String requestId, boolean head) throws IOException {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("Server", "AliyunOSS");
        names.put("x-oss-request-id", requestId);
        names.putAll(r.headers);
        if (head && r.headContentLength >= 0) {
            names.put("Content-Length", Long.toString(r.headContentLength));
        }
        Headers h = exchange.getResponseHeaders();
        if (EXACT_HEADER_NAMES) {
            Map<String, List<String>> exact = new LinkedHashMap<>();
            names.forEach((name, value) -> exact.put(name, List.of(value)));
            h.putAll(exact);
        } else {
            names.forEach(h::set);
        }
        if (head) {
            exchange.sendResponseHeaders(r.status, -1);
            return;
        }
        if (r.content != null) {
            long length = r.content.length();
            exchange.sendResponseHeaders(r.status, length == 0 ? -1 : length);
            try (OutputStream out = exchange.getResponseBody()) {
                for (ByteChunks c : r.content.chunks()) {
                    c.writeTo(out);
                }
            }
            return;
        }
        if (r.body == null || r.body.length == 0 || r.status == 204) {
            exchange.sendResponseHeaders(r.status, -1);
            return;
        }
        exchange.sendResponseHeaders(r.status, r.body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(r.body);
        }
    }

    /** Reads what is left of the body, so that an early answer reaches a client still sending. */
    private void drain(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            stats.received(n);
        }
    }

    /**
     * Reads some of the body, then closes the connection without answering and with the rest unread:
     * the kernel then resets the connection, which the client sees while it is still sending.
     */
    private void resetMidBody(HttpExchange exchange, OssRequest r) throws IOException {
        long length;
        try {
            length = bodyLength(r, true);
        } catch (OssError e) {
            length = 0;
        }
        long toRead = length < 0 ? 16 * 1024 : Math.min(length / 2, 64 * 1024);
        InputStream in = exchange.getRequestBody();
        byte[] buffer = new byte[8 * 1024];
        while (toRead > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, toRead));
            if (n < 0) {
                break;
            }
            stats.received(n);
            toRead -= n;
        }
        LOG.log(System.Logger.Level.DEBUG, "injected a connection reset on " + r);
        // closing before any response header was sent makes the JDK server close the socket itself
        exchange.close();
    }
}
