package io.vodupload.domain.internal;

import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.CheckpointPart;
import io.vodupload.ports.Crc64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The bookkeeping of a live upload. Immutable (collections are unmodifiable copies); {@link Machine}
 * makes a new one for each transition.
 *
 * @param spec                what does not change
 * @param plan                how the file is cut (from the checkpoint's part size when resuming)
 * @param epoch               increases when the storage upload is abandoned and started over
 * @param uploadId            the multipart upload id, once known
 * @param resumeFrom          the checkpoint being verified, while resuming
 * @param done                finished parts by number (with the CRC-64 of their bytes)
 * @param active              ops issued and not finished, with what they are doing
 * @param failures            failed attempts per op since its last success
 * @param retrying            ops that failed retryably and have not succeeded since (the open episode)
 * @param episodeOpen         whether a retry episode is open ({@code onUploadRetry} sent, resume not yet)
 * @param generation          the credentials generation in use
 * @param paused              paused by the user
 * @param awaitingCredentials waiting for new credentials after an expiry
 * @param consecutiveExpiries expiries with no successful request in between
 * @param clockSkewRetries    clock-skew retries so far
 * @param restarts            times the storage upload vanished and was started over
 * @param resumed             whether an earlier upload was resumed
 * @param partsAlreadyDone    parts found done when resuming
 * @param startedNotified     whether {@code onUploadStarted} was sent
 * @param heldRetry           the {@code onUploadRetry} of an episode that opened before
 *                            {@code onUploadStarted} went out: sent right after it if the episode is still
 *                            open then, dropped (with its retry-resume) if it closed first
 */
public record Ctx(Spec spec, PartPlan plan, int epoch, Optional<String> uploadId, Optional<Checkpoint> resumeFrom,
                  SortedMap<Integer, CheckpointPart> done, Map<Op, OpStatus> active, Map<Op, Integer> failures,
                  Set<Op> retrying, boolean episodeOpen, long generation, boolean paused,
                  boolean awaitingCredentials, int consecutiveExpiries, int clockSkewRetries, int restarts,
                  boolean resumed, int partsAlreadyDone, boolean startedNotified,
                  Optional<Notification.Retry> heldRetry) {

    /** What an issued op is doing. */
    public enum OpStatus {
        /** Handed to the engine; its result is awaited. */
        IN_FLIGHT,
        /** Waiting out its back-off before the next attempt. */
        BACKOFF,
        /** Waiting for the user to resume or for new credentials. */
        HELD
    }

    public Ctx {
        done = Collections.unmodifiableSortedMap(new TreeMap<>(done));
        active = Collections.unmodifiableMap(new LinkedHashMap<>(active));
        failures = Map.copyOf(failures);
        retrying = Collections.unmodifiableSet(new LinkedHashSet<>(retrying));
    }

    /** The context of an upload that has not started. */
    public static Ctx initial(Spec spec, long generation) {
        return new Ctx(spec, spec.configuredPlan(), 0, Optional.empty(), Optional.empty(), new TreeMap<>(),
                Map.of(), Map.of(), Set.of(), false, generation, false, false, 0, 0, 0, false, 0, false, Optional.empty());
    }

    /** Bytes of the finished parts. */
    public long doneBytes() {
        long sum = 0;
        for (CheckpointPart p : done.values()) {
            sum += p.size();
        }
        return sum;
    }

    /** The CRC-64 of the finished parts, combined in part order. */
    public long combinedCrc() {
        long crc = 0;
        for (CheckpointPart p : done.values()) {
            crc = Crc64.combine(crc, p.crc64(), p.size());
        }
        return crc;
    }
}
