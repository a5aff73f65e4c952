package io.vodupload.ports;

import java.util.Objects;
import java.util.Optional;

/**
 * Where an upload gets the credentials it signs with, and fresh ones when they expire.
 *
 * <p>Implementations: a static pair ({@link #fixed}), VOD's {@code RefreshUploadVideo}, an external
 * command, or "ask the application" (the seed's flow: {@code onUploadTokenExpired}, then
 * {@code refreshWithUploadAuth}).
 *
 * <p><b>Threading:</b> {@link #current()} may be called from any thread. The domain calls
 * {@link #refresh} from one thread at a time per upload (single flight), never from the callback thread;
 * it may block (a network call, a child process) and should honour interruption.
 */
public interface CredentialsProvider {

    /** The credentials to sign with now. */
    Credentials current();

    /**
     * Fresh credentials to replace {@code expired}, which the server has just rejected as expired.
     *
     * @return the new credentials, or empty when this provider cannot refresh (the upload then waits for
     *         the application to supply credentials, or fails)
     * @throws InterruptedException when interrupted while waiting
     */
    Optional<Credentials> refresh(Credentials expired) throws InterruptedException;

    /** A provider that always gives {@code credentials} and cannot refresh. */
    static CredentialsProvider fixed(Credentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        return new CredentialsProvider() {
            @Override
            public Credentials current() {
                return credentials;
            }

            @Override
            public Optional<Credentials> refresh(Credentials expired) {
                return Optional.empty();
            }

            @Override
            public String toString() {
                return "CredentialsProvider.fixed(" + credentials + ")";
            }
        };
    }
}
