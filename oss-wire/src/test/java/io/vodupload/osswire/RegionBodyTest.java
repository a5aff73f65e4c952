package io.vodupload.osswire;

import io.vodupload.ports.Crc64;
import io.vodupload.ports.FileRegion;
import io.vodupload.ports.MemoryBody;
import io.vodupload.ports.TransferListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegionBodyTest {

    @TempDir
    Path dir;

    private byte[] data;
    private Path file;

    private void writeFile(int size) throws IOException {
        data = new byte[size];
        new Random(42).nextBytes(data);
        file = dir.resolve("media.bin");
        Files.write(file, data);
    }

    private static byte[] drain(RegionBody in, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[chunk];
        int n;
        while ((n = in.read(buf, 0, buf.length)) >= 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    @Test
    void read_region_givesExactlyThoseBytesAndTheirCrc() throws IOException {
        writeFile(300_000);
        FileRegion region = new FileRegion(file, 1234, 200_000);
        try (RegionBody in = RegionBody.open(region, TransferListener.NONE)) {
            byte[] read = drain(in, 4096);

            byte[] expected = Arrays.copyOfRange(data, 1234, 1234 + 200_000);
            assertThat(read).isEqualTo(expected);
            assertThat(in.crc64()).isEqualTo(Crc64.of(expected));
            assertThat(in.bytesRead()).isEqualTo(200_000);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void read_memoryBody_givesItsBytesCrcAndProgressTwiceAndLeavesTheBufferAlone() throws IOException {
        writeFile(200_000);
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(data, 1000, 150_000);
        MemoryBody body = MemoryBody.of(buffer);
        byte[] expected = Arrays.copyOfRange(data, 1000, 151_000);
        for (int attempt = 1; attempt <= 2; attempt++) { // a retry reads the same bytes
            List<Long> told = new ArrayList<>();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (RegionBody in = RegionBody.open(body, n -> told.add(n))) {
                in.transferTo(out);

                assertThat(out.toByteArray()).isEqualTo(expected);
                assertThat(in.crc64()).isEqualTo(Crc64.of(expected));
                assertThat(in.isComplete()).isTrue();
                assertThat(told.stream().mapToLong(Long::longValue).sum()).isEqualTo(150_000);
            }
        }
        assertThat(buffer.position()).isEqualTo(1000);
        assertThat(ContentMd5.of(body)).isEqualTo(java.util.Base64.getEncoder().encodeToString(
                ContentMd5.newDigest().digest(expected)));
    }

    @Test
    void read_emptyRegion_endsAtOnceWithCrcZero() throws IOException {
        writeFile(10);
        try (RegionBody in = RegionBody.open(new FileRegion(file, 10, 0), TransferListener.NONE)) {
            assertThat(in.read(new byte[8], 0, 8)).isEqualTo(-1);
            assertThat(in.crc64()).isZero();
        }
    }

    @Test
    void read_listener_toldOfEveryByteOnceInPositiveChunks() throws IOException {
        writeFile(50_000);
        List<Long> calls = new ArrayList<>();
        try (RegionBody in = RegionBody.open(new FileRegion(file, 0, 50_000), calls::add)) {
            drain(in, 3000);
        }
        assertThat(calls).allMatch(n -> n > 0);
        assertThat(calls.stream().mapToLong(Long::longValue).sum()).isEqualTo(50_000);
    }

    @Test
    void read_singleBytes_sameCrcAsBulk() throws IOException {
        writeFile(1000);
        try (RegionBody in = RegionBody.open(new FileRegion(file, 100, 500), TransferListener.NONE)) {
            int b;
            int count = 0;
            while ((b = in.read()) >= 0) {
                assertThat((byte) b).isEqualTo(data[100 + count]);
                count++;
            }
            assertThat(count).isEqualTo(500);
            assertThat(in.crc64()).isEqualTo(Crc64.of(data, 100, 500));
        }
    }

    @Test
    void read_listenerCancels_sameInstanceThrownAndRemembered() throws IOException {
        writeFile(100_000);
        CancellationException cancel = new CancellationException("paused by the user");
        TransferListener listener = bytes -> {
            throw cancel;
        };
        try (RegionBody in = RegionBody.open(new FileRegion(file, 0, 100_000), listener)) {
            assertThatThrownBy(() -> in.read(new byte[4096], 0, 4096)).isSameAs(cancel);
            assertThat(in.cancellation()).isSameAs(cancel);
            assertThat(in.localFailure()).isNull();
        }
    }

    @Test
    void read_fileShorterThanRegion_truncationRemembered() throws IOException {
        writeFile(1000);
        try (RegionBody in = RegionBody.open(new FileRegion(file, 500, 1000), TransferListener.NONE)) {
            assertThatThrownBy(() -> drain(in, 256)).isInstanceOf(RegionBody.SourceTruncatedException.class)
                    .hasMessageContaining("changed");
            assertThat(in.localFailure()).isInstanceOf(RegionBody.SourceTruncatedException.class);
        }
    }

    @Test
    void markAndReset_rewindPositionAndCrc() throws IOException {
        writeFile(10_000);
        try (RegionBody in = RegionBody.open(new FileRegion(file, 0, 10_000), TransferListener.NONE)) {
            assertThat(in.markSupported()).isTrue();
            in.read(new byte[1000], 0, 1000);
            in.mark(Integer.MAX_VALUE);
            byte[] first = drain(in, 777);
            long crc = in.crc64();
            in.reset();
            byte[] again = drain(in, 1024);

            assertThat(again).isEqualTo(first);
            assertThat(in.crc64()).isEqualTo(crc).isEqualTo(Crc64.of(data));
        }
    }

    @Test
    void close_idempotentAndLaterReadsFail() throws IOException {
        writeFile(100);
        RegionBody in = RegionBody.open(new FileRegion(file, 0, 100), TransferListener.NONE);
        in.close();
        in.close();
        assertThatThrownBy(() -> in.read(new byte[10], 0, 10)).isInstanceOf(IOException.class);
    }

    @Test
    void open_missingFile_localFileExceptionWithTheJdkCause() {
        assertThatThrownBy(() -> RegionBody.open(new FileRegion(dir.resolve("nope"), 0, 1),
                TransferListener.NONE)).isInstanceOf(RegionBody.LocalFileException.class)
                .hasCauseInstanceOf(NoSuchFileException.class);
    }

    // ---- push ------------------------------------------------------------------------------------

    @Test
    void transferToStream_region_writesExactlyThoseBytesWithTheirCrcInBufferSizedChunks() throws IOException {
        writeFile(300_000);
        FileRegion region = new FileRegion(file, 777, 200_001);
        List<Long> calls = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RegionBody body = RegionBody.open(region, calls::add)) {
            long written = body.transferTo(out);

            byte[] expected = Arrays.copyOfRange(data, 777, 777 + 200_001);
            assertThat(written).isEqualTo(200_001);
            assertThat(out.toByteArray()).isEqualTo(expected);
            assertThat(body.crc64()).isEqualTo(Crc64.of(expected));
            assertThat(body.bytesRead()).isEqualTo(200_001);
            assertThat(body.progress()).isEqualTo(200_001);
            assertThat(body.isComplete()).isTrue();
        }
        assertThat(calls).allMatch(n -> n > 0 && n <= RegionBody.BUFFER_SIZE);
        assertThat(calls.stream().mapToLong(Long::longValue).sum()).isEqualTo(200_001);
        assertThat(calls).hasSize(4);
    }

    @Test
    void transferToStream_listenerToldOnlyAfterTheChunkIsWritten() throws IOException {
        writeFile(150_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> writtenWhenTold = new ArrayList<>();
        try (RegionBody body = RegionBody.open(new FileRegion(file, 0, 150_000), n -> writtenWhenTold.add(out.size()))) {
            body.transferTo(out);
        }
        assertThat(writtenWhenTold).containsExactly(65_536, 131_072, 150_000);
    }

    @Test
    void transferToStream_listenerCancels_sameInstanceAndNoMoreWritten() throws IOException {
        writeFile(200_000);
        CancellationException cancel = new CancellationException("paused");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RegionBody body = RegionBody.open(new FileRegion(file, 0, 200_000), n -> {
            throw cancel;
        })) {
            assertThatThrownBy(() -> body.transferTo(out)).isSameAs(cancel);
            assertThat(body.cancellation()).isSameAs(cancel);
            assertThat(body.isComplete()).isFalse();
        }
        assertThat(out.size()).isEqualTo(RegionBody.BUFFER_SIZE);
    }

    @Test
    void transferToChannel_withDigest_copiesBytesCrcAndMd5() throws Exception {
        writeFile(100_000);
        Path copy = dir.resolve("copy.bin");
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        try (RegionBody body = RegionBody.open(new FileRegion(file, 10, 99_990), TransferListener.NONE);
             FileChannel out = FileChannel.open(copy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            assertThat(body.transferTo(out, md5)).isEqualTo(99_990);
            assertThat(body.crc64()).isEqualTo(Crc64.of(data, 10, 99_990));
        }
        byte[] expected = Arrays.copyOfRange(data, 10, 100_000);
        assertThat(Files.readAllBytes(copy)).isEqualTo(expected);
        assertThat(md5.digest()).isEqualTo(MessageDigest.getInstance("MD5").digest(expected));
    }

    @Test
    void transferToStream_fileShrankAfterOpen_sourceTruncatedAtTheRightByte() throws IOException {
        writeFile(100_000);
        try (RegionBody body = RegionBody.open(new FileRegion(file, 0, 100_000), TransferListener.NONE)) {
            try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
                c.truncate(70_000);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThatThrownBy(() -> body.transferTo(out)).isInstanceOf(RegionBody.SourceTruncatedException.class)
                    .hasMessageContaining("ended at byte 70000");
            assertThat(out.size()).isEqualTo(70_000);
            assertThat(body.localFailure()).isInstanceOf(RegionBody.SourceTruncatedException.class);
        }
    }
}
