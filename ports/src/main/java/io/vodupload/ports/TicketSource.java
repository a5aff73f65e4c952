package io.vodupload.ports;

/**
 * Where an upload queue gets each file's target and credentials, at the moment the file starts and never
 * before (tickets expire). In the VOD flow {@link #open} is {@code CreateUploadVideo} (or
 * {@code CreateUploadImage}, {@code CreateUploadAttachedMedia}) and {@link #refresh} is
 * {@code RefreshUploadVideo}: the queue keeps the VideoId of every ticket with the file's state, so a file
 * resumed later (after a pause, a stop, a crash, or on another machine) refreshes its video rather than
 * creating a second one.
 *
 * <pre>{@code
 * TicketSource tickets = new TicketSource() {
 *     public Ticket open(QueuedFileInfo file) { return fromVod(vod.createUploadVideo(file.vodInfo().get("Title"), ...)); }
 *     public Ticket refresh(String videoId) { return fromVod(vod.refreshUploadVideo(videoId)); }
 * };
 * }</pre>
 *
 * <p><b>Threading:</b> called from the queue's launcher threads, at most one call per file at a time, and
 * for different files concurrently; calls may block (a network call) and should honour interruption.
 *
 * <p><b>Errors:</b> a {@link RuntimeException} fails that file (code {@code CredentialsUnavailable}, with
 * the exception's message, which must not hold a secret); the other files go on.
 */
public interface TicketSource {

    /**
     * A new ticket for {@code file}, which is starting and has no VideoId yet.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    Ticket open(QueuedFileInfo file) throws InterruptedException;

    /**
     * A fresh ticket for the video {@code videoId} that an earlier {@link #open} created: the same target,
     * new credentials.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    Ticket refresh(String videoId) throws InterruptedException;
}
