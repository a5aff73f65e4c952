package io.vodupload.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.testkit.RecordingCallback;
import io.vodupload.testkit.RecordingCallback.Event;
import io.vodupload.testkit.RecordingCallback.Progress;
import io.vodupload.testkit.RecordingCallback.Retry;
import io.vodupload.testkit.RecordingCallback.RetryResume;
import io.vodupload.testkit.RecordingCallback.Started;
import io.vodupload.testkit.RecordingCallback.Success;
import io.vodupload.testkit.RecordingCallback.TokenExpired;
import java.util.List;

/** The callback sequence every upload in these tests must show, checked on a {@link RecordingCallback}. */
final class Callbacks {

    private Callbacks() {
    }

    /**
     * Checks the contract ({@link RecordingCallback#assertWellFormed()}: one thread, no overlap, exactly one
     * terminal callback and it is last, progress monotonic and never above total) and, on top of it:
     * {@code onUploadStarted} is the very first callback, the terminal one is a success for {@code total}
     * bytes, progress was reported and ended exactly at {@code total}, every retry episode was answered by a
     * retry-resume before the success.
     *
     * @return the recorded events, for the test's own expectations
     */
    static List<Event> assertSucceeded(RecordingCallback callback, long total) {
        callback.assertWellFormed();
        List<Event> events = callback.events();
        assertThat(events.get(0)).as("the first callback").isInstanceOf(Started.class);
        assertThat(((Started) events.get(0)).info().size()).isEqualTo(total);
        assertThat(events.get(events.size() - 1)).as("the terminal callback").isInstanceOf(Success.class);
        assertThat(((Success) events.get(events.size() - 1)).result().size()).isEqualTo(total);
        List<Progress> progress = callback.eventsOf(Progress.class);
        assertThat(progress).as("progress callbacks").isNotEmpty();
        assertThat(progress).allSatisfy(p -> assertThat(p.total()).isEqualTo(total));
        assertThat(progress.get(progress.size() - 1).uploaded()).as("the last progress").isEqualTo(total);
        assertThat(callback.eventsOf(RetryResume.class)).as("retry-resumes, one per retry episode")
                .hasSameSizeAs(callback.eventsOf(Retry.class));
        return events;
    }

    static int count(RecordingCallback callback, Class<? extends Event> type) {
        return callback.eventsOf(type).size();
    }

    static Started started(RecordingCallback callback) {
        return callback.eventsOf(Started.class).get(0);
    }

    static int tokenExpiries(RecordingCallback callback) {
        return count(callback, TokenExpired.class);
    }
}
