package io.vodupload.cli.upload;

import io.vodupload.ports.Credentials;
import io.vodupload.ports.FileRegion;
import io.vodupload.ports.ObjectInfo;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.ObjectReceipt;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.PartReceipt;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.TransferListener;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An {@link ObjectStorage} that counts the calls in progress, so that an interrupt can wait (bounded) for
 * the requests a pause stopped to come back before the process exits: the part results that arrive in
 * that moment are then in the checkpoint. Everything else is passed through unchanged.
 *
 * <p>Thread-safe.
 */
final class InFlightStorage implements ObjectStorage {

    private final ObjectStorage delegate;
    private final Object lock = new Object();
    private int inFlight;

    InFlightStorage(ObjectStorage delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /**
     * Waits until no call is in progress, at most {@code timeout}.
     *
     * @return whether none was in progress in time
     */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                // a monitor wait for the last call to return, not a sleep: notifyAll ends it
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    private <T> T tracked(Supplier<T> call) {
        synchronized (lock) {
            inFlight++;
        }
        try {
            return call.get();
        } finally {
            synchronized (lock) {
                inFlight--;
                lock.notifyAll();
            }
        }
    }

    @Override
    public String initiateMultipart(StorageTarget target, Credentials credentials, ObjectMetadata metadata) {
        return tracked(() -> delegate.initiateMultipart(target, credentials, metadata));
    }

    @Override
    public PartReceipt uploadPart(StorageTarget target, Credentials credentials, String uploadId, int partNumber,
                                  FileRegion body, TransferListener listener) {
        return tracked(() -> delegate.uploadPart(target, credentials, uploadId, partNumber, body, listener));
    }

    @Override
    public List<PartReceipt> listParts(StorageTarget target, Credentials credentials, String uploadId) {
        return tracked(() -> delegate.listParts(target, credentials, uploadId));
    }

    @Override
    public ObjectReceipt completeMultipart(StorageTarget target, Credentials credentials, String uploadId,
                                           List<PartReceipt> parts, ObjectMetadata metadata) {
        return tracked(() -> delegate.completeMultipart(target, credentials, uploadId, parts, metadata));
    }

    @Override
    public void abortMultipart(StorageTarget target, Credentials credentials, String uploadId) {
        tracked(() -> {
            delegate.abortMultipart(target, credentials, uploadId);
            return null;
        });
    }

    @Override
    public ObjectReceipt putObject(StorageTarget target, Credentials credentials, FileRegion body,
                                   ObjectMetadata metadata, TransferListener listener) {
        return tracked(() -> delegate.putObject(target, credentials, body, metadata, listener));
    }

    @Override
    public Optional<ObjectInfo> headObject(StorageTarget target, Credentials credentials) {
        return tracked(() -> delegate.headObject(target, credentials));
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** What the storage below checks; a decorator that hid it would turn every store without CRC-64 away. */
    @Override
    public boolean checksContentMd5() {
        return delegate.checksContentMd5();
    }
}
