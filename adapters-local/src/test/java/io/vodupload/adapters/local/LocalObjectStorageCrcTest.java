package io.vodupload.adapters.local;

import io.vodupload.ports.Crc64;
import io.vodupload.ports.FileRegion;
import io.vodupload.ports.ObjectInfo;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.ObjectReceipt;
import io.vodupload.ports.PartReceipt;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.TransferListener;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.vodupload.adapters.local.LocalStoreFixture.CREDENTIALS;
import static org.assertj.core.api.Assertions.assertThat;

/** For any file and part size, the multipart object is the file and its CRC-64 is the file's. */
class LocalObjectStorageCrcTest {

    private static Path base;
    private static LocalObjectStorage store;

    @BeforeContainer
    static void open() throws IOException {
        base = Files.createTempDirectory("local-crc");
        store = LocalObjectStorage.open(base.resolve("store"));
    }

    @AfterContainer
    static void delete() {
        AtomicFiles.deleteTreeQuietly(base);
    }

    @Property(tries = 25)
    void completeMultipart_anyFileAndPartSize_crcAndBytesEqualTheFile(
            @ForAll @IntRange(min = 0, max = 700 * 1024) int size,
            @ForAll @IntRange(min = 100 * 1024, max = 300 * 1024) int partSize,
            @ForAll long seed) throws Exception {
        Path file = LocalStoreFixture.randomFile(base, "in-" + seed + ".bin", size, seed);
        StorageTarget target = store.target("b", "objects/" + seed + ".bin");
        String id = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.EMPTY);
        List<PartReceipt> receipts = new ArrayList<>();
        long offset = 0;
        int number = 1;
        do {
            long length = Math.min(partSize, size - offset);
            receipts.add(store.uploadPart(target, CREDENTIALS, id, number++, new FileRegion(file, offset, length),
                    TransferListener.NONE));
            offset += length;
        } while (offset < size);

        ObjectReceipt done = store.completeMultipart(target, CREDENTIALS, id, receipts, ObjectMetadata.EMPTY);

        byte[] bytes = Files.readAllBytes(file);
        assertThat(done.crc64()).hasValue(Crc64.of(bytes));
        assertThat(done.etag()).endsWith("-" + receipts.size());
        assertThat(store.headObject(target, CREDENTIALS)).get().extracting(ObjectInfo::contentLength, ObjectInfo::crc64)
                .containsExactly((long) size, done.crc64());
        assertThat(base.resolve("store/b/objects/" + seed + ".bin")).hasBinaryContent(bytes);
        Files.delete(file);
    }
}
