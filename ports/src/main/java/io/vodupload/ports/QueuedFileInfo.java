package io.vodupload.ports;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One file of an upload queue, as an immutable snapshot: what the queue's {@code listFiles} returns, what
 * every per-file queue callback carries, what a {@link QueueStore} keeps and what a {@link TicketSource}
 * opens a ticket for. It never holds a secret: credentials come from a {@link TicketSource} or a
 * {@link CredentialsProvider} when the file starts, and are kept nowhere here.
 *
 * <pre>{@code
 * for (QueuedFileInfo file : queue.listFiles()) {
 *     System.out.println(file.id() + " " + file.status() + " " + file.bytesUploaded() + "/" + file.totalBytes());
 * }
 * }</pre>
 *
 * @param id            the queue's stable id of the file, not blank
 * @param source        the local file
 * @param target        where the object goes: given when the file was added, or, for a ticketed file, the
 *                      target of its last ticket (empty until its first ticket)
 * @param ticketed      whether the target and credentials come from a {@link TicketSource} (the VOD flow)
 *                      rather than being given when the file was added
 * @param vodInfo       the VOD metadata the ticket source uses ({@code Title}, {@code Description},
 *                      {@code CateId}, {@code Tags}, {@code UserData}, ... as the seed SDK's {@code VodInfo}
 *                      names them); sorted by name, unmodifiable, may be empty
 * @param metadata      content type and {@code x-oss-*} headers set on the object
 * @param status        where the file is
 * @param videoId       the VOD VideoId its ticket created, kept so that a resume refreshes it instead of
 *                      creating a second video
 * @param bytesUploaded bytes uploaded, as the last progress told it (confirmed parts plus bytes in flight;
 *                      the total once it succeeded)
 * @param totalBytes    the file's size when it was added or started (0 when it could not be read)
 * @param errorCode     why it failed (a catalogue code or the server's), while {@code FAILED}
 * @param errorMessage  the one-line message of that failure, without secrets
 */
public record QueuedFileInfo(String id, Path source, Optional<StorageTarget> target, boolean ticketed,
                             Map<String, String> vodInfo, ObjectMetadata metadata, QueuedFileStatus status,
                             Optional<String> videoId, long bytesUploaded, long totalBytes,
                             Optional<String> errorCode, Optional<String> errorMessage) {

    public QueuedFileInfo {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("id is blank");
        }
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        if (!ticketed && target.isEmpty()) {
            throw new IllegalArgumentException("a file without a ticket source needs a target: " + id);
        }
        Objects.requireNonNull(vodInfo, "vodInfo");
        vodInfo = Collections.unmodifiableMap(new TreeMap<>(vodInfo));
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(videoId, "videoId");
        if (videoId.isPresent() && videoId.get().isBlank()) {
            throw new IllegalArgumentException("videoId is blank: " + id);
        }
        if (bytesUploaded < 0) {
            throw new IllegalArgumentException("bytesUploaded < 0: " + bytesUploaded);
        }
        if (totalBytes < 0) {
            throw new IllegalArgumentException("totalBytes < 0: " + totalBytes);
        }
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(errorMessage, "errorMessage");
    }

    /** A new {@code READY} file going to {@code target}. */
    public static QueuedFileInfo toTarget(String id, Path source, StorageTarget target, ObjectMetadata metadata,
                                          long totalBytes) {
        return new QueuedFileInfo(id, source, Optional.of(target), false, Map.of(), metadata,
                QueuedFileStatus.READY, Optional.empty(), 0, totalBytes, Optional.empty(), Optional.empty());
    }

    /** A new {@code READY} file whose target and credentials a {@link TicketSource} gives when it starts. */
    public static QueuedFileInfo ticketed(String id, Path source, Map<String, String> vodInfo,
                                          ObjectMetadata metadata, long totalBytes) {
        return new QueuedFileInfo(id, source, Optional.empty(), true, vodInfo, metadata, QueuedFileStatus.READY,
                Optional.empty(), 0, totalBytes, Optional.empty(), Optional.empty());
    }

    /** The same file in {@code next} status; leaving {@code FAILED} clears the error. */
    public QueuedFileInfo withStatus(QueuedFileStatus next) {
        boolean keepError = next == QueuedFileStatus.FAILED;
        return new QueuedFileInfo(id, source, target, ticketed, vodInfo, metadata, next, videoId, bytesUploaded,
                totalBytes, keepError ? errorCode : Optional.empty(), keepError ? errorMessage : Optional.empty());
    }

    /** The same file {@code FAILED} with {@code code} and {@code message}. */
    public QueuedFileInfo failed(String code, String message) {
        return new QueuedFileInfo(id, source, target, ticketed, vodInfo, metadata, QueuedFileStatus.FAILED,
                videoId, bytesUploaded, totalBytes, Optional.of(code), Optional.of(message));
    }

    /** The same file with the target and VideoId of a ticket (an empty {@code newVideoId} keeps the old one). */
    public QueuedFileInfo withTicket(StorageTarget newTarget, Optional<String> newVideoId) {
        return new QueuedFileInfo(id, source, Optional.of(newTarget), ticketed, vodInfo, metadata, status,
                newVideoId.or(() -> videoId), bytesUploaded, totalBytes, errorCode, errorMessage);
    }

    /** The same file with {@code uploaded} of {@code total} bytes. */
    public QueuedFileInfo withProgress(long uploaded, long total) {
        return new QueuedFileInfo(id, source, target, ticketed, vodInfo, metadata, status, videoId, uploaded, total,
                errorCode, errorMessage);
    }
}
