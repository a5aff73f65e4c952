package io.vodupload.cli.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vodupload.cli.CliEnvironment;
import io.vodupload.cli.CliException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Defaults for {@code vodupload upload} from {@code ~/.vodupload/config.json}, below the flags: a value
 * given on the command line always wins. A missing file is no defaults; a file that is not a JSON object,
 * or that has a field not listed here or a value of the wrong kind, is exit 2 naming it (a typo should not
 * be silently ignored). Never holds credentials (those come from the flags, the environment or the aliyun
 * CLI's profiles, {@link AccessKeys}). Immutable.
 *
 * <pre>{@code
 * {"endpoint": "https://oss-cn-shanghai.aliyuncs.com", "region": "cn-shanghai",
 *  "partSize": "16MiB", "parallel": 8, "transport": "http"}
 * }</pre>
 *
 * @param endpoint  the OSS endpoint for {@code --bucket}/{@code --key} uploads
 * @param region    the OSS region of those
 * @param partSize  the part size as written ({@code "16MiB"} or a number of bytes)
 * @param parallel  parts in flight at once
 * @param transport {@code http} or {@code oss}, for every OSS target
 */
public record ConfigFile(Optional<String> endpoint, Optional<String> region, Optional<String> partSize,
                         Optional<Integer> parallel, Optional<Transport> transport) {

    /** Where the file is, under the home. */
    public static final String PATH = ".vodupload/config.json";
    /** How messages name it. */
    public static final String SHOWN = "~/" + PATH;

    private static final Set<String> FIELDS = Set.of("endpoint", "region", "partSize", "parallel", "transport");

    public ConfigFile {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(partSize, "partSize");
        Objects.requireNonNull(parallel, "parallel");
        Objects.requireNonNull(transport, "transport");
    }

    /** No defaults. */
    public static ConfigFile none() {
        return new ConfigFile(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * Reads {@code ~/.vodupload/config.json} under the environment's home.
     *
     * @throws CliException (exit 2) naming the field or the reason when the file is not usable
     */
    public static ConfigFile load(CliEnvironment env) {
        Path file = env.userHome().resolve(PATH);
        if (!Files.exists(file)) {
            return none();
        }
        JsonNode root;
        try {
            // made here, not in a static field: without a config file, an upload loads no Jackson for it
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw CliException.usage(SHOWN + " is not valid JSON (line " + lineOf(e) + ")");
        }
        if (root == null || !root.isObject()) {
            throw CliException.usage(SHOWN + " must hold a JSON object");
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw CliException.usage(SHOWN + ": unknown field " + String.join(", ", unknown)
                    + " (known: endpoint, region, partSize, parallel, transport)");
        }
        Optional<String> partSize = Optional.ofNullable(root.get("partSize"))
                .map(v -> v.isIntegralNumber() ? v.asText() : text(root, "partSize").orElse(""));
        Optional<Integer> parallel = Optional.ofNullable(root.get("parallel")).map(v -> {
            if (!v.canConvertToInt() || !v.isIntegralNumber()) {
                throw CliException.usage(SHOWN + ": parallel must be a whole number: " + v);
            }
            return v.asInt();
        });
        Optional<Transport> transport = text(root, "transport").map(t -> {
            switch (t.trim().toLowerCase(Locale.ROOT)) {
                case "http":
                    return Transport.HTTP;
                case "oss":
                    return Transport.OSS;
                default:
                    throw CliException.usage(SHOWN + ": transport must be http or oss: '" + t + "'");
            }
        });
        return new ConfigFile(text(root, "endpoint"), text(root, "region"), partSize, parallel, transport);
    }

    private static Optional<String> text(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw CliException.usage(SHOWN + ": " + field + " must be a string: " + v);
        }
        return v.asText().isBlank() ? Optional.empty() : Optional.of(v.asText().trim());
    }

    private static String lineOf(IOException e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException) {
            com.fasterxml.jackson.core.JsonLocation at = ((com.fasterxml.jackson.core.JsonProcessingException) e).getLocation();
            if (at != null) {
                return String.valueOf(at.getLineNr());
            }
        }
        return "?";
    }
}
