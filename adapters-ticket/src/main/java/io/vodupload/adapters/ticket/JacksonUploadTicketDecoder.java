package io.vodupload.adapters.ticket;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.TicketFormatException;
import io.vodupload.ports.UploadAddress;
import io.vodupload.ports.UploadAuth;
import io.vodupload.ports.UploadTicketDecoder;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decodes VOD's {@code UploadAddress} and {@code UploadAuth} tickets (base64 of a JSON object,
 * VOD-UPLOAD-REFERENCE §6.1) with Jackson.
 *
 * <pre>{@code
 * UploadTicketDecoder decoder = new JacksonUploadTicketDecoder();
 * UploadAddress address = decoder.decodeAddress(response.uploadAddress());
 * UploadAuth auth = decoder.decodeAuth(response.uploadAuth(), clock.instant());
 * StorageTarget target = address.toTarget(auth.region());
 * }</pre>
 *
 * <p>Accepts standard or URL-safe base64, with or without padding, wrapped over lines or not. Field names
 * are matched exactly first, then ignoring case. {@code ExpireUTCTime} (an ISO-8601 time) wins over
 * {@code Expiration}, which may be a lifetime in seconds ({@code "3600"}, counted from {@code now}) or an
 * ISO-8601 time.
 *
 * <p>Every malformed input fails with a {@link TicketFormatException} whose one-line message says what is
 * wrong — not base64, not JSON, not a JSON object, which field is missing or blank, a credential that is
 * not a JSON string, an endpoint that is not an http(s) URL or host, an expiry that is not a time — and never repeats the secret or the token (nor
 * Jackson's own messages, which quote the input).
 *
 * <p>Stateless and thread-safe.
 */
public final class JacksonUploadTicketDecoder implements UploadTicketDecoder {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern SECONDS = Pattern.compile("\\d{1,10}");

    /** A decoder; cheap, and one instance can be shared. */
    public JacksonUploadTicketDecoder() {
    }

    @Override
    public UploadAddress decodeAddress(String base64) {
        JsonNode json = decode(base64, "UploadAddress");
        String endpoint = requiredText(json, "UploadAddress", "Endpoint");
        String bucket = requiredText(json, "UploadAddress", "Bucket");
        String fileName = requiredText(json, "UploadAddress", "FileName");
        URI parsed;
        try {
            parsed = StorageTarget.parseEndpoint(endpoint);
        } catch (IllegalArgumentException e) {
            throw new TicketFormatException("UploadAddress Endpoint is not a URL or host: " + oneLine(endpoint));
        }
        // a ticket names an OSS endpoint; file: (the embedded store's form) and other schemes are no upload address
        String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new TicketFormatException("UploadAddress Endpoint is not an http or https URL: " + oneLine(endpoint));
        }
        if (fileName.startsWith("/")) {
            throw new TicketFormatException("UploadAddress FileName starts with '/': " + oneLine(fileName));
        }
        return new UploadAddress(endpoint, bucket, fileName);
    }

    @Override
    public UploadAuth decodeAuth(String base64, Instant now) {
        Objects.requireNonNull(now, "now");
        JsonNode json = decode(base64, "UploadAuth");
        String accessKeyId = requiredString(json, "UploadAuth", "AccessKeyId");
        String secret = requiredString(json, "UploadAuth", "AccessKeySecret");
        String token = requiredString(json, "UploadAuth", "SecurityToken");
        Instant expiration = expiration(json, now);
        Optional<String> region = optionalText(json, "UploadAuth", "Region");
        return new UploadAuth(new Credentials(accessKeyId, secret, Optional.of(token), Optional.of(expiration)),
                region);
    }

    private static Instant expiration(JsonNode json, Instant now) {
        Optional<String> utc = optionalText(json, "UploadAuth", "ExpireUTCTime");
        if (utc.isPresent()) {
            return parseTime(utc.get()).orElseThrow(() -> new TicketFormatException(
                    "UploadAuth ExpireUTCTime is not an ISO-8601 time: " + oneLine(utc.get())));
        }
        Optional<String> expiration = optionalText(json, "UploadAuth", "Expiration");
        if (expiration.isEmpty()) {
            throw new TicketFormatException("UploadAuth has neither ExpireUTCTime nor Expiration");
        }
        String value = expiration.get();
        if (SECONDS.matcher(value).matches()) {
            return now.plusSeconds(Long.parseLong(value));
        }
        return parseTime(value).orElseThrow(() -> new TicketFormatException(
                "UploadAuth Expiration is neither a number of seconds nor an ISO-8601 time: " + oneLine(value)));
    }

    /** ISO-8601 with an offset or {@code Z}; without one it is taken as UTC, as VOD writes its times. */
    private static Optional<Instant> parseTime(String s) {
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException e) {
            // no offset: try a local time in UTC
        }
        try {
            return Optional.of(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static JsonNode decode(String base64, String what) {
        Objects.requireNonNull(base64, what);
        String compact = WHITESPACE.matcher(base64).replaceAll("");
        if (compact.isEmpty()) {
            throw new TicketFormatException(what + " is empty");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException standard) {
            try {
                bytes = Base64.getUrlDecoder().decode(compact);
            } catch (IllegalArgumentException urlSafe) {
                // the JDK message would quote a character of the input, which may belong to a secret
                throw new TicketFormatException(what + " is not base64 (" + compact.length() + " characters)");
            }
        }
        JsonNode json;
        try {
            json = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new TicketFormatException(what + " is base64 but not JSON"
                    + (at == null ? "" : " (error at line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new TicketFormatException(what + " is base64 but not JSON");
        }
        if (json == null || json.isMissingNode()) {
            throw new TicketFormatException(what + " is base64 but not JSON (nothing inside)");
        }
        if (!json.isObject()) {
            throw new TicketFormatException(what + " is JSON but not an object (" + json.getNodeType()
                    .toString().toLowerCase(Locale.ROOT) + ")");
        }
        return json;
    }

    private static String requiredText(JsonNode json, String what, String field) {
        JsonNode node = field(json, field);
        if (node == null || node.isNull()) {
            throw new TicketFormatException(what + " has no " + field);
        }
        if (!node.isValueNode()) {
            throw new TicketFormatException(what + " " + field + " is not a string");
        }
        String value = node.asText().trim();
        if (value.isEmpty()) {
            throw new TicketFormatException(what + " " + field + " is blank");
        }
        return value;
    }

    /**
     * A credential field: a JSON string only. A number or a boolean is no credential VOD issues (and would be
     * taken as its text); the message names the field and its JSON type, never the value.
     */
    private static String requiredString(JsonNode json, String what, String field) {
        JsonNode node = field(json, field);
        if (node != null && !node.isNull() && !node.isTextual()) {
            throw new TicketFormatException(what + " " + field + " is not a string (a JSON "
                    + node.getNodeType().toString().toLowerCase(Locale.ROOT) + ")");
        }
        return requiredText(json, what, field);
    }

    private static Optional<String> optionalText(JsonNode json, String what, String field) {
        JsonNode node = field(json, field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isValueNode()) {
            throw new TicketFormatException(what + " " + field + " is not a string");
        }
        String value = node.asText().trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static JsonNode field(JsonNode json, String name) {
        JsonNode exact = json.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, JsonNode> e : json.properties()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Values quoted in messages (endpoint, file name, times) are not secret, but stay one short line. */
    private static String oneLine(String s) {
        String line = s.replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
