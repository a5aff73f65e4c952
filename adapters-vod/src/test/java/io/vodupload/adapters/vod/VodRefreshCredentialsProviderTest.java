package io.vodupload.adapters.vod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.UploadAddress;
import io.vodupload.testkit.vod.FakeVodServer;
import io.vodupload.testkit.vod.VodAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VodRefreshCredentialsProviderTest {

    private static final Instant NOW = Instant.parse("2025-03-01T08:00:00Z");
    private static final String AK = "test-app-server-ak";
    private static final String SK = "appServerSecret";

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final FakeVodServer server = FakeVodServer.builder().accessKey(AK, SK).clock(clock).start();
    private final VodApiClient client = VodApiClient.builder().endpoint(server.endpoint())
            .credentials(Credentials.of(AK, SK)).clock(clock).build();
    private final TestTicketDecoder decoder = new TestTicketDecoder();

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static String base64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String address(String key) {
        return base64("{\"Endpoint\":\"https://oss-cn-shanghai.aliyuncs.com\",\"Bucket\":\"outin-1\",\"FileName\":\"" + key + "\"}");
    }

    private static String auth(String n) {
        return base64("{\"SecurityToken\":\"token-" + n + "\",\"AccessKeyId\":\"STS.key" + n + "\","
                + "\"ExpireUTCTime\":\"2025-03-01T09:00:00Z\",\"AccessKeySecret\":\"secret-" + n + "\","
                + "\"Expiration\":\"3600\",\"Region\":\"cn-shanghai\"}");
    }

    @Test
    void refresh_currentCredentialsExpired_callsRefreshUploadVideoAndKeepsTheNewOnes() throws Exception {
        VodUploadTicket created = client.createUploadVideo(CreateUploadVideoRequest.of("t", "a.mp4"));
        VodRefreshCredentialsProvider provider = VodRefreshCredentialsProvider.forVideo(created, client, decoder, clock);
        Credentials initial = provider.current();

        Optional<Credentials> refreshed = provider.refresh(initial);

        assertThat(initial).isEqualTo(decoder.decodeAuth(created.uploadAuth(), NOW).credentials());
        assertThat(refreshed).isPresent();
        assertThat(refreshed.get().accessKeySecret()).isNotEqualTo(initial.accessKeySecret());
        assertThat(refreshed.get().expiration()).contains(NOW.plusSeconds(3600));
        assertThat(provider.current()).isEqualTo(refreshed.get());
        assertThat(provider.videoId()).isEqualTo(created.mediaId());
        assertThat(provider.address()).isEqualTo(decoder.decodeAddress(created.uploadAddress()));
        assertThat(server.calls(VodAction.REFRESH_UPLOAD_VIDEO)).isEqualTo(1);
    }

    @Test
    void refresh_credentialsAlreadyReplaced_returnsTheCurrentOnesWithoutACall() throws Exception {
        VodUploadTicket created = client.createUploadVideo(CreateUploadVideoRequest.of("t", "a.mp4"));
        VodRefreshCredentialsProvider provider = VodRefreshCredentialsProvider.forVideo(created, client, decoder, clock);
        Credentials initial = provider.current();
        Credentials second = provider.refresh(initial).orElseThrow();

        Optional<Credentials> again = provider.refresh(initial);

        assertThat(again).contains(second);
        assertThat(server.calls(VodAction.REFRESH_UPLOAD_VIDEO)).isEqualTo(1);
    }

    @Test
    void refresh_unknownVideo_throwsWithTheCodeAndKeepsTheCredentials() {
        Credentials initial = Credentials.sts("STS.x", "old-secret", "old-token", NOW);
        VodRefreshCredentialsProvider provider = new VodRefreshCredentialsProvider("11111111111111111111111111111111",
                new UploadAddress("https://oss-cn-shanghai.aliyuncs.com", "b", "k"), initial, client, decoder, clock);

        VodApiException e = catchThrowableOfType(VodApiException.class, () -> provider.refresh(initial));

        assertThat(e.errorCode()).isEqualTo("InvalidVideo.NotFound");
        assertThat(e.httpStatus()).hasValue(404);
        assertThat(provider.current()).isEqualTo(initial);
    }

    @Test
    void refresh_addressChanged_throwsNamingBothAddresses() {
        VodUploadApi moving = new StubApi(() -> new VodUploadTicket("v1", address("sv/new/v1.mp4"), auth("2"),
                Optional.of("R-9"), Optional.empty()));
        VodRefreshCredentialsProvider provider = VodRefreshCredentialsProvider.forVideo(
                new VodUploadTicket("v1", address("sv/old/v1.mp4"), auth("1"), Optional.empty(), Optional.empty()),
                moving, decoder, clock);
        Credentials initial = provider.current();

        VodApiException e = catchThrowableOfType(VodApiException.class, () -> provider.refresh(initial));

        assertThat(e.errorCode()).isEqualTo("UploadAddressChanged");
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.requestId()).contains("R-9");
        assertThat(e.getMessage()).contains("v1").contains("sv/old/v1.mp4").contains("sv/new/v1.mp4");
        Secrets.assertAbsent(Secrets.describe(e), "secret-1", "secret-2", "token-1", "token-2");
        assertThat(provider.current()).isEqualTo(initial);
    }

    @Test
    void refresh_answerForAnotherVideo_throwsInvalidResponse() {
        VodUploadApi confused = new StubApi(() -> new VodUploadTicket("v2", address("k"), auth("2"),
                Optional.empty(), Optional.empty()));
        VodRefreshCredentialsProvider provider = VodRefreshCredentialsProvider.forVideo(
                new VodUploadTicket("v1", address("k"), auth("1"), Optional.empty(), Optional.empty()),
                confused, decoder, clock);

        assertThatThrownBy(() -> provider.refresh(provider.current())).isInstanceOf(VodApiException.class)
                .hasMessageContaining("v2");
    }

    @Test
    void refresh_concurrentCallsForTheSameExpiredCredentials_callVodOnce() throws Exception {
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        VodUploadApi slow = new StubApi(() -> {
            calls.incrementAndGet();
            inCall.countDown();
            try {
                assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return new VodUploadTicket("v1", address("k"), auth("2"), Optional.empty(), Optional.empty());
        });
        VodRefreshCredentialsProvider provider = VodRefreshCredentialsProvider.forVideo(
                new VodUploadTicket("v1", address("k"), auth("1"), Optional.empty(), Optional.empty()),
                slow, decoder, clock);
        Credentials expired = provider.current();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Optional<Credentials>> first = pool.submit(() -> provider.refresh(expired));
            assertThat(inCall.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Optional<Credentials>> second = pool.submit(() -> provider.refresh(expired));
            release.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(second.get(10, TimeUnit.SECONDS));
            assertThat(first.get().orElseThrow().accessKeyId()).isEqualTo("STS.key2");
            assertThat(calls).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refresh_interruptedThread_throwsInterruptedExceptionWithoutACall() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        VodUploadApi counting = new StubApi(() -> {
            calls.incrementAndGet();
            return new VodUploadTicket("v1", address("k"), auth("2"), Optional.empty(), Optional.empty());
        });
        VodRefreshCredentialsProvider provider = VodRefreshCredentialsProvider.forVideo(
                new VodUploadTicket("v1", address("k"), auth("1"), Optional.empty(), Optional.empty()),
                counting, decoder, clock);

        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            Thread.currentThread().interrupt();
            try {
                provider.refresh(provider.current());
                return null;
            } catch (Throwable t) {
                return t;
            }
        });

        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(calls).hasValue(0);
    }

    @Test
    void forImage_refresh_isEmptyAndCallsNothing() throws Exception {
        VodUploadTicket image = client.createUploadImage(CreateUploadImageRequest.of("default", "png"));

        CredentialsProvider provider = VodRefreshCredentialsProvider.forImage(image, decoder, clock);

        assertThat(provider.current()).isEqualTo(decoder.decodeAuth(image.uploadAuth(), NOW).credentials());
        assertThat(provider.refresh(provider.current())).isEmpty();
        assertThat(server.calls(VodAction.REFRESH_UPLOAD_VIDEO)).isZero();
        assertThat(provider.toString()).contains(image.mediaId()).contains("not refreshable");
        Secrets.assertAbsent(provider.toString(), provider.current().accessKeySecret(),
                provider.current().securityToken().orElseThrow());
    }

    @Test
    void forAttachedMedia_refresh_isEmpty() throws Exception {
        VodUploadTicket media = client.createUploadAttachedMedia(CreateUploadAttachedMediaRequest.of("watermark", "png"));

        CredentialsProvider provider = VodRefreshCredentialsProvider.forAttachedMedia(media, decoder, clock);

        assertThat(provider.refresh(provider.current())).isEmpty();
    }

    @Test
    void toString_provider_showsVideoAndAddressButNoSecret() throws Exception {
        VodUploadTicket created = client.createUploadVideo(CreateUploadVideoRequest.of("t", "a.mp4"));
        VodRefreshCredentialsProvider provider = VodRefreshCredentialsProvider.forVideo(created, client, decoder, clock);
        provider.refresh(provider.current());

        String text = provider.toString();

        assertThat(text).contains(created.mediaId()).contains(provider.address().fileName())
                .contains(provider.current().accessKeyId());
        Secrets.assertAbsent(text, provider.current().accessKeySecret(), provider.current().securityToken().orElseThrow());
    }

    /** A VodUploadApi whose refresh answers what {@code refresh} gives; nothing else is called. */
    private static final class StubApi implements VodUploadApi {
        private final java.util.function.Supplier<VodUploadTicket> refresh;

        StubApi(java.util.function.Supplier<VodUploadTicket> refresh) {
            this.refresh = refresh;
        }

        @Override
        public VodUploadTicket createUploadVideo(CreateUploadVideoRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public VodUploadTicket refreshUploadVideo(String videoId) {
            return refresh.get();
        }

        @Override
        public VodUploadTicket createUploadImage(CreateUploadImageRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public VodUploadTicket createUploadAttachedMedia(CreateUploadAttachedMediaRequest request) {
            throw new UnsupportedOperationException();
        }
    }
}
