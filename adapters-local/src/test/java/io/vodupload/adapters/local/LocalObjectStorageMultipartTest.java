package io.vodupload.adapters.local;

import io.vodupload.ports.Crc64;
import io.vodupload.ports.FileRegion;
import io.vodupload.ports.ObjectInfo;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.ObjectReceipt;
import io.vodupload.ports.PartReceipt;
import io.vodupload.ports.StorageException;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.TransferListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.vodupload.adapters.local.LocalStoreFixture.CREDENTIALS;
import static io.vodupload.adapters.local.LocalStoreFixture.KIB;
import static io.vodupload.adapters.local.LocalStoreFixture.filesUnder;
import static io.vodupload.adapters.local.LocalStoreFixture.md5Hex;
import static io.vodupload.adapters.local.LocalStoreFixture.randomFile;
import static io.vodupload.adapters.local.LocalStoreFixture.slice;
import static io.vodupload.adapters.local.LocalStoreFixture.whole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LocalObjectStorageMultipartTest {

    private static final long PART = 128 * KIB;

    @TempDir
    Path temp;

    private Path root;
    private LocalObjectStorage store;
    private StorageTarget target;

    @BeforeEach
    void open() {
        root = temp.resolve("store");
        store = LocalObjectStorage.open(root);
        target = store.target("videos", "2024/clip.mp4");
    }

    private Path uploadsDir() {
        return root.resolve(".vodupload").resolve("uploads");
    }

    private static List<FileRegion> regions(Path file, long partSize) throws IOException {
        long size = Files.size(file);
        List<FileRegion> regions = new ArrayList<>();
        for (long offset = 0; offset < size; offset += partSize) {
            regions.add(new FileRegion(file, offset, Math.min(partSize, size - offset)));
        }
        return regions;
    }

    private List<PartReceipt> uploadAll(String uploadId, List<FileRegion> regions) {
        List<PartReceipt> receipts = new ArrayList<>();
        for (int i = 0; i < regions.size(); i++) {
            receipts.add(store.uploadPart(target, CREDENTIALS, uploadId, i + 1, regions.get(i), TransferListener.NONE));
        }
        return receipts;
    }

    private static String multipartEtag(List<PartReceipt> parts) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        for (PartReceipt p : parts) {
            md5.update(HexFormat.of().parseHex(p.etag()));
        }
        return HexFormat.of().withUpperCase().formatHex(md5.digest()) + "-" + parts.size();
    }

    @Test
    void multipart_partsInParallel_objectEqualsFileWithCombinedCrcAndOssStyleEtag() throws Exception {
        Path file = randomFile(temp, "video.bin", (int) (7 * PART + 1234), 21);
        byte[] bytes = Files.readAllBytes(file);
        List<FileRegion> regions = regions(file, PART);
        String uploadId = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.ofContentType("video/mp4"));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<PartReceipt> receipts = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<PartReceipt>> futures = new ArrayList<>();
            // last part first, so that parts arrive out of order
            for (int i = regions.size() - 1; i >= 0; i--) {
                int number = i + 1;
                FileRegion region = regions.get(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return store.uploadPart(target, CREDENTIALS, uploadId, number, region, TransferListener.NONE);
                }));
            }
            start.countDown();
            for (Future<PartReceipt> f : futures) {
                receipts.add(f.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        receipts.sort(java.util.Comparator.comparingInt(PartReceipt::partNumber));
        for (PartReceipt r : receipts) {
            FileRegion region = regions.get(r.partNumber() - 1);
            byte[] part = slice(bytes, region.offset(), region.length());
            assertThat(r.etag()).isEqualTo(md5Hex(part));
            assertThat(r.crc64()).hasValue(Crc64.of(part));
            assertThat(r.size()).isEqualTo(region.length());
        }

        assertThat(store.listParts(target, CREDENTIALS, uploadId)).containsExactlyElementsOf(receipts);
        ObjectReceipt done = store.completeMultipart(target, CREDENTIALS, uploadId, receipts, ObjectMetadata.EMPTY);

        assertThat(root.resolve("videos/2024/clip.mp4")).hasBinaryContent(bytes);
        assertThat(done.crc64()).hasValue(Crc64.of(bytes));
        long combined = 0;
        for (PartReceipt r : receipts) {
            combined = Crc64.combine(combined, r.crc64().orElseThrow(), r.size());
        }
        assertThat(done.crc64()).hasValue(combined);
        assertThat(done.etag()).isEqualTo(multipartEtag(receipts)).matches("[0-9A-F]{32}-8");
        assertThat(store.headObject(target, CREDENTIALS))
                .contains(new ObjectInfo(bytes.length, done.etag(), OptionalLong.of(Crc64.of(bytes))));
        assertThat(filesUnder(uploadsDir())).isEmpty();
        assertThat(filesUnder(root.resolve(".vodupload/tmp"))).isEmpty();
    }

    @Test
    void listParts_isAscendingWhateverTheUploadOrder() throws Exception {
        Path file = randomFile(temp, "f", (int) (3 * PART), 22);
        List<FileRegion> regions = regions(file, PART);
        String id = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.EMPTY);
        store.uploadPart(target, CREDENTIALS, id, 9, regions.get(2), TransferListener.NONE);
        store.uploadPart(target, CREDENTIALS, id, 2, regions.get(0), TransferListener.NONE);
        store.uploadPart(target, CREDENTIALS, id, 5, regions.get(1), TransferListener.NONE);

        assertThat(store.listParts(target, CREDENTIALS, id)).extracting(PartReceipt::partNumber)
                .containsExactly(2, 5, 9);
    }

    @Test
    void listParts_freshUpload_isEmpty() {
        String id = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.EMPTY);

        assertThat(id).matches("[0-9A-F]{32}");
        assertThat(store.listParts(target, CREDENTIALS, id)).isEmpty();
    }

    @Test
    void completeMultipart_nonConsecutivePartNumbers_isAccepted() throws Exception {
        Path file = randomFile(temp, "f", (int) (2 * PART + 10), 23);
        List<FileRegion> regions = regions(file, PART);
        String id = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.EMPTY);
        List<PartReceipt> receipts = List.of(
                store.uploadPart(target, CREDENTIALS, id, 3, regions.get(0), TransferListener.NONE),
                store.uploadPart(target, CREDENTIALS, id, 17, regions.get(1), TransferListener.NONE),
                store.uploadPart(target, CREDENTIALS, id, 400, regions.get(2), TransferListener.NONE));

        ObjectReceipt done = store.completeMultipart(target, CREDENTIALS, id, receipts, ObjectMetadata.EMPTY);

        assertThat(root.resolve("videos/2024/clip.mp4")).hasSameBinaryContentAs(file);
        assertThat(done.crc64()).hasValue(Crc64.of(Files.readAllBytes(file)));
    }

    @Test
    void completeMultipart_partsNotListed_areDiscarded() throws Exception {
        Path file = randomFile(temp, "f", (int) (2 * PART), 24);
        List<FileRegion> regions = regions(file, PART);
        String id = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.EMPTY);
        List<PartReceipt> receipts = uploadAll(id, regions);

        store.completeMultipart(target, CREDENTIALS, id, receipts.subList(0, 1), ObjectMetadata.EMPTY);

        assertThat(root.resolve("videos/2024/clip.mp4")).hasBinaryContent(slice(Files.readAllBytes(file), 0, PART));
        assertThat(filesUnder(uploadsDir())).isEmpty();
    }

    @Test
    void uploadPart_sameNumberAgain_replacesThePart() throws Exception {
        Path file = randomFile(temp, "f", (int) (2 * PART), 25);
        Path other = randomFile(temp, "g", (int) PART + 99, 26);
        List<FileRegion> regions = regions(file, PART);
        String id = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.EMPTY);
        PartReceipt oldFirst = store.uploadPart(target, CREDENTIALS, id, 1, whole(other), TransferListener.NONE);

        PartReceipt first = store.uploadPart(target, CREDENTIALS, id, 1, regions.get(0), TransferListener.NONE);
        PartReceipt second = store.uploadPart(target, CREDENTIALS, id, 2, regions.get(1), TransferListener.NONE);

        assertThat(first.etag()).isNotEqualTo(oldFirst.etag());
        assertThat(store.listParts(target, CREDENTIALS, id)).containsExactly(first, second);
        assertThat(filesUnder(uploadsDir().resolve(id)).stream().filter(n -> n.startsWith("part-00001-")))
                .as("one data file per part").hasSize(1);
        StorageException stale = catchThrowableOfType(StorageException.class, () -> store.completeMultipart(target,
                CREDENTIALS, id, List.of(oldFirst, second), ObjectMetadata.EMPTY));
        assertThat(stale.errorCode()).isEqualTo("InvalidPart");
        store.completeMultipart(target, CREDENTIALS, id, List.of(first, second), ObjectMetadata.EMPTY);
        assertThat(root.resolve("videos/2024/clip.mp4")).hasSameBinaryContentAs(file);
    }

    @Test
    void uploadPart_sameNumberFromManyThreads_leavesExactlyOneVersion() throws Exception {
        String id = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.EMPTY);
        List<Path> bodies = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            bodies.add(randomFile(temp, "body" + i, (int) PART + i, 30 + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<PartReceipt> receipts = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<PartReceipt>> futures = new ArrayList<>();
            for (Path body : bodies) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return store.uploadPart(target, CREDENTIALS, id, 1, whole(body), TransferListener.NONE);
                }));
            }
            start.countDown();
            for (Future<PartReceipt> f : futures) {
                receipts.add(f.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        List<PartReceipt> listed = store.listParts(target, CREDENTIALS, id);

        assertThat(listed).hasSize(1);
        assertThat(receipts).contains(listed.get(0));
        // one version kept: at most one data file of the part's own; the losers' bytes in the assembly file
        // (object.data, one per upload) are referenced by nothing
        assertThat(filesUnder(uploadsDir().resolve(id)).stream().filter(n -> n.startsWith("part-")
                && n.endsWith(".data")).count()).isLessThanOrEqualTo(1);
        assertThat(filesUnder(uploadsDir().resolve(id)).stream().filter(n -> n.endsWith(".data"))
                .filter(n -> !n.startsWith("part-"))).containsExactly("object.data");
        PartReceipt winner = listed.get(0);
        store.completeMultipart(target, CREDENTIALS, id, listed, ObjectMetadata.EMPTY);
        assertThat(root.resolve("videos/2024/clip.mp4"))
                .hasSameBinaryContentAs(bodies.get((int) (winner.size() - PART)));
    }

    @Test
    void completeMultipart_nonLastPartUnder100KiB_isFatalEntityTooSmall() throws Exception {
        Path file = randomFile(temp, "f", 200 * KIB, 27);
        List<FileRegion> regions = regions(file, 100 * KIB - 1);
        String id = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.EMPTY);
        List<PartReceipt> receipts = uploadAll(id, regions);

        StorageException e = catchThrowableOfType(StorageException.class, () -> store.completeMultipart(target,
                CREDENTIALS, id, receipts, ObjectMetadata.EMPTY));

        assertThat(e.kind()).isEqualTo(StorageException.Kind.FATAL);
        assertThat(e.errorCode()).isEqualTo("EntityTooSmall");
        assertThat(e.httpStatus()).hasValue(400);
        assertThat(e.getMessage()).contains("part 1");
        assertThat(store.headObject(target, CREDENTIALS)).isEmpty();
        assertThat(store.listParts(target, CREDENTIALS, id)).as("the upload is still there").hasSize(3);
    }

    @Test
    void completeMultipart_exactly100KiBThenASmallLastPart_isAccepted() throws Exception {
        Path file = randomFile(temp, "f", 100 * KIB + 1, 28);
        String id = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.EMPTY);
        List<PartReceipt> receipts = uploadAll(id, regions(file, 100 * KIB));

        store.completeMultipart(target, CREDENTIALS, id, receipts, ObjectMetadata.EMPTY);

        assertThat(root.resolve("videos/2024/clip.mp4")).hasSameBinaryContentAs(file);
    }

    @Test
    void completeMultipart_singleTinyPart_isAccepted() throws Exception {
        Path file = randomFile(temp, "f", 10, 29);
        String id = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.EMPTY);
        List<PartReceipt> receipts = uploadAll(id, regions(file, PART));

        ObjectReceipt done = store.completeMultipart(target, CREDENTIALS, id, receipts, ObjectMetadata.EMPTY);

        assertThat(done.etag()).endsWith("-1");
        assertThat(root.resolve("videos/2024/clip.mp4")).hasSameBinaryContentAs(file);
    }

    @Test
    void completeMultipart_partNeverUploaded_isFatalInvalidPart() throws Exception {
        Path file = randomFile(temp, "f", (int) (2 * PART), 31);
        String id = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.EMPTY);
        List<PartReceipt> receipts = new ArrayList<>(uploadAll(id, regions(file, PART)));
        receipts.add(PartReceipt.of(3, receipts.get(0).etag(), 10, 0));

        StorageException e = catchThrowableOfType(StorageException.class, () -> store.completeMultipart(target,
                CREDENTIALS, id, receipts, ObjectMetadata.EMPTY));

        assertThat(e.kind()).isEqualTo(StorageException.Kind.FATAL);
        assertThat(e.errorCode()).isEqualTo("InvalidPart");
        assertThat(e.getMessage()).contains("part 3");
    }

    @Test
    void completeMultipart_wrongEtag_isFatalInvalidPart_quotedOrLowerCaseEtagsMatch() throws Exception {
        Path file = randomFile(temp, "f", (int) (2 * PART), 32);
        String id = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.EMPTY);
        List<PartReceipt> receipts = uploadAll(id, regions(file, PART));
        PartReceipt wrong = PartReceipt.of(2, "0123456789ABCDEF0123456789ABCDEF", receipts.get(1).size(), 0);

        StorageException e = catchThrowableOfType(StorageException.class, () -> store.completeMultipart(target,
                CREDENTIALS, id, List.of(receipts.get(0), wrong), ObjectMetadata.EMPTY));

        assertThat(e.errorCode()).isEqualTo("InvalidPart");
        assertThat(e.getMessage()).contains("part 2");
        PartReceipt lower = new PartReceipt(1, "\"" + receipts.get(0).etag().toLowerCase() + "\"",
                receipts.get(0).size(), OptionalLong.empty());
        store.completeMultipart(target, CREDENTIALS, id, List.of(lower, receipts.get(1)), ObjectMetadata.EMPTY);
        assertThat(root.resolve("videos/2024/clip.mp4")).hasSameBinaryContentAs(file);
    }

    @Test
    void completeMultipart_partsOutOfOrder_isFatalInvalidPartOrder_repeated_isTheIllegalArgumentOfThePort()
            throws Exception {
        Path file = randomFile(temp, "f", (int) (2 * PART), 33);
        String id = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.EMPTY);
        List<PartReceipt> receipts = uploadAll(id, regions(file, PART));

        StorageException reversed = catchThrowableOfType(StorageException.class, () -> store.completeMultipart(target,
                CREDENTIALS, id, List.of(receipts.get(1), receipts.get(0)), ObjectMetadata.EMPTY));

        assertThat(reversed.errorCode()).isEqualTo("InvalidPartOrder");
        assertThat(reversed.kind()).isEqualTo(StorageException.Kind.FATAL);
        // a part named twice is a bad argument for every storage (ports' StorageArguments), not a store answer
        assertThatThrownBy(() -> store.completeMultipart(target, CREDENTIALS, id,
                List.of(receipts.get(0), receipts.get(0)), ObjectMetadata.EMPTY))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("part 1 given twice");
        assertThat(store.listParts(target, CREDENTIALS, id)).hasSize(2);
    }

    @Test
    void completeMultipart_noParts_isFatal() {
        String id = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.EMPTY);

        StorageException e = catchThrowableOfType(StorageException.class, () -> store.completeMultipart(target,
                CREDENTIALS, id, List.of(), ObjectMetadata.EMPTY));

        assertThat(e.kind()).isEqualTo(StorageException.Kind.FATAL);
        assertThat(e.errorCode()).isEqualTo("MalformedXML");
    }

    @Test
    void completeMultipart_stagedBytesMissingOnDisk_isInvalidPartAndDropsThatPart() throws Exception {
        Path file = randomFile(temp, "f", (int) (2 * PART), 34);
        String id = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.EMPTY);
        List<PartReceipt> receipts = uploadAll(id, regions(file, PART));
        // parts of one size lie in the upload's assembly file at their final offsets: cut part 2 short
        try (FileChannel assembly = FileChannel.open(uploadsDir().resolve(id).resolve("object.data"),
                StandardOpenOption.WRITE)) {
            assembly.truncate(PART + 1000);
        }

        StorageException e = catchThrowableOfType(StorageException.class, () -> store.completeMultipart(target,
                CREDENTIALS, id, receipts, ObjectMetadata.EMPTY));

        assertThat(e.errorCode()).isEqualTo("InvalidPart");
        assertThat(e.getMessage()).contains("part 2");
        assertThat(store.headObject(target, CREDENTIALS)).isEmpty();
        assertThat(store.listParts(target, CREDENTIALS, id)).containsExactly(receipts.get(0));

        // sent again, it completes to the file's bytes
        PartReceipt again = store.uploadPart(target, CREDENTIALS, id, 2, regions(file, PART).get(1),
                TransferListener.NONE);
        store.completeMultipart(target, CREDENTIALS, id, List.of(receipts.get(0), again), ObjectMetadata.EMPTY);
        assertThat(root.resolve("videos/2024/clip.mp4")).hasSameBinaryContentAs(file);
    }

    @Test
    void completeMultipart_partsOfOneSize_objectIsTheAssemblyFileWithoutACopy() throws Exception {
        Path file = randomFile(temp, "f", (int) (3 * PART + 777), 36);
        String id = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.EMPTY);
        List<PartReceipt> receipts = uploadAll(id, regions(file, PART));
        Object assemblyKey = Files.readAttributes(uploadsDir().resolve(id).resolve("object.data"),
                BasicFileAttributes.class).fileKey();

        ObjectReceipt receipt = store.completeMultipart(target, CREDENTIALS, id, receipts, ObjectMetadata.EMPTY);

        Path object = root.resolve("videos/2024/clip.mp4");
        assertThat(object).hasSameBinaryContentAs(file);
        assertThat(receipt.crc64()).hasValue(Crc64.of(Files.readAllBytes(file)));
        // the same inode: the parts were written where they belong, and the file was renamed, not copied
        assertThat(Files.readAttributes(object, BasicFileAttributes.class).fileKey()).isEqualTo(assemblyKey);
    }

    @Test
    void completeMultipart_lastPartArrivedFirst_partsOfTwoSizesStillAssembleToTheFile() throws Exception {
        Path file = randomFile(temp, "f", (int) (3 * PART + 777), 37);
        String id = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.EMPTY);
        List<FileRegion> regions = regions(file, PART);
        List<PartReceipt> receipts = new ArrayList<>();
        // the short last part first, then the others in reverse: the stride is set by a part of another size
        PartReceipt last = store.uploadPart(target, CREDENTIALS, id, 4, regions.get(3), TransferListener.NONE);
        for (int n = 3; n >= 1; n--) {
            receipts.add(0, store.uploadPart(target, CREDENTIALS, id, n, regions.get(n - 1), TransferListener.NONE));
        }
        receipts.add(last);

        ObjectReceipt receipt = store.completeMultipart(target, CREDENTIALS, id, receipts, ObjectMetadata.EMPTY);

        assertThat(root.resolve("videos/2024/clip.mp4")).hasSameBinaryContentAs(file);
        assertThat(receipt.crc64()).hasValue(Crc64.of(Files.readAllBytes(file)));
    }

    @Test
    void uploadPart_reuploadOfAPartInTheAssemblyFails_previousVersionStaysIntact() throws Exception {
        Path file = randomFile(temp, "f", (int) (2 * PART), 38);
        Path other = randomFile(temp, "other", (int) PART, 39);
        String id = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.EMPTY);
        List<PartReceipt> receipts = uploadAll(id, regions(file, PART));

        assertThatThrownBy(() -> store.uploadPart(target, CREDENTIALS, id, 1, whole(other), bytes -> {
            throw new CancellationException("stopped");
        })).isInstanceOf(CancellationException.class);

        assertThat(store.listParts(target, CREDENTIALS, id)).isEqualTo(receipts);
        store.completeMultipart(target, CREDENTIALS, id, receipts, ObjectMetadata.EMPTY);
        assertThat(root.resolve("videos/2024/clip.mp4")).hasSameBinaryContentAs(file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0123456789ABCDEF0123456789ABCDEF", "not-an-id", "../../../etc", "0123456789abcdef0123456789abcdef"})
    void everyUploadCall_unknownUploadId_isUploadGoneNoSuchUpload(String uploadId) throws Exception {
        Path file = randomFile(temp, "f", 1000, 35);

        List<StorageException> errors = List.of(
                catchThrowableOfType(StorageException.class, () -> store.uploadPart(target, CREDENTIALS, uploadId, 1,
                        whole(file), TransferListener.NONE)),
                catchThrowableOfType(StorageException.class, () -> store.listParts(target, CREDENTIALS, uploadId)),
                catchThrowableOfType(StorageException.class, () -> store.completeMultipart(target, CREDENTIALS,
                        uploadId, List.of(PartReceipt.of(1, "ABC", 1000, 0)), ObjectMetadata.EMPTY)));

        assertThat(errors).allSatisfy(e -> {
            assertThat(e.kind()).isEqualTo(StorageException.Kind.UPLOAD_GONE);
            assertThat(e.errorCode()).isEqualTo("NoSuchUpload");
            assertThat(e.httpStatus()).hasValue(404);
        });
        assertThat(filesUnder(root)).isEmpty();
    }

    @Test
    void everyUploadCall_uploadIdOfAnotherKey_isUploadGone() throws Exception {
        Path file = randomFile(temp, "f", 1000, 36);
        String id = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.EMPTY);
        StorageTarget otherKey = store.target("videos", "other.mp4");
        StorageTarget otherBucket = store.target("images", "2024/clip.mp4");

        for (StorageTarget other : List.of(otherKey, otherBucket)) {
            assertThat(catchThrowableOfType(StorageException.class, () -> store.uploadPart(other, CREDENTIALS, id, 1,
                    whole(file), TransferListener.NONE)).kind()).isEqualTo(StorageException.Kind.UPLOAD_GONE);
            assertThat(catchThrowableOfType(StorageException.class, () -> store.listParts(other, CREDENTIALS, id))
                    .kind()).isEqualTo(StorageException.Kind.UPLOAD_GONE);
            store.abortMultipart(other, CREDENTIALS, id);
        }
        assertThat(store.listParts(target, CREDENTIALS, id)).as("another key's abort left it alone").isEmpty();
    }

    @Test
    void completeMultipart_secondTime_isUploadGoneAndTheObjectStays() throws Exception {
        Path file = randomFile(temp, "f", 1000, 37);
        String id = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.EMPTY);
        List<PartReceipt> receipts = uploadAll(id, regions(file, PART));
        ObjectReceipt done = store.completeMultipart(target, CREDENTIALS, id, receipts, ObjectMetadata.EMPTY);

        StorageException again = catchThrowableOfType(StorageException.class, () -> store.completeMultipart(target,
                CREDENTIALS, id, receipts, ObjectMetadata.EMPTY));

        assertThat(again.kind()).isEqualTo(StorageException.Kind.UPLOAD_GONE);
        assertThat(store.headObject(target, CREDENTIALS)).get().extracting(ObjectInfo::etag).isEqualTo(done.etag());
    }

    @Test
    void abortMultipart_withParts_removesTheStagingAndForgetsTheUpload() throws Exception {
        Path file = randomFile(temp, "f", (int) (3 * PART), 38);
        String id = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.EMPTY);
        uploadAll(id, regions(file, PART));
        assertThat(filesUnder(uploadsDir())).isNotEmpty();

        store.abortMultipart(target, CREDENTIALS, id);

        assertThat(filesUnder(uploadsDir())).isEmpty();
        try (var entries = Files.list(uploadsDir())) {
            assertThat(entries).isEmpty();
        }
        assertThat(catchThrowableOfType(StorageException.class, () -> store.listParts(target, CREDENTIALS, id))
                .errorCode()).isEqualTo("NoSuchUpload");
        assertThat(store.headObject(target, CREDENTIALS)).isEmpty();
    }

    @Test
    void abortMultipart_unknownOrAlreadyAbortedUpload_isNotAnError() {
        String id = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.EMPTY);
        store.abortMultipart(target, CREDENTIALS, id);

        store.abortMultipart(target, CREDENTIALS, id);
        store.abortMultipart(target, CREDENTIALS, "0123456789ABCDEF0123456789ABCDEF");
        store.abortMultipart(target, CREDENTIALS, "../../not-an-id");

        try (var entries = Files.list(uploadsDir())) {
            assertThat(entries).isEmpty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void uploadPart_abortedWhileStreaming_isUploadGoneAndLeavesNothing() throws Exception {
        Path file = randomFile(temp, "f", (int) (3 * PART), 39);
        String id = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.EMPTY);
        AtomicLong calls = new AtomicLong();
        TransferListener abortMidway = n -> {
            if (calls.incrementAndGet() == 1) {
                store.abortMultipart(target, CREDENTIALS, id);
            }
        };

        StorageException e = catchThrowableOfType(StorageException.class, () -> store.uploadPart(target, CREDENTIALS,
                id, 1, whole(file), abortMidway));

        assertThat(e.kind()).isEqualTo(StorageException.Kind.UPLOAD_GONE);
        assertThat(filesUnder(uploadsDir())).isEmpty();
    }

    @Test
    void uploadPart_listenerSums_equalThePartLengthInBoundedPositiveChunks() throws Exception {
        Path file = randomFile(temp, "f", (int) (3 * PART + 5), 40);
        String id = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.EMPTY);
        List<FileRegion> regions = regions(file, PART);

        for (int i = 0; i < regions.size(); i++) {
            List<Long> calls = new ArrayList<>();
            store.uploadPart(target, CREDENTIALS, id, i + 1, regions.get(i), calls::add);
            assertThat(calls.stream().mapToLong(Long::longValue).sum()).isEqualTo(regions.get(i).length());
            assertThat(calls).allMatch(n -> n > 0 && n <= Transfer.CHUNK);
        }
    }

    @Test
    void uploadPart_listenerCancels_rethrowsUnchangedAndTheOldPartSurvives() throws Exception {
        Path file = randomFile(temp, "f", (int) (2 * PART), 41);
        Path replacement = randomFile(temp, "g", (int) (2 * PART), 42);
        String id = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.EMPTY);
        PartReceipt kept = store.uploadPart(target, CREDENTIALS, id, 1, whole(file), TransferListener.NONE);
        CancellationException cancel = new CancellationException("canceled");
        AtomicLong sent = new AtomicLong();

        Throwable thrown = catchThrowable(() -> store.uploadPart(target, CREDENTIALS, id, 1, whole(replacement), n -> {
            if (sent.addAndGet(n) > PART) {
                throw cancel;
            }
        }));

        assertThat(thrown).isSameAs(cancel);
        assertThat(sent.get()).isLessThan(2 * PART);
        assertThat(store.listParts(target, CREDENTIALS, id)).containsExactly(kept);
        // one version kept: at most one data file of the part's own; the losers' bytes in the assembly file
        // (object.data, one per upload) are referenced by nothing
        assertThat(filesUnder(uploadsDir().resolve(id)).stream().filter(n -> n.startsWith("part-")
                && n.endsWith(".data")).count()).isLessThanOrEqualTo(1);
        assertThat(filesUnder(uploadsDir().resolve(id)).stream().filter(n -> n.endsWith(".data"))
                .filter(n -> !n.startsWith("part-"))).containsExactly("object.data");
    }

    @Test
    void uploadPart_partNumberOutOfRange_throwsIllegalArgument() throws Exception {
        Path file = randomFile(temp, "f", 10, 43);
        String id = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.EMPTY);

        assertThatThrownBy(() -> store.uploadPart(target, CREDENTIALS, id, 0, whole(file), TransferListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
        assertThatThrownBy(() -> store.uploadPart(target, CREDENTIALS, id, 10_001, whole(file), TransferListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10001");
    }

    @Test
    void multipart_resumedByAnotherStoreInstance_likeAnotherProcess_completes() throws Exception {
        Path file = randomFile(temp, "f", (int) (3 * PART), 44);
        List<FileRegion> regions = regions(file, PART);
        String id = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.ofContentType("video/mp4"));
        store.uploadPart(target, CREDENTIALS, id, 1, regions.get(0), TransferListener.NONE);
        store.uploadPart(target, CREDENTIALS, id, 2, regions.get(1), TransferListener.NONE);

        LocalObjectStorage restarted = LocalObjectStorage.open(root);
        List<PartReceipt> listed = new ArrayList<>(restarted.listParts(target, CREDENTIALS, id));
        listed.add(restarted.uploadPart(target, CREDENTIALS, id, 3, regions.get(2), TransferListener.NONE));
        restarted.completeMultipart(target, CREDENTIALS, id, listed, ObjectMetadata.EMPTY);

        assertThat(listed).hasSize(3);
        assertThat(root.resolve("videos/2024/clip.mp4")).hasSameBinaryContentAs(file);
    }

    @Test
    void open_afterACrash_sweepsLeftoversButKeepsUnfinishedUploads() throws Exception {
        Path file = randomFile(temp, "f", (int) PART, 45);
        String id = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.EMPTY);
        PartReceipt part = store.uploadPart(target, CREDENTIALS, id, 1, whole(file), TransferListener.NONE);
        // what a SIGKILL could leave: a half-written object temp, a half-built and a half-removed upload
        Path deadTemp = root.resolve(".vodupload/tmp/.put.999999999.0011223344556677.tmp");
        Files.write(deadTemp, new byte[100]);
        Path halfBuilt = uploadsDir().resolve(".ABCDEF0123456789ABCDEF0123456789.999999999.0011223344556677.tmp");
        Files.createDirectories(halfBuilt);
        Files.writeString(halfBuilt.resolve("junk"), "x");
        Path halfRemoved = uploadsDir().resolve("FEDCBA9876543210FEDCBA9876543210");
        Files.createDirectories(halfRemoved);
        Files.writeString(halfRemoved.resolve("part-00001-0011223344556677.data"), "x");

        LocalObjectStorage restarted = LocalObjectStorage.open(root);

        assertThat(deadTemp).doesNotExist();
        assertThat(halfBuilt).doesNotExist();
        assertThat(halfRemoved).doesNotExist();
        assertThat(restarted.listParts(target, CREDENTIALS, id)).containsExactly(part);
    }

    @Test
    void completeMultipart_metadataFromInitiateAndComplete_forbidOverwriteIsHonoured() throws Exception {
        Path file = randomFile(temp, "f", 1000, 46);
        store.putObject(target, CREDENTIALS, whole(file), ObjectMetadata.EMPTY, TransferListener.NONE);
        String id = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.ofContentType("video/mp4"));
        List<PartReceipt> receipts = uploadAll(id, regions(file, PART));
        ObjectMetadata forbid = new ObjectMetadata(Optional.empty(), Map.of("x-oss-forbid-overwrite", "true"));

        StorageException e = catchThrowableOfType(StorageException.class, () -> store.completeMultipart(target,
                CREDENTIALS, id, receipts, forbid));

        assertThat(e.errorCode()).isEqualTo("FileAlreadyExists");
        assertThat(store.listParts(target, CREDENTIALS, id)).hasSize(1);
    }
}
