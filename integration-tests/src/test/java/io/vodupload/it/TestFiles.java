package io.vodupload.it;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.SplittableRandom;

/** Files of seeded random bytes, and the ways the tests change them between runs. */
final class TestFiles {

    static final int KIB = 1024;
    static final int MIB = 1024 * 1024;

    private TestFiles() {
    }

    /** Writes {@code size} random bytes from {@code seed} to {@code file} (replacing it) and returns it. */
    static Path random(Path file, long size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] chunk = new byte[MIB];
        try (OutputStream out = Files.newOutputStream(file)) {
            long left = size;
            while (left > 0) {
                int n = (int) Math.min(chunk.length, left);
                for (int i = 0; i < n; i += 8) {
                    long v = random.nextLong();
                    for (int j = 0; j < 8 && i + j < n; j++) {
                        chunk[i + j] = (byte) (v >>> (8 * j));
                    }
                }
                out.write(chunk, 0, n);
                left -= n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** Flips one byte at {@code offset} in place, leaving the length as it is. */
    static void flipByte(Path file, long offset) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, offset);
            one.flip();
            byte b = one.get(0);
            one.put(0, (byte) ~b);
            channel.write(one, offset);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot change " + file, e);
        }
    }

    static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void setLastModified(Path file, FileTime time) {
        try {
            Files.setLastModifiedTime(file, time);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
