package io.vodupload.domain;

import static io.vodupload.domain.Fixture.NEW;
import static io.vodupload.domain.Fixture.OLD;
import static io.vodupload.domain.Fixture.PART;
import static io.vodupload.domain.Fixture.TARGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.StorageException;
import io.vodupload.ports.StreamSource;
import io.vodupload.ports.UploadResult;
import io.vodupload.testkit.RecordingCallback;
import io.vodupload.testkit.StorageFaults.Operation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Streams through the public API on the in-memory storage: planning, retries, refreshes, failures. */
class StreamUploadTest {

    @TempDir
    Path dir;

    /** A stream of fixed bytes, as standard input would give them, with an optional size it tells. */
    record BytesSource(byte[] bytes, OptionalLong size) implements StreamSource {
        BytesSource(byte[] bytes) {
            this(bytes, OptionalLong.empty());
        }

        @Override
        public Opened open() {
            return new Opened(new ByteArrayInputStream(bytes), size, Optional.empty());
        }

        @Override
        public String describe() {
            return "test bytes";
        }
    }

    private static byte[] bytes(long size) {
        byte[] b = new byte[Math.toIntExact(size)];
        new Random(size).nextBytes(b);
        return b;
    }

    private static UploadResult run(Fixture f, StreamUploadRequest request, CredentialsProvider provider)
            throws Exception {
        try (Uploader uploader = f.uploader()) {
            return uploader.start(request, provider, f.callback).completion().get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void start_unknownLengthOverSeveralParts_storesEveryByteReportingTheTotalOnceKnown() throws Exception {
        Fixture f = new Fixture(dir);
        byte[] data = bytes(5L * PART + 777);

        UploadResult result = run(f, StreamUploadRequest.builder(new BytesSource(data), TARGET)
                .config(Fixture.config().build()).build(), CredentialsProvider.fixed(OLD));

        assertThat(f.stored()).isEqualTo(data);
        assertThat(result.size()).isEqualTo(data.length);
        assertThat(result.partCount()).isEqualTo(6);
        assertThat(f.storage.statistics().requests(Operation.PUT_OBJECT)).isZero();
        assertThat(f.storage.uploadsInProgress()).isEmpty();
        assertThat(f.callback.eventsOf(RecordingCallback.Started.class).get(0).info().size())
                .as("the length is unknown when it starts").isEqualTo(-1);
        assertThat(f.callback.eventsOf(RecordingCallback.Progress.class))
                .last().isEqualTo(new RecordingCallback.Progress(data.length, data.length));
        f.callback.assertWellFormed();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 1000, PART})
    void start_streamEndsWithinTheFirstPart_isOnePutObject(long size) throws Exception {
        Fixture f = new Fixture(dir);
        byte[] data = bytes(size);

        UploadResult result = run(f, StreamUploadRequest.builder(new BytesSource(data), TARGET)
                .config(Fixture.config().build()).build(), CredentialsProvider.fixed(OLD));

        assertThat(f.stored()).isEqualTo(data);
        assertThat(result.partCount()).isEqualTo(1);
        assertThat(f.storage.statistics().requests(Operation.PUT_OBJECT)).isEqualTo(1);
        assertThat(f.storage.statistics().requests(Operation.INITIATE_MULTIPART)).isZero();
        f.callback.assertWellFormed();
    }

    @Test
    void start_oneByteMoreThanAPart_isMultipartOfTwoParts() throws Exception {
        Fixture f = new Fixture(dir);
        byte[] data = bytes(PART + 1);

        UploadResult result = run(f, StreamUploadRequest.builder(new BytesSource(data), TARGET)
                .config(Fixture.config().build()).build(), CredentialsProvider.fixed(OLD));

        assertThat(f.stored()).isEqualTo(data);
        assertThat(result.partCount()).isEqualTo(2);
    }

    @Test
    void start_sizeGivenAndRight_plansPartsLikeAFileAndReportsTheTotalFromTheStart() throws Exception {
        Fixture f = new Fixture(dir);
        byte[] data = bytes(3L * PART + 5);

        run(f, StreamUploadRequest.builder(new BytesSource(data), TARGET).expectedSize(data.length)
                .config(Fixture.config().build()).build(), CredentialsProvider.fixed(OLD));

        assertThat(f.stored()).isEqualTo(data);
        assertThat(f.callback.eventsOf(RecordingCallback.Started.class).get(0).info().partCount()).isEqualTo(4);
        assertThat(f.callback.eventsOf(RecordingCallback.Progress.class))
                .allSatisfy(p -> assertThat(p.total()).isEqualTo(data.length));
        f.callback.assertWellFormed();
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, +1, -PART, +PART})
    void start_sizeGivenButWrong_failsStreamSizeMismatchAndAbortsTheUpload(long difference) throws Exception {
        Fixture f = new Fixture(dir);
        byte[] data = bytes(3L * PART + 5);

        assertThatThrownBy(() -> run(f, StreamUploadRequest.builder(new BytesSource(data), TARGET)
                .expectedSize(data.length + difference).config(Fixture.config().build()).build(),
                CredentialsProvider.fixed(OLD)))
                .hasCauseInstanceOf(UploadFailedException.class)
                .cause().hasMessageContaining("test bytes");
        assertThat(f.callback.eventsOf(RecordingCallback.Failed.class)).singleElement()
                .satisfies(e -> assertThat(e.code()).isEqualTo("StreamSizeMismatch"));
        assertThat(f.storage.uploadsInProgress()).as("no orphaned multipart upload").isEmpty();
        assertThat(f.storage.objectBytes(TARGET)).isEmpty();
        f.callback.assertWellFormed();
    }

    @Test
    void start_sourceFailsMidStream_failsStreamUnreadableAndAbortsTheUpload() throws Exception {
        Fixture f = new Fixture(dir);
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(bytes(2L * PART + 10)),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("pipe broken");
                    }
                });
        StreamSource source = new StreamSource() {
            @Override
            public Opened open() {
                return new Opened(failing, OptionalLong.empty(), Optional.empty());
            }

            @Override
            public String describe() {
                return "a failing pipe";
            }
        };

        assertThatThrownBy(() -> run(f, StreamUploadRequest.builder(source, TARGET)
                .config(Fixture.config().build()).build(), CredentialsProvider.fixed(OLD)))
                .isInstanceOf(java.util.concurrent.ExecutionException.class);

        assertThat(f.callback.eventsOf(RecordingCallback.Failed.class)).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("StreamUnreadable");
            assertThat(e.message()).contains("a failing pipe", "pipe broken");
        });
        assertThat(f.storage.uploadsInProgress()).isEmpty();
        f.callback.assertWellFormed();
    }

    @Test
    void start_partFailsRetryably_isSentAgainFromItsBuffer() throws Exception {
        Fixture f = new Fixture(dir);
        byte[] data = bytes(4L * PART + 3);
        f.storage.failPart(2, 1, StorageException.Kind.RETRYABLE);
        f.storage.resetConnectionOnNext(Operation.UPLOAD_PART);

        run(f, StreamUploadRequest.builder(new BytesSource(data), TARGET).config(Fixture.config().build()).build(),
                CredentialsProvider.fixed(OLD));

        assertThat(f.stored()).isEqualTo(data);
        assertThat(f.storage.statistics().partAttempts(2)).isGreaterThanOrEqualTo(2);
        assertThat(f.callback.names()).contains("Retry", "RetryResume");
        assertThat(f.sleeper.sleeps()).as("backed off through the injected sleeper").isNotEmpty();
        f.callback.assertWellFormed();
    }

    @Test
    void start_tokenExpiresMidStream_refreshesOnceAndGoesOn() throws Exception {
        Fixture f = new Fixture(dir);
        byte[] data = bytes(6L * PART);
        f.storage.expireCredentialsAfterParts(2, NEW);
        Fixture.Refreshing provider = new Fixture.Refreshing(NEW);

        run(f, StreamUploadRequest.builder(new BytesSource(data), TARGET).config(Fixture.config().build()).build(),
                provider);

        assertThat(f.stored()).isEqualTo(data);
        assertThat(provider.refreshed).containsExactly(OLD);
        assertThat(f.callback.names()).contains("TokenExpired");
        f.callback.assertWellFormed();
    }

    @Test
    void start_storageRefusesFatally_failsAndAbortsTheUpload() throws Exception {
        Fixture f = new Fixture(dir);
        byte[] data = bytes(4L * PART);
        f.storage.failPart(3, 1, StorageException.Kind.FATAL);

        assertThatThrownBy(() -> run(f, StreamUploadRequest.builder(new BytesSource(data), TARGET)
                .config(Fixture.config().build()).build(), CredentialsProvider.fixed(OLD)))
                .isInstanceOf(java.util.concurrent.ExecutionException.class);

        assertThat(f.storage.statistics().requests(Operation.ABORT_MULTIPART)).isEqualTo(1);
        assertThat(f.storage.uploadsInProgress()).as("a stream never keeps its upload").isEmpty();
        f.callback.assertWellFormed();
    }

    @Test
    void start_storageLosesTheUpload_failsInsteadOfStartingOver() throws Exception {
        Fixture f = new Fixture(dir);
        byte[] data = bytes(4L * PART);
        f.storage.failPart(3, 1, StorageException.Kind.UPLOAD_GONE);

        assertThatThrownBy(() -> run(f, StreamUploadRequest.builder(new BytesSource(data), TARGET)
                .config(Fixture.config().build()).build(), CredentialsProvider.fixed(OLD)))
                .isInstanceOf(java.util.concurrent.ExecutionException.class);

        assertThat(f.callback.eventsOf(RecordingCallback.Failed.class)).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("a stream cannot be read again"));
        assertThat(f.storage.statistics().requests(Operation.INITIATE_MULTIPART)).isEqualTo(1);
    }

    @Test
    void start_partSizeAboveOneGib_isRefusedAtOnce() {
        Fixture f = new Fixture(dir);
        try (Uploader uploader = f.uploader()) {
            assertThatThrownBy(() -> uploader.start(StreamUploadRequest.builder(new BytesSource(new byte[1]), TARGET)
                    .config(Fixture.config().partSize(2L << 30).build()).build(), CredentialsProvider.fixed(OLD),
                    f.callback))
                    .isInstanceOf(InvalidUploadException.class)
                    .hasMessageContaining("at most 1 GiB");
        }
    }

    @Test
    void pause_ofAStream_pausesButHasNoResumeToken() throws Exception {
        Fixture f = new Fixture(dir);
        byte[] data = bytes(6L * PART);
        var gate = f.storage.holdPart(1);
        try (Uploader uploader = f.uploader()) {
            UploadHandle handle = uploader.start(StreamUploadRequest.builder(new BytesSource(data), TARGET)
                    .config(Fixture.config().build()).build(), CredentialsProvider.fixed(OLD), f.callback);
            assertThat(gate.awaitArrival(Fixture.WAIT)).isTrue();

            assertThatThrownBy(() -> handle.pause().toCompletableFuture().join())
                    .isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(IllegalStateException.class);
            gate.open();
            assertThat(handle.state()).isEqualTo(UploadState.PAUSED);
            assertThat(handle.resume()).isTrue();

            handle.completion().get(20, TimeUnit.SECONDS);
        }
        assertThat(f.stored()).isEqualTo(data);
    }
}
