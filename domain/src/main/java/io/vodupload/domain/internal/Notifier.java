package io.vodupload.domain.internal;

import io.vodupload.ports.UploadCallback;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Delivers one upload's callbacks in order through the uploader's callback executor (one thread shared by
 * the uploader's uploads, so never two at once); drops everything after the terminal callback; after
 * delivering the terminal callback hands it to {@code onTerminal} (which completes the upload's future).
 * A callback that throws is logged and ignored.
 *
 * <p>Thread-safe: {@link #post} may be called from any thread; posting order is delivery order.
 */
final class Notifier {

    private static final System.Logger LOG = System.getLogger(Notifier.class.getName());

    private final UploadCallback callback;
    private final Executor thread;
    private final Consumer<Notification> onTerminal;
    private boolean closed;

    Notifier(UploadCallback callback, Executor thread, Consumer<Notification> onTerminal) {
        this.callback = callback;
        this.thread = thread;
        this.onTerminal = onTerminal;
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
            if (notification.terminal()) {
                onTerminal.accept(notification);
            }
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
        if (notification.terminal()) {
            onTerminal.accept(notification);
        }
    }
}
