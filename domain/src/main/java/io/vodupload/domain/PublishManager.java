package io.vodupload.domain;

import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.TicketFormatException;
import io.vodupload.ports.UploadAuth;
import io.vodupload.ports.UploadCallback;
import io.vodupload.ports.UploadTicket;
import io.vodupload.ports.UploadTicketDecoder;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The short-video SDK's {@code AliyunVodPublishManager} for Java: one upload at a time from VOD's
 * {@code UploadAddress} and {@code UploadAuth} tickets, controlled by methods that return {@code 0} or a
 * negative code and never throw for bad input.
 *
 * <pre>{@code
 * PublishManager manager = new PublishManager(uploader, decoder, callback);
 * int rc = manager.uploadVideo(Path.of("movie.mp4"), uploadAddress, uploadAuth);
 * // in callback.onUploadTokenExpired(): get a new UploadAuth (RefreshUploadVideo), then
 * manager.refreshWithUploadAuth(newUploadAuth);
 * }</pre>
 *
 * <p>Return codes ({@link ErrorCode#facadeCode()}, docs/error-codes.md): {@code 0} OK;
 * {@code -20003005} file not found; {@code -20012004} not a regular file; {@code -20012005} unreadable;
 * {@code -20012009} too large (an empty file is uploaded, as one empty object; {@code -20012006} is
 * reserved); {@code -20012007} bad UploadAddress;
 * {@code -20012008} bad UploadAuth; {@code -20012003} wrong state (an upload is already running, or none
 * is, or it is not paused); {@code -20012001} any other refusal.
 *
 * <p>When the token expires, the upload waits (in {@link UploadState#AWAITING_CREDENTIALS}) after
 * {@code onUploadTokenExpired} until {@link #refreshWithUploadAuth} supplies a new UploadAuth, as in the
 * seed SDK; finished parts are not sent again. The region in the UploadAuth goes into the target.
 *
 * <p><b>Threading:</b> thread-safe; methods may be called from callbacks (except {@link #close()}).
 *
 * <p><b>Lifecycle:</b> {@link #close()} cancels the running upload and waits until it has ended; it does
 * not close the {@link Uploader}, which the application owns.
 */
public final class PublishManager implements AutoCloseable {

    /** The call was accepted. */
    public static final int OK = 0;

    private static final System.Logger LOG = System.getLogger(PublishManager.class.getName());

    private final Uploader uploader;
    private final UploadTicketDecoder decoder;
    private final UploadCallback callback;
    private final UploadConfig config;
    private UploadHandle current;
    private boolean closed;

    /**
     * A manager with the default {@link UploadConfig}, except that a token expiry waits for
     * {@link #refreshWithUploadAuth} as long as it takes, as in the seed SDK.
     *
     * @param uploader runs the uploads
     * @param decoder  decodes VOD's tickets
     * @param callback told of every upload
     */
    public PublishManager(Uploader uploader, UploadTicketDecoder decoder, UploadCallback callback) {
        this(uploader, decoder, callback, UploadConfig.builder().credentialsTimeout(null).build());
    }

    /**
     * A manager whose uploads use {@code config}.
     *
     * @param uploader runs the uploads
     * @param decoder decodes VOD's tickets
     * @param callback told of every upload
     * @param config how the uploads run
     */
    public PublishManager(Uploader uploader, UploadTicketDecoder decoder, UploadCallback callback,
                          UploadConfig config) {
        this.uploader = Objects.requireNonNull(uploader, "uploader");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.callback = Objects.requireNonNull(callback, "callback");
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Starts uploading a video file.
     *
     * @param path the file
     * @param uploadAddress VOD's UploadAddress ticket
     * @param uploadAuth VOD's UploadAuth ticket
     * @return {@code 0}, or a negative code (see the class comment)
     */
    public synchronized int uploadVideo(Path path, String uploadAddress, String uploadAuth) {
        return upload(path, uploadAddress, uploadAuth);
    }

    /**
     * Starts uploading an image file (same flow; image credentials cannot be refreshed by VOD).
     *
     * @param path the file
     * @param uploadAddress VOD's UploadAddress ticket
     * @param uploadAuth VOD's UploadAuth ticket
     * @return {@code 0}, or a negative code (see the class comment)
     */
    public synchronized int uploadImage(Path path, String uploadAddress, String uploadAuth) {
        return upload(path, uploadAddress, uploadAuth);
    }

    /**
     * Pauses the running upload; {@code -20012003} when there is none or it cannot pause now.
     *
     * @return {@code 0} or {@code -20012003}
     */
    public synchronized int pauseUpload() {
        return control(current != null && current.pauseNow());
    }

    /**
     * Resumes the paused upload; {@code -20012003} when it is not paused.
     *
     * @return {@code 0} or {@code -20012003}
     */
    public synchronized int resumeUpload() {
        return control(current != null && current.resume());
    }

    /**
     * Cancels the running upload (aborting it in storage); {@code -20012003} when there is none.
     *
     * @return {@code 0} or {@code -20012003}
     */
    public synchronized int cancelUpload() {
        return control(current != null && current.cancel());
    }

    /**
     * Supplies a new UploadAuth to the running upload (after {@code onUploadTokenExpired}, or ahead of
     * expiry).
     *
     * @param uploadAuth VOD's UploadAuth ticket
     * @return 0; {@code -20012008} when it cannot be decoded; {@code -20012003} when no upload is running
     */
    public synchronized int refreshWithUploadAuth(String uploadAuth) {
        try {
            if (current == null || current.state().isTerminal()) {
                return code(ErrorCode.INVALID_STATE);
            }
            UploadAuth auth;
            try {
                auth = decoder.decodeAuth(Objects.requireNonNull(uploadAuth, "uploadAuth"), uploader.clock().instant());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "refreshWithUploadAuth: {0}", message(e));
                return code(ErrorCode.INVALID_UPLOAD_AUTH);
            }
            return control(current.refreshCredentials(auth.credentials()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "refreshWithUploadAuth failed", e);
            return code(ErrorCode.UPLOAD_FAILED);
        }
    }

    /** {@return the running (or last) upload's handle, for progress, state and completion} */
    public synchronized Optional<UploadHandle> currentUpload() {
        return Optional.ofNullable(current);
    }

    /**
     * Cancels the running upload (a paused one too; one already completing is let finish) and waits until
     * it has ended: its terminal callback delivered and its storage calls, the abort included, returned.
     * Later uploads are refused with {@code -20012003}. The {@link Uploader} is left open.
     */
    @Override
    public void close() {
        UploadHandle last;
        synchronized (this) {
            closed = true;
            last = current;
        }
        if (last == null) {
            return;
        }
        last.cancel();
        try {
            last.completion().handle((result, error) -> null).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // handle() never fails
        }
    }

    private int upload(Path path, String uploadAddress, String uploadAuth) {
        try {
            if (closed || current != null && !current.state().isTerminal()) {
                return code(ErrorCode.INVALID_STATE);
            }
            if (path == null) {
                return code(ErrorCode.FILE_NOT_FOUND);
            }
            UploadTicket ticket;
            try {
                ticket = UploadTicket.decode(decoder, uploadAddress, uploadAuth, uploader.clock().instant(),
                        Optional.empty());
            } catch (TicketFormatException e) {
                boolean auth = e.ticket().orElse(TicketFormatException.Ticket.UPLOAD_ADDRESS)
                        == TicketFormatException.Ticket.UPLOAD_AUTH;
                LOG.log(System.Logger.Level.WARNING, "upload refused: " + (auth ? "UploadAuth" : "UploadAddress")
                        + ": {0}", message(e));
                return code(auth ? ErrorCode.INVALID_UPLOAD_AUTH : ErrorCode.INVALID_UPLOAD_ADDRESS);
            }
            UploadRequest request = UploadRequest.builder(path, ticket.target())
                    .metadata(ObjectMetadata.forFileName(ticket.address().fileName()))
                    .config(config)
                    .build();
            current = uploader.start(request, new AskTheApplication(ticket.auth().credentials()), callback);
            return OK;
        } catch (InvalidUploadException e) {
            LOG.log(System.Logger.Level.INFO, "upload refused: {0}", e.getMessage());
            return code(e.errorCode());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "upload refused", e);
            return code(ErrorCode.UPLOAD_FAILED);
        }
    }

    private static int control(boolean applied) {
        return applied ? OK : code(ErrorCode.INVALID_STATE);
    }

    private static int code(ErrorCode code) {
        return code.facadeCode().orElse(ErrorCode.UPLOAD_FAILED.facadeCode().getAsInt());
    }

    /** Ticket decoders promise messages without secrets; say only the type otherwise. */
    private static String message(RuntimeException e) {
        return e instanceof TicketFormatException ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** The seed's flow: no refresh of its own; the upload waits for {@link #refreshWithUploadAuth}. */
    private static final class AskTheApplication implements CredentialsProvider {
        private final Credentials initial;

        AskTheApplication(Credentials initial) {
            this.initial = initial;
        }

        @Override
        public Credentials current() {
            return initial;
        }

        @Override
        public Optional<Credentials> refresh(Credentials expired) {
            return Optional.empty();
        }
    }
}
