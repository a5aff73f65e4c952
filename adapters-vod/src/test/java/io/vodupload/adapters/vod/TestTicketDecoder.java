package io.vodupload.adapters.vod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.TicketFormatException;
import io.vodupload.ports.UploadAddress;
import io.vodupload.ports.UploadAuth;
import io.vodupload.ports.UploadTicketDecoder;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * A small Jackson decoder for the tests (the product's decoder lives in another module): base64 JSON,
 * {@code ExpireUTCTime} before {@code Expiration}, which may be seconds or ISO-8601.
 */
final class TestTicketDecoder implements UploadTicketDecoder {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public UploadAddress decodeAddress(String base64) {
        JsonNode json = decode(base64);
        return new UploadAddress(field(json, "Endpoint"), field(json, "Bucket"), field(json, "FileName"));
    }

    @Override
    public UploadAuth decodeAuth(String base64, Instant now) {
        JsonNode json = decode(base64);
        Instant expiry;
        if (json.hasNonNull("ExpireUTCTime")) {
            expiry = Instant.parse(json.get("ExpireUTCTime").asText());
        } else {
            String expiration = field(json, "Expiration");
            expiry = expiration.matches("\\d+") ? now.plusSeconds(Long.parseLong(expiration)) : Instant.parse(expiration);
        }
        Credentials credentials = Credentials.sts(field(json, "AccessKeyId"), field(json, "AccessKeySecret"),
                field(json, "SecurityToken"), expiry);
        return new UploadAuth(credentials, Optional.ofNullable(json.get("Region")).map(JsonNode::asText));
    }

    private static JsonNode decode(String base64) {
        try {
            return JSON.readTree(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException | IOException e) {
            throw new TicketFormatException("ticket is not base64 JSON");
        }
    }

    private static String field(JsonNode json, String name) {
        if (!json.hasNonNull(name)) {
            throw new TicketFormatException("ticket lacks " + name);
        }
        return json.get(name).asText();
    }
}
