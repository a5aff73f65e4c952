package io.vodupload.it;

import io.vodupload.ports.Crc64;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What the tests compare a file and an object by: length, CRC-64/ECMA and SHA-256, computed in one
 * streaming pass (a 64 MiB object is never held in one array).
 *
 * @param length bytes
 * @param crc64  CRC-64/ECMA, as {@link Crc64} computes it
 * @param sha256 lower-case hex SHA-256
 */
record Digest(long length, long crc64, String sha256) {

    static Digest of(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static Digest of(InputStream in) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Crc64 crc = new Crc64();
        byte[] buffer = new byte[256 * 1024];
        long length = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            sha.update(buffer, 0, n);
            crc.update(buffer, 0, n);
            length += n;
        }
        return new Digest(length, crc.getValue(), HexFormat.of().formatHex(sha.digest()));
    }

    @Override
    public String toString() {
        return "Digest[" + length + " bytes, crc64 " + Crc64.toUnsignedString(crc64) + ", sha256 " + sha256 + "]";
    }
}
