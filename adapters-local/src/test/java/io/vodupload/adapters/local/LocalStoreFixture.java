package io.vodupload.adapters.local;

import io.vodupload.ports.Credentials;
import io.vodupload.ports.FileRegion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;

/** Helpers shared by the local storage tests. */
final class LocalStoreFixture {

    static final Credentials CREDENTIALS =
            Credentials.sts("STS.testkey", "test-secret-value", "test-token-value", Instant.parse("2030-01-01T00:00:00Z"));
    static final int KIB = 1024;

    private LocalStoreFixture() {
    }

    /** A file of {@code size} pseudo-random bytes (reproducible from {@code seed}). */
    static Path randomFile(Path dir, String name, int size, long seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    static FileRegion whole(Path file) throws IOException {
        return new FileRegion(file, 0, Files.size(file));
    }

    static String md5Hex(byte[] bytes) throws Exception {
        return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    static byte[] slice(byte[] bytes, long offset, long length) {
        byte[] out = new byte[(int) length];
        System.arraycopy(bytes, (int) offset, out, 0, (int) length);
        return out;
    }

    /** Every regular file under {@code dir}, relative to it, as strings. */
    static java.util.List<String> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return java.util.List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}
