package io.vodupload.domain.internal;

import io.vodupload.domain.UploadState;
import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.CheckpointPart;
import io.vodupload.ports.Crc64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A live upload: its phase and all its bookkeeping, as one immutable value. The {@link Machine} never
 * changes one; a transition builds the next with the {@code with} methods.
 *
 * <p>Why one record with a {@link Phase} field rather than one record per phase: almost everything here
 * crosses phases. The finished parts live from Starting (a resume) to Completing; a retry episode, a pause
 * and a credential wait each overlap any phase and each other; the op table holds whatever is in flight.
 * Per-phase records would each carry the same parts, and every phase change would copy them from one
 * record type to the next. So the phase is one field, and the bookkeeping is grouped by what changes
 * together ({@link Upload}, {@link Ops}, {@link Retries}, {@link Signing}), so that a transition replaces
 * only the group it touches.
 *
 * @param spec    what does not change
 * @param phase   where the upload is
 * @param paused  paused by the user (only in Starting and Transferring)
 * @param upload  the storage upload being filled
 * @param ops     what has been issued and not finished
 * @param retries the retry episode, and what the application has been told
 * @param signing the credentials in use and the failures that concern them
 * @param pace    how many parts go at once, and the throughput measured to adapt it
 * @param feed    a stream's parts read and not yet stored ({@link Feed#NONE} for a file)
 */
record Live(Spec spec, Phase phase, boolean paused, Upload upload, Ops ops, Retries retries, Signing signing,
                   Pace pace, Feed feed) implements State {

    /** Where a live upload is. Pause, retry and credential waits are not phases: they overlap them. */
    public enum Phase {
        /** Not started. */
        IDLE,
        /** Verifying a checkpoint, listing parts or initiating the storage upload. */
        STARTING,
        /** Uploading parts (or the single PutObject). */
        TRANSFERRING,
        /** Completing and verifying the object. */
        COMPLETING,
        /** Canceled: aborting the storage upload (or waiting for its id to abort it). */
        CANCELING
    }

    /** What an issued op is doing. */
    public enum OpStatus {
        /** Handed to the engine; its result is awaited. */
        IN_FLIGHT,
        /** Waiting out its back-off before the next attempt. */
        BACKOFF,
        /** Waiting for the user to resume or for new credentials. */
        HELD
    }

    public Live {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(upload, "upload");
        Objects.requireNonNull(ops, "ops");
        Objects.requireNonNull(retries, "retries");
        Objects.requireNonNull(signing, "signing");
        Objects.requireNonNull(pace, "pace");
        Objects.requireNonNull(feed, "feed");
    }

    /** An upload that has not started, with credentials generation 0. */
    public static Live initial(Spec spec) {
        return new Live(spec, Phase.IDLE, false, new Upload(0, spec.configuredPlan(), Optional.empty(),
                Optional.empty(), new TreeMap<>(), false, 0, 0), new Ops(Map.of(), Map.of()),
                new Retries(Set.of(), false, false, Optional.empty()), new Signing(0, false, 0, 0),
                Pace.of(spec.parallelism(), spec.maxParallelism()), spec.stream() ? Feed.STREAM : Feed.NONE);
    }

    Live with(Phase p) {
        return new Live(spec, p, paused, upload, ops, retries, signing, pace, feed);
    }

    Live withPaused(boolean p) {
        return new Live(spec, phase, p, upload, ops, retries, signing, pace, feed);
    }

    Live with(Upload u) {
        return new Live(spec, phase, paused, u, ops, retries, signing, pace, feed);
    }

    Live with(Ops o) {
        return new Live(spec, phase, paused, upload, o, retries, signing, pace, feed);
    }

    Live with(Retries r) {
        return new Live(spec, phase, paused, upload, ops, r, signing, pace, feed);
    }

    Live with(Signing s) {
        return new Live(spec, phase, paused, upload, ops, retries, s, pace, feed);
    }

    Live with(Pace p) {
        return new Live(spec, phase, paused, upload, ops, retries, signing, p, feed);
    }

    Live with(Feed f) {
        return new Live(spec, phase, paused, upload, ops, retries, signing, pace, f);
    }

    /** Whether new ops wait (as HELD) instead of going out: paused, or waiting for credentials. */
    boolean holding() {
        return paused || signing.awaitingCredentials();
    }

    /**
     * The public state. The flags overlap the phase, so they are checked first: paused, then awaiting
     * credentials, then the phase, and within Transferring an open retry episode.
     */
    @Override
    public UploadState publicState() {
        if (phase == Phase.IDLE) {
            return UploadState.IDLE;
        }
        if (phase == Phase.CANCELING) {
            return UploadState.CANCELING;
        }
        if (paused) {
            return UploadState.PAUSED;
        }
        if (signing.awaitingCredentials()) {
            return UploadState.AWAITING_CREDENTIALS;
        }
        if (phase == Phase.STARTING) {
            return UploadState.INITIATING;
        }
        if (phase == Phase.COMPLETING) {
            return UploadState.COMPLETING;
        }
        return retries.episodeOpen() ? UploadState.RETRYING : UploadState.UPLOADING;
    }

    /**
     * The storage upload being filled. A vanished upload is replaced by a fresh one with the next epoch.
     *
     * @param epoch            increases when the storage upload is abandoned and started over
     * @param plan             how the file is cut (from the checkpoint's part size when resuming)
     * @param uploadId         the multipart upload id, once known
     * @param resumeFrom       the checkpoint being verified, while resuming
     * @param done             finished parts by number (with the CRC-64 of their bytes)
     * @param resumed          whether an earlier upload was resumed
     * @param partsAlreadyDone parts found done when resuming
     * @param restarts         times the storage upload vanished and was started over
     */
    public record Upload(int epoch, PartPlan plan, Optional<String> uploadId, Optional<Checkpoint> resumeFrom,
                         SortedMap<Integer, CheckpointPart> done, boolean resumed, int partsAlreadyDone,
                         int restarts) {
        public Upload {
            done = Collections.unmodifiableSortedMap(new TreeMap<>(done));
        }

        Upload withPlan(PartPlan p) {
            return new Upload(epoch, p, uploadId, resumeFrom, done, resumed, partsAlreadyDone, restarts);
        }

        Upload resuming(Checkpoint cp, PartPlan p) {
            return new Upload(epoch, p, Optional.of(cp.uploadId()), Optional.of(cp), done, resumed, partsAlreadyDone,
                    restarts);
        }

        Upload initiated(String id) {
            return new Upload(epoch, plan, Optional.of(id), resumeFrom, done, resumed, partsAlreadyDone, restarts);
        }

        /** The parts ListParts confirmed: the resume is over. */
        Upload resumedWith(SortedMap<Integer, CheckpointPart> kept) {
            return new Upload(epoch, plan, uploadId, Optional.empty(), kept, true, kept.size(), restarts);
        }

        Upload withPart(CheckpointPart part) {
            SortedMap<Integer, CheckpointPart> more = new TreeMap<>(done);
            more.put(part.partNumber(), part);
            return new Upload(epoch, plan, uploadId, resumeFrom, more, resumed, partsAlreadyDone, restarts);
        }

        /** The checkpointed upload is given up (changed file, vanished upload): same epoch, nothing known. */
        Upload forgotten() {
            return new Upload(epoch, plan, Optional.empty(), Optional.empty(), new TreeMap<>(), resumed,
                    partsAlreadyDone, restarts);
        }

        /** The upload vanished mid-way: a new epoch, so results of the abandoned one are ignored. */
        Upload restarted() {
            return new Upload(epoch + 1, plan, Optional.empty(), Optional.empty(), new TreeMap<>(), false,
                    partsAlreadyDone, restarts + 1);
        }

        /** Bytes of the finished parts. */
        public long doneBytes() {
            long sum = 0;
            for (CheckpointPart p : done.values()) {
                sum += p.size();
            }
            return sum;
        }

        /**
         * The CRC-64 of the finished parts, combined in part order. Every part but the last has the plan's
         * part size, so one precomputed operator folds them (16 lookups a part instead of a power per part).
         */
        public long combinedCrc() {
            Crc64.Combiner partSize = Crc64.combiner(plan.partSize());
            long crc = 0;
            for (CheckpointPart p : done.values()) {
                crc = p.size() == partSize.length() ? partSize.combine(crc, p.crc64())
                        : Crc64.combine(crc, p.crc64(), p.size());
            }
            return crc;
        }
    }

    /**
     * The ops issued and not finished, and the failed attempts of each since its last success.
     *
     * @param active   issued ops with what they are doing, in issue order
     * @param failures failed attempts per op since its last success
     */
    public record Ops(Map<Op, OpStatus> active, Map<Op, Integer> failures) {
        public Ops {
            active = Collections.unmodifiableMap(new LinkedHashMap<>(active));
            failures = Map.copyOf(failures);
        }

        Ops with(Op op, OpStatus status) {
            Map<Op, OpStatus> more = new LinkedHashMap<>(active);
            more.put(op, status);
            return new Ops(more, failures);
        }

        Ops without(Op op) {
            Map<Op, OpStatus> fewer = new LinkedHashMap<>(active);
            fewer.remove(op);
            return new Ops(fewer, failures);
        }

        /** Only {@code op} left active (a cancel forgets everything but the abort it waits for). */
        Ops only(Op op, OpStatus status) {
            return new Ops(Map.of(op, status), failures);
        }

        /** Nothing active, nothing counted (a restart). */
        Ops cleared() {
            return new Ops(Map.of(), Map.of());
        }

        Ops failedOnce(Op op) {
            Map<Op, Integer> more = new LinkedHashMap<>(failures);
            more.merge(op, 1, Integer::sum);
            return new Ops(active, more);
        }

        Ops succeeded(Op op) {
            Map<Op, Integer> fewer = new LinkedHashMap<>(failures);
            fewer.remove(op);
            return new Ops(active, fewer);
        }

        int failures(Op op) {
            return failures.getOrDefault(op, 0);
        }

        OpStatus status(Op op) {
            return active.get(op);
        }

        /** Parts in flight, backing off or held. */
        int parts() {
            int n = 0;
            for (Op op : active.keySet()) {
                if (op instanceof Op.UploadPart) {
                    n++;
                }
            }
            return n;
        }
    }

    /**
     * The retry episode and what the application has been told.
     *
     * @param retrying        ops that failed retryably and have not succeeded since (the open episode)
     * @param episodeOpen     whether a retry episode is open ({@code onUploadRetry} sent or held, resume not yet)
     * @param startedNotified whether {@code onUploadStarted} was sent
     * @param heldRetry       the {@code onUploadRetry} of an episode that opened before {@code onUploadStarted}
     *                        went out: sent right after it if the episode is still open then, dropped (with its
     *                        retry-resume) if it closed first
     */
    public record Retries(Set<Op> retrying, boolean episodeOpen, boolean startedNotified,
                          Optional<Notification.Retry> heldRetry) {
        public Retries {
            retrying = Collections.unmodifiableSet(new LinkedHashSet<>(retrying));
        }

        Retries add(Op op) {
            Set<Op> more = new LinkedHashSet<>(retrying);
            more.add(op);
            return new Retries(more, episodeOpen, startedNotified, heldRetry);
        }

        Retries remove(Op op) {
            Set<Op> fewer = new LinkedHashSet<>(retrying);
            fewer.remove(op);
            return new Retries(fewer, episodeOpen, startedNotified, heldRetry);
        }

        Retries cleared() {
            return new Retries(Set.of(), episodeOpen, startedNotified, heldRetry);
        }

        Retries opened(Optional<Notification.Retry> held) {
            return new Retries(retrying, true, startedNotified, held);
        }

        Retries closed() {
            return new Retries(retrying, false, startedNotified, Optional.empty());
        }

        /** For an upload started over: {@code onUploadStarted} goes out again, with the new upload id. */
        Retries restarted() {
            return new Retries(Set.of(), episodeOpen, false, heldRetry);
        }

        Retries started() {
            return new Retries(retrying, episodeOpen, true, Optional.empty());
        }
    }

    /**
     * The credentials in use and the failures that concern signing. The generation is kept here only:
     * the engine holds the secret of the current generation and reads its number from the state.
     *
     * @param generation          the credentials generation in use (0 for the first, +1 for each installed)
     * @param awaitingCredentials waiting for new credentials after an expiry
     * @param consecutiveExpiries expiries with no successful request in between
     * @param clockSkewRetries    clock-skew retries so far
     */
    public record Signing(long generation, boolean awaitingCredentials, int consecutiveExpiries,
                          int clockSkewRetries) {

        Signing installed() {
            return new Signing(generation + 1, false, consecutiveExpiries, clockSkewRetries);
        }

        /** A newer generation arrived while canceling: counted, nothing released. */
        Signing installedWhileCanceling() {
            return new Signing(generation + 1, awaitingCredentials, consecutiveExpiries, clockSkewRetries);
        }

        Signing expired() {
            return new Signing(generation, true, consecutiveExpiries + 1, clockSkewRetries);
        }

        Signing requestSucceeded() {
            return consecutiveExpiries == 0 ? this : new Signing(generation, awaitingCredentials, 0, clockSkewRetries);
        }

        Signing skewed() {
            return new Signing(generation, awaitingCredentials, consecutiveExpiries, clockSkewRetries + 1);
        }
    }

    /**
     * A stream's parts as the engine reads them: those read and not yet stored (their bytes are in memory
     * until storage holds them), how many were read, and whether the stream has ended. A file's parts are
     * all there from the start: {@link #NONE}.
     *
     * @param stream   whether the upload reads a stream
     * @param buffered parts read and not yet stored, by number
     * @param read     parts read so far
     * @param size     bytes read so far
     * @param ended    whether the last part has been read
     * @param failure  the source failed while the Initiate was in flight: the upload fails (and its upload is
     *                 aborted) once the Initiate's answer says which upload to abort
     */
    public record Feed(boolean stream, SortedMap<Integer, PartPlan.Part> buffered, int read, long size,
                       boolean ended, Optional<Event.SourceFailed> failure) {
        /** A file: no feed. */
        static final Feed NONE = new Feed(false, new TreeMap<>(), 0, 0, false, Optional.empty());
        /** A stream with nothing read yet. */
        static final Feed STREAM = new Feed(true, new TreeMap<>(), 0, 0, false, Optional.empty());

        public Feed {
            buffered = Collections.unmodifiableSortedMap(new TreeMap<>(buffered));
            Objects.requireNonNull(failure, "failure");
        }

        /** The source failed; the upload ends once the Initiate in flight has answered. */
        Feed failed(Event.SourceFailed f) {
            return new Feed(stream, buffered, read, size, ended, Optional.of(f));
        }

        /** Part {@code part} was read; {@code last} when the stream ended with it. */
        Feed withRead(PartPlan.Part part, boolean last) {
            SortedMap<Integer, PartPlan.Part> more = new TreeMap<>(buffered);
            more.put(part.number(), part);
            return new Feed(true, more, part.number(), part.offset() + part.size(), last, failure);
        }

        /** Part {@code number} is stored: its buffer can go. */
        Feed stored(int number) {
            SortedMap<Integer, PartPlan.Part> fewer = new TreeMap<>(buffered);
            fewer.remove(number);
            return new Feed(stream, fewer, read, size, ended, failure);
        }
    }
}
