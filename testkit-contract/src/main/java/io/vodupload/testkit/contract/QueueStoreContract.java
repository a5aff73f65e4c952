package io.vodupload.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.QueueStore;
import io.vodupload.ports.QueuedFileInfo;
import io.vodupload.ports.QueuedFileStatus;
import io.vodupload.ports.StorageTarget;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link QueueStore} must pass: extend it, implement {@link #store()}, and run it with
 * JUnit 5. It checks what the port's Javadoc promises and the upload queue relies on: save, replace (in
 * place), remove and list in the order first saved; every field surviving the round trip (a ticketed file
 * with no target yet, a region, a key and VOD metadata in any script, an error code and message); saves
 * from several threads each kept whole; and nothing secret stored.
 *
 * <p>Each test uses fresh random ids and looks only at those, so one store may serve every test. The
 * stored-form check reaches past the port through {@link #storedText}; a store with no stored form skips
 * it.
 */
public abstract class QueueStoreContract {

    /** Words that would name a credential; none may appear in a stored file's fields or stored form. */
    private static final List<String> CREDENTIAL_WORDS =
            List.of("secret", "token", "password", "credential", "accesskey", "uploadauth", "authorization");

    /** The store under test (may be the same instance for every test). */
    protected abstract QueueStore store();

    /**
     * Everything the store has persisted, as text, read by other means than the port. A store that
     * persists nothing throws {@link UnsupportedOperationException} (the default).
     */
    protected String storedText() throws Exception {
        throw new UnsupportedOperationException("this store persists nothing");
    }

    /** A fresh random id. */
    protected static String id() {
        return "q-" + UUID.randomUUID();
    }

    /** A file to a target with a region and a key in several scripts, FAILED with a code and message. */
    protected static QueuedFileInfo full(String id) {
        StorageTarget target = new StorageTarget(URI.create("https://oss-cn-shanghai.aliyuncs.com"),
                "outin-bucket", "sv/clip 1+%/视频 'quoted'.mp4", Optional.of("cn-shanghai"));
        return new QueuedFileInfo(id, Path.of("/home/u/videos/clip 1;\u00e9.mp4"), Optional.of(target), true,
                Map.of("Title", "Été 视频 \"1\"", "Tags", "a,b", "CateId", "1000"),
                new ObjectMetadata(Optional.of("video/mp4"), Map.of("x-oss-meta-owner", "ü")),
                QueuedFileStatus.FAILED, Optional.of("9f3c0a7e21d54b6c8e0f1a2b3c4d5e6f"), 3_145_728L,
                5_000_000_000L, Optional.of("NoSuchBucket"), Optional.of("The bucket does not exist: outin-bucket"));
    }

    /** A READY file to a plain target. */
    protected static QueuedFileInfo ready(String id) {
        return QueuedFileInfo.toTarget(id, Path.of("/data/" + id + ".mp4"),
                StorageTarget.of("https://oss-cn-hangzhou.aliyuncs.com", "b", id + ".mp4"), ObjectMetadata.EMPTY,
                1024);
    }

    private List<QueuedFileInfo> listed(List<String> ids) {
        return store().list().stream().filter(f -> ids.contains(f.id())).toList();
    }

    @Test
    void save_thenList_returnsEveryFieldUnchanged() {
        QueuedFileInfo file = full(id());

        store().save(file);

        assertThat(listed(List.of(file.id()))).containsExactly(file);
    }

    @Test
    void save_ticketedFileWithoutTargetOrVideoId_roundTrips() {
        QueuedFileInfo file = QueuedFileInfo.ticketed(id(), Path.of("/v/a.mp4"), Map.of(), ObjectMetadata.EMPTY, 0);

        store().save(file);

        assertThat(listed(List.of(file.id()))).containsExactly(file);
    }

    @Test
    void save_sameIdAgain_replacesInPlace() {
        String a = id();
        String b = id();
        String c = id();
        store().save(ready(a));
        store().save(ready(b));
        store().save(ready(c));

        QueuedFileInfo changed = ready(b).withStatus(QueuedFileStatus.SUCCEEDED).withProgress(1024, 1024);
        store().save(changed);

        assertThat(listed(List.of(a, b, c))).extracting(QueuedFileInfo::id).containsExactly(a, b, c);
        assertThat(listed(List.of(b))).containsExactly(changed);
    }

    @Test
    void remove_storedAndUnknownIds_removesOnlyThatFileAndNeverThrows() {
        String a = id();
        String b = id();
        store().save(ready(a));
        store().save(ready(b));

        store().remove(a);
        store().remove(id());

        assertThat(listed(List.of(a, b))).extracting(QueuedFileInfo::id).containsExactly(b);
    }

    @Test
    void save_manyThreadsAtOnce_keepsEveryFileWhole() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(id());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String id : ids) {
                done.add(pool.submit(() -> {
                    store().save(ready(id));
                    store().save(full(id));
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<QueuedFileInfo> all = listed(ids);
        assertThat(all).hasSize(ids.size());
        assertThat(all).allSatisfy(f -> assertThat(f).isEqualTo(full(f.id())));
    }

    @Test
    void queuedFileInfo_hasNoFieldNamingACredential() {
        for (RecordComponent c : QueuedFileInfo.class.getRecordComponents()) {
            String name = c.getName().toLowerCase(Locale.ROOT);
            assertThat(CREDENTIAL_WORDS).as("field %s", c.getName()).noneMatch(name::contains);
        }
    }

    @Test
    void storedForm_holdsNoCredentialWord() throws Exception {
        store().save(full(id()));
        String text;
        try {
            text = storedText();
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("the store under test has no stored form: " + e.getMessage());
            return;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        assertThat(CREDENTIAL_WORDS).noneMatch(lower::contains);
    }
}
