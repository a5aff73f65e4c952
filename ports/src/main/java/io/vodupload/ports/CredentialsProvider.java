package io.vodupload.ports;

import java.util.Objects;
import java.util.Optional;

/**
 * Where an upload gets the credentials it signs with, and fresh ones when they expire.
 *
 * <p>Implementations: a static pair ({@link #fixed}), anything that can fetch new ones
 * ({@link #refreshing}, e.g. a call to your app server), VOD's {@code RefreshUploadVideo}, an external
 * command, or "ask the application" (the seed's flow: {@code onUploadTokenExpired}, then
 * {@code refreshWithUploadAuth}).
 *
 * <p><b>What the upload does with the answer of {@link #refresh}:</b>
 * <ul>
 *   <li>credentials: they sign every later request; requests that failed with the expired ones are sent
 *       again, finished parts are not;</li>
 *   <li>empty: the upload waits in {@code AWAITING_CREDENTIALS} for the application to supply credentials
 *       through the handle ({@code UploadHandle.refreshCredentials}), at most the configured credentials
 *       wait ({@code UploadConfig.credentialsTimeout}: 5 minutes by default for {@code Uploader}, unbounded
 *       in {@code PublishManager}, as in the seed SDK), then fails with {@code CredentialsUnavailable};</li>
 *   <li>a {@link RuntimeException} (or null): the upload fails at once with {@code CredentialsUnavailable},
 *       its message naming the exception type and message (so they must hold no secret), unless the
 *       application supplied newer credentials meanwhile, in which case the failure is ignored;</li>
 *   <li>{@link #current()} throwing at start: {@code Uploader.start} throws {@code InvalidUploadException}
 *       ({@code CredentialsUnavailable}).</li>
 * </ul>
 *
 * <p><b>Threading:</b> {@link #current()} may be called from any thread. The domain calls
 * {@link #refresh} from one thread at a time per upload (single flight: a second expiry while a refresh
 * is running waits for it), never from the callback thread; it may block (a network call, a child
 * process) and should honour interruption.
 */
public interface CredentialsProvider {

    /**
     * The credentials to sign with now.
     *
     * @return the credentials, not null
     */
    Credentials current();

    /**
     * Fresh credentials to replace {@code expired}, which the server has just rejected as expired.
     *
     * @param expired the credentials the server rejected
     * @return the new credentials, or empty when this provider cannot refresh (the upload then waits for
     *         the application to supply credentials, or fails after the configured wait)
     * @throws InterruptedException when interrupted while waiting
     */
    Optional<Credentials> refresh(Credentials expired) throws InterruptedException;

    /**
     * A provider that always gives {@code credentials} and cannot refresh.
     *
     * @param credentials the credentials
     * @return the provider
     */
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

    /**
     * A provider that gets its credentials from {@code source}: once for the first {@link #current()},
     * and again for each {@link #refresh}, single flight (however many uploads share the provider, a
     * refresh running makes the others wait and take its result; an expired value that was already
     * replaced is answered with the replacement without calling {@code source}).
     *
     * <p>Errors: an exception from {@code source} is rethrown as an {@link IllegalStateException} naming
     * its type (the upload fails with {@code CredentialsUnavailable}; at start, {@code Uploader.start}
     * throws); {@code null} from {@code source} is an {@link IllegalStateException} too. An
     * {@link InterruptedException} passes through. {@code source} is never called while another call of it
     * is running.
     *
     * <pre>{@code
     * CredentialsProvider provider = CredentialsProvider.refreshing(() -> appServer.fetchStsToken());
     * }</pre>
     *
     * @param source fetches fresh credentials; may block; must not return null
     * @return the provider, thread-safe
     */
    static CredentialsProvider refreshing(java.util.concurrent.Callable<Credentials> source) {
        return new RefreshingCredentials(source);
    }
}
