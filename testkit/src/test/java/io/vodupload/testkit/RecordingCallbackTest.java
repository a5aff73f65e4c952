package io.vodupload.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.UploadResult;
import io.vodupload.ports.UploadStarted;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecordingCallbackTest {

    private static final UploadResult RESULT = new UploadResult(StorageTarget.of("h", "b", "k"), 10, 1, "E", 1,
            false);

    @Test
    void awaitTerminal_eventFromAnotherThread_returnsIt() throws Exception {
        RecordingCallback callback = new RecordingCallback();

        CompletableFuture.runAsync(() -> {
            callback.onUploadProgress(10, 10);
            callback.onUploadSuccess(RESULT);
        });

        assertThat(callback.awaitTerminal(Duration.ofSeconds(10))).isEqualTo(new RecordingCallback.Success(RESULT));
        assertThat(callback.names()).containsExactly("Progress", "Success");
        callback.assertWellFormed();
    }

    @Test
    void awaitTerminal_nothingArrives_failsWithTheEventsSoFar() {
        RecordingCallback callback = new RecordingCallback();
        callback.onUploadProgress(1, 10);

        assertThatThrownBy(() -> callback.awaitTerminal(Duration.ofMillis(20)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Progress[uploaded=1");
    }

    @Test
    void assertWellFormed_decreasingProgress_fails() {
        RecordingCallback callback = new RecordingCallback();
        callback.onUploadProgress(5, 10);
        callback.onUploadProgress(4, 10);
        callback.onUploadFailed("X", "y");

        assertThatThrownBy(callback::assertWellFormed).hasMessageContaining("went down");
    }

    private static UploadStarted started(String uploadId) {
        return new UploadStarted(Path.of("/f"), 10, StorageTarget.of("h", "b", "k"), Optional.of(uploadId), 5, 2,
                false, false, 0);
    }

    @Test
    void assertWellFormed_startedAgainWithANewUploadIdAfterARestart_passes() {
        RecordingCallback callback = new RecordingCallback();
        callback.onUploadStarted(started("U1"));
        callback.onUploadProgress(5, 10);
        callback.onUploadStarted(started("U2"));
        callback.onUploadProgress(10, 10);
        callback.onUploadSuccess(RESULT);

        callback.assertWellFormed();
    }

    @Test
    void assertWellFormed_startedTwiceWithTheSameUploadId_fails() {
        RecordingCallback callback = new RecordingCallback();
        callback.onUploadStarted(started("U1"));
        callback.onUploadStarted(started("U1"));
        callback.onUploadFailed("X", "y");

        assertThatThrownBy(callback::assertWellFormed).hasMessageContaining("without a new upload id");
    }

    @Test
    void assertWellFormed_twoTerminals_fails() {
        RecordingCallback callback = new RecordingCallback();
        callback.onUploadFailed("X", "y");
        callback.onUploadCanceled();

        assertThatThrownBy(callback::assertWellFormed).hasMessageContaining("exactly one terminal");
    }

    @Test
    void assertWellFormed_successBeforeTotal_fails() {
        RecordingCallback callback = new RecordingCallback();
        callback.onUploadProgress(5, 10);
        callback.onUploadSuccess(RESULT);

        assertThatThrownBy(callback::assertWellFormed).hasMessageContaining("before progress reached");
    }

    @Test
    void assertWellFormed_resumeWithoutRetry_fails() {
        RecordingCallback callback = new RecordingCallback();
        callback.onUploadRetryResume();
        callback.onUploadCanceled();

        assertThatThrownBy(callback::assertWellFormed).hasMessageContaining("RetryResume without a Retry");
    }

    @Test
    void onEvent_runsTheReactionAfterRecording() {
        AtomicInteger seen = new AtomicInteger();
        RecordingCallback callback = new RecordingCallback().onEvent(e -> seen.incrementAndGet());

        callback.onUploadTokenExpired();
        callback.onUploadRetry("ServiceUnavailable", "503");

        assertThat(seen.get()).isEqualTo(2);
        assertThat(callback.eventsOf(RecordingCallback.Retry.class)).singleElement()
                .extracting(RecordingCallback.Retry::code).isEqualTo("ServiceUnavailable");
    }
}
