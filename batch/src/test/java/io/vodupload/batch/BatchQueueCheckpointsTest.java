package io.vodupload.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodupload.ports.CheckpointInUseException;
import io.vodupload.ports.CheckpointStore;
import io.vodupload.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue's checkpoint locks expire with the takeover of a dead worker's files, not ten minutes later. */
class BatchQueueCheckpointsTest {

    private static final String FINGERPRINT = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path temp;

    @Test
    void checkpoints_lockOfADeadWorker_expiresBeforeItsFileIsTakenOver() {
        ManualClock clock = new ManualClock();
        WorkOptions options = WorkOptions.defaults().withHeartbeat(Duration.ofSeconds(2)).withMissedHeartbeats(5);
        try (BatchQueue queue = BatchQueue.open("jdbc:sqlite:" + temp.resolve("q.db"), new Properties(), clock)) {
            CheckpointStore dead = queue.checkpoints(options);
            CheckpointStore taker = queue.checkpoints(options);
            dead.tryLock(FINGERPRINT, "dead worker"); // never closed

            assertThatThrownBy(() -> taker.tryLock(FINGERPRINT, "taker"))
                    .isInstanceOf(CheckpointInUseException.class);
            clock.advance(Duration.ofSeconds(2).multipliedBy(4).plusMillis(1));
            assertThat(taker.tryLock(FINGERPRINT, "taker")).isNotNull();
            assertThat(options.heartbeat().multipliedBy(options.missedHeartbeats()))
                    .isGreaterThan(BatchQueue.checkpointLease(options));
        }
    }

    @Test
    void checkpoints_default_lockLastsLessThanTheDefaultTakeover() {
        WorkOptions defaults = WorkOptions.defaults();

        assertThat(BatchQueue.checkpointLease(defaults)).isEqualTo(Duration.ofSeconds(25))
                .isLessThan(defaults.heartbeat().multipliedBy(defaults.missedHeartbeats()));
    }
}
