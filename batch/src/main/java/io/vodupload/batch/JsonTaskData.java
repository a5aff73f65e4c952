package io.vodupload.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Task data as JSON, never Java serialisation: the database may be shared, and a Java-serialised blob is
 * both a deserialisation risk and unreadable to an operator. Unknown properties are ignored, so a newer
 * version may add fields. Thread-safe.
 */
final class JsonTaskData implements Serializer {

    static final JsonTaskData INSTANCE = new JsonTaskData();

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private JsonTaskData() {
    }

    @Override
    public byte[] serialize(Object data) {
        if (data == null) {
            return null;
        }
        try {
            return mapper.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write task data of type " + data.getClass().getName(), e);
        }
    }

    @Override
    public <T> T deserialize(Class<T> type, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return mapper.readValue(data, type);
        } catch (IOException e) {
            // never the content: only where it failed
            throw new IllegalArgumentException("cannot read task data as " + type.getSimpleName() + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** A map of strings as a JSON object, keys sorted (stable text for equal maps). */
    String writeMap(Map<String, String> map) {
        try {
            return mapper.writeValueAsString(new TreeMap<>(map));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, String> readMap(String json) {
        try {
            Map<String, String> map = mapper.readValue(json, STRING_MAP);
            return map == null ? Map.of() : Map.copyOf(map);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored JSON is not an object of strings ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
