package io.vodupload.testkit.oss;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;

/**
 * A bare OSS client for tests: java.net.http plus a small V1 signer written here, independently of the
 * server's verifier. Path style, HTTP/1.1. Not thread-safe for reconfiguration; sending is.
 */
final class RawOssClient {

    static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final URI endpoint;
    final String bucket;
    String accessKeyId = "ak";
    String secret = "sk";
    String token;
    Clock clock = Clock.systemUTC();

    RawOssClient(OssServer server, String bucket) {
        this.endpoint = server.endpoint();
        this.bucket = bucket;
    }

    RawOssClient credentials(String accessKeyId, String secret, String token) {
        this.accessKeyId = accessKeyId;
        this.secret = secret;
        this.token = token;
        return this;
    }

    RawOssClient clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Percent-encodes each path segment of {@code key} (RFC 3986), keeping '/'. */
    static String encodeKey(String key) {
        StringBuilder sb = new StringBuilder();
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (Character.isLetterOrDigit(c) && c < 128 || "-_.~/".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append(String.format("%%%02X", c));
            }
        }
        return sb.toString();
    }

    /** A signed request; {@code query} raw (already encoded), {@code headers} may hold Content-MD5/Type and x-oss-*. */
    HttpRequest build(String method, String key, String query, Map<String, String> headers, HttpRequest.BodyPublisher body) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("Date", HTTP_DATE.format(clock.instant()));
        if (token != null) {
            h.put("x-oss-security-token", token);
        }
        if (secret != null) {
            h.put("Authorization", "OSS " + accessKeyId + ":" + sign(method, key, query, h));
        }
        String path = "/" + bucket + "/" + encodeKey(key);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint + path + (query == null ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(20))
                .method(method, body);
        h.forEach(b::header);
        return b.build();
    }

    private String sign(String method, String key, String query, Map<String, String> headers) {
        Map<String, String> lower = new TreeMap<>();
        headers.forEach((n, v) -> lower.put(n.toLowerCase(Locale.ROOT), v));
        StringBuilder sts = new StringBuilder();
        sts.append(method).append('\n')
                .append(lower.getOrDefault("content-md5", "")).append('\n')
                .append(lower.getOrDefault("content-type", "")).append('\n')
                .append(lower.get("date")).append('\n');
        lower.forEach((n, v) -> {
            if (n.startsWith("x-oss-")) {
                sts.append(n).append(':').append(v).append('\n');
            }
        });
        sts.append('/').append(bucket).append('/').append(key);
        TreeSet<String> signed = new TreeSet<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                if (name.equals("uploads") || name.equals("uploadId") || name.equals("partNumber") || name.equals("acl")) {
                    signed.add(pair.endsWith("=") ? name : pair);
                }
            }
        }
        char sep = '?';
        for (String s : signed) {
            sts.append(sep).append(s);
            sep = '&';
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(sts.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<byte[]> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    CompletableFuture<HttpResponse<byte[]>> sendAsync(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> send(String method, String key, String query, Map<String, String> headers, byte[] body) throws Exception {
        return send(build(method, key, query, headers,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    HttpResponse<byte[]> put(String key, byte[] body) throws Exception {
        return send("PUT", key, null, Map.of(), body);
    }

    HttpResponse<byte[]> get(String key) throws Exception {
        return send("GET", key, null, Map.of(), null);
    }

    HttpResponse<byte[]> head(String key) throws Exception {
        return send("HEAD", key, null, Map.of(), null);
    }

    String initiate(String key) throws Exception {
        HttpResponse<byte[]> r = send("POST", key, "uploads", Map.of(), null);
        if (r.statusCode() != 200) {
            throw new AssertionError("initiate answered " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
        }
        return xpath(r.body(), "/InitiateMultipartUploadResult/UploadId");
    }

    HttpResponse<byte[]> uploadPart(String key, String uploadId, int partNumber, byte[] body) throws Exception {
        return send("PUT", key, "partNumber=" + partNumber + "&uploadId=" + uploadId, Map.of(), body);
    }

    HttpResponse<byte[]> listParts(String key, String uploadId, String more) throws Exception {
        return send("GET", key, "uploadId=" + uploadId + (more == null ? "" : "&" + more), Map.of(), null);
    }

    HttpResponse<byte[]> complete(String key, String uploadId, String xml) throws Exception {
        return send("POST", key, "uploadId=" + uploadId, Map.of("Content-Type", "application/xml"),
                xml.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<byte[]> abort(String key, String uploadId) throws Exception {
        return send("DELETE", key, "uploadId=" + uploadId, Map.of(), null);
    }

    static String completeXml(Object... numberEtag) {
        StringBuilder sb = new StringBuilder("<CompleteMultipartUpload>");
        for (int i = 0; i < numberEtag.length; i += 2) {
            sb.append("<Part><PartNumber>").append(numberEtag[i]).append("</PartNumber><ETag>")
                    .append(numberEtag[i + 1]).append("</ETag></Part>");
        }
        return sb.append("</CompleteMultipartUpload>").toString();
    }

    static String etag(HttpResponse<?> r) {
        return r.headers().firstValue("ETag").orElseThrow();
    }

    /** The text at {@code expression} in an XML body. */
    static String xpath(byte[] xml, String expression) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        return XPathFactory.newInstance().newXPath().evaluate(expression, doc);
    }

    static String errorCode(HttpResponse<byte[]> r) throws Exception {
        return xpath(r.body(), "/Error/Code");
    }
}
