package io.vodupload.cli.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vodupload.batch.BatchFile;
import io.vodupload.batch.BatchListener;
import io.vodupload.batch.FileOutcome;
import io.vodupload.batch.FileTask;
import io.vodupload.cli.Exit;
import io.vodupload.cli.options.ByteSize;
import io.vodupload.cli.output.FailureText;
import io.vodupload.cli.output.HumanText;
import io.vodupload.cli.output.JsonEventWriter;
import io.vodupload.cli.upload.FileUpload;
import io.vodupload.ports.UploadCallback;
import io.vodupload.ports.UploadResult;
import io.vodupload.ports.UploadStarted;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a batch tells the person or the script that runs it, and its exit code.
 *
 * <ul>
 *   <li>{@code --json}: {@code batchStarted} first; each file's events as for one file, each carrying
 *       {@code "file"} and {@code "key"}, and exactly one terminal event per file ({@code success},
 *       {@code failed} or {@code skipped}); {@code batchFinished} last, also when interrupted.</li>
 *   <li>A terminal on stderr: one overall bar (files done/total, bytes, MiB/s, ETA) and a line per file in
 *       flight, redrawn in place.</li>
 *   <li>Otherwise: a line per finished file on stdout and, on stderr, a progress line at most every
 *       {@value #LINE_INTERVAL_SECONDS} s.</li>
 * </ul>
 * An HLS package ({@link #addPackage}) is one file of the report: its referenced files end as {@code segment}
 * events (detail, counted for the package only), and its playlist's terminal event, carrying
 * {@code "segments"}, is the package's; a lone package ({@code upload playlist.m3u8}) writes no batch events
 * and no summary.
 * A summary on stdout says what was uploaded, skipped (and why) and failed (naming each file). Exit code:
 * 130 when interrupted, else 3 when a file failed for its credentials, else 1 when a file failed, else 0.
 *
 * <p>Thread-safe: the batch's worker threads and the uploads' callback threads call it.
 */
final class BatchReport implements BatchListener {

    static final long LINE_INTERVAL_SECONDS = 5;
    private static final long BAR_REDRAW_MILLIS = 200;
    private static final Duration RATE_WINDOW = Duration.ofSeconds(5);

    /** How progress is shown. */
    enum Style { JSON, BAR, LINES, QUIET }

    private final PrintStream out;
    private final PrintStream err;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Style style;
    private final int width;
    private final Instant start;
    private final JsonEventWriter batchJson;
    private final boolean worker;
    /** A lone HLS package ({@code upload playlist.m3u8}): no batch events, no batch summary. */
    private final boolean lonePackage;

    /** The HLS packages of the batch, by their playlist's key. */
    private final Map<String, Unit> packages = new java.util.HashMap<>();
    /** The packages each package file belongs to, by the file's key. */
    private final Map<String, List<Unit>> memberOf = new java.util.HashMap<>();

    private final Map<String, JsonEventWriter> writers = new ConcurrentHashMap<>();
    private final Map<String, FileUpload.Outcome> outcomes = new ConcurrentHashMap<>();
    private final Map<String, Active> active = new LinkedHashMap<>();
    private final Set<String> terminal = ConcurrentHashMap.newKeySet();
    private final Map<String, BatchFile> files = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final Deque<long[]> samples = new ArrayDeque<>();
    private int succeeded;
    private int failed;
    private int skipped;
    private int skippedAtSubmit;
    private long bytesSucceeded;
    private long bytesFinished;
    private long totalBytes;
    private int totalFiles;
    private boolean credentialsFailed;
    private int shownLines;
    private Instant lastDraw;
    private Instant lastLine;

    private static final class Active {
        final String name;
        long uploaded;
        long total;

        Active(String name, long total) {
            this.name = name;
            this.total = total;
        }
    }

    /** One HLS package: its playlist's batch file, its files' keys, and how they ended. */
    private static final class Unit {
        final BatchFile playlist;
        final Set<String> members;
        final long bytes;
        final Set<String> done = new java.util.HashSet<>();
        final List<String> failures = new ArrayList<>();

        Unit(BatchFile playlist, List<BatchFile> members) {
            this.playlist = playlist;
            this.members = new java.util.LinkedHashSet<>(members.stream().map(BatchFile::key).toList());
            this.bytes = playlist.length() + members.stream().mapToLong(BatchFile::length).sum();
        }
    }

    /**
     * @param worker a worker's report: no overall progress (it does not know the total), a line per file
     */
    BatchReport(PrintStream out, PrintStream err, ObjectMapper mapper, Clock clock, Style style, int width,
                boolean worker) {
        this(out, err, mapper, clock, style, width, worker, false);
    }

    /**
     * @param lonePackage a lone HLS package's report: its one terminal event, with no batch events or summary
     */
    BatchReport(PrintStream out, PrintStream err, ObjectMapper mapper, Clock clock, Style style, int width,
                boolean worker, boolean lonePackage) {
        this.lonePackage = lonePackage;
        this.worker = worker;
        this.out = out;
        this.err = err;
        this.mapper = mapper;
        this.clock = clock;
        this.style = style;
        this.width = Math.max(40, width);
        this.start = clock.instant();
        this.lastLine = start;
        this.batchJson = new JsonEventWriter(out, mapper, clock, Optional.empty());
    }

    /** The batch begins: its files (selected, with those already uploaded) and their total size. */
    synchronized void started(List<BatchFile> all) {
        all.stream().filter(f -> !memberOf.containsKey(f.key())).forEach(f -> files.put(f.source(), f));
        totalFiles = files.size();
        totalBytes = all.stream().mapToLong(BatchFile::length).sum();
        if (style == Style.JSON && !lonePackage) {
            batchJson.batchStarted(totalFiles, totalBytes);
        }
    }

    /**
     * An HLS package of the batch, told before {@link #started}: its files are reported as {@code segment}
     * detail, and its playlist's terminal event is the package's, carrying {@code "segments"}.
     *
     * @param playlist the playlist's batch file
     * @param members  the files it references, with their keys
     */
    synchronized void addPackage(BatchFile playlist, List<BatchFile> members) {
        Unit unit = new Unit(playlist, members);
        packages.put(playlist.key(), unit);
        for (BatchFile m : members) {
            memberOf.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(unit);
        }
    }

    /** Whether every file of the package whose playlist is {@code playlist} is stored, so it may follow. */
    synchronized boolean packageComplete(BatchFile playlist) {
        Unit unit = packages.get(playlist.key());
        return unit.failures.isEmpty() && unit.done.containsAll(unit.members);
    }

    /**
     * The package whose playlist is {@code playlist} ends failed, its playlist not uploaded: some of its files
     * failed (each named), or did not end.
     */
    synchronized void packageFailed(BatchFile playlist) {
        Unit unit = packages.get(playlist.key());
        if (!terminal.add(playlist.source())) {
            return;
        }
        failed++;
        bytesFinished += playlist.length();
        List<String> why = new ArrayList<>(unit.failures);
        unit.members.stream().filter(k -> !unit.done.contains(k) && unit.failures.stream().noneMatch(f -> f.startsWith(k + ": ")))
                .forEach(k -> why.add(k + ": did not finish"));
        int bad = why.size();
        String message = bad + " of " + unit.members.size() + " files of the package failed, so its playlist was"
                + " not uploaded: " + String.join("; ", why.subList(0, Math.min(bad, FileSelector.LISTED)))
                + (bad > FileSelector.LISTED ? "; and " + (bad - FileSelector.LISTED) + " more" : "")
                + "; run the same command again to retry them";
        failures.add(HumanText.escape(playlist.source()) + " (key " + HumanText.escape(playlist.key()) + "): "
                + PACKAGE_INCOMPLETE + ": " + HumanText.escape(message));
        if (style == Style.JSON) {
            new JsonEventWriter(out, mapper, clock, Optional.empty()).forFile(playlist.source(), playlist.key())
                    .forPackage(unit.members.size()).failed(PACKAGE_INCOMPLETE, message);
        }
        message(err, "vodupload: upload failed: " + HumanText.escape(playlist.source()) + ": " + PACKAGE_INCOMPLETE
                + ": " + HumanText.escape(message));
    }

    /** The code of a package whose files did not all upload. */
    static final String PACKAGE_INCOMPLETE = "PackageIncomplete";

    /** A package file ended: counted for its packages, and told as a {@code segment} event. */
    private void memberFinished(FileTask task, FileOutcome outcome, FileUpload.Outcome mine, List<Unit> units) {
        String key = task.file().key();
        String status;
        Optional<String> code = Optional.empty();
        Optional<String> text = Optional.empty();
        bytesFinished += task.file().length();
        if (outcome instanceof FileOutcome.Succeeded) {
            status = mine instanceof FileUpload.Outcome.Uploaded ? "uploaded" : "skipped";
            bytesSucceeded += ((FileOutcome.Succeeded) outcome).bytes();
            units.forEach(u -> u.done.add(key));
        } else {
            FileOutcome.Failed f = (FileOutcome.Failed) outcome;
            status = "failed";
            code = Optional.of(f.code());
            text = Optional.of(f.message());
            if (mine instanceof FileUpload.Outcome.Failed
                    && ((FileUpload.Outcome.Failed) mine).exit() == Exit.CREDENTIALS_EXPIRED) {
                credentialsFailed = true;
            }
            units.forEach(u -> u.failures.add(key + ": " + f.code() + ": " + f.message()));
        }
        if (style == Style.JSON) {
            writer(task).segment(units.get(0).playlist.key(), status, code, text);
        }
        writers.remove(task.file().source());
    }

    /** A file this batch uploaded earlier and that did not change: skipped, nothing sent. */
    synchronized void skippedAtSubmit(BatchFile f) {
        skippedAtSubmit++;
        List<Unit> units = memberOf.get(f.key());
        if (units != null) {
            bytesFinished += f.length();
            units.forEach(u -> u.done.add(f.key()));
            if (style == Style.JSON) {
                new JsonEventWriter(out, mapper, clock, Optional.empty()).forFile(f.source(), f.key())
                        .segment(units.get(0).playlist.key(), "skipped", Optional.empty(), Optional.empty());
            }
            return;
        }
        skip(f.source(), f.key(), "already uploaded");
    }

    /** The callback of one file's upload: its events, with {@code "file"} and {@code "key"}. */
    UploadCallback callback(FileTask task) {
        String source = task.file().source();
        String key = task.file().key();
        Optional<JsonEventWriter> json = style == Style.JSON ? Optional.of(writer(task)) : Optional.empty();
        // a package's files and its playlist: their start and progress feed the bar; the events are the package's
        boolean member = isMember(key) || packageOf(key) != null;
        return new UploadCallback() {
            @Override
            public void onUploadStarted(UploadStarted info) {
                if (!member) {
                    json.ifPresent(j -> j.onUploadStarted(info));
                }
                begin(source, info.size());
            }

            @Override
            public void onUploadProgress(long uploaded, long total) {
                if (!member) {
                    json.ifPresent(j -> j.onUploadProgress(uploaded, total));
                }
                progress(source, uploaded, total);
            }

            @Override
            public void onUploadRetry(String code, String message) {
                json.ifPresent(j -> j.onUploadRetry(code, message));
            }

            @Override
            public void onUploadRetryResume() {
                json.ifPresent(JsonEventWriter::onUploadRetryResume);
            }

            @Override
            public void onUploadTokenExpired() {
                json.ifPresent(JsonEventWriter::onUploadTokenExpired);
            }
        };
    }

    /** How the upload of a file ended, for the terminal event that {@link #fileFinished} writes. */
    void outcome(FileTask task, FileUpload.Outcome outcome) {
        outcomes.put(task.file().source(), outcome);
    }

    @Override
    public void fileFinished(FileTask task, FileOutcome outcome, boolean last) {
        String source = task.file().source();
        String key = task.file().key();
        FileUpload.Outcome mine = outcomes.remove(source);
        synchronized (this) {
            active.remove(source);
            if (!last && outcome instanceof FileOutcome.Failed) {
                FileOutcome.Failed f = (FileOutcome.Failed) outcome;
                if (style == Style.JSON) {
                    writer(task).onUploadRetry(f.code(), f.message());
                } else if (style != Style.QUIET) {
                    message(err, "vodupload: " + HumanText.escape(source) + ": " + f.code() + "; trying again");
                }
                return;
            }
            List<Unit> units = memberOf.get(key);
            if (units != null) {
                memberFinished(task, outcome, mine, units);
                redraw(false);
                return;
            }
            // a batch's file ends once per run; a worker may take the same file again (retry-failed, a new batch)
            if (!terminal.add(source) && !worker) {
                return;
            }
            Unit unit = packages.get(key);
            bytesFinished += task.file().length();
            if (mine instanceof FileUpload.Outcome.Skipped) {
                skipped++;
                if (style == Style.JSON) {
                    writer(task).skipped(Path.of(source), key, ((FileUpload.Outcome.Skipped) mine).reason());
                } else if (style != Style.QUIET) {
                    message(out, "skipped " + HumanText.escape(source) + ": "
                            + ((FileUpload.Outcome.Skipped) mine).reason());
                }
            } else if (outcome instanceof FileOutcome.Succeeded) {
                succeeded++;
                long bytes = ((FileOutcome.Succeeded) outcome).bytes();
                bytesSucceeded += bytes;
                Optional<FileUpload.Outcome.Uploaded> uploaded = mine instanceof FileUpload.Outcome.Uploaded
                        ? Optional.of((FileUpload.Outcome.Uploaded) mine) : Optional.empty();
                Optional<UploadResult> result = uploaded.map(FileUpload.Outcome.Uploaded::result);
                if (style == Style.JSON) {
                    JsonEventWriter w = writer(task);
                    w.videoId(outcome.videoId());
                    if (result.isPresent()) {
                        w.onUploadSuccess(result.get());
                    } else {
                        w.skipped(Path.of(source), key, "already uploaded");
                    }
                } else if (style != Style.QUIET && unit != null) {
                    message(out, "uploaded " + HumanText.escape(source) + " (HLS package: the playlist and "
                            + unit.members.size() + " files, " + ByteSize.format(unit.bytes) + ") to "
                            + HumanText.escape(uploaded.map(FileUpload.Outcome.Uploaded::where).orElse(key))
                            + outcome.videoId().map(id -> ", VideoId " + id).orElse(""));
                } else if (style != Style.QUIET) {
                    message(out, "uploaded " + HumanText.escape(source) + " (" + ByteSize.format(bytes) + ") to "
                            + HumanText.escape(uploaded.map(FileUpload.Outcome.Uploaded::where).orElse(key))
                            + outcome.videoId().map(id -> ", VideoId " + id).orElse(""));
                }
            } else {
                FileOutcome.Failed f = (FileOutcome.Failed) outcome;
                failed++;
                if (mine instanceof FileUpload.Outcome.Failed
                        && ((FileUpload.Outcome.Failed) mine).exit() == Exit.CREDENTIALS_EXPIRED) {
                    credentialsFailed = true;
                }
                failures.add(HumanText.escape(source) + " (key " + HumanText.escape(key) + "): " + f.code() + ": "
                        + HumanText.escape(f.message()));
                if (style == Style.JSON) {
                    writer(task).failed(f.code(), f.message());
                }
                message(err, "vodupload: upload failed: " + HumanText.escape(source) + ": "
                        + HumanText.escape(FailureText.describe(f.code(), f.message(), "the storage")));
            }
            if (worker) {
                terminal.remove(source);
                writers.remove(source); // a worker that follows the queue runs for days
            }
            redraw(false);
        }
    }

    private JsonEventWriter writer(FileTask task) {
        Unit unit = packageOf(task.file().key()); // before the map's lock: never the map's lock, then this one
        return writers.computeIfAbsent(task.file().source(), s -> {
            JsonEventWriter w = new JsonEventWriter(out, mapper, clock, task.videoId()).forFile(s, task.file().key());
            return unit == null ? w : w.forPackage(unit.members.size());
        });
    }

    private synchronized boolean isMember(String key) {
        return memberOf.containsKey(key);
    }

    private synchronized Unit packageOf(String playlistKey) {
        return packages.get(playlistKey);
    }

    private void skip(String source, String key, String reason) {
        if (!terminal.add(source)) {
            return;
        }
        skipped++;
        BatchFile f = files.get(source);
        bytesFinished += f == null ? 0 : f.length();
        if (style == Style.JSON) {
            batchJson.skipped(Path.of(source), key, reason);
        } else if (style != Style.QUIET) {
            message(out, "skipped " + HumanText.escape(source) + ": " + reason);
        }
    }

    private synchronized void begin(String source, long size) {
        active.put(source, new Active(Path.of(source).getFileName().toString(), size));
        redraw(false);
    }

    private synchronized void progress(String source, long uploaded, long total) {
        Active a = active.get(source);
        if (a != null) {
            a.uploaded = uploaded;
            a.total = total;
        }
        redraw(false);
    }

    /** Called about once a second: keeps the bar's rate and ETA moving, and writes the periodic line. */
    synchronized void tick() {
        redraw(true);
    }

    /**
     * The batch ended (or was interrupted): the files without a terminal event get one ({@code failed},
     * {@code Interrupted}), then {@code batchFinished} and the summary.
     *
     * @param selectionSkipped the files the selection left out, by reason
     * @return the exit code
     */
    synchronized int finished(String batchId, boolean interrupted, Map<String, Integer> selectionSkipped) {
        clear();
        if (interrupted) {
            for (BatchFile f : files.values()) {
                if (terminal.add(f.source())) {
                    failed++;
                    if (style == Style.JSON) {
                        JsonEventWriter w = new JsonEventWriter(out, mapper, clock, Optional.empty())
                                .forFile(f.source(), f.key());
                        Unit unit = packages.get(f.key());
                        (unit == null ? w : w.forPackage(unit.members.size()))
                                .failed("Interrupted", "interrupted before this file finished; run the same command"
                                        + " again to continue the batch");
                    }
                }
            }
        }
        double seconds = Duration.between(start, clock.instant()).toMillis() / 1000.0;
        if (lonePackage) {
            if (style != Style.QUIET && style != Style.JSON) {
                failures.forEach(f -> out.println("failed: " + f));
                out.flush();
            }
        } else if (style == Style.JSON) {
            batchJson.batchFinished(succeeded, failed, skipped, bytesSucceeded, seconds);
        } else if (style != Style.QUIET) {
            StringBuilder line = new StringBuilder("batch ").append(batchId).append(": ").append(succeeded)
                    .append(" uploaded (").append(ByteSize.format(bytesSucceeded)).append(")");
            line.append(", ").append(failed).append(" failed");
            line.append(", ").append(skipped).append(" skipped");
            if (skipped > 0) {
                line.append(" (already uploaded)");
            }
            line.append(String.format(Locale.ROOT, " in %.1f s", seconds));
            out.println(line);
            if (!selectionSkipped.isEmpty()) {
                List<String> why = new ArrayList<>();
                selectionSkipped.forEach((reason, count) -> why.add(count + " " + reason));
                out.println("not selected: " + String.join(", ", why));
            }
            failures.forEach(f -> out.println("failed: " + f));
            out.flush();
        }
        if (interrupted) {
            err.println("vodupload: interrupted: the files in flight are paused and their checkpoints kept;"
                    + " run the same command again to continue " + (lonePackage ? "the HLS package" : "batch " + batchId));
            err.flush();
            return Exit.INTERRUPTED;
        }
        return credentialsFailed ? Exit.CREDENTIALS_EXPIRED : failed > 0 ? Exit.FAILED : Exit.OK;
    }

    /** Counts, for a worker's own exit code. */
    synchronized int failedCount() {
        return failed;
    }

    synchronized boolean credentialsFailed() {
        return credentialsFailed;
    }

    /** Writes a line above the bar (which is redrawn after it). */
    private void message(PrintStream stream, String line) {
        clear();
        stream.println(line);
        stream.flush();
        redraw(true);
    }

    private void clear() {
        if (shownLines > 0) {
            StringBuilder sb = new StringBuilder("\r");
            if (shownLines > 1) {
                sb.append("\033[").append(shownLines - 1).append('A');
            }
            sb.append("\033[J");
            err.print(sb);
            err.flush();
            shownLines = 0;
        }
    }

    private void redraw(boolean force) {
        Instant now = clock.instant();
        long done = bytesFinished + active.values().stream().mapToLong(a -> a.uploaded).sum();
        samples.addLast(new long[] {now.toEpochMilli(), done});
        while (samples.size() > 2 && samples.peekFirst()[0] < now.minus(RATE_WINDOW).toEpochMilli()) {
            samples.removeFirst();
        }
        if (style == Style.BAR) {
            if (!force && lastDraw != null && Duration.between(lastDraw, now).toMillis() < BAR_REDRAW_MILLIS) {
                return;
            }
            lastDraw = now;
            List<String> lines = new ArrayList<>();
            lines.add(overall(done, true));
            active.values().forEach(a -> lines.add(fit("  " + HumanText.escape(a.name) + "  "
                    + percent(a.uploaded, a.total) + "%  " + ByteSize.format(a.uploaded) + " / "
                    + ByteSize.format(a.total))));
            clear();
            err.print(String.join("\n", lines));
            err.flush();
            shownLines = lines.size();
        } else if (style == Style.LINES && !worker
                && Duration.between(lastLine, now).getSeconds() >= LINE_INTERVAL_SECONDS) {
            lastLine = now;
            err.println("vodupload: " + overall(done, false));
            err.flush();
        }
    }

    /** {@code [#####-----] 12/205 files  34.5 MiB / 120 MiB  5.2 MiB/s  ETA 0:17}. */
    private String overall(long done, boolean bar) {
        int finishedFiles = terminal.size();
        StringBuilder s = new StringBuilder();
        if (bar) {
            int barWidth = 20;
            int filled = (int) ((long) barWidth * percent(done, totalBytes) / 100);
            s.append('[').append("#".repeat(filled)).append("-".repeat(barWidth - filled)).append("] ");
        }
        s.append(finishedFiles).append('/').append(totalFiles).append(" files  ").append(ByteSize.format(done))
                .append(" / ").append(ByteSize.format(totalBytes));
        double rate = rate();
        if (rate > 0) {
            s.append("  ").append(ByteSize.format((long) rate)).append("/s");
            long left = Math.max(0, totalBytes - done);
            s.append("  ETA ").append(duration((long) Math.ceil(left / rate)));
        }
        return fit(s.toString());
    }

    private String fit(String line) {
        return line.length() < width ? line : line.substring(0, width - 1);
    }

    private double rate() {
        if (samples.size() < 2) {
            return 0;
        }
        long[] first = samples.peekFirst();
        long[] last = samples.peekLast();
        long millis = last[0] - first[0];
        return millis <= 0 ? 0 : (last[1] - first[1]) * 1000.0 / millis;
    }

    private static int percent(long part, long whole) {
        return whole <= 0 ? 100 : (int) Math.min(100, part * 100 / whole);
    }

    private static String duration(long seconds) {
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
                : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
