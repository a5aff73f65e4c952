package io.vodupload.domain.internal;

import io.vodupload.ports.StorageTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The key a checkpoint is stored under: the lower-case hex SHA-256 of the file (canonical path, length,
 * last-modified millis) and the target (endpoint, bucket, key). Stable across processes and versions:
 * the input is the UTF-8 of {@code vodupload-checkpoint-v1} and the six values, each written as its
 * UTF-8 byte length, {@code ':'}, the value and {@code '\n'} (so no value can run into the next).
 */
final class Fingerprint {

    private Fingerprint() {
    }

    /** The fingerprint of {@code file} (its canonical path) going to {@code target}. */
    public static String of(Path canonicalFile, long length, long lastModifiedMillis, StorageTarget target) {
        StringBuilder in = new StringBuilder("vodupload-checkpoint-v1\n");
        for (String field : new String[] {canonicalFile.toString(), Long.toString(length),
            Long.toString(lastModifiedMillis), target.endpoint().toString(), target.bucket(), target.key()}) {
            in.append(field.getBytes(StandardCharsets.UTF_8).length).append(':').append(field).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
