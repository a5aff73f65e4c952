package io.vodupload.testkit.vod;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A minimal POP RPC client for testing the fake, signing the way VOD's docs describe it (URLEncoder plus
 * the three fix-ups), so it shares no code with the server's check.
 */
final class TestPopClient {

    private static final Pattern FIELD = Pattern.compile("\"([A-Za-z]+)\":\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final URI endpoint;
    private final String accessKeyId;
    private final String secret;
    private final Clock clock;
    private final HttpClient http = HttpClient.newHttpClient();

    TestPopClient(URI endpoint, String accessKeyId, String secret, Clock clock) {
        this.endpoint = endpoint;
        this.accessKeyId = accessKeyId;
        this.secret = secret;
        this.clock = clock;
    }

    /** The public parameters of a request, with a fresh nonce and the clock's time. */
    Map<String, String> publicParameters(String action) {
        Map<String, String> params = new TreeMap<>();
        params.put("Action", action);
        params.put("Format", "JSON");
        params.put("Version", "2017-03-21");
        params.put("AccessKeyId", accessKeyId);
        params.put("SignatureMethod", "HMAC-SHA1");
        params.put("SignatureVersion", "1.0");
        params.put("SignatureNonce", UUID.randomUUID().toString());
        params.put("Timestamp", Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
        return params;
    }

    Response call(String action, Map<String, String> actionParameters) {
        Map<String, String> params = publicParameters(action);
        params.putAll(actionParameters);
        return send(params);
    }

    /** Signs {@code params} (all of them, public ones included) and sends them. */
    Response send(Map<String, String> params) {
        return sendRaw(signedQuery(params, secret));
    }

    static String signedQuery(Map<String, String> params, String secret) {
        StringBuilder canonical = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            canonical.append(canonical.length() == 0 ? "" : "&").append(encode(e.getKey())).append('=')
                    .append(encode(e.getValue()));
        }
        String stringToSign = "GET&" + encode("/") + "&" + encode(canonical.toString());
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String signature = Base64.getEncoder().encodeToString(
                    mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
            return canonical + "&Signature=" + encode(signature);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Response sendRaw(String query) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(endpoint.resolve("/?" + query)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    /** An answer: status, body, and its top-level string fields. */
    record Response(int status, String body) {

        String field(String name) {
            Matcher m = FIELD.matcher(body);
            while (m.find()) {
                if (m.group(1).equals(name)) {
                    return m.group(2).replace("\\\"", "\"").replace("\\\\", "\\");
                }
            }
            throw new AssertionError("no field " + name + " in " + body);
        }

        /** A base64 JSON ticket field, decoded to its fields. */
        Map<String, String> ticket(String name) {
            String json = new String(Base64.getDecoder().decode(field(name)), StandardCharsets.UTF_8);
            Map<String, String> fields = new TreeMap<>();
            Matcher m = FIELD.matcher(json);
            while (m.find()) {
                fields.put(m.group(1), m.group(2));
            }
            return fields;
        }
    }
}
