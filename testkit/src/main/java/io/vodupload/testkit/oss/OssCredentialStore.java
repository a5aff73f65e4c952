package io.vodupload.testkit.oss;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The credential sets a running {@link OssServer} accepts. Several may be valid at once (for example an
 * STS set about to expire and the refreshed one); a test adds new sets while uploads run and expires old
 * ones. An expired set is answered with 403 {@code SecurityTokenExpired}; a removed one with
 * {@code InvalidAccessKeyId}.
 *
 * <p>Thread-safe; changes apply to the next request that is authenticated.
 */
public final class OssCredentialStore {

    /** One accepted set and whether it has been expired by a test or a fault. */
    static final class Entry {
        final OssCredentials credentials;
        volatile boolean expired;

        Entry(OssCredentials credentials) {
            this.credentials = credentials;
        }
    }

    private final CopyOnWriteArrayList<Entry> entries = new CopyOnWriteArrayList<>();

    OssCredentialStore() {
    }

    /** Accepts {@code credentials} from now on (in addition to the sets already accepted). */
    public void add(OssCredentials credentials) {
        entries.add(new Entry(Objects.requireNonNull(credentials, "credentials")));
    }

    /** Stops accepting every set with this AccessKeyId; later requests get {@code InvalidAccessKeyId}. */
    public void remove(String accessKeyId) {
        entries.removeIf(e -> e.credentials.accessKeyId().equals(accessKeyId));
    }

    /**
     * Expires every set with this AccessKeyId: later requests signed with it get 403
     * {@code SecurityTokenExpired}.
     *
     * @return how many sets were expired
     */
    public int expire(String accessKeyId) {
        return expireWhere(c -> c.accessKeyId().equals(accessKeyId));
    }

    /** Expires every set that has an STS token; returns how many. */
    public int expireAllTokens() {
        return expireWhere(c -> c.securityToken().isPresent());
    }

    /** Whether some set with this AccessKeyId is accepted and not expired (ignoring any expiration instant). */
    public boolean isActive(String accessKeyId) {
        return entries.stream().anyMatch(e -> e.credentials.accessKeyId().equals(accessKeyId) && !e.expired);
    }

    private int expireWhere(Predicate<OssCredentials> which) {
        int n = 0;
        for (Entry e : entries) {
            if (which.test(e.credentials) && !e.expired) {
                e.expired = true;
                n++;
            }
        }
        return n;
    }

    List<Entry> find(String accessKeyId) {
        return entries.stream().filter(e -> e.credentials.accessKeyId().equals(accessKeyId)).toList();
    }

    @Override
    public String toString() {
        return "OssCredentialStore" + entries.stream().map(e -> e.credentials + (e.expired ? "(expired)" : "")).toList();
    }
}
