package io.vodupload.batch;

import java.util.Map;
import java.util.Objects;

/**
 * One file of a batch: where to read it, the object key it goes to, the attributes that tell whether it
 * changed since it was uploaded, and its VOD metadata. Never a secret.
 *
 * @param source         the absolute path of the file, as a string (URLs may come later)
 * @param key            the object key, unique within its batch
 * @param length         the file's length in bytes when it was selected
 * @param modifiedMillis its last-modified time, epoch milliseconds
 * @param changedMillis  its status-change time (ctime), epoch milliseconds; the modified time where the
 *                       file system has none
 * @param vodInfo        VOD metadata (title, tags, ...), opaque to this module; copied
 */
public record BatchFile(String source, String key, long length, long modifiedMillis, long changedMillis,
                        Map<String, String> vodInfo) {

    public BatchFile {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(vodInfo, "vodInfo");
        if (source.isBlank()) {
            throw new IllegalArgumentException("source is blank");
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key is empty: " + source);
        }
        if (length < 0) {
            throw new IllegalArgumentException("length < 0: " + length);
        }
        vodInfo = Map.copyOf(vodInfo);
    }

    /** Whether {@code other} has the same length, modified time and change time: the file did not change. */
    public boolean sameContentAs(BatchFile other) {
        return length == other.length && modifiedMillis == other.modifiedMillis
                && changedMillis == other.changedMillis;
    }
}
