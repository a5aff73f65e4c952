package io.vodupload.cli.batch;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One file {@link FileSelector} chose for a batch, with the object key it goes to.
 *
 * @param path           absolute and normalized, as reached from the argument (a symbolic link to a file stays
 *                       the link's path; its target is what is read)
 * @param key            the object key: the key prefix and the path relative to the directory argument,
 *                       {@code /}-separated (a file argument: its base name), or {@code --key}
 * @param length         the file's length in bytes (of the link's target for a symbolic link)
 * @param modifiedMillis the last-modified time, epoch milliseconds
 * @param changedMillis  the inode change time ({@code unix:ctime}), epoch milliseconds; the last-modified time
 *                       where the platform has no change time
 */
public record SelectedFile(Path path, String key, long length, long modifiedMillis, long changedMillis) {

    public SelectedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(key, "key");
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("path is not absolute: " + path);
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key is empty: " + path);
        }
        if (length < 0) {
            throw new IllegalArgumentException("length < 0: " + length);
        }
    }
}
