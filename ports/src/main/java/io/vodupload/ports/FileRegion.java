package io.vodupload.ports;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A region of a file: the body of one part (or of a whole small object), the {@link PartBody} of a local file. Adapters stream it from disk
 * (for example through a {@link java.nio.channels.FileChannel}) with a known length; nothing ever holds
 * a part as one {@code byte[]}.
 *
 * <p>Immutable and thread-safe. The file itself is read at the time of the call, not when the region is
 * created.
 *
 * @param path   the file, absolute
 * @param offset the first byte, {@code >= 0}
 * @param length the number of bytes, {@code >= 0}
 */
public record FileRegion(Path path, long offset, long length) implements PartBody {

    /**
     * Checks the components; a bad one throws, naming the value.
     *
     * @param path   the file, absolute
     * @param offset the first byte, {@code >= 0}
     * @param length the number of bytes, {@code >= 0}
     */
    public FileRegion {
        Objects.requireNonNull(path, "path");
        if (offset < 0) {
            throw new IllegalArgumentException("offset < 0: " + offset);
        }
        if (length < 0) {
            throw new IllegalArgumentException("length < 0: " + length);
        }
        if (offset > Long.MAX_VALUE - length) {
            throw new IllegalArgumentException("offset + length overflows: " + offset + " + " + length);
        }
    }

    @Override
    public String describe() {
        return path.toString();
    }

    /** {@return one past the last byte} */
    public long end() {
        return offset + length;
    }
}
