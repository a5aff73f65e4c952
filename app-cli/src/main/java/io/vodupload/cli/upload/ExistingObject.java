package io.vodupload.cli.upload;

import io.vodupload.ports.Credentials;
import io.vodupload.ports.Crc64;
import io.vodupload.ports.ObjectInfo;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.StorageTarget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;

/**
 * What the target already holds at the key, compared with the local file: the check behind the overwrite
 * rule of docs/cli.md ({@code --overwrite}, {@code --skip-existing}). One HeadObject through the storage port;
 * the local file's CRC-64 is read only when the sizes match, so a different object costs no read of the file.
 * An object whose storage reports no CRC-64 cannot be proven identical and counts as different.
 *
 * <p>Stateless; safe from any thread.
 */
public final class ExistingObject {

    private static final int BUFFER = 256 * 1024;

    /** What the key holds, compared with the file. */
    public enum Verdict {
        /** Nothing at the key. */
        ABSENT,
        /** An object of the file's size and CRC-64. */
        IDENTICAL,
        /** An object of another size or CRC-64 (or one whose CRC-64 is unknown). */
        DIFFERENT
    }

    /**
     * The comparison's outcome.
     *
     * @param verdict what the key holds
     * @param object  the object's size, ETag and CRC-64, when there is one
     */
    public record Check(Verdict verdict, Optional<ObjectInfo> object) {
        public Check {
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(object, "object");
        }
    }

    private ExistingObject() {
    }

    /**
     * Compares the object at {@code target} with {@code file}.
     *
     * @throws io.vodupload.ports.StorageException when the HeadObject fails
     * @throws UncheckedIOException                when the file cannot be read
     */
    public static Check check(ObjectStorage storage, StorageTarget target, Credentials credentials, Path file) {
        Optional<ObjectInfo> info = storage.headObject(target, credentials);
        if (info.isEmpty()) {
            return new Check(Verdict.ABSENT, info);
        }
        ObjectInfo object = info.get();
        long size = sizeOf(file);
        boolean same = object.contentLength() == size && object.crc64().isPresent()
                && object.crc64().getAsLong() == crcOf(file);
        return new Check(same ? Verdict.IDENTICAL : Verdict.DIFFERENT, info);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The CRC-64/ECMA of the whole file, read in chunks. */
    static long crcOf(Path file) {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
            long crc = 0;
            while (in.read(buffer.clear()) >= 0) {
                crc = Crc64.update(crc, buffer.flip());
            }
            return crc;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
