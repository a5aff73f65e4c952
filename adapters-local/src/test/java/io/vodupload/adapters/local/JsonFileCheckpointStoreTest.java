package io.vodupload.adapters.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.StorageTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.vodupload.adapters.local.Checkpoints.FINGERPRINT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class JsonFileCheckpointStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private JsonFileCheckpointStore store() {
        return new JsonFileCheckpointStore(temp.resolve("checkpoints"));
    }

    private Path fileOf(String fingerprint) {
        return temp.resolve("checkpoints").resolve(fingerprint + ".json");
    }

    @Test
    void save_thenFind_returnsEqualCheckpointWithEveryField() {
        JsonFileCheckpointStore store = store();
        Checkpoint saved = Checkpoints.sample(FINGERPRINT, 3);

        store.save(saved);
        Optional<Checkpoint> found = store.find(FINGERPRINT);

        assertThat(found).contains(saved);
        Checkpoint c = found.orElseThrow();
        assertThat(c.target().region()).contains("cn-shanghai");
        assertThat(c.target().key()).isEqualTo("sv/clip 1+%/视频.mp4");
        assertThat(c.parts()).hasSize(3);
        assertThat(c.parts().get(0).crc64()).isEqualTo(0x995DC9BBDF1939FAL + 1);
        assertThat(c.updatedAt()).isEqualTo(Instant.parse("2024-05-01T12:34:56.789Z"));
    }

    @Test
    void save_targetWithoutRegionAndNoParts_roundTrips() {
        JsonFileCheckpointStore store = store();
        Checkpoint original = Checkpoints.sample(FINGERPRINT, 0);
        StorageTarget noRegion = StorageTarget.of("file:///srv/store", "b", "k");
        Checkpoint saved = new Checkpoint(original.formatVersion(), FINGERPRINT, original.file(),
                original.fileLength(), original.fileLastModifiedMillis(), noRegion, original.uploadId(),
                original.partSize(), List.of(), original.updatedAt());

        store.save(saved);

        assertThat(store.find(FINGERPRINT)).contains(saved);
        assertThat(store.find(FINGERPRINT).orElseThrow().target().region()).isEmpty();
    }

    @Test
    void save_twice_secondReplacesFirst() {
        JsonFileCheckpointStore store = store();
        Checkpoint first = Checkpoints.sample(FINGERPRINT, 1);
        Checkpoint second = Checkpoints.sample(FINGERPRINT, 2);

        store.save(first);
        store.save(second);

        assertThat(store.find(FINGERPRINT)).contains(second);
        assertThat(store.list()).containsExactly(second);
    }

    @Test
    void find_nothingSaved_isEmptyAndCreatesNothing() {
        JsonFileCheckpointStore store = store();

        assertThat(store.find(FINGERPRINT)).isEmpty();
        assertThat(store.list()).isEmpty();
        assertThat(temp.resolve("checkpoints")).doesNotExist();
    }

    @Test
    void list_severalSaved_returnsEachOnce() {
        JsonFileCheckpointStore store = store();
        Checkpoint a = Checkpoints.sample("aaaaaaaaaaaaaaaa", 1);
        Checkpoint b = Checkpoints.sample("bbbbbbbbbbbbbbbb", 2);
        Checkpoint c = Checkpoints.sample("cccccccccccccccc", 0);
        store.save(a);
        store.save(b);
        store.save(c);

        assertThat(store.list()).containsExactlyInAnyOrder(a, b, c);
    }

    @Test
    void remove_saved_isGoneFromFindListAndDisk() {
        JsonFileCheckpointStore store = store();
        store.save(Checkpoints.sample(FINGERPRINT, 1));

        store.remove(FINGERPRINT);

        assertThat(store.find(FINGERPRINT)).isEmpty();
        assertThat(store.list()).isEmpty();
        assertThat(fileOf(FINGERPRINT)).doesNotExist();
    }

    @Test
    void remove_absentCheckpointOrDirectory_isNotAnError() {
        JsonFileCheckpointStore store = store();

        store.remove(FINGERPRINT);
        store.save(Checkpoints.sample("aaaaaaaaaaaaaaaa", 1));
        store.remove(FINGERPRINT);

        assertThat(store.list()).hasSize(1);
    }

    @Test
    void find_fingerprintThatIsNotHex_throwsIllegalArgumentNamingIt() {
        JsonFileCheckpointStore store = store();

        assertThatThrownBy(() -> store.find("../../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("../../etc/passwd");
        assertThatThrownBy(() -> store.remove("ABCDEF0123456789"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void save_unknownFormatVersion_throwsIllegalArgument() {
        Checkpoint c = Checkpoints.sample(FINGERPRINT, 1);
        Checkpoint v2 = new Checkpoint(2, c.fingerprint(), c.file(), c.fileLength(), c.fileLastModifiedMillis(),
                c.target(), c.uploadId(), c.partSize(), c.parts(), c.updatedAt());

        assertThatThrownBy(() -> store().save(v2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 2");
    }

    @Test
    void save_directoryPathIsAFile_throwsUncheckedIO() throws IOException {
        Files.writeString(temp.resolve("checkpoints"), "not a directory");

        assertThatThrownBy(() -> store().save(Checkpoints.sample(FINGERPRINT, 1)))
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void save_writesVersionedJsonWithoutAnyCredentialField() throws IOException {
        store().save(Checkpoints.sample(FINGERPRINT, 2));

        String text = Files.readString(fileOf(FINGERPRINT));
        JsonNode tree = JSON.readTree(text);

        assertThat(tree.get("formatVersion").intValue()).isEqualTo(Checkpoint.FORMAT_VERSION);
        assertThat(fieldNames(tree))
                .isNotEmpty()
                .noneMatch(name -> name.toLowerCase().matches(
                        ".*(secret|token|password|credential|signature|accesskey|authorization).*"));
        assertThat(text).doesNotContainIgnoringCase("secret").doesNotContainIgnoringCase("token");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node.isObject()) {
            Iterator<String> it = node.fieldNames();
            while (it.hasNext()) {
                String name = it.next();
                names.add(name);
                names.addAll(fieldNames(node.get(name)));
            }
        } else if (node.isArray()) {
            node.forEach(child -> names.addAll(fieldNames(child)));
        }
        return names;
    }

    @Test
    void save_onPosix_directoryIs0700AndFileIs0600() throws IOException {
        assumeTrue(AtomicFiles.isPosix(temp), "POSIX file system");
        Path nested = temp.resolve("a").resolve("checkpoints");
        JsonFileCheckpointStore store = new JsonFileCheckpointStore(nested);

        store.save(Checkpoints.sample(FINGERPRINT, 1));
        store.save(Checkpoints.sample(FINGERPRINT, 2));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested.resolve(FINGERPRINT + ".json"))))
                .isEqualTo("rw-------");
    }

    @Test
    void save_leavesNoTempFileBehind() throws IOException {
        JsonFileCheckpointStore store = store();
        for (int i = 0; i < 5; i++) {
            store.save(Checkpoints.sample(FINGERPRINT, i));
        }

        try (Stream<Path> files = Files.list(temp.resolve("checkpoints"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(FINGERPRINT + ".json");
        }
    }

    @Test
    void list_leftoverTempFromDeadProcess_isIgnoredAndDeleted_liveOnesKept() throws IOException {
        JsonFileCheckpointStore store = store();
        store.save(Checkpoints.sample(FINGERPRINT, 1));
        Path dir = temp.resolve("checkpoints");
        // pid_max on Linux is at most 2^22, so this process cannot exist
        Path dead = dir.resolve("." + FINGERPRINT + ".json.999999999.0011223344556677.tmp");
        long livePid = ProcessHandle.current().parent().orElseThrow().pid();
        Path live = dir.resolve("." + FINGERPRINT + ".json." + livePid + ".8899AABBCCDDEEFF.tmp");
        Files.writeString(dead, "{\"formatVersion\":1,\"fingerp");
        Files.writeString(live, "{\"formatVersion\":1,\"fingerp");

        JsonFileCheckpointStore reopened = store();
        List<Checkpoint> listed = reopened.list();

        assertThat(listed).containsExactly(Checkpoints.sample(FINGERPRINT, 1));
        assertThat(dead).doesNotExist();
        assertThat(live).exists();
    }

    // ---- damage ----

    static Stream<Arguments> damaged() {
        Function<String, String> garbage = good -> "\u0000\u0001QUOKKA-that-is-not-json";
        Function<String, String> truncated = good -> good.substring(0, good.length() / 2);
        Function<String, String> empty = good -> "";
        Function<String, String> wrongVersion = good -> good.replace("\"formatVersion\" : 1", "\"formatVersion\" : 99");
        Function<String, String> versionAsText = good -> good.replace("\"formatVersion\" : 1", "\"formatVersion\" : \"1\"");
        Function<String, String> otherFingerprint = good -> good.replace(FINGERPRINT, "fedcba9876543210fedcba9876543210");
        Function<String, String> lengthAsText = good -> good.replace("\"fileLength\" : 10485760", "\"fileLength\" : \"ten\"");
        Function<String, String> etagAsNumber = good -> good.replaceFirst("\"etag\" : \"[0-9A-F]+\"", "\"etag\" : 17");
        Function<String, String> partsAsText = good -> good.replaceFirst("\"parts\" : \\[", "\"parts\" : \"x\", \"y\" : [");
        Function<String, String> missingUploadId = good -> good.replaceFirst("\"uploadId\" : \"[0-9A-F]+\",", "");
        Function<String, String> blankUploadId = good -> good.replaceFirst("\"uploadId\" : \"[0-9A-F]+\"", "\"uploadId\" : \" \"");
        Function<String, String> badCrc = good -> good.replaceFirst("\"crc64\" : \"[0-9]+\"", "\"crc64\" : \"-5\"");
        Function<String, String> trailing = good -> good + " {}";
        Function<String, String> array = good -> "[" + good + "]";
        return Stream.of(
                Arguments.of("garbage", garbage),
                Arguments.of("truncated", truncated),
                Arguments.of("empty", empty),
                Arguments.of("unknown version", wrongVersion),
                Arguments.of("version as text", versionAsText),
                Arguments.of("another fingerprint", otherFingerprint),
                Arguments.of("length as text", lengthAsText),
                Arguments.of("etag as number", etagAsNumber),
                Arguments.of("parts as text", partsAsText),
                Arguments.of("missing upload id", missingUploadId),
                Arguments.of("blank upload id", blankUploadId),
                Arguments.of("negative crc", badCrc),
                Arguments.of("trailing tokens", trailing),
                Arguments.of("not an object", array));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damaged")
    void find_damagedFile_warnsOnceNamingFileDeletesItAndReturnsEmpty(String name, Function<String, String> damage)
            throws IOException {
        JsonFileCheckpointStore store = store();
        store.save(Checkpoints.sample(FINGERPRINT, 2));
        Path file = fileOf(FINGERPRINT);
        String good = Files.readString(file);
        String bad = damage.apply(good);
        assertThat(bad).as("the damage changes the file").isNotEqualTo(good);
        Files.writeString(file, bad);

        try (LogCapture log = new LogCapture(JsonFileCheckpointStore.class)) {
            Optional<Checkpoint> first = store.find(FINGERPRINT);
            Optional<Checkpoint> second = store.find(FINGERPRINT);
            List<Checkpoint> listed = store.list();

            assertThat(first).isEmpty();
            assertThat(second).isEmpty();
            assertThat(listed).isEmpty();
            assertThat(file).doesNotExist();
            assertThat(log.warnings()).hasSize(1);
            String warning = log.warnings().get(0);
            assertThat(warning).contains(file.toString());
            assertThat(warning).doesNotContain("QUOKKA").doesNotContain("0004B9895DBBB6EC98E36ABCDEF01234")
                    .doesNotContain("outin-bucket");
        }
    }

    @Test
    void list_oneDamagedAmongGood_returnsTheGoodOnesAndWarnsOnce() throws IOException {
        JsonFileCheckpointStore store = store();
        Checkpoint a = Checkpoints.sample("aaaaaaaaaaaaaaaa", 1);
        Checkpoint b = Checkpoints.sample("bbbbbbbbbbbbbbbb", 1);
        store.save(a);
        store.save(b);
        Files.writeString(fileOf("cccccccccccccccc"), "{\"formatVersion\": 1, \"fingerprint\": ");

        try (LogCapture log = new LogCapture(JsonFileCheckpointStore.class)) {
            assertThat(store.list()).containsExactlyInAnyOrder(a, b);
            assertThat(store.list()).containsExactlyInAnyOrder(a, b);
            assertThat(log.warnings()).hasSize(1).allMatch(w -> w.contains("cccccccccccccccc.json"));
        }
    }

    @Test
    void find_damagedFileThatCannotBeDeleted_warnsOnlyOnce() throws IOException {
        JsonFileCheckpointStore store = store();
        // a directory where the file should be: unreadable as a file, and not deletable while non-empty
        Path file = fileOf(FINGERPRINT);
        Files.createDirectories(file.resolve("inner"));

        try (LogCapture log = new LogCapture(JsonFileCheckpointStore.class)) {
            assertThat(store.find(FINGERPRINT)).isEmpty();
            assertThat(store.find(FINGERPRINT)).isEmpty();
            assertThat(store.list()).isEmpty();
            assertThat(log.warnings()).hasSize(1).allMatch(w -> w.contains(file.toString()));
        }
    }

    @Test
    void find_fileWithFieldUnknownToVersionOne_isDiscarded() throws IOException {
        JsonFileCheckpointStore store = store();
        store.save(Checkpoints.sample(FINGERPRINT, 1));
        ObjectNode tree = (ObjectNode) JSON.readTree(fileOf(FINGERPRINT).toFile());
        tree.put("accessKeySecret", "should-never-be-here");
        Files.writeString(fileOf(FINGERPRINT), tree.toString());

        try (LogCapture log = new LogCapture(JsonFileCheckpointStore.class)) {
            assertThat(store.find(FINGERPRINT)).isEmpty();
            assertThat(log.warnings()).hasSize(1).noneMatch(w -> w.contains("should-never-be-here"));
        }
    }

    // ---- concurrency ----

    @Test
    void save_concurrentFromManyThreads_readersNeverSeeATornFileAndTheResultIsOneSavedValue() throws Exception {
        JsonFileCheckpointStore store = store();
        int writers = 6;
        int savesPerWriter = 40;
        List<Checkpoint> candidates = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            // different sizes so that a mix of two files would show
            candidates.add(Checkpoints.sample(FINGERPRINT, 1 + w * 15));
        }
        store.save(candidates.get(0));
        ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Future<?>> writerFutures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                Checkpoint mine = candidates.get(w);
                writerFutures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < savesPerWriter; i++) {
                        store.save(mine);
                    }
                    return null;
                }));
            }
            Future<Integer> storeReader = pool.submit(() -> {
                start.await();
                int reads = 0;
                while (writing.get()) {
                    assertThat(store.find(FINGERPRINT)).isPresent().get().isIn(candidates);
                    reads++;
                }
                return reads;
            });
            Future<Integer> rawReader = pool.submit(() -> {
                start.await();
                int reads = 0;
                while (writing.get()) {
                    // a second process would read the file directly: it must always be complete JSON
                    byte[] bytes = Files.readAllBytes(fileOf(FINGERPRINT));
                    assertThat(JSON.readTree(bytes).get("fingerprint").asText()).isEqualTo(FINGERPRINT);
                    reads++;
                }
                return reads;
            });
            start.countDown();
            for (Future<?> f : writerFutures) {
                f.get(60, TimeUnit.SECONDS);
            }
            writing.set(false);
            assertThat(storeReader.get(60, TimeUnit.SECONDS)).isPositive();
            assertThat(rawReader.get(60, TimeUnit.SECONDS)).isPositive();
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.find(FINGERPRINT)).isPresent().get().isIn(candidates);
        Checkpoint last = Checkpoints.sample(FINGERPRINT, 99);
        store.save(last);
        assertThat(store.find(FINGERPRINT)).contains(last);
        try (Stream<Path> files = Files.list(temp.resolve("checkpoints"))) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void save_fromAnotherStoreInstance_isVisibleAndWarnsNothing() {
        JsonFileCheckpointStore writer = store();
        JsonFileCheckpointStore reader = store();
        Checkpoint c = Checkpoints.sample(FINGERPRINT, 4);

        try (LogCapture log = new LogCapture(JsonFileCheckpointStore.class)) {
            writer.save(c);
            assertThat(reader.find(FINGERPRINT)).contains(c);
            assertThat(log.warnings()).isEmpty();
        }
    }

    @Test
    void find_fileWrittenByHand_withEndpointFileUri_isRead() throws IOException {
        JsonFileCheckpointStore store = store();
        Checkpoint c = Checkpoints.sample(FINGERPRINT, 1);
        Checkpoint local = new Checkpoint(c.formatVersion(), c.fingerprint(), c.file(), c.fileLength(),
                c.fileLastModifiedMillis(),
                new StorageTarget(URI.create("file:///var/lib/vodupload/store/"), "videos", "a/b.mp4",
                        Optional.empty()),
                c.uploadId(), c.partSize(), c.parts(), c.updatedAt());
        store.save(local);

        String text = Files.readString(fileOf(FINGERPRINT), StandardCharsets.UTF_8);

        assertThat(text).contains("\"endpoint\" : \"file:///var/lib/vodupload/store/\"");
        assertThat(store.find(FINGERPRINT)).contains(local);
    }
}
