package io.vodupload.it;

import io.vodupload.ports.Credentials;
import io.vodupload.ports.PartBody;
import io.vodupload.ports.ObjectInfo;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.ObjectReceipt;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.PartReceipt;
import io.vodupload.ports.StorageException;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.TransferListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An {@link ObjectStorage} that passes every call to the real adapter and writes down each UploadPart:
 * which part, signed by which AccessKeyId, when it started and ended (a global sequence, not a clock) and
 * how it ended. Tests use it to prove that a part which came back finished was never sent again, and to
 * act at a precise point (after the Nth finished part).
 *
 * <p>Thread-safe.
 */
final class RecordingStorage implements ObjectStorage {

    /** How one UploadPart call ended. */
    enum Outcome { FINISHED, FAILED, STOPPED }

    /** One UploadPart call. {@code errorCode} is empty unless it failed. */
    record PartCall(int partNumber, String uploadId, String accessKeyId, long startedAt, long endedAt,
                    Outcome outcome, Optional<String> errorCode) {
    }

    private final ObjectStorage delegate;
    private final AtomicLong sequence = new AtomicLong();
    private final List<PartCall> calls = new ArrayList<>();
    private volatile Consumer<Integer> afterFinishedPart = n -> { };
    private int inFlight;

    RecordingStorage(ObjectStorage delegate) {
        this.delegate = delegate;
    }

    /** Runs {@code hook} with the count of finished parts so far, on the I/O thread, after each one finishes. */
    RecordingStorage afterFinishedPart(Consumer<Integer> hook) {
        this.afterFinishedPart = hook;
        return this;
    }

    @Override
    public PartReceipt uploadPart(StorageTarget target, Credentials credentials, String uploadId, int partNumber,
                                  PartBody body, TransferListener listener) {
        long started = sequence.incrementAndGet();
        synchronized (this) {
            inFlight++;
        }
        Outcome outcome = Outcome.FAILED;
        Optional<String> code = Optional.empty();
        int finished = -1;
        try {
            PartReceipt receipt = delegate.uploadPart(target, credentials, uploadId, partNumber, body, listener);
            outcome = Outcome.FINISHED;
            return receipt;
        } catch (StorageException e) {
            code = Optional.of(e.errorCode());
            throw e;
        } catch (CancellationException e) {
            outcome = Outcome.STOPPED;
            throw e;
        } finally {
            synchronized (this) {
                inFlight--;
                calls.add(new PartCall(partNumber, uploadId, credentials.accessKeyId(), started,
                        sequence.incrementAndGet(), outcome, code));
                if (outcome == Outcome.FINISHED) {
                    finished = (int) calls.stream().filter(c -> c.outcome() == Outcome.FINISHED).count();
                }
                notifyAll();
            }
            if (finished > 0) {
                afterFinishedPart.accept(finished);
            }
        }
    }

    /** Every UploadPart call that has ended, in the order they ended. */
    synchronized List<PartCall> partCalls() {
        return List.copyOf(calls);
    }

    /** UploadPart calls started and not yet ended. */
    synchronized int inFlight() {
        return inFlight;
    }

    /** Waits until no UploadPart call is running; false when that did not happen within {@code millis}. */
    synchronized boolean awaitNoneInFlight(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (inFlight > 0) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /** The most UploadPart calls that were running at the same time. */
    int maxConcurrentParts() {
        List<long[]> edges = new ArrayList<>();
        for (PartCall c : partCalls()) {
            edges.add(new long[] {c.startedAt(), 1});
            edges.add(new long[] {c.endedAt(), -1});
        }
        edges.sort((a, b) -> Long.compare(a[0], b[0]));
        int running = 0;
        int most = 0;
        for (long[] e : edges) {
            running += (int) e[1];
            most = Math.max(most, running);
        }
        return most;
    }

    /**
     * The calls that started after {@code finished} had come back finished for the same part and upload:
     * re-sends of a finished part. Empty is what the product promises.
     */
    List<PartCall> resendsOfFinishedParts() {
        List<PartCall> all = partCalls();
        List<PartCall> resends = new ArrayList<>();
        for (PartCall finished : all) {
            if (finished.outcome() != Outcome.FINISHED) {
                continue;
            }
            for (PartCall later : all) {
                if (later.partNumber() == finished.partNumber() && later.uploadId().equals(finished.uploadId())
                        && later.startedAt() > finished.endedAt()) {
                    resends.add(later);
                }
            }
        }
        return resends;
    }

    @Override
    public String initiateMultipart(StorageTarget target, Credentials credentials, ObjectMetadata metadata) {
        return delegate.initiateMultipart(target, credentials, metadata);
    }

    @Override
    public List<PartReceipt> listParts(StorageTarget target, Credentials credentials, String uploadId) {
        return delegate.listParts(target, credentials, uploadId);
    }

    @Override
    public ObjectReceipt completeMultipart(StorageTarget target, Credentials credentials, String uploadId,
                                           List<PartReceipt> parts, ObjectMetadata metadata) {
        return delegate.completeMultipart(target, credentials, uploadId, parts, metadata);
    }

    @Override
    public void abortMultipart(StorageTarget target, Credentials credentials, String uploadId) {
        delegate.abortMultipart(target, credentials, uploadId);
    }

    @Override
    public ObjectReceipt putObject(StorageTarget target, Credentials credentials, PartBody body,
                                   ObjectMetadata metadata, TransferListener listener) {
        return delegate.putObject(target, credentials, body, metadata, listener);
    }

    @Override
    public Optional<ObjectInfo> headObject(StorageTarget target, Credentials credentials) {
        return delegate.headObject(target, credentials);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
