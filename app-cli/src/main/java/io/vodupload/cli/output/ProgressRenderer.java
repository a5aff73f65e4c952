package io.vodupload.cli.output;

import io.vodupload.cli.options.ByteSize;
import io.vodupload.ports.UploadCallback;
import io.vodupload.ports.UploadResult;
import io.vodupload.ports.UploadStarted;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Shows an upload's progress to a person on stderr. On a terminal ({@link Style#BAR}) one line redrawn in
 * place: percent, a bar, bytes, throughput, ETA, and a note while a retry episode or a token refresh is
 * going on. Without a terminal ({@link Style#LINES}) a plain line every {@value #LINE_INTERVAL_SECONDS}
 * seconds, plus one line for each retry, retry-resume and token expiry, so logs stay readable.
 *
 * <p>After the last byte the upload is not done: storage completes it and its CRC-64 is checked, which takes
 * seconds on large files. From then on the bar shows that phase with the time it has taken instead of a
 * throughput and an ETA of 0:00, and {@link #tick()} (called about once a second by the command) keeps that
 * time moving while no callback comes; without a terminal, one line says the phase began and another comes
 * every few seconds while it lasts.
 *
 * <p>Time comes from the injected {@link Clock}. Callbacks of one upload arrive on one thread; methods are
 * synchronized anyway because the command may report an interrupt from another thread.
 */
public final class ProgressRenderer implements UploadCallback {

    /** How progress is shown. */
    public enum Style {
        /** A bar redrawn in place with carriage returns (stderr is a terminal). */
        BAR,
        /** Plain lines every few seconds (stderr is a file or a pipe). */
        LINES
    }

    static final long LINE_INTERVAL_SECONDS = 5;
    /** The phase after the last byte, as the bar and the lines name it. */
    static final String COMPLETING = "completing, verifying CRC-64";
    private static final long BAR_REDRAW_MILLIS = 100;
    private static final Duration RATE_WINDOW = Duration.ofSeconds(5);

    private final PrintStream err;
    private final Clock clock;
    private final Style style;
    private final int width;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private String name = "";
    private Instant lastDraw;
    private long uploaded;
    private long total;
    private String note = "";
    private boolean barShown;
    private final String destination;
    private Instant allSentAt; // when the last byte went out: the completing phase began
    private String source; // shown in place of the started event's file (a stream's URL)

    private record Sample(Instant at, long uploaded) {
    }

    /**
     * @param err   stderr
     * @param clock the time source for throughput, ETA and throttling
     * @param style bar or lines
     * @param width the terminal's width in columns (the bar fits in it)
     */
    public ProgressRenderer(PrintStream err, Clock clock, Style style, int width) {
        this(err, clock, style, width, Optional.empty());
    }

    /**
     * @param destination how to name where the file goes in the first line (the local store's file path);
     *                    empty for the target's {@code oss://bucket/key}
     */
    public ProgressRenderer(PrintStream err, Clock clock, Style style, int width, Optional<String> destination) {
        this.err = Objects.requireNonNull(err, "err");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.style = Objects.requireNonNull(style, "style");
        this.width = Math.max(40, width);
        this.destination = Objects.requireNonNull(destination, "destination").orElse(null);
    }

    /**
     * Names the source in the first line instead of the started event's file: a URL, redacted.
     *
     * @param shown the source as messages show it
     * @return this renderer
     */
    public synchronized ProgressRenderer source(String shown) {
        this.source = Objects.requireNonNull(shown, "shown");
        return this;
    }

    @Override
    public synchronized void onUploadStarted(UploadStarted s) {
        name = HumanText.escape(s.file().getFileName() == null ? s.file().toString()
                : s.file().getFileName().toString());
        total = s.size();
        String file = source != null ? source : s.file().toString();
        StringBuilder line = new StringBuilder("vodupload: uploading ").append(HumanText.escape(file)).append(" (")
                .append(s.size() < 0 ? "length unknown" : ByteSize.format(s.size())).append(") to ")
                .append(HumanText.escape(destination != null ? destination : s.target().displayName()));
        if (s.partCount() > 1) {
            line.append(" in ").append(s.partCount()).append(" parts of ").append(ByteSize.format(s.partSize()));
        }
        if (s.partSizeAdjusted()) {
            line.append(" (part size raised to stay within 10,000 parts)");
        }
        if (s.resumed()) {
            line.append("; resuming, ").append(s.partsAlreadyDone()).append(" part")
                    .append(s.partsAlreadyDone() == 1 ? "" : "s").append(" already done");
        }
        println(line.toString());
        if (style == Style.LINES) {
            lastDraw = clock.instant(); // the first progress line comes a few seconds after this one
        }
    }

    @Override
    public synchronized void onUploadProgress(long uploadedSize, long totalSize) {
        Instant now = clock.instant();
        uploaded = uploadedSize;
        total = totalSize;
        samples.addLast(new Sample(now, uploadedSize));
        while (samples.size() > 2 && samples.peekFirst().at().isBefore(now.minus(RATE_WINDOW))) {
            samples.removeFirst();
        }
        if (note.startsWith("token")) {
            note = "";
        }
        boolean allSent = totalSize >= 0 && uploadedSize == totalSize && allSentAt == null;
        if (allSent) {
            allSentAt = now;
        }
        if (style == Style.BAR) {
            if (lastDraw == null || uploadedSize == totalSize
                    || Duration.between(lastDraw, now).toMillis() >= BAR_REDRAW_MILLIS) {
                drawBar(now);
            }
        } else if (allSent || lastDraw == null
                || Duration.between(lastDraw, now).getSeconds() >= LINE_INTERVAL_SECONDS) {
            lastDraw = now;
            err.println("vodupload: " + status());
            err.flush();
        }
    }

    /**
     * Called about once a second while the upload runs: keeps the completing phase's time moving on the bar
     * (and, without a terminal, writes its line every few seconds), when no callback comes to redraw it.
     */
    public synchronized void tick() {
        if (allSentAt == null) {
            return;
        }
        Instant now = clock.instant();
        if (style == Style.BAR) {
            if (barShown) {
                drawBar(now);
            }
        } else if (Duration.between(lastDraw, now).getSeconds() >= LINE_INTERVAL_SECONDS) {
            lastDraw = now;
            err.println("vodupload: " + status());
            err.flush();
        }
    }

    /** Whether every byte has been sent and the upload is completing (storage assembles it, CRC-64 checked). */
    public synchronized boolean completing() {
        return allSentAt != null;
    }

    /** Writes one line of its own (above the bar, which is redrawn after it). */
    public synchronized void message(String line) {
        println(line);
    }

    @Override
    public synchronized void onUploadRetry(String code, String message) {
        note = "retrying (" + code + ")";
        if (style == Style.BAR) {
            drawBar(clock.instant());
        } else {
            err.println("vodupload: retrying after " + code + ": " + HumanText.escape(message));
        }
    }

    @Override
    public synchronized void onUploadRetryResume() {
        note = "";
        if (style == Style.BAR) {
            drawBar(clock.instant());
        } else {
            err.println("vodupload: moving again after the retry");
        }
    }

    @Override
    public synchronized void onUploadTokenExpired() {
        note = "token expired, refreshing";
        if (style == Style.BAR) {
            drawBar(clock.instant());
        } else {
            err.println("vodupload: upload token expired; refreshing credentials");
        }
    }

    @Override
    public synchronized void onUploadSuccess(UploadResult result) {
        note = "";
        allSentAt = null;
        finish();
    }

    @Override
    public synchronized void onUploadFailed(String code, String message) {
        finish();
    }

    /** Ends the bar line, if one is shown, so that what follows starts on a fresh line. */
    public synchronized void finish() {
        if (barShown) {
            drawBar(clock.instant());
            err.println();
            err.flush();
            barShown = false;
        }
    }

    private void println(String line) {
        if (barShown) {
            err.print("\r\033[K");
        }
        err.println(line);
        err.flush();
        if (barShown) {
            drawBar(clock.instant());
        }
    }

    private void drawBar(Instant now) {
        lastDraw = now;
        String status = status();
        int pct = percent();
        // a fixed width (room for the longest status) so the bar does not jump as the numbers change
        int barWidth = Math.max(10, Math.min(30, width - name.length() - 70));
        int filled = (int) ((long) barWidth * pct / 100);
        StringBuilder bar = new StringBuilder(width);
        bar.append('\r').append(name).append(' ')
                .append('[').append("#".repeat(filled)).append("-".repeat(barWidth - filled)).append("] ")
                .append(status);
        err.print(bar);
        err.print("\033[K");
        err.flush();
        barShown = true;
    }

    private int percent() {
        if (total < 0) {
            return 0; // a stream of unknown length: the bar stays empty, the bytes and the rate tell
        }
        return total == 0 ? 100 : (int) Math.min(100, uploaded * 100 / total);
    }

    /**
     * {@code 42%  12.3 MiB / 29.1 MiB  3.4 MiB/s  ETA 0:05  retrying (RequestTimeout)}; after the last byte
     * {@code 100%  29.1 MiB / 29.1 MiB  completing, verifying CRC-64 0:04}; a stream of unknown length
     * {@code 12.0 MiB sent  3.4 MiB/s}.
     */
    String status() {
        StringBuilder s = new StringBuilder();
        if (total < 0) {
            s.append(ByteSize.format(uploaded)).append(" sent"); // a stream of unknown length
        } else {
            s.append(String.format(Locale.ROOT, "%3d%%  %s / %s", percent(), ByteSize.format(uploaded),
                    ByteSize.format(total)));
        }
        double rate = bytesPerSecond();
        if (allSentAt != null) {
            s.append("  ").append(COMPLETING).append(' ')
                    .append(formatDuration(Duration.between(allSentAt, clock.instant()).getSeconds()));
        } else if (rate > 0) {
            s.append("  ").append(ByteSize.format((long) rate)).append("/s");
            if (total >= 0) {
                long remaining = Math.max(0, total - uploaded);
                s.append("  ETA ").append(formatDuration((long) Math.ceil(remaining / rate)));
            }
        }
        if (!note.isEmpty()) {
            s.append("  ").append(note);
        }
        return s.toString();
    }

    private double bytesPerSecond() {
        if (samples.size() < 2) {
            return 0;
        }
        Sample first = samples.peekFirst();
        Sample last = samples.peekLast();
        long millis = Duration.between(first.at(), last.at()).toMillis();
        return millis <= 0 ? 0 : (last.uploaded() - first.uploaded()) * 1000.0 / millis;
    }

    static String formatDuration(long seconds) {
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
                : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
