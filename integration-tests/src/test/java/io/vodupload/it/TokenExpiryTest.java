package io.vodupload.it;

import static io.vodupload.it.Uploads.SMALL_FILE;
import static io.vodupload.it.Uploads.SMALL_PART;
import static io.vodupload.it.Uploads.SMALL_PARTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.adapters.ticket.JacksonUploadTicketDecoder;
import io.vodupload.domain.PublishManager;
import io.vodupload.domain.UploadConfig;
import io.vodupload.domain.UploadHandle;
import io.vodupload.domain.UploadRequest;
import io.vodupload.domain.UploadState;
import io.vodupload.domain.Uploader;
import io.vodupload.it.RecordingStorage.Outcome;
import io.vodupload.it.RecordingStorage.PartCall;
import io.vodupload.ports.CheckpointStore;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.StorageTarget;
import io.vodupload.testkit.RecordingCallback;
import io.vodupload.testkit.RecordingCallback.Retry;
import io.vodupload.testkit.RecordingCallback.TokenExpired;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault matrix, token expiry: the server rejects the STS token with {@code SecurityTokenExpired} after N
 * parts; the upload waits, gets new credentials (from the {@link CredentialsProvider}, from the handle, or
 * from the seed SDK's {@code refreshWithUploadAuth}) and goes on with the same upload id. The parts that
 * finished before the expiry are never uploaded again: the server's per-part attempt counts prove it.
 */
class TokenExpiryTest {

    private static final int EXPIRE_AFTER_PARTS = 4;
    private static final int PARALLELISM = 3;

    @TempDir
    Path dir;

    @Test
    void upload_tokenExpiresAfterNParts_providerRefreshesAndFinishedPartsAreNotResent() throws Exception {
        Path file = TestFiles.random(dir.resolve("a.bin"), SMALL_FILE, 11);
        try (Rig rig = Rig.start()) {
            RecordingStorage storage = new RecordingStorage(rig.storage(Rig.Signature.V4, Duration.ofSeconds(20)));
            Uploader uploader = rig.uploader(storage, CheckpointStore.NONE);
            StorageTarget target = rig.target("token/provider.bin", Rig.Signature.V4);
            AtomicInteger refreshes = new AtomicInteger();
            List<String> expiredKeys = new ArrayList<>();
            CredentialsProvider provider = new CredentialsProvider() {
                @Override
                public Credentials current() {
                    return Rig.first();
                }

                @Override
                public Optional<Credentials> refresh(Credentials expired) {
                    refreshes.incrementAndGet();
                    synchronized (expiredKeys) {
                        expiredKeys.add(expired.accessKeyId());
                    }
                    return Optional.of(Rig.second());
                }
            };
            rig.server.faults().expireTokenAfterParts(EXPIRE_AFTER_PARTS);
            RecordingCallback callback = new RecordingCallback();

            UploadHandle handle = uploader.start(Uploads.request(file, target, SMALL_PART, PARALLELISM), provider,
                    callback);
            handle.completion().get(60, TimeUnit.SECONDS);

            Callbacks.assertSucceeded(callback, SMALL_FILE);
            assertThat(callback.eventsOf(TokenExpired.class)).as("onUploadTokenExpired").hasSize(1);
            assertThat(callback.eventsOf(Retry.class)).as("an expiry is not a retry episode").isEmpty();
            assertThat(refreshes).as("refreshes (single flight)").hasValue(1);
            assertThat(expiredKeys).containsExactly(Rig.firstAccessKeyId());
            assertThat(rig.server.credentials().isActive(Rig.firstAccessKeyId())).isFalse();
            assertFinishedPartsNotResent(rig, storage, Callbacks.started(callback).info().uploadId().orElseThrow());

            rig.assertSignedOnlyWith(Rig.Signature.V4);
            rig.assertObjectEquals(target.key(), file);
        }
    }

    @Test
    void upload_tokenExpiresAndProviderCannotRefresh_waitsUntilHandleGetsNewCredentials() throws Exception {
        Path file = TestFiles.random(dir.resolve("b.bin"), SMALL_FILE, 12);
        try (Rig rig = Rig.start()) {
            RecordingStorage storage = new RecordingStorage(rig.storage(Rig.Signature.V1, Duration.ofSeconds(20)));
            Uploader uploader = rig.uploader(storage, CheckpointStore.NONE);
            StorageTarget target = rig.target("token/handle.bin", Rig.Signature.V1);
            rig.server.faults().expireTokenAfterParts(EXPIRE_AFTER_PARTS);
            RecordingCallback callback = new RecordingCallback();

            // no limit on the wait (the rig's sleeper would end the default 5 minutes at once)
            UploadRequest request = Uploads.request(file, target, SMALL_PART, PARALLELISM);
            request = new UploadRequest(request.file(), request.target(), request.metadata(),
                    request.config().toBuilder().credentialsTimeout(null).build());
            UploadHandle handle = uploader.start(request, CredentialsProvider.fixed(Rig.first()), callback);
            callback.await(TokenExpired.class, Duration.ofSeconds(30));
            assertThat(handle.state()).isEqualTo(UploadState.AWAITING_CREDENTIALS);
            assertThat(storage.awaitNoneInFlight(10_000)).as("parts in flight ended").isTrue();
            assertThat(handle.state()).as("still waiting: nothing but new credentials moves it")
                    .isEqualTo(UploadState.AWAITING_CREDENTIALS);

            assertThat(handle.refreshCredentials(Rig.second())).isTrue();
            handle.completion().get(60, TimeUnit.SECONDS);

            Callbacks.assertSucceeded(callback, SMALL_FILE);
            assertThat(callback.eventsOf(TokenExpired.class)).hasSize(1);
            assertFinishedPartsNotResent(rig, storage, Callbacks.started(callback).info().uploadId().orElseThrow());

            rig.assertSignedOnlyWith(Rig.Signature.V1);
            rig.assertObjectEquals(target.key(), file);
        }
    }

    @Test
    void publishManager_tokenExpires_refreshWithUploadAuthFinishesTheSameUpload() throws Exception {
        Path file = TestFiles.random(dir.resolve("clip.mp4"), SMALL_FILE, 13);
        try (Rig rig = Rig.start()) {
            RecordingStorage storage = new RecordingStorage(rig.storage(Rig.Signature.V4, Duration.ofSeconds(20)));
            Uploader uploader = rig.uploader(storage, CheckpointStore.NONE);
            rig.server.faults().expireTokenAfterParts(EXPIRE_AFTER_PARTS);
            RecordingCallback callback = new RecordingCallback();
            // the seed's unbounded credentials wait, as PublishManager's own default (the rig's sleeper returns
            // at once, so a finite wait would race the refresh)
            PublishManager manager = new PublishManager(uploader, new JacksonUploadTicketDecoder(), callback,
                    UploadConfig.builder().partSize(SMALL_PART).parallelism(PARALLELISM)
                            .retryPolicy(Uploads.RETRIES).credentialsTimeout(null).build());
            String key = "sv/clip-1234.mp4";
            // the seed's flow: when the token expires, get a new UploadAuth (RefreshUploadVideo) and hand it in
            AtomicInteger refreshAnswer = new AtomicInteger(Integer.MIN_VALUE);
            callback.onEvent(e -> {
                if (e instanceof TokenExpired) {
                    refreshAnswer.set(manager.refreshWithUploadAuth(uploadAuth(Rig.second(), rig.server.region())));
                }
            });

            int rc = manager.uploadVideo(file, uploadAddress(rig.server.endpoint().toString(), key),
                    uploadAuth(Rig.first(), rig.server.region()));
            assertThat(rc).isEqualTo(PublishManager.OK);
            manager.currentUpload().orElseThrow().completion().get(60, TimeUnit.SECONDS);

            assertThat(refreshAnswer).as("refreshWithUploadAuth's return code").hasValue(PublishManager.OK);
            Callbacks.assertSucceeded(callback, SMALL_FILE);
            assertThat(callback.eventsOf(TokenExpired.class)).hasSize(1);
            assertFinishedPartsNotResent(rig, storage, Callbacks.started(callback).info().uploadId().orElseThrow());
            assertThat(rig.server.object(Rig.BUCKET, key).orElseThrow().contentType()).isEqualTo("video/mp4");

            rig.assertSignedOnlyWith(Rig.Signature.V4); // the ticket's Region selects V4
            rig.assertObjectEquals(key, file);
        }
    }

    /**
     * The parts that came back finished under the first token were sent once and never again (the server
     * counted one attempt each), at least {@link #EXPIRE_AFTER_PARTS} of them; the server refused some
     * requests as expired; and the client's record of calls agrees with the server's count.
     */
    private static void assertFinishedPartsNotResent(Rig rig, RecordingStorage storage, String uploadId) {
        List<PartCall> calls = storage.partCalls();
        List<PartCall> beforeExpiry = calls.stream()
                .filter(c -> c.outcome() == Outcome.FINISHED && c.accessKeyId().equals(Rig.firstAccessKeyId()))
                .toList();
        assertThat(beforeExpiry).as("parts finished with the first token").hasSizeGreaterThanOrEqualTo(EXPIRE_AFTER_PARTS);
        assertThat(calls).as("parts refused as expired")
                .anySatisfy(c -> assertThat(c.errorCode()).hasValue("SecurityTokenExpired"));
        for (PartCall c : beforeExpiry) {
            assertThat(rig.server.stats().partAttempts(uploadId, c.partNumber()))
                    .as("server attempts at part " + c.partNumber() + ", finished before the expiry").isEqualTo(1);
        }
        assertThat(storage.resendsOfFinishedParts()).as("finished parts sent again").isEmpty();
        assertThat(rig.server.stats().partAttempts(uploadId)).hasSize(SMALL_PARTS);
        assertThat(rig.server.stats().partAttempts(uploadId).values().stream().mapToInt(Integer::intValue).sum())
                .as("server attempts = client calls").isEqualTo(calls.size());
    }

    private static String uploadAddress(String endpoint, String key) {
        return base64("{\"Endpoint\":\"" + endpoint + "\",\"Bucket\":\"" + Rig.BUCKET + "\",\"FileName\":\"" + key + "\"}");
    }

    private static String uploadAuth(Credentials c, String region) {
        return base64("{\"AccessKeyId\":\"" + c.accessKeyId() + "\",\"AccessKeySecret\":\"" + c.accessKeySecret()
                + "\",\"SecurityToken\":\"" + c.securityToken().orElseThrow() + "\",\"Expiration\":\"3600\","
                + "\"Region\":\"" + region + "\"}");
    }

    private static String base64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
