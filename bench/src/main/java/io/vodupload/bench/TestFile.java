package io.vodupload.bench;

import io.vodupload.ports.Crc64;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The file every client uploads: pseudo-random bytes from a seed (incompressible, and the same for the same
 * seed and size), written once per run, with its CRC-64 computed while it is written.
 */
final class TestFile {

    private TestFile() {
    }

    /**
     * Writes {@code size} bytes to {@code path} (replacing it) and returns their CRC-64.
     *
     * @throws IOException when the file cannot be written
     */
    static long write(Path path, long size, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] chunk = new byte[(int) Math.min(size, Sizes.MIB)];
        long crc = 0;
        try (OutputStream out = Files.newOutputStream(path)) {
            long left = size;
            while (left > 0) {
                int n = (int) Math.min(chunk.length, left);
                fill(random, chunk, n);
                crc = Crc64.update(crc, chunk, 0, n);
                out.write(chunk, 0, n);
                left -= n;
            }
        }
        return crc;
    }

    /**
     * The CRC-64 of the file as it is on disk now, read back independently of {@link #write}.
     *
     * @throws IOException when it cannot be read
     */
    static long crcOf(Path path) throws IOException {
        long crc = 0;
        byte[] buf = new byte[(int) Sizes.MIB];
        try (var in = Files.newInputStream(path)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                crc = Crc64.update(crc, buf, 0, n);
            }
        }
        return crc;
    }

    private static void fill(SplittableRandom random, byte[] b, int n) {
        int i = 0;
        while (i + 8 <= n) {
            long v = random.nextLong();
            for (int k = 0; k < 8; k++) {
                b[i++] = (byte) v;
                v >>>= 8;
            }
        }
        long v = random.nextLong();
        while (i < n) {
            b[i++] = (byte) v;
            v >>>= 8;
        }
    }
}
