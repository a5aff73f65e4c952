package io.vodupload.adapters.oss;

import io.vodupload.ports.Credentials;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientCacheTest {

    private static final URI ENDPOINT = URI.create("http://127.0.0.1:9000");

    /** A client that knows whether it was closed. */
    static final class FakeClient {
        final ClientKey key;
        final int serial;
        boolean closed;

        FakeClient(ClientKey key, int serial) {
            this.key = key;
            this.serial = serial;
        }
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock = new MovableClock(Instant.parse("2024-01-01T00:00:00Z"));
    private final AtomicInteger created = new AtomicInteger();
    private final List<FakeClient> closedClients = new ArrayList<>();

    private ClientCache<FakeClient> cache(int max) {
        return new ClientCache<>(k -> new FakeClient(k, created.incrementAndGet()), c -> {
            c.closed = true;
            closedClients.add(c);
        }, clock, max);
    }

    private static ClientKey key(Credentials c) {
        return new ClientKey(c, ENDPOINT, ClientKey.Signature.V1, Optional.empty(), true);
    }

    private static Credentials sts(String ak, String token, Instant expiry) {
        return Credentials.sts(ak, "secret-" + ak, token, expiry);
    }

    @Test
    void acquire_sameCredentials_sameClient() {
        ClientCache<FakeClient> cache = cache(8);
        Credentials c = sts("STS.a", "t1", null);
        FakeClient first;
        try (var lease = cache.acquire(key(c))) {
            first = lease.client();
        }
        try (var lease = cache.acquire(key(Credentials.sts("STS.a", "secret-STS.a", "t1", Instant.MAX)))) {
            assertThat(lease.client()).isSameAs(first);
        }
        assertThat(created).hasValue(1);
    }

    @Test
    void acquire_otherTokenOrEndpointSettings_otherClient() {
        ClientCache<FakeClient> cache = cache(8);
        Credentials c1 = sts("STS.a", "t1", null);
        Credentials c2 = sts("STS.a", "t2", null);
        try (var a = cache.acquire(key(c1)); var b = cache.acquire(key(c2));
             var v4 = cache.acquire(new ClientKey(c1, ENDPOINT, ClientKey.Signature.V4, Optional.of("cn-hangzhou"),
                     true))) {
            assertThat(a.client()).isNotSameAs(b.client());
            assertThat(v4.client()).isNotSameAs(a.client()).isNotSameAs(b.client());
        }
        assertThat(created).hasValue(3);
    }

    @Test
    void acquire_credentialsPastExpiry_replacedClientClosed() {
        ClientCache<FakeClient> cache = cache(8);
        Credentials old = sts("STS.old", "t1", clock.instant().plusSeconds(60));
        FakeClient oldClient;
        try (var lease = cache.acquire(key(old))) {
            oldClient = lease.client();
        }
        clock.advance(Duration.ofSeconds(61));

        try (var lease = cache.acquire(key(sts("STS.new", "t2", clock.instant().plusSeconds(3600))))) {
            assertThat(lease.client()).isNotSameAs(oldClient);
        }

        assertThat(oldClient.closed).isTrue();
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void retire_clientInUseByAnotherCall_closedWhenLastCallEnds() {
        ClientCache<FakeClient> cache = cache(8);
        Credentials c = sts("STS.a", "t1", null);
        var inFlight = cache.acquire(key(c));
        var failing = cache.acquire(key(c));
        assertThat(failing.client()).isSameAs(inFlight.client());

        failing.retire();
        failing.close();
        assertThat(inFlight.client().closed).isFalse();

        try (var next = cache.acquire(key(c))) {
            assertThat(next.client()).isNotSameAs(inFlight.client());
        }
        inFlight.close();
        assertThat(inFlight.client().closed).isTrue();
        assertThat(closedClients).hasSize(1);
    }

    @Test
    void acquire_moreThanMax_leastRecentlyUsedClosed() {
        ClientCache<FakeClient> cache = cache(2);
        Credentials a = sts("STS.a", "ta", null);
        Credentials b = sts("STS.b", "tb", null);
        Credentials c = sts("STS.c", "tc", null);
        FakeClient clientA;
        FakeClient clientB;
        try (var la = cache.acquire(key(a))) {
            clientA = la.client();
        }
        try (var lb = cache.acquire(key(b))) {
            clientB = lb.client();
        }
        cache.acquire(key(a)).close(); // a is now the most recently used

        cache.acquire(key(c)).close();

        assertThat(clientB.closed).isTrue();
        assertThat(clientA.closed).isFalse();
        assertThat(cache.keys()).containsExactly(key(a), key(c));
    }

    @Test
    void close_closesEveryClientInUseOrNotAndRefusesLaterAcquires() {
        ClientCache<FakeClient> cache = cache(8);
        var held = cache.acquire(key(sts("STS.a", "ta", null)));
        cache.acquire(key(sts("STS.b", "tb", null))).close();

        cache.close();
        cache.close();

        assertThat(closedClients).hasSize(2);
        assertThat(held.client().closed).isTrue();
        held.close();
        assertThat(closedClients).hasSize(2);
        assertThatThrownBy(() -> cache.acquire(key(sts("STS.c", "tc", null))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void toString_showsNoSecretOrToken() {
        ClientCache<FakeClient> cache = cache(8);
        cache.acquire(key(sts("STS.a", "the-token", null))).close();

        assertThat(cache.toString()).contains("STS.a").doesNotContain("secret-STS.a").doesNotContain("the-token");
    }
}
