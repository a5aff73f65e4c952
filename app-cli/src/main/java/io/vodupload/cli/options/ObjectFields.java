package io.vodupload.cli.options;

import io.vodupload.cli.CliException;
import io.vodupload.ports.ObjectMetadata;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The OSS object metadata the flags set ({@code --content-type}, {@code --meta k=v}, {@code --storage-class},
 * {@code --acl}), checked once by {@link #parse}: what OSS would refuse is exit 2 here, with a message that
 * names the bad value, before a byte is sent. Immutable.
 *
 * @param contentType  {@code --content-type}: overrides the type guessed from the file name
 * @param meta         {@code --meta}: names lower-cased (OSS stores them so), without {@code x-oss-meta-}
 * @param storageClass {@code --storage-class}, in OSS's spelling ({@code IA}, {@code ColdArchive})
 * @param acl          {@code --acl}, in OSS's spelling ({@code public-read})
 */
public record ObjectFields(Optional<String> contentType, Map<String, String> meta, Optional<String> storageClass,
                           Optional<String> acl) {

    /** No flag given: the guessed content type and nothing else. */
    public static final ObjectFields NONE = new ObjectFields(Optional.empty(), Map.of(), Optional.empty(),
            Optional.empty());

    /** OSS's storage classes, as {@code x-oss-storage-class} spells them. */
    public static final List<String> STORAGE_CLASSES = List.of("Standard", "IA", "Archive", "ColdArchive",
            "DeepColdArchive");
    /** OSS's canned object ACLs, as {@code x-oss-object-acl} spells them. */
    public static final List<String> ACLS = List.of("private", "public-read", "public-read-write", "default");

    /** OSS's limit on the names and values of an object's user metadata together. */
    static final int MAX_META_BYTES = 8 * 1024;

    private static final Pattern META_NAME = Pattern.compile("[A-Za-z0-9-]+");
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    private static final Pattern MEDIA_TYPE = Pattern.compile(TOKEN + "/" + TOKEN + "([ \t]*;.*)?");

    public ObjectFields {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(storageClass, "storageClass");
        Objects.requireNonNull(acl, "acl");
        meta = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(meta, "meta")));
    }

    /**
     * The flags as given, checked.
     *
     * @param contentType  {@code --content-type}, or null
     * @param meta         each {@code --meta} as typed ({@code k=v})
     * @param storageClass {@code --storage-class}, or null; OSS's spellings in any case
     * @param acl          {@code --acl}, or null; OSS's spellings in any case
     * @throws CliException (exit 2) naming the first bad value
     */
    public static ObjectFields parse(String contentType, List<String> meta, String storageClass, String acl) {
        if (contentType != null) {
            String type = contentType.strip();
            if (!MEDIA_TYPE.matcher(type).matches() || !headerSafe(type)) {
                throw CliException.usage("--content-type is not a media type (type/subtype, ASCII): '"
                        + printable(contentType) + "'");
            }
        }
        Map<String, String> fields = new LinkedHashMap<>();
        int bytes = 0;
        for (String given : meta) {
            int eq = given.indexOf('=');
            if (eq < 0) {
                throw CliException.usage("--meta takes NAME=VALUE: '" + printable(given) + "'");
            }
            String name = given.substring(0, eq).strip();
            String value = given.substring(eq + 1).strip();
            if (!META_NAME.matcher(name).matches()) {
                throw CliException.usage("--meta name must be letters, digits and hyphens (OSS's rule): '"
                        + printable(name) + "'");
            }
            if (value.isEmpty() || !headerSafe(value)) {
                throw CliException.usage("--meta " + name + ": the value must be printable ASCII and not empty"
                        + " (encode other text yourself, e.g. percent-encoding): '" + printable(value) + "'");
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (fields.put(lower, value) != null) {
                throw CliException.usage("--meta " + lower + " is given twice (names are case-insensitive)");
            }
            bytes += ("x-oss-meta-" + lower).length() + value.getBytes(StandardCharsets.US_ASCII).length;
        }
        if (bytes > MAX_META_BYTES) {
            throw CliException.usage("--meta: the names and values together are " + bytes
                    + " bytes; OSS allows 8 KiB");
        }
        return new ObjectFields(Optional.ofNullable(contentType).map(String::strip), fields,
                Optional.ofNullable(storageClass).map(v -> oneOf("--storage-class", v, STORAGE_CLASSES)),
                Optional.ofNullable(acl).map(v -> oneOf("--acl", v, ACLS)));
    }

    /**
     * The metadata for an object named {@code fileName}: {@code --content-type}, else the type guessed from the
     * name, then the {@code x-oss-meta-*}, {@code x-oss-storage-class} and {@code x-oss-object-acl} headers.
     */
    public ObjectMetadata metadataFor(String fileName) {
        Optional<String> type = contentType.or(() -> ObjectMetadata.forFileName(fileName).contentType());
        Map<String, String> headers = new TreeMap<>();
        meta.forEach((name, value) -> headers.put("x-oss-meta-" + name, value));
        storageClass.ifPresent(v -> headers.put("x-oss-storage-class", v));
        acl.ifPresent(v -> headers.put("x-oss-object-acl", v));
        return new ObjectMetadata(type, headers);
    }

    /** What the flags set, for {@code --dry-run}: {@code content type video/mp4; x-oss-meta-a: 1; ...}. */
    public String describe(String fileName) {
        ObjectMetadata m = metadataFor(fileName);
        StringBuilder text = new StringBuilder("content type ").append(m.contentType()
                .map(t -> t + (contentType.isPresent() ? "" : " (by extension)")).orElse("none (OSS decides)"));
        m.headers().forEach((name, value) -> text.append("; ").append(name).append(": ").append(value));
        return text.toString();
    }

    private static String oneOf(String flag, String given, List<String> allowed) {
        String v = given.strip();
        return allowed.stream().filter(a -> a.equalsIgnoreCase(v)).findFirst().orElseThrow(() ->
                CliException.usage(flag + " must be one of " + String.join(", ", allowed) + ": '"
                        + printable(given) + "'"));
    }

    /** Printable ASCII and spaces: what OSS takes as a header value without encoding. */
    private static boolean headerSafe(String s) {
        return s.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    /** {@code s} with control characters shown as {@code \\uXXXX}, so the one-line error stays one line. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().forEach(c -> b.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return b.toString();
    }
}
