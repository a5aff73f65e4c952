package io.vodupload.adapters.local;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * The one Jackson configuration for the files this module writes: strict on reading, so that a file
 * with a missing field, a field of the wrong type or trailing garbage is rejected as unreadable rather
 * than half-understood.
 *
 * <p>The mapper is built on first use, and the sidecar of a new object is written with jackson-core's
 * generator alone ({@link #sidecar}), in the bytes the mapper would write: a small upload that reads no
 * store file (a single PutObject into a new store) loads none of jackson-databind, a third of a short
 * command's start-up classes (docs/benchmarks.md, "Start-up").
 */
final class Json {

    private Json() {
    }

    /** The shared mapper, built on the first call; thread-safe once configured. */
    static ObjectMapper mapper() {
        return Mapper.INSTANCE;
    }

    /**
     * {@code sidecar} as {@code mapper().writeValueAsBytes(sidecar)} writes it (fields in the record's order,
     * nulls written, indented), through the streaming generator only. A test holds the two to the same bytes.
     */
    static byte[] sidecar(StoreFiles.Sidecar sidecar) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator g = Generators.FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.writeStartObject();
            g.writeNumberField("version", sidecar.version());
            g.writeStringField("bucket", sidecar.bucket());
            g.writeStringField("key", sidecar.key());
            g.writeNumberField("size", sidecar.size());
            g.writeStringField("lastModified", sidecar.lastModified());
            g.writeStringField("fileKey", sidecar.fileKey());
            g.writeStringField("etag", sidecar.etag());
            g.writeStringField("crc64", sidecar.crc64());
            g.writeStringField("contentType", sidecar.contentType());
            g.writeFieldName("headers");
            if (sidecar.headers() == null) {
                g.writeNull();
            } else {
                g.writeStartObject();
                for (Map.Entry<String, String> header : sidecar.headers().entrySet()) {
                    g.writeStringField(header.getKey(), header.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        return bytes.toByteArray();
    }

    /**
     * The mapper, in a holder of its own so that {@link #sidecar} neither builds nor loads it (the JVM's check
     * of a method that returns a {@code JsonMapper} as an {@code ObjectMapper} loads both).
     */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = build();

        private static ObjectMapper build() {
            JsonMapper mapper = JsonMapper.builder()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                    .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                    .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build();
            // a number where text belongs (or text where a number belongs) is damage, not a value to convert
            mapper.coercionConfigFor(LogicalType.Textual)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
            mapper.coercionConfigFor(LogicalType.Integer)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
            mapper.coercionConfigFor(LogicalType.Boolean)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
            return mapper;
        }
    }

    /** The generator factory, with jackson-core's defaults (those the mapper writes with). */
    private static final class Generators {
        static final JsonFactory FACTORY = new JsonFactory();
    }
}
