package io.vodupload.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

/** Test data on disk. */
final class TestFiles {

    private TestFiles() {
    }

    /** A file of {@code size} pseudo-random bytes (seeded, so a failure can be reproduced). */
    static Path random(Path file, long size, long seed) throws IOException {
        byte[] data = new byte[(int) size];
        new Random(seed).nextBytes(data);
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, data);
    }

    /** The concatenated text of every regular file under {@code dir} (empty when it does not exist). */
    static String contentsUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                try {
                    sb.append(p).append('\n').append(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
                } catch (java.nio.file.NoSuchFileException renamedMeanwhile) {
                    // a temp file that an atomic write renamed away while we looked: its content is in the target
                }
            }
        }
        return sb.toString();
    }

    /** How many checkpoint files ({@code <fingerprint>.json}) are directly in {@code dir}. */
    static long countCheckpoints(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("[0-9a-f]{16,128}\\.json")).count();
        }
    }
}
