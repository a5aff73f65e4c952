package io.vodupload.domain;

import io.vodupload.ports.CheckpointPart;
import io.vodupload.ports.Crc64;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.StorageTarget;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a paused upload needs to go on in another process, as {@link UploadHandle#pause()} hands it out
 * and {@link Uploader#resume(ResumeToken, io.vodupload.ports.CredentialsProvider,
 * io.vodupload.ports.UploadCallback) Uploader.resume} takes it back: the file as it was (path, length,
 * modification time), the target and metadata, the storage upload id and part size, and the parts
 * storage confirmed. It holds no secret: the resuming process brings its own credentials.
 *
 * <p><b>Stable string form:</b> {@link #encode()} gives one line of {@code key=value} fields separated by
 * {@code &}, values URL-encoded (UTF-8), starting with {@code vodupload-resume=1}; {@link #decode(String)}
 * reads it back. Fields unknown to this version are ignored, so a newer writer stays readable; the
 * version number changes only when a field changes meaning. CRC-64 values are written unsigned.
 *
 * <pre>{@code
 * ResumeToken token = handle.pause().toCompletableFuture().join();
 * Files.writeString(tokenFile, token.encode());
 * // later, in another process
 * UploadHandle again = uploader.resume(ResumeToken.decode(Files.readString(tokenFile)), provider, callback);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param file                   the file's canonical path
 * @param fileLength             its length when the upload started
 * @param fileLastModifiedMillis its modification time (epoch millis) when the upload started; a file whose
 *                               length or time differs is uploaded afresh and the old upload aborted
 * @param target                 where the object goes
 * @param metadata               content type and {@code x-oss-*} headers of the object
 * @param partSize               the part size the upload was planned with
 * @param uploadId               the storage multipart upload id; empty for a file sent in one PutObject
 *                               (nothing to resume there: it is sent again)
 * @param parts                  the parts storage confirmed, in part order
 */
public record ResumeToken(Path file, long fileLength, long fileLastModifiedMillis, StorageTarget target,
                          ObjectMetadata metadata, long partSize, Optional<String> uploadId,
                          List<CheckpointPart> parts) {

    /** The version of {@link #encode()}'s form written now. */
    public static final int FORMAT_VERSION = 1;

    private static final String MAGIC = "vodupload-resume";

    /**
     * Checks the components; a bad one throws, naming the value.
     *
     * @param file                   the file's canonical path
     * @param fileLength             its length when the upload started
     * @param fileLastModifiedMillis its modification time (epoch millis) when the upload started; a file whose
     *                               length or time differs is uploaded afresh and the old upload aborted
     * @param target                 where the object goes
     * @param metadata               content type and {@code x-oss-*} headers of the object
     * @param partSize               the part size the upload was planned with
     * @param uploadId               the storage multipart upload id; empty for a file sent in one PutObject
     *                               (nothing to resume there: it is sent again)
     * @param parts                  the parts storage confirmed, in part order
     */
    public ResumeToken {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(uploadId, "uploadId");
        if (fileLength < 0) {
            throw new IllegalArgumentException("fileLength < 0: " + fileLength);
        }
        if (partSize <= 0) {
            throw new IllegalArgumentException("partSize <= 0: " + partSize);
        }
        if (uploadId.isPresent() && uploadId.get().isBlank()) {
            throw new IllegalArgumentException("uploadId is blank");
        }
        parts = parts.stream().sorted(Comparator.comparingInt(CheckpointPart::partNumber)).toList();
    }

    /** {@return bytes of the parts storage confirmed} */
    public long bytesDone() {
        return parts.stream().mapToLong(CheckpointPart::size).sum();
    }

    /** {@return the one-line stable form; {@link #decode(String)} reads it back} */
    public String encode() {
        List<String> fields = new ArrayList<>();
        fields.add(MAGIC + "=" + FORMAT_VERSION);
        add(fields, "file", file.toString());
        add(fields, "length", Long.toString(fileLength));
        add(fields, "mtime", Long.toString(fileLastModifiedMillis));
        add(fields, "endpoint", target.endpoint().toString());
        add(fields, "bucket", target.bucket());
        add(fields, "key", target.key());
        target.region().ifPresent(r -> add(fields, "region", r));
        metadata.contentType().ifPresent(t -> add(fields, "contentType", t));
        for (Map.Entry<String, String> h : new TreeMap<>(metadata.headers()).entrySet()) {
            add(fields, "header", h.getKey() + ":" + h.getValue());
        }
        add(fields, "partSize", Long.toString(partSize));
        uploadId.ifPresent(id -> add(fields, "uploadId", id));
        for (CheckpointPart p : parts) {
            add(fields, "part", p.partNumber() + "," + p.offset() + "," + p.size() + ","
                    + Crc64.toUnsignedString(p.crc64()) + "," + p.etag());
        }
        return String.join("&", fields);
    }

    /**
     * Reads {@link #encode()}'s form.
     *
     * @param text the encoded token
     * @return the token
     * @throws IllegalArgumentException naming the field when the text is not a resume token, has a newer
     *                                  format version, or a field is missing or malformed
     */
    public static ResumeToken decode(String text) {
        Objects.requireNonNull(text, "text");
        String[] fields = text.trim().split("&");
        if (!fields[0].startsWith(MAGIC + "=")) {
            throw new IllegalArgumentException("not a resume token (it does not start with " + MAGIC + "=)");
        }
        int version = (int) number(MAGIC, fields[0].substring(MAGIC.length() + 1));
        if (version > FORMAT_VERSION) {
            throw new IllegalArgumentException("resume token format " + version + " is newer than this version reads ("
                    + FORMAT_VERSION + ")");
        }
        Map<String, String> single = new TreeMap<>();
        Map<String, String> headers = new TreeMap<>();
        List<CheckpointPart> parts = new ArrayList<>();
        for (int i = 1; i < fields.length; i++) {
            int eq = fields[i].indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("resume token field without '=': " + fields[i]);
            }
            String name = fields[i].substring(0, eq);
            String value = URLDecoder.decode(fields[i].substring(eq + 1), StandardCharsets.UTF_8);
            if (name.equals("header")) {
                int colon = value.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("resume token header is not name:value: " + value);
                }
                headers.put(value.substring(0, colon), value.substring(colon + 1));
            } else if (name.equals("part")) {
                parts.add(part(value));
            } else {
                single.put(name, value);
            }
        }
        StorageTarget target = new StorageTarget(URI.create(required(single, "endpoint")), required(single, "bucket"),
                required(single, "key"), Optional.ofNullable(single.get("region")));
        return new ResumeToken(Path.of(required(single, "file")), number("length", required(single, "length")),
                number("mtime", required(single, "mtime")), target,
                new ObjectMetadata(Optional.ofNullable(single.get("contentType")), headers),
                number("partSize", required(single, "partSize")), Optional.ofNullable(single.get("uploadId")), parts);
    }

    private static void add(List<String> fields, String name, String value) {
        fields.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("resume token has no " + name);
        }
        return value;
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("resume token " + name + " is not a number: " + value);
        }
    }

    private static CheckpointPart part(String value) {
        String[] p = value.split(",", 5);
        if (p.length != 5) {
            throw new IllegalArgumentException("resume token part is not number,offset,size,crc64,etag: " + value);
        }
        try {
            return new CheckpointPart(Integer.parseInt(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]), p[4],
                    Crc64.parseUnsigned(p[3]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("resume token part has a malformed number: " + value);
        }
    }
}
