package io.vodupload.ports;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What is set on an object when it is created: its content type and extra request headers such as user
 * metadata ({@code x-oss-meta-*}) or VOD's {@code x-oss-notification}.
 *
 * <p>Header names are lower-cased and kept sorted; each must start with {@code x-oss-}. Immutable.
 *
 * @param contentType the object's Content-Type, when set
 * @param headers     extra {@code x-oss-*} headers, name to value
 */
public record ObjectMetadata(Optional<String> contentType, Map<String, String> headers) {

    /** No content type, no headers. */
    public static final ObjectMetadata EMPTY = new ObjectMetadata(Optional.empty(), Map.of());

    /**
     * Checks the components; a bad one throws, naming the value.
     *
     * @param contentType the object's Content-Type, when set
     * @param headers     extra {@code x-oss-*} headers, name to value
     */
    public ObjectMetadata {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(headers, "headers");
        TreeMap<String, String> normalised = new TreeMap<>();
        headers.forEach((name, value) -> {
            Objects.requireNonNull(name, "header name");
            Objects.requireNonNull(value, "header value of " + name);
            String lower = name.trim().toLowerCase(Locale.ROOT);
            if (!lower.startsWith("x-oss-")) {
                throw new IllegalArgumentException("metadata header does not start with x-oss-: " + name);
            }
            if (lower.equals("x-oss-security-token") || lower.equals("x-oss-date")
                    || lower.equals("x-oss-content-sha256")) {
                throw new IllegalArgumentException("metadata header is reserved for signing: " + name);
            }
            normalised.put(lower, value);
        });
        headers = java.util.Collections.unmodifiableMap(normalised);
    }

    /**
     * Metadata with only a content type.
     *
     * @param contentType the MIME type
     * @return the metadata
     */
    public static ObjectMetadata ofContentType(String contentType) {
        return new ObjectMetadata(Optional.of(contentType), Map.of());
    }

    /**
     * Metadata with the content type the JDK's table gives for {@code fileName}'s extension
     * ({@code video/mp4} for {@code clip.mp4}), or {@link #EMPTY} when it knows none. The one place an
     * upload's content type is guessed, so every entry point sets the same one.
     */
    public static ObjectMetadata forFileName(String fileName) {
        String type = java.net.URLConnection.guessContentTypeFromName(Objects.requireNonNull(fileName, "fileName"));
        return type == null ? EMPTY : ofContentType(type);
    }
}
