package io.vodupload.domain.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.UploadStarted;
import io.vodupload.testkit.ManualClock;
import io.vodupload.testkit.RecordingCallback;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The engine's guarantee that callbacks begin with {@code onUploadStarted}: the tracker reports nothing
 * before {@link ProgressTracker#start}, whatever bytes it already knows of.
 */
class ProgressTrackerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long TOTAL = 1000;

    private final RecordingCallback callback = new RecordingCallback();
    private final Notifier notifier = new Notifier(callback, Executors.newSingleThreadExecutor(), terminal -> { });
    private final ProgressTracker progress = new ProgressTracker(TOTAL, new ManualClock(), Duration.ZERO, notifier);

    private static Notification.Started started() {
        return new Notification.Started(new UploadStarted(Path.of("/f"), TOTAL, StorageTarget.of("h", "b", "k"),
                Optional.of("U1"), 500, 2, false, true, 1));
    }

    @Test
    void confirmedAndTransferredBytes_beforeStart_areNotReported() throws Exception {
        ProgressTracker.Attempt attempt = new ProgressTracker.Attempt(new Op.UploadPart(0, 2));
        progress.confirmed(500); // a part found done while resuming
        progress.add(attempt, 100);
        notifier.post(new Notification.Canceled());

        callback.awaitTerminal(WAIT);

        assertThat(callback.names()).containsExactly("Canceled");
        assertThat(progress.sent()).isZero();
    }

    @Test
    void confirmedBytes_afterStartedIsPosted_areReportedAfterIt() throws Exception {
        progress.confirmed(500);
        notifier.post(started());
        progress.start();
        progress.confirmed(500);
        notifier.post(new Notification.Canceled());

        callback.awaitTerminal(WAIT);

        assertThat(callback.names()).containsExactly("Started", "Progress", "Canceled");
        assertThat(callback.eventsOf(RecordingCallback.Progress.class).get(0).uploaded()).isEqualTo(500);
    }

    @Test
    void bytesSentAgain_pushTheHighWaterMarkToTheTotal_reportBelowTheTotalUntilEveryByteIsConfirmed()
            throws Exception {
        notifier.post(started());
        progress.start();
        progress.confirmed(750); // three parts stored
        ProgressTracker.Attempt first = new ProgressTracker.Attempt(new Op.UploadPart(0, 4));
        progress.add(first, 250); // the whole last part sent, then rejected (token expired)
        progress.end(first);
        ProgressTracker.Attempt again = new ProgressTracker.Attempt(new Op.UploadPart(0, 4));
        progress.add(again, 250); // sent again

        assertThat(progress.sent()).isEqualTo(TOTAL - 1);

        progress.end(again);
        progress.confirmed(TOTAL); // stored
        notifier.post(new Notification.Canceled());
        callback.awaitTerminal(WAIT);

        assertThat(progress.sent()).isEqualTo(TOTAL);
        assertThat(callback.eventsOf(RecordingCallback.Progress.class)).extracting(RecordingCallback.Progress::uploaded)
                .containsExactly(750L, TOTAL - 1, TOTAL);
    }
}
