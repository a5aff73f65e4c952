package io.vodupload.cli;

import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Makes "no new credentials" final for the command line. The domain would wait in
 * {@code AWAITING_CREDENTIALS} for an application to supply credentials, but a command has no one to ask:
 * when the wrapped provider cannot refresh (it answers empty or throws), this one records why and throws,
 * which fails the upload with
 * {@code CredentialsUnavailable} while keeping its checkpoint; the command then exits 3 with the reason.
 *
 * <p>Thread-safe.
 */
final class RefreshGuard implements CredentialsProvider {

    private final CredentialsProvider delegate;
    private final Supplier<String> reason;
    private volatile Optional<String> refused = Optional.empty();

    RefreshGuard(CredentialsProvider delegate, Supplier<String> reason) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    @Override
    public Credentials current() {
        return delegate.current();
    }

    @Override
    public Optional<Credentials> refresh(Credentials expired) throws InterruptedException {
        Optional<Credentials> fresh;
        try {
            fresh = delegate.refresh(expired);
        } catch (RuntimeException e) {
            String why = "refreshing the credentials failed: " + ErrorReporter.oneLine(e.getMessage());
            refused = Optional.of(why);
            throw new NoRefreshException(why);
        }
        if (fresh.isEmpty()) {
            String why = reason.get();
            refused = Optional.of(why);
            throw new NoRefreshException(why);
        }
        return fresh;
    }

    /** Why the credentials could not be refreshed, once that happened. */
    Optional<String> refused() {
        return refused;
    }

    /** Thrown to the domain when no new credentials can be had. The message holds no secret. */
    static final class NoRefreshException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        NoRefreshException(String message) {
            super(message);
        }
    }

    @Override
    public String toString() {
        return "RefreshGuard[" + delegate + "]";
    }
}
