package io.vodupload.batch;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link BatchQueue#work} works. Every worker sharing a database should use the same heartbeat and
 * missed heartbeats: a worker judges another dead by its own settings.
 *
 * @param threads          files at once in this worker, 1..64
 * @param onlyBatch        only this batch's files; empty: every batch in the database
 * @param follow           keep working (and waiting for new files) until interrupted, instead of returning
 *                         when nothing is pending or running
 * @param maxAttempts      attempts per file before it is FAILED for good, 1..100
 * @param heartbeat        how often a worker tells the database it is alive, at least 10 ms
 * @param pollingInterval  how often an idle worker looks for due files (a worker that just finished a file
 *                         looks at once), at least 10 ms
 * @param missedHeartbeats heartbeats missed in a row before a worker counts as dead and its files are taken
 *                         over, 4..100 (db-scheduler's minimum is 4)
 * @param retryDelay       a retryable failure is tried again after this times the attempt number; zero or more
 */
public record WorkOptions(int threads, Optional<String> onlyBatch, boolean follow, int maxAttempts,
                          Duration heartbeat, Duration pollingInterval, int missedHeartbeats, Duration retryDelay) {

    /**
     * The default heartbeat: with {@link #DEFAULT_MISSED_HEARTBEATS} a dead worker's file is free 30 s after its
     * last heartbeat, and found within one more check (every two heartbeats): taken over within 41 s.
     */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(5);
    /** The default number of missed heartbeats before a worker counts as dead. */
    public static final int DEFAULT_MISSED_HEARTBEATS = 6;
    /** The default polling interval of an idle worker. */
    public static final Duration DEFAULT_POLLING_INTERVAL = Duration.ofMillis(500);
    /** The default retry delay (times the attempt number: 2 s, 4 s, ...). */
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(2);

    public WorkOptions {
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("threads not in 1..64: " + threads);
        }
        Objects.requireNonNull(onlyBatch, "onlyBatch");
        onlyBatch.ifPresent(BatchIds::check);
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("maxAttempts not in 1..100: " + maxAttempts);
        }
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(pollingInterval, "pollingInterval");
        Objects.requireNonNull(retryDelay, "retryDelay");
        if (heartbeat.toMillis() < 10) {
            throw new IllegalArgumentException("heartbeat < 10 ms: " + heartbeat);
        }
        if (pollingInterval.toMillis() < 10) {
            throw new IllegalArgumentException("pollingInterval < 10 ms: " + pollingInterval);
        }
        if (missedHeartbeats < 4 || missedHeartbeats > 100) {
            throw new IllegalArgumentException("missedHeartbeats not in 4..100: " + missedHeartbeats);
        }
        if (retryDelay.isNegative()) {
            throw new IllegalArgumentException("retryDelay < 0: " + retryDelay);
        }
    }

    /** The shape of the first version: default missed heartbeats and retry delay. */
    public WorkOptions(int threads, Optional<String> onlyBatch, boolean follow, int maxAttempts, Duration heartbeat,
                       Duration pollingInterval) {
        this(threads, onlyBatch, follow, maxAttempts, heartbeat, pollingInterval, DEFAULT_MISSED_HEARTBEATS,
                DEFAULT_RETRY_DELAY);
    }

    /**
     * 2 threads, every batch, no follow, 3 attempts, a 5 s heartbeat with 6 missed heartbeats (a dead
     * worker's file is taken over within 60 s), 500 ms polling, 2 s retry delay.
     */
    public static WorkOptions defaults() {
        return new WorkOptions(2, Optional.empty(), false, 3, DEFAULT_HEARTBEAT, DEFAULT_POLLING_INTERVAL,
                DEFAULT_MISSED_HEARTBEATS, DEFAULT_RETRY_DELAY);
    }

    public WorkOptions withThreads(int threads) {
        return new WorkOptions(threads, onlyBatch, follow, maxAttempts, heartbeat, pollingInterval, missedHeartbeats,
                retryDelay);
    }

    public WorkOptions withOnlyBatch(String batchId) {
        return new WorkOptions(threads, Optional.of(batchId), follow, maxAttempts, heartbeat, pollingInterval,
                missedHeartbeats, retryDelay);
    }

    public WorkOptions withAllBatches() {
        return new WorkOptions(threads, Optional.empty(), follow, maxAttempts, heartbeat, pollingInterval,
                missedHeartbeats, retryDelay);
    }

    public WorkOptions withFollow(boolean follow) {
        return new WorkOptions(threads, onlyBatch, follow, maxAttempts, heartbeat, pollingInterval, missedHeartbeats,
                retryDelay);
    }

    public WorkOptions withMaxAttempts(int maxAttempts) {
        return new WorkOptions(threads, onlyBatch, follow, maxAttempts, heartbeat, pollingInterval, missedHeartbeats,
                retryDelay);
    }

    public WorkOptions withHeartbeat(Duration heartbeat) {
        return new WorkOptions(threads, onlyBatch, follow, maxAttempts, heartbeat, pollingInterval, missedHeartbeats,
                retryDelay);
    }

    public WorkOptions withPollingInterval(Duration pollingInterval) {
        return new WorkOptions(threads, onlyBatch, follow, maxAttempts, heartbeat, pollingInterval, missedHeartbeats,
                retryDelay);
    }

    public WorkOptions withMissedHeartbeats(int missedHeartbeats) {
        return new WorkOptions(threads, onlyBatch, follow, maxAttempts, heartbeat, pollingInterval, missedHeartbeats,
                retryDelay);
    }

    public WorkOptions withRetryDelay(Duration retryDelay) {
        return new WorkOptions(threads, onlyBatch, follow, maxAttempts, heartbeat, pollingInterval, missedHeartbeats,
                retryDelay);
    }

    /**
     * The longest a dead worker's file waits before another worker takes it over: the missed heartbeats,
     * then up to one check for dead workers (every two heartbeats) and one poll.
     */
    public Duration takeoverWithin() {
        return heartbeat.multipliedBy(missedHeartbeats + 2L).plus(pollingInterval);
    }
}
