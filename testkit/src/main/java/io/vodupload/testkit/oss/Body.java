package io.vodupload.testkit.oss;

import io.vodupload.ports.Crc64;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * A request body as received: its length, MD5 and CRC-64, computed in the one pass that reads it, and
 * the bytes themselves when the storage mode keeps them. Immutable.
 */
record Body(long length, byte[] md5, long crc64, Optional<ByteChunks> data) {

    private static final int CHUNK = 1 << 20;

    /**
     * Reads {@code in} to its end.
     *
     * @param expectedLength the Content-Length, or -1 when the body is chunked
     * @param keep           whether to keep the bytes
     * @param received       told of every run of bytes read (for statistics)
     * @throws EOFException when the stream ends before {@code expectedLength} bytes
     */
    static Body read(InputStream in, long expectedLength, boolean keep, LongConsumer received) throws IOException {
        MessageDigest md5 = newMd5();
        long crc = 0;
        long total = 0;
        List<byte[]> chunks = keep ? new ArrayList<>() : null;
        byte[] buffer = keep ? null : new byte[256 * 1024];
        while (expectedLength < 0 || total < expectedLength) {
            byte[] target;
            int want;
            if (keep) {
                long left = expectedLength < 0 ? CHUNK : Math.min(CHUNK, expectedLength - total);
                target = new byte[(int) left];
                want = target.length;
            } else {
                target = buffer;
                want = expectedLength < 0 ? buffer.length : (int) Math.min(buffer.length, expectedLength - total);
            }
            int filled = 0;
            while (filled < want) {
                int n = in.read(target, filled, want - filled);
                if (n < 0) {
                    break;
                }
                filled += n;
                received.accept(n);
            }
            if (filled > 0) {
                md5.update(target, 0, filled);
                crc = Crc64.update(crc, target, 0, filled);
                total += filled;
                if (keep) {
                    chunks.add(filled == target.length ? target : java.util.Arrays.copyOf(target, filled));
                }
            }
            if (filled < want) {
                if (expectedLength >= 0) {
                    throw new EOFException("the body ended after " + total + " of " + expectedLength + " bytes");
                }
                break;
            }
        }
        return new Body(total, md5.digest(), crc, keep ? Optional.of(new ByteChunks(chunks, total)) : Optional.empty());
    }

    static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks MD5", e);
        }
    }
}
