package io.vodupload.testkit.oss;

import io.vodupload.ports.Sleeper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A network link between the clients and an {@link OssServer}, emulated in the server: a latency added to
 * every request, and caps on the rate at which request bodies are read, per connection and for all
 * connections together. Upload-side only (request bodies); answers are small and go out unthrottled.
 *
 * <pre>{@code
 * OssServer.builder().bucket("media").link(LinkEmulation.parse("30ms,10MiB/s,40MiB/s")).start();
 * }</pre>
 *
 * <p>The caps pace reads: a connection may read its next chunk once both its own budget and the link's
 * allow it, so a client sees the throughput of a link of that rate (TCP's buffers in between let it
 * hand over a little ahead, as on a real link). The latency is waited once per request, before it is
 * handled: a round trip a real client pays per request.
 *
 * @param latency              added to every request; zero for none
 * @param perConnectionBytesPerSecond the cap of one connection, or 0 for none
 * @param totalBytesPerSecond  the cap of all connections together, or 0 for none
 */
public record LinkEmulation(Duration latency, long perConnectionBytesPerSecond, long totalBytesPerSecond) {

    /** No latency and no caps: plain loopback. */
    public static final LinkEmulation NONE = new LinkEmulation(Duration.ZERO, 0, 0);

    private static final Pattern FORM = Pattern.compile(
            "\\s*(\\d+)\\s*ms\\s*,\\s*(\\d+(?:\\.\\d+)?)\\s*([KMG]iB)/s\\s*,\\s*(\\d+(?:\\.\\d+)?)\\s*([KMG]iB)/s\\s*");

    /** Checks the values: none negative. */
    public LinkEmulation {
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency < 0: " + latency);
        }
        if (perConnectionBytesPerSecond < 0 || totalBytesPerSecond < 0) {
            throw new IllegalArgumentException("a rate < 0: " + perConnectionBytesPerSecond + ", " + totalBytesPerSecond);
        }
    }

    /**
     * Parses {@code "<latency>ms,<per connection>,<total>"} with rates in KiB/s, MiB/s or GiB/s, for
     * example {@code "100ms,2MiB/s,12MiB/s"}; {@code "none"} is {@link #NONE}.
     *
     * @throws IllegalArgumentException for any other form, naming it
     */
    public static LinkEmulation parse(String text) {
        if (text.trim().equalsIgnoreCase("none")) {
            return NONE;
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a link like 30ms,10MiB/s,40MiB/s: " + text);
        }
        return new LinkEmulation(Duration.ofMillis(Long.parseLong(m.group(1))), rate(m.group(2), m.group(3)),
                rate(m.group(4), m.group(5)));
    }

    private static long rate(String number, String unit) {
        long scale = switch (unit) {
            case "KiB" -> 1024L;
            case "MiB" -> 1024L * 1024;
            default -> 1024L * 1024 * 1024;
        };
        return Math.round(Double.parseDouble(number) * scale);
    }

    /** Whether this adds nothing. */
    public boolean isNone() {
        return latency.isZero() && perConnectionBytesPerSecond == 0 && totalBytesPerSecond == 0;
    }

    @Override
    public String toString() {
        if (isNone()) {
            return "none";
        }
        return String.format(Locale.ROOT, "%dms,%s/s,%s/s", latency.toMillis(), human(perConnectionBytesPerSecond),
                human(totalBytesPerSecond));
    }

    private static String human(long rate) {
        if (rate == 0) {
            return "unlimited";
        }
        double mib = rate / (1024.0 * 1024);
        return mib == Math.rint(mib) ? (long) mib + "MiB" : String.format(Locale.ROOT, "%.0fKiB", rate / 1024.0);
    }

    /** The running link of one server: the shared budget and one per connection. Thread-safe. */
    static final class Link {
        private final LinkEmulation spec;
        private final Sleeper sleeper;
        private final LongSupplier nanoTime;
        private final Pacer total;
        private final Map<Object, Pacer> connections = new ConcurrentHashMap<>();

        Link(LinkEmulation spec, Sleeper sleeper, LongSupplier nanoTime) {
            this.spec = spec;
            this.sleeper = sleeper;
            this.nanoTime = nanoTime;
            this.total = spec.totalBytesPerSecond() > 0 ? new Pacer(spec.totalBytesPerSecond()) : null;
        }

        /** Waits the request's latency. */
        void requestArrived() throws InterruptedException {
            if (!spec.latency().isZero()) {
                sleeper.sleep(spec.latency());
            }
        }

        /** {@code body} read at the link's pace; {@code connection} names the connection (its remote address). */
        InputStream pace(InputStream body, Object connection) {
            Pacer own = spec.perConnectionBytesPerSecond() > 0
                    ? connections.computeIfAbsent(connection, c -> new Pacer(spec.perConnectionBytesPerSecond()))
                    : null;
            if (own == null && total == null) {
                return body;
            }
            return new FilterInputStream(body) {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    // at most 64 KiB at a time, so a budget is spent in small steps
                    int n = super.read(b, off, Math.min(len, 64 * 1024));
                    if (n > 0) {
                        long wait = 0;
                        long now = nanoTime.getAsLong();
                        if (own != null) {
                            wait = Math.max(wait, own.take(n, now));
                        }
                        if (total != null) {
                            wait = Math.max(wait, total.take(n, now));
                        }
                        if (wait > 0) {
                            try {
                                sleeper.sleep(Duration.ofNanos(wait));
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new InterruptedIOException("interrupted while pacing the link");
                            }
                        }
                    }
                    return n;
                }
            };
        }
    }

    /**
     * One budget: bytes are let through at {@code rate} per second. {@link #take} books {@code n} bytes and
     * says how long the reader must wait until they would have arrived on such a link.
     */
    static final class Pacer {
        /** How far a quiet budget may run ahead: a burst of 50 ms at the rate. */
        private static final long BURST_NANOS = 50_000_000L;
        private final double nanosPerByte;
        private long free = Long.MIN_VALUE;

        Pacer(long bytesPerSecond) {
            this.nanosPerByte = 1e9 / bytesPerSecond;
        }

        synchronized long take(int n, long now) {
            long start = free == Long.MIN_VALUE ? now - BURST_NANOS : Math.max(free, now - BURST_NANOS);
            free = start + (long) (n * nanosPerByte);
            return Math.max(0, free - now);
        }
    }
}
