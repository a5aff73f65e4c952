package io.vodupload.cli.upload;

import io.vodupload.cli.output.ErrorReporter;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Remembers why credentials could not be refreshed, for the command's exit-3 message. When the wrapped
 * provider cannot refresh (it answers empty or throws), this one records the reason and answers empty,
 * the port's own way to say "none". A command has no one else to supply credentials, so its upload does not
 * wait for them ({@code UploadCommand.NO_CREDENTIALS_WAIT}): the domain fails it with
 * {@code CredentialsUnavailable} and keeps its checkpoint, and the command exits 3 with {@link #refused()}.
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
            refused = Optional.of("refreshing the credentials failed: " + ErrorReporter.oneLine(e.getMessage()));
            return Optional.empty();
        }
        if (fresh.isEmpty()) {
            refused = Optional.of(reason.get());
        }
        return fresh;
    }

    /** Why the credentials could not be refreshed, once that happened. */
    Optional<String> refused() {
        return refused;
    }

    @Override
    public String toString() {
        return "RefreshGuard[" + delegate + "]";
    }
}
