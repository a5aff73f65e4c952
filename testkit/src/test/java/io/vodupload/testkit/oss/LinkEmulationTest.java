package io.vodupload.testkit.oss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The link emulation: its flag form, the pacing arithmetic, and the server waiting through its sleeper. */
class LinkEmulationTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void parse_issueForms_giveLatencyAndBothCaps() {
        assertThat(LinkEmulation.parse("30ms,10MiB/s,40MiB/s"))
                .isEqualTo(new LinkEmulation(Duration.ofMillis(30), 10 * MIB, 40 * MIB));
        assertThat(LinkEmulation.parse(" 100ms, 2MiB/s, 12MiB/s "))
                .isEqualTo(new LinkEmulation(Duration.ofMillis(100), 2 * MIB, 12 * MIB));
        assertThat(LinkEmulation.parse("0ms,512KiB/s,1GiB/s").perConnectionBytesPerSecond()).isEqualTo(512 * 1024);
        assertThat(LinkEmulation.parse("none")).isEqualTo(LinkEmulation.NONE);
        assertThat(LinkEmulation.parse("30ms,10MiB/s,40MiB/s")).hasToString("30ms,10MiB/s,40MiB/s");
    }

    @Test
    void parse_otherForms_areRefusedNamingTheText() {
        assertThatThrownBy(() -> LinkEmulation.parse("30,10,40")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("30,10,40");
        assertThatThrownBy(() -> new LinkEmulation(Duration.ofMillis(-1), 0, 0))
                .hasMessageContaining("latency < 0");
    }

    @Test
    void pacer_bytesBeyondTheBurst_waitTheirTimeAtTheRate() {
        LinkEmulation.Pacer pacer = new LinkEmulation.Pacer(MIB); // 1 MiB/s: 1 µs ≈ 1 byte
        long now = 1_000_000_000L;

        long first = pacer.take((int) (MIB / 2), now);   // half a second of bytes, 50 ms of burst allowed
        long second = pacer.take((int) (MIB / 2), now);  // the next half second, queued behind it

        assertThat(first).isBetween(440_000_000L, 460_000_000L);
        assertThat(second).isBetween(940_000_000L, 960_000_000L);
        // idle for a long time: only the burst is saved up, not the whole quiet time
        assertThat(pacer.take((int) (MIB / 2), now + 60_000_000_000L)).isBetween(440_000_000L, 460_000_000L);
    }

    @Test
    void pace_twoConnectionsUnderTheTotalCap_shareItAndEachKeepsItsOwn() throws Exception {
        List<Duration> slept = new CopyOnWriteArrayList<>();
        AtomicLong clock = new AtomicLong(0);
        // each connection 1 MiB/s, both together 1 MiB/s: two connections take twice as long as one
        LinkEmulation.Link link = new LinkEmulation.Link(new LinkEmulation(Duration.ofMillis(30), MIB, MIB),
                d -> {
                    slept.add(d);
                    clock.addAndGet(d.toNanos()); // time passes as the reader waits
                }, clock::get);

        drain(link.pace(new ByteArrayInputStream(new byte[(int) MIB]), "a"));
        long alone = total(slept);
        slept.clear();
        drain(link.pace(new ByteArrayInputStream(new byte[(int) MIB]), "b"));
        long second = total(slept);
        link.requestArrived();

        assertThat(alone).isBetween(900_000_000L, 1_000_000_000L);
        assertThat(second).as("the total cap is shared: b waits behind a's bytes").isGreaterThan(alone);
        assertThat(slept.get(slept.size() - 1)).isEqualTo(Duration.ofMillis(30));
    }

    @Test
    void server_withALink_waitsTheLatencyPerRequestAndPacesTheBody() throws Exception {
        List<Duration> slept = new CopyOnWriteArrayList<>();
        try (OssServer server = OssServer.builder().bucket("media").credentials(OssCredentials.of("ak", "sk"))
                .link(LinkEmulation.parse("25ms,1MiB/s,0MiB/s")).sleeper(slept::add).start()) {
            RawOssClient client = new RawOssClient(server, "media");

            HttpResponse<byte[]> put = client.put("k", new byte[(int) (2 * MIB)]);

            assertThat(put.statusCode()).isEqualTo(200);
            assertThat(server.link()).hasToString("25ms,1MiB/s,unlimited/s");
            assertThat(slept).contains(Duration.ofMillis(25));
            // the sleeper does not really wait, so each wait is counted from the start: the last one is the
            // time the 2 MiB take on the link (less the 50 ms of burst and the little real time that passed)
            long last = slept.stream().mapToLong(Duration::toNanos).max().orElseThrow();
            assertThat(last).isBetween(1_500_000_000L, 2_000_000_000L);
        }
    }

    @Test
    void server_withoutALink_neverWaits() throws Exception {
        List<Duration> slept = new CopyOnWriteArrayList<>();
        try (OssServer server = OssServer.builder().bucket("media").credentials(OssCredentials.of("ak", "sk"))
                .sleeper(slept::add).start()) {
            assertThat(new RawOssClient(server, "media").put("k", new byte[(int) MIB]).statusCode()).isEqualTo(200);
            assertThat(slept).isEmpty();
            assertThat(server.link().isNone()).isTrue();
        }
    }

    private static void drain(InputStream in) throws Exception {
        byte[] buffer = new byte[100_000];
        while (in.read(buffer) >= 0) {
            // read it all
        }
    }

    private static long total(List<Duration> durations) {
        return durations.stream().mapToLong(Duration::toNanos).sum();
    }
}
