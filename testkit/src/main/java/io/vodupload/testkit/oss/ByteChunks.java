package io.vodupload.testkit.oss;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/** Immutable bytes held as a list of arrays, so a stored body is not limited to one array's 2 GiB. */
final class ByteChunks {

    static final ByteChunks EMPTY = new ByteChunks(List.of(), 0);

    private final List<byte[]> chunks;
    private final long length;

    ByteChunks(List<byte[]> chunks, long length) {
        this.chunks = List.copyOf(chunks);
        this.length = length;
    }

    long length() {
        return length;
    }

    void writeTo(OutputStream out) throws IOException {
        for (byte[] c : chunks) {
            out.write(c);
        }
    }

    InputStream open() {
        return new InputStream() {
            private int index;
            private int offset;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                while (index < chunks.size() && offset == chunks.get(index).length) {
                    index++;
                    offset = 0;
                }
                if (index == chunks.size()) {
                    return -1;
                }
                byte[] c = chunks.get(index);
                int n = Math.min(len, c.length - offset);
                System.arraycopy(c, offset, b, off, n);
                offset += n;
                return n;
            }
        };
    }
}
