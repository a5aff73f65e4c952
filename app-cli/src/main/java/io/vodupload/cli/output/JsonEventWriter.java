package io.vodupload.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vodupload.ports.Crc64;
import io.vodupload.ports.UploadCallback;
import io.vodupload.ports.UploadResult;
import io.vodupload.ports.UploadStarted;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes an upload's events to stdout as newline-delimited JSON ({@code --json}), one object per line with
 * the field {@code event}, exactly as docs/cli.md lists them. The field names are a contract: scripts parse
 * them.
 *
 * <p>Progress is written at most every {@value #PROGRESS_INTERVAL_MILLIS} ms, and always when it reaches the
 * total. Every line is flushed at once, so a reader sees each event as it happens.
 *
 * <p>Threading: the domain calls back on one thread; {@link #failed} may come from the command's thread.
 * Writes are synchronized so lines never interleave.
 */
public final class JsonEventWriter implements UploadCallback {

    static final long PROGRESS_INTERVAL_MILLIS = 250;

    private final PrintStream out;
    private final ObjectMapper mapper;
    private final Clock clock;
    private volatile Optional<String> videoId;
    private volatile boolean fileChanged;
    private volatile Optional<String> batchFile = Optional.empty();
    private volatile Optional<String> batchKey = Optional.empty();
    private Instant lastProgress;
    private long lastUploaded = -1;

    /**
     * @param out     where lines go (stdout)
     * @param mapper  Jackson
     * @param clock   for throttling progress
     * @param videoId the VOD VideoId, when known before the upload (the {@code success} event carries it)
     */
    public JsonEventWriter(PrintStream out, ObjectMapper mapper, Clock clock, Optional<String> videoId) {
        this.out = Objects.requireNonNull(out, "out");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.videoId = Objects.requireNonNull(videoId, "videoId");
    }

    /**
     * Marks this writer as one file's of a batch: every event it writes then carries {@code "file"} (the
     * source's absolute path) and {@code "key"}, so a reader of the interleaved stream knows whose it is.
     * A single-file upload never calls this, so its events stay as they were.
     */
    public JsonEventWriter forFile(String file, String key) {
        this.batchFile = Optional.of(Objects.requireNonNull(file, "file"));
        this.batchKey = Optional.of(Objects.requireNonNull(key, "key"));
        return this;
    }

    /** Writes {@code {"event":"batchStarted","files":N,"bytes":B}}: the first event of a batch. */
    public void batchStarted(int files, long bytes) {
        ObjectNode n = mapper.createObjectNode();
        n.put("event", "batchStarted");
        n.put("files", files);
        n.put("bytes", bytes);
        write(n);
    }

    /**
     * Writes {@code {"event":"batchFinished","succeeded":S,"failed":F,"skipped":K,"bytes":B,"seconds":T}}:
     * the last event of a batch, also when it was interrupted.
     */
    public void batchFinished(int succeeded, int failed, int skipped, long bytes, double seconds) {
        ObjectNode n = mapper.createObjectNode();
        n.put("event", "batchFinished");
        n.put("succeeded", succeeded);
        n.put("failed", failed);
        n.put("skipped", skipped);
        n.put("bytes", bytes);
        n.put("seconds", Math.round(seconds * 1000) / 1000.0);
        write(n);
    }

    /** Sets the VideoId the {@code success} event reports. */
    public void videoId(Optional<String> id) {
        this.videoId = Objects.requireNonNull(id, "id");
    }

    /**
     * Marks the upload as started over because the file changed since its checkpoint: the {@code started}
     * event then carries {@code "fileChanged":true} (the field is absent otherwise).
     */
    public void fileChanged(boolean changed) {
        this.fileChanged = changed;
    }

    @Override
    public void onUploadStarted(UploadStarted s) {
        ObjectNode n = event("started");
        n.put("file", batchFile.orElse(s.file().toString()));
        putSize(n, "size", s.size());
        n.put("bucket", s.target().bucket());
        n.put("key", batchKey.orElse(s.target().key()));
        if (s.uploadId().isPresent()) {
            n.put("uploadId", s.uploadId().get());
        } else {
            n.putNull("uploadId");
        }
        n.put("resumed", s.resumed());
        n.put("partsAlreadyDone", s.partsAlreadyDone());
        if (fileChanged) {
            n.put("fileChanged", true);
        }
        write(n);
    }

    @Override
    public synchronized void onUploadProgress(long uploaded, long total) {
        Instant now = clock.instant();
        boolean last = total >= 0 && uploaded == total;
        if (uploaded == lastUploaded || (!last && lastProgress != null
                && Duration.between(lastProgress, now).toMillis() < PROGRESS_INTERVAL_MILLIS)) {
            return;
        }
        lastProgress = now;
        lastUploaded = uploaded;
        ObjectNode n = event("progress");
        n.put("uploaded", uploaded);
        putSize(n, "total", total);
        write(n);
    }

    /** A size, or null when it is not known (a stream whose end has not been read: -1 from the domain). */
    private static void putSize(ObjectNode n, String field, long size) {
        if (size < 0) {
            n.putNull(field);
        } else {
            n.put(field, size);
        }
    }

    @Override
    public void onUploadRetry(String code, String message) {
        ObjectNode n = event("retry");
        n.put("code", code);
        n.put("message", message);
        write(n);
    }

    @Override
    public void onUploadRetryResume() {
        write(event("retryResume"));
    }

    @Override
    public void onUploadTokenExpired() {
        write(event("tokenExpired"));
    }

    @Override
    public void onUploadSuccess(UploadResult r) {
        ObjectNode n = event("success");
        n.put("bucket", r.target().bucket());
        n.put("key", batchKey.orElse(r.target().key()));
        n.put("size", r.size());
        n.put("crc64", Crc64.toUnsignedString(r.crc64()));
        n.put("verification", r.verification().label());
        videoId.ifPresent(id -> n.put("videoId", id));
        write(n);
    }

    @Override
    public void onUploadFailed(String code, String message) {
        failed(code, message);
    }

    /**
     * Writes a {@code skipped} event: the target already holds the file, nothing was sent. It is the run's
     * one terminal event, in place of {@code success}.
     */
    public void skipped(Path file, String key, String reason) {
        ObjectNode n = event("skipped");
        n.put("file", file.toString());
        n.put("key", key);
        n.put("reason", reason);
        write(n);
    }

    /**
     * Writes a {@code warning} event: something the user should know that does not stop the upload (a
     * checkpoint directory that cannot be written: this upload cannot resume).
     */
    public void warning(String code, String message) {
        ObjectNode n = event("warning");
        n.put("code", code);
        n.put("message", message);
        write(n);
    }

    /** Writes a {@code failed} event (also for failures before the upload starts: bad input, interrupt). */
    public void failed(String code, String message) {
        ObjectNode n = event("failed");
        n.put("code", code);
        n.put("message", message);
        write(n);
    }

    private ObjectNode event(String name) {
        ObjectNode n = mapper.createObjectNode();
        n.put("event", name);
        batchFile.ifPresent(f -> n.put("file", f));
        batchKey.ifPresent(k -> n.put("key", k));
        return n;
    }

    private synchronized void write(ObjectNode n) {
        try {
            out.println(mapper.writeValueAsString(n));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }
}
