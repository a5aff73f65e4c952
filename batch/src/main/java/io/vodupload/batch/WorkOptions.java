package io.vodupload.batch;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link BatchQueue#work} works.
 *
 * @param threads          files at once in this worker, 1..64
 * @param onlyBatch        only this batch's files; empty: every batch in the database
 * @param follow           keep working (and waiting for new files) until interrupted, instead of returning
 *                         when nothing is pending or running
 * @param maxAttempts      attempts per file before it is FAILED for good, 1..100
 * @param heartbeat        how often a worker tells the database it is alive; a file whose worker missed
 *                         {@link #missedHeartbeats} in a row is taken over by another worker
 * @param pollingInterval  how often an idle worker looks for due files (a worker that just finished a file
 *                         looks at once)
 * @param missedHeartbeats heartbeats missed in a row before a worker counts as dead, 2..100
 */
public record WorkOptions(int threads, Optional<String> onlyBatch, boolean follow, int maxAttempts,
                          Duration heartbeat, Duration pollingInterval, int missedHeartbeats) {

    /** The default heartbeat: with {@link #DEFAULT_MISSED_HEARTBEATS} a dead worker's file is free after 40 s. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(10);
    /** The default number of missed heartbeats before a worker counts as dead. */
    public static final int DEFAULT_MISSED_HEARTBEATS = 4;
    /** The default polling interval of an idle worker. */
    public static final Duration DEFAULT_POLLING_INTERVAL = Duration.ofMillis(500);

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
        if (heartbeat.toMillis() < 10) {
            throw new IllegalArgumentException("heartbeat < 10 ms: " + heartbeat);
        }
        if (pollingInterval.toMillis() < 10) {
            throw new IllegalArgumentException("pollingInterval < 10 ms: " + pollingInterval);
        }
        if (missedHeartbeats < 2 || missedHeartbeats > 100) {
            throw new IllegalArgumentException("missedHeartbeats not in 2..100: " + missedHeartbeats);
        }
    }

    /** The same options with the older shape (the default number of missed heartbeats). */
    public WorkOptions(int threads, Optional<String> onlyBatch, boolean follow, int maxAttempts, Duration heartbeat,
                       Duration pollingInterval) {
        this(threads, onlyBatch, follow, maxAttempts, heartbeat, pollingInterval, DEFAULT_MISSED_HEARTBEATS);
    }

    /**
     * 2 threads, every batch, no follow, 3 attempts, a 10 s heartbeat with 4 missed heartbeats (a dead
     * worker's file is taken over within 60 s), 500 ms polling.
     */
    public static WorkOptions defaults() {
        return new WorkOptions(2, Optional.empty(), false, 3, DEFAULT_HEARTBEAT, DEFAULT_POLLING_INTERVAL,
                DEFAULT_MISSED_HEARTBEATS);
    }

    public WorkOptions withThreads(int threads) {
        return new WorkOptions(threads, onlyBatch, follow, maxAttempts, heartbeat, pollingInterval, missedHeartbeats);
    }

    public WorkOptions withOnlyBatch(String batchId) {
        return new WorkOptions(threads, Optional.of(batchId), follow, maxAttempts, heartbeat, pollingInterval,
                missedHeartbeats);
    }

    public WorkOptions withAllBatches() {
        return new WorkOptions(threads, Optional.empty(), follow, maxAttempts, heartbeat, pollingInterval,
                missedHeartbeats);
    }

    public WorkOptions withFollow(boolean follow) {
        return new WorkOptions(threads, onlyBatch, follow, maxAttempts, heartbeat, pollingInterval, missedHeartbeats);
    }

    public WorkOptions withMaxAttempts(int maxAttempts) {
        return new WorkOptions(threads, onlyBatch, follow, maxAttempts, heartbeat, pollingInterval, missedHeartbeats);
    }

    public WorkOptions withHeartbeat(Duration heartbeat) {
        return new WorkOptions(threads, onlyBatch, follow, maxAttempts, heartbeat, pollingInterval, missedHeartbeats);
    }

    public WorkOptions withPollingInterval(Duration pollingInterval) {
        return new WorkOptions(threads, onlyBatch, follow, maxAttempts, heartbeat, pollingInterval, missedHeartbeats);
    }

    public WorkOptions withMissedHeartbeats(int missedHeartbeats) {
        return new WorkOptions(threads, onlyBatch, follow, maxAttempts, heartbeat, pollingInterval, missedHeartbeats);
    }

    /** How long after its last heartbeat a worker's files are taken over (at most, plus one check interval). */
    public Duration deadAfter() {
        return heartbeat.multipliedBy(missedHeartbeats);
    }
}
