package io.vodupload.adapters.local;

import io.vodupload.osswire.RegionBody;
import io.vodupload.ports.Crc64;
import io.vodupload.ports.PartBody;
import io.vodupload.ports.TransferListener;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Copies file regions into the store with CRC-64 (and MD5 when asked) computed in the same pass, through
 * oss-wire's {@link RegionBody}: the same body, CRC and progress reporting as the network transports.
 * Memory per copy is one chunk, whatever the length.
 */
final class Transfer {

    static final int CHUNK = RegionBody.BUFFER_SIZE;

    /** What was copied: the byte count, the CRC-64 and, when computed, the MD5. */
    record Digest(long size, long crc64, byte[] md5) {

        /** The MD5 as OSS prints an ETag: upper-case hex. */
        String md5Hex() {
            return HexFormat.of().withUpperCase().formatHex(md5);
        }
    }

    private Transfer() {
    }

    /**
     * Copies {@code region} to the current position of {@code out}, telling {@code listener} of each chunk
     * after it is written. A {@link java.util.concurrent.CancellationException} from the listener
     * propagates unchanged; the caller deletes what it was writing.
     *
     * @throws RegionBody.LocalFileException       when the region's file cannot be opened (the JDK's
     *                                             exception is the cause) or read
     * @throws RegionBody.SourceTruncatedException when the file is shorter than the region
     */
    static Digest copy(PartBody region, FileChannel out, TransferListener listener, boolean md5)
            throws IOException {
        MessageDigest digest = md5 ? md5() : null;
        try (RegionBody body = RegionBody.open(region, listener)) {
            body.transferTo(out, digest);
            return new Digest(region.length(), body.crc64(), digest == null ? new byte[0] : digest.digest());
        }
    }

    /** The CRC-64 and MD5 of a whole file, read in chunks. */
    static Digest digest(Path file, long length) throws IOException {
        MessageDigest digest = md5();
        long crc = 0;
        long size = 0;
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            int n;
            while ((n = in.read(buffer.clear())) >= 0) {
                crc = Crc64.update(crc, buffer.array(), 0, n);
                digest.update(buffer.array(), 0, n);
                size += n;
            }
        }
        if (size != length) {
            throw new IOException("file " + file + " changed while it was read: " + size + " bytes, expected "
                    + length);
        }
        return new Digest(size, crc, digest.digest());
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }
}
