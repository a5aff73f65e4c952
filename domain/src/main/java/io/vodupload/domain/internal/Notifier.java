package io.vodupload.domain.internal;

import io.vodupload.domain.UploadFailedException;
import io.vodupload.ports.UploadCallback;
import io.vodupload.ports.UploadResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;

/**
 * Delivers callbacks in order on one dedicated thread, never two at once; drops everything after the
 * terminal callback; completes the upload's future right after delivering the terminal callback. A
 * callback that throws is logged and ignored.
 *
 * <p>Thread-safe: {@link #post} may be called from any thread; posting order is delivery order.
 */
final class Notifier {

    private static final System.Logger LOG = System.getLogger(Notifier.class.getName());

    private final UploadCallback callback;
    private final CompletableFuture<UploadResult> completion;
    private final ExecutorService thread;
    private boolean closed;

    Notifier(UploadCallback callback, CompletableFuture<UploadResult> completion, ThreadFactory threads) {
        this.callback = callback;
        this.completion = completion;
        this.thread = Executors.newSingleThreadExecutor(threads);
    }

    synchronized void post(Notification notification) {
        if (closed) {
            return;
        }
        if (notification.terminal()) {
            closed = true;
        }
        try {
            thread.execute(() -> deliver(notification));
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "callback thread gone; dropped {0}", notification);
        }
        if (closed) {
            thread.shutdown();
        }
    }

    private void deliver(Notification notification) {
        try {
            notification.deliverTo(callback);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.WARNING, "the upload callback threw from "
                    + notification.getClass().getSimpleName() + "; ignored", t);
        }
        if (notification instanceof Notification.Succeeded s) {
            completion.complete(s.result());
        } else if (notification instanceof Notification.Failed f) {
            completion.completeExceptionally(new UploadFailedException(f.code(), f.message()));
        } else if (notification instanceof Notification.Canceled) {
            completion.cancel(false);
        }
    }
}
