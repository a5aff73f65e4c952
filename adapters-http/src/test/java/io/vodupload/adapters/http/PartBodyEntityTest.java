package io.vodupload.adapters.http;

import io.vodupload.osswire.RegionBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodupload.ports.Crc64;
import io.vodupload.ports.FileRegion;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartBodyEntityTest {

    private static final int FILE_SIZE = 300_000;
    private static final byte[] DATA = new byte[FILE_SIZE];
    private static final Path FILE;

    static {
        new Random(42).nextBytes(DATA);
        try {
            FILE = Files.createTempFile("region-entity", ".bin");
            FILE.toFile().deleteOnExit();
            Files.write(FILE, DATA);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @TempDir
    Path dir;

    @Property(tries = 60)
    void writeTo_anyRegion_writesExactlyThoseBytesWithTheirCrc(@ForAll @IntRange(max = FILE_SIZE) int offset,
                                                               @ForAll @IntRange(max = FILE_SIZE) int wanted)
            throws IOException {
        int length = Math.min(wanted, FILE_SIZE - offset);
        List<Long> increments = new ArrayList<>();
        PartBodyEntity entity = new PartBodyEntity(new FileRegion(FILE, offset, length), increments::add);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        entity.writeTo(out);

        assertThat(out.toByteArray()).isEqualTo(java.util.Arrays.copyOfRange(DATA, offset, offset + length));
        assertThat(entity.crc()).isEqualTo(Crc64.of(DATA, offset, length));
        assertThat(entity.isComplete()).isTrue();
        assertThat(entity.getContentLength()).isEqualTo(length);
        assertThat(increments.stream().mapToLong(Long::longValue).sum()).isEqualTo(length);
        assertThat(increments).allSatisfy(n -> assertThat(n).isPositive().isLessThanOrEqualTo(64 * 1024));
    }

    @Test
    void writeTo_twice_rereadsTheFileAndGivesTheSameBytesAndCrc() throws IOException {
        PartBodyEntity entity = new PartBodyEntity(new FileRegion(FILE, 123, 200_000), bytes -> { });
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        ByteArrayOutputStream second = new ByteArrayOutputStream();

        entity.writeTo(first);
        long crc = entity.crc();
        entity.writeTo(second);

        assertThat(entity.isRepeatable()).isTrue();
        assertThat(second.toByteArray()).isEqualTo(first.toByteArray());
        assertThat(entity.crc()).isEqualTo(crc).isEqualTo(Crc64.of(DATA, 123, 200_000));
        assertThat(entity.progress()).isEqualTo(400_000);
    }

    @Test
    void entity_describesAKnownLengthWithoutTypeOrChunking() {
        PartBodyEntity entity = new PartBodyEntity(new FileRegion(FILE, 0, 10), bytes -> { });

        assertThat(entity.getContentType()).isNull();
        assertThat(entity.isChunked()).isFalse();
        assertThat(entity.isStreaming()).isFalse();
        assertThat(entity.getContentEncoding()).isNull();
        assertThat(entity.getContentLength()).isEqualTo(10);
    }

    @Test
    void getContent_readsTheRegionOnly() throws IOException {
        PartBodyEntity entity = new PartBodyEntity(new FileRegion(FILE, 1000, 5000), bytes -> { });

        try (var in = entity.getContent()) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(DATA, 1000, 6000));
        }
    }

    @Test
    void writeTo_listenerCancels_rethrowsItAndRemembersIt() {
        CancellationException cancel = new CancellationException("stop");
        PartBodyEntity entity = new PartBodyEntity(new FileRegion(FILE, 0, FILE_SIZE), bytes -> {
            throw cancel;
        });

        assertThatThrownBy(() -> entity.writeTo(new ByteArrayOutputStream())).isSameAs(cancel);
        assertThat(entity.cancellation()).isSameAs(cancel);
        assertThat(entity.isComplete()).isFalse();
        assertThat(entity.isWriting()).isFalse();
    }

    @Test
    void writeTo_fileTruncatedSinceThePlan_throwsLocalFileException() throws IOException {
        Path shorter = dir.resolve("short.bin");
        Files.write(shorter, new byte[100]);
        PartBodyEntity entity = new PartBodyEntity(new FileRegion(shorter, 50, 100), bytes -> { });

        assertThatThrownBy(() -> entity.writeTo(new ByteArrayOutputStream()))
                .isInstanceOf(RegionBody.SourceTruncatedException.class)
                .hasMessageContaining("ended at byte 100, before the end of the region [50, 150)");
    }
}
