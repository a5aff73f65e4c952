package io.vodupload.domain;

import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.QueueStore;
import io.vodupload.ports.QueuedFileInfo;
import io.vodupload.ports.QueuedFileStatus;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.Ticket;
import io.vodupload.ports.TicketSource;
import io.vodupload.ports.UploadCallback;
import io.vodupload.ports.UploadResult;
import io.vodupload.ports.UploadStarted;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;

/**
 * Many files through one {@link Uploader}: the seed SDK's {@code VODUploadClient} (addFile, deleteFile,
 * clearFiles, listFiles, start, stop, pause, resume), with per-file pause, resume and cancel, retry of
 * failed files, a budget of files and connections for the whole queue, per-file tickets obtained when a
 * file starts, and state kept through a {@link QueueStore} so that a queue created again continues.
 *
 * <pre>{@code
 * UploadQueue queue = UploadQueue.builder(uploader)
 *         .ticketSource(vodTickets)              // per-file CreateUploadVideo when a file starts
 *         .store(queueStore).callback(callback)
 *         .filesInFlight(2).maxConnections(16)
 *         .build();                              // continues what the store holds
 * queue.addFile(Path.of("a.mp4"), Map.of("Title", "A"));
 * queue.addFile(Path.of("b.mp4"), target, ObjectMetadata.forFileName("b.mp4"));
 * queue.start();
 * }</pre>
 *
 * <p><b>Semantics:</b> files start in the order they were added, at most {@code filesInFlight} at once
 * (those {@code UPLOADING}); one that fails never stops the others. {@link #stop()} stops starting files
 * and pauses the ones in flight, putting them back to {@code READY}: {@link #start()} resumes them from
 * where they were. {@link #pause()} does the same but marks them {@code PAUSED}; {@link #resume()} makes
 * every paused file ready again and starts the queue. A paused file gives up its slot. Pause and cancel
 * are refused (false) for a file whose last part is stored and whose object is being completed.
 *
 * <p><b>Budget:</b> parts in flight across the queue never exceed {@code maxConnections}: each file
 * uploads with at most {@code min(maxParallelism, maxConnections / filesInFlight)} parts at once (at least
 * one; an adaptive parallelism grows up to that, a fixed one is cut to it).
 * Threads: the queue has none of its own. Files start (their tickets obtained, their uploads begun) on
 * the uploader's executor, the one its uploads' parts, back-off waits and refreshes run on, and every
 * callback on the uploader's one callback thread; so 8 files of 4 parts are at most
 * {@code maxConnections} parts in flight on one pool, never a pool per file. An executor given to the
 * uploader ({@link Uploader.Builder#executor}) bounds them all: the queue's launches wait their turn there
 * like any other task.
 *
 * <p><b>Credentials:</b> a file added with a target signs with the queue's {@link CredentialsProvider};
 * a ticketed file asks its {@link TicketSource} when it starts, never before ({@link TicketSource#open}
 * the first time, {@link TicketSource#refresh} with its kept VideoId after that), so a resumed file never
 * creates a second video. When the storage says a ticketed file's credentials expired, the queue asks
 * {@link TicketSource#refresh} with its VideoId (a ticket without a VideoId refreshes through its own
 * {@link CredentialsProvider}).
 *
 * <p><b>Durability:</b> every change of a file's status, target or VideoId is saved to the store before
 * its callback. A queue built over a store that holds files lists them again: {@code SUCCEEDED},
 * {@code FAILED}, {@code CANCELED} and {@code PAUSED} files keep their status, files that were
 * {@code UPLOADING} become {@code READY}, and once started they resume through the uploader's
 * checkpoints (give the uploader a {@code CheckpointStore}). Files added with a per-file ticket source use
 * the queue's ticket source after a restart.
 *
 * <p><b>Threading:</b> thread-safe; no method waits for a transfer or a ticket, and every method may be
 * called from a callback. {@link #close()} stops the queue, interrupts the launches still waiting for a
 * ticket and ends the uploads it paused, keeping their storage uploads and checkpoints, so a queue over the
 * same stores resumes them.
 */
public final class UploadQueue implements AutoCloseable {

    /** Files in flight unless set: 2. */
    public static final int DEFAULT_FILES_IN_FLIGHT = 2;
    /** Parts in flight across the whole queue unless set: 16. */
    public static final int DEFAULT_MAX_CONNECTIONS = 16;
    /** The most files in flight. */
    public static final int MAX_FILES_IN_FLIGHT = 64;

    private static final System.Logger LOG = System.getLogger(UploadQueue.class.getName());

    private final Uploader uploader;
    private final UploadConfig fileConfig;
    private final int filesInFlight;
    private final CredentialsProvider credentials;
    private final TicketSource tickets;
    private final QueueStore store;
    private final QueueCallback callback;
    /** The uploader's executor: files start on the threads their uploads then use, not on threads of the queue's. */
    private final Executor executor;
    /** Launches submitted and not yet finished (a ticket may take a while), so that close() can interrupt them. */
    private final Set<Launch> launching = ConcurrentHashMap.newKeySet();

    /** One file's launch as a task on the uploader's executor; it leaves {@link #launching} when it is done. */
    private final class Launch extends FutureTask<Void> {
        Launch(Entry e, long generation) {
            super(() -> launch(e, generation), null);
        }

        @Override
        protected void done() {
            launching.remove(this);
        }
    }

    private final Object lock = new Object();
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private long nextId = 1;
    private boolean running;
    private boolean closed;
    private boolean finishedTold;

    /** One file: its snapshot, its upload (when it has one), and a generation that outdates old uploads. */
    private static final class Entry {
        QueuedFileInfo info;
        final TicketSource tickets;
        final Object launching = new Object();
        UploadHandle handle;
        long generation;
        boolean terminalTold = true;

        Entry(QueuedFileInfo info, TicketSource tickets) {
            this.info = info;
            this.tickets = tickets;
        }
    }

    private UploadQueue(Builder b) {
        this.uploader = b.uploader;
        this.filesInFlight = b.filesInFlight;
        // the budget caps the most parts a file may have in flight; an adaptive one still starts where it did
        int perFile = Math.max(1, Math.min(b.config.maxParallelism(), b.maxConnections / b.filesInFlight));
        this.fileConfig = b.config.toBuilder().parallelism(Math.min(b.config.parallelism(), perFile))
                .maxParallelism(perFile).build();
        this.credentials = b.credentials;
        this.tickets = b.tickets;
        this.store = b.store;
        this.callback = b.callback;
        this.executor = b.uploader.executor();
        for (QueuedFileInfo stored : store.list()) {
            QueuedFileInfo info = stored;
            if (info.status() == QueuedFileStatus.UPLOADING) {
                info = info.withStatus(QueuedFileStatus.READY);
                store.save(info);
            }
            entries.put(info.id(), new Entry(info, null));
            nextId = Math.max(nextId, numericId(info.id()) + 1);
        }
    }

    /** A builder for a queue driving {@code uploader}. */
    public static Builder builder(Uploader uploader) {
        return new Builder(uploader);
    }

    /** The upload config each file uses: the builder's, with its parts in flight cut to the connection budget. */
    public UploadConfig fileConfig() {
        return fileConfig;
    }

    // ------------------------------------------------------------------ the list

    /** Adds a file going to {@code target}, with no metadata. */
    public QueuedFileInfo addFile(Path source, StorageTarget target) {
        return addFile(source, target, ObjectMetadata.EMPTY);
    }

    /**
     * Adds a file going to {@code target}, signed with the queue's credentials provider. The file is not
     * checked here: a missing file fails when it starts ({@code FileNotFound}).
     *
     * @return the file, {@code READY}, with its stable id
     * @throws IllegalStateException when the queue has no credentials provider, or is closed
     */
    public QueuedFileInfo addFile(Path source, StorageTarget target, ObjectMetadata metadata) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(metadata, "metadata");
        if (credentials == null) {
            throw new IllegalStateException("a file with a target needs the queue's credentials provider");
        }
        return add(id -> QueuedFileInfo.toTarget(id, source, target, metadata, sizeOf(source)), null);
    }

    /**
     * Adds a file whose target and credentials the queue's ticket source gives when it starts.
     *
     * @param vodInfo the VOD metadata for the ticket ({@code Title}, {@code Description}, {@code CateId},
     *                {@code Tags}, {@code UserData}, ...)
     * @throws IllegalStateException when the queue has no ticket source, or is closed
     */
    public QueuedFileInfo addFile(Path source, Map<String, String> vodInfo) {
        if (tickets == null) {
            throw new IllegalStateException("a ticketed file needs the queue's ticket source");
        }
        return addFile(source, tickets, vodInfo);
    }

    /**
     * Adds a file whose target and credentials {@code ticketSource} gives when it starts. The content type
     * is guessed from the file name.
     */
    public QueuedFileInfo addFile(Path source, TicketSource ticketSource, Map<String, String> vodInfo) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(ticketSource, "ticketSource");
        Objects.requireNonNull(vodInfo, "vodInfo");
        ObjectMetadata metadata = ObjectMetadata.forFileName(String.valueOf(source.getFileName()));
        return add(id -> QueuedFileInfo.ticketed(id, source, vodInfo, metadata, sizeOf(source)), ticketSource);
    }

    private QueuedFileInfo add(java.util.function.Function<String, QueuedFileInfo> make, TicketSource source) {
        List<Runnable> out = new ArrayList<>();
        QueuedFileInfo added;
        synchronized (lock) {
            requireOpen();
            QueuedFileInfo info = make.apply(String.valueOf(nextId++));
            store.save(info);
            entries.put(info.id(), new Entry(info, source));
            finishedTold = false;
            dispatchLocked(out);
            added = entries.get(info.id()).info;
        }
        run(out);
        return added;
    }

    /**
     * Removes a file from the queue and the store; a file in flight is canceled first. The file gets no
     * more callbacks.
     *
     * @return false when there is no such file
     */
    public boolean deleteFile(String id) {
        List<Runnable> out = new ArrayList<>();
        synchronized (lock) {
            Entry e = entries.remove(Objects.requireNonNull(id, "id"));
            if (e == null) {
                return false;
            }
            store.remove(id);
            if (e.handle != null) {
                e.handle.cancel();
            }
            dispatchLocked(out);
            finishedLocked(out);
        }
        run(out);
        return true;
    }

    /** Removes every file ({@link #deleteFile} each). */
    public void clearFiles() {
        List<String> ids;
        synchronized (lock) {
            ids = List.copyOf(entries.keySet());
        }
        ids.forEach(this::deleteFile);
    }

    /** A snapshot of every file, in the order added. */
    public List<QueuedFileInfo> listFiles() {
        synchronized (lock) {
            return entries.values().stream().map(e -> e.info).toList();
        }
    }

    /** A snapshot of the file {@code id}, if the queue holds it. */
    public Optional<QueuedFileInfo> file(String id) {
        synchronized (lock) {
            return Optional.ofNullable(entries.get(id)).map(e -> e.info);
        }
    }

    // ------------------------------------------------------------------ the whole queue

    /**
     * Starts (or restarts after {@link #stop()}) uploading the {@code READY} files. A queue whose files
     * have all ended (one restored from a store after it finished) tells {@code onQueueFinished} at once.
     */
    public void start() {
        List<Runnable> out = new ArrayList<>();
        synchronized (lock) {
            requireOpen();
            running = true;
            dispatchLocked(out);
            finishedLocked(out);
        }
        run(out);
    }

    /**
     * Stops: no file starts, and the files in flight are paused and become {@code READY} again (their
     * storage uploads and checkpoints kept); {@link #start()} resumes them.
     */
    public void stop() {
        halt(QueuedFileStatus.READY);
    }

    /** Pauses: like {@link #stop()}, but the files in flight become {@code PAUSED}. */
    public void pause() {
        halt(QueuedFileStatus.PAUSED);
    }

    /** Makes every {@code PAUSED} file {@code READY} and starts the queue. */
    public void resume() {
        List<Runnable> out = new ArrayList<>();
        synchronized (lock) {
            requireOpen();
            running = true;
            for (Entry e : entries.values()) {
                if (e.info.status() == QueuedFileStatus.PAUSED) {
                    setLocked(e, e.info.withStatus(QueuedFileStatus.READY));
                }
            }
            finishedTold = false;
            dispatchLocked(out);
        }
        run(out);
    }

    /** Stops the queue and cancels every file that has not ended. */
    public void cancel() {
        List<String> ids;
        synchronized (lock) {
            running = false;
            ids = List.copyOf(entries.keySet());
        }
        ids.forEach(this::cancel);
    }

    /**
     * Makes every {@code FAILED} file {@code READY} again (its VideoId kept, its error cleared); they
     * start when the queue runs.
     *
     * @return how many files were made ready
     */
    public int retryFailed() {
        List<Runnable> out = new ArrayList<>();
        int n = 0;
        synchronized (lock) {
            requireOpen();
            for (Entry e : entries.values()) {
                if (e.info.status() == QueuedFileStatus.FAILED) {
                    setLocked(e, e.info.withStatus(QueuedFileStatus.READY));
                    n++;
                }
            }
            if (n > 0) {
                finishedTold = false;
                dispatchLocked(out);
            }
        }
        run(out);
        return n;
    }

    private void halt(QueuedFileStatus to) {
        synchronized (lock) {
            running = false;
            for (Entry e : entries.values()) {
                if (e.info.status() == QueuedFileStatus.UPLOADING && (e.handle == null || e.handle.pauseNow())) {
                    setLocked(e, e.info.withStatus(to));
                }
            }
        }
    }

    // ------------------------------------------------------------------ one file

    /**
     * Pauses one file: a {@code READY} file is skipped until resumed, one in flight stops its transfers
     * and gives up its slot.
     *
     * @return false when there is no such file, or it is not ready or uploading, or it is completing
     */
    public boolean pause(String id) {
        List<Runnable> out = new ArrayList<>();
        boolean paused;
        synchronized (lock) {
            Entry e = entries.get(Objects.requireNonNull(id, "id"));
            if (e == null) {
                return false;
            }
            QueuedFileStatus s = e.info.status();
            paused = s == QueuedFileStatus.READY
                    || s == QueuedFileStatus.UPLOADING && (e.handle == null || e.handle.pauseNow());
            if (paused) {
                setLocked(e, e.info.withStatus(QueuedFileStatus.PAUSED));
                dispatchLocked(out);
            }
        }
        run(out);
        return paused;
    }

    /**
     * Makes a {@code PAUSED} file {@code READY}; it continues where it stopped when a slot is free and the
     * queue runs.
     *
     * @return false when there is no such file or it is not paused
     */
    public boolean resume(String id) {
        List<Runnable> out = new ArrayList<>();
        synchronized (lock) {
            Entry e = entries.get(Objects.requireNonNull(id, "id"));
            if (e == null || e.info.status() != QueuedFileStatus.PAUSED) {
                return false;
            }
            setLocked(e, e.info.withStatus(QueuedFileStatus.READY));
            finishedTold = false;
            dispatchLocked(out);
        }
        run(out);
        return true;
    }

    /**
     * Cancels one file: one that has an upload aborts it ({@link QueueCallback#onUploadCanceled} follows on
     * its callback thread); one that has none yet is {@code CANCELED} at once and told on this thread.
     *
     * @return false when there is no such file, it has ended, or it is completing
     */
    public boolean cancel(String id) {
        List<Runnable> out = new ArrayList<>();
        boolean canceled;
        synchronized (lock) {
            Entry e = entries.get(Objects.requireNonNull(id, "id"));
            if (e == null || e.info.status().isTerminal()) {
                return false;
            }
            if (e.handle != null) {
                canceled = e.handle.cancel();
            } else {
                canceled = true;
                e.generation++;
                setLocked(e, e.info.withStatus(QueuedFileStatus.CANCELED));
                QueuedFileInfo info = e.info;
                e.terminalTold = false;
                out.add(() -> callback.onUploadCanceled(info));
                out.add(() -> told(e));
                dispatchLocked(out);
            }
        }
        run(out);
        return canceled;
    }

    /**
     * Stops the queue (as {@link #stop()}), interrupts the launches still waiting for a ticket (their files
     * stay as stop() left them), and ends the uploads it paused: each
     * keeps its storage upload and checkpoint (the files stay {@code READY} in the store) and gives back its
     * threads and checkpoint lock. Later calls that add or start throw.
     */
    @Override
    public void close() {
        stop();
        List<UploadHandle> ending = new ArrayList<>();
        synchronized (lock) {
            closed = true;
            for (Entry e : entries.values()) {
                if (e.handle != null && e.handle.state() == UploadState.PAUSED) {
                    e.generation++; // its Interrupted end is not the file's outcome: the file stays resumable
                    ending.add(e.handle);
                    e.handle = null;
                }
            }
        }
        // a paused upload keeps its storage upload and checkpoint, and gives back its threads and its
        // checkpoint lock, so a queue over the same stores (this process or another) resumes it
        ending.forEach(UploadHandle::end);
        // launches still waiting for a ticket: interrupted (they leave the file as stop() did); the threads
        // are the uploader's, so they go back to it rather than ending
        List<Launch> pending = List.copyOf(launching);
        pending.forEach(task -> task.cancel(true));
    }

    // ------------------------------------------------------------------ running files

    /**
     * Starts READY files while slots are free. Under the lock; what must be told (a file the executor
     * refused) goes to {@code out}, for the caller to run once it let go of the lock.
     */
    private void dispatchLocked(List<Runnable> out) {
        if (!running || closed) {
            return;
        }
        long inFlight = entries.values().stream().filter(e -> e.info.status() == QueuedFileStatus.UPLOADING).count();
        for (Entry e : entries.values()) {
            if (inFlight >= filesInFlight) {
                return;
            }
            if (e.info.status() != QueuedFileStatus.READY) {
                continue;
            }
            inFlight++;
            setLocked(e, e.info.withStatus(QueuedFileStatus.UPLOADING));
            if (e.handle != null) {
                e.handle.resume();  // stopped earlier; a handle that ended meanwhile has told its outcome
                continue;
            }
            long generation = ++e.generation;
            e.terminalTold = false;
            Launch task = new Launch(e, generation);
            launching.add(task);
            try {
                executor.execute(task);
            } catch (RejectedExecutionException ex) {
                // the uploader is closed, or a bounded executor of the application's is full
                launching.remove(task);
                inFlight--;
                String message = "the uploader is closed or its executor refused to start the file";
                setLocked(e, e.info.failed(ErrorCode.UPLOAD_FAILED.code(), message));
                QueuedFileInfo info = e.info;
                out.add(() -> callback.onUploadFailed(info, ErrorCode.UPLOAD_FAILED.code(), message));
                out.add(() -> told(e));
            }
        }
    }

    /**
     * On the uploader's executor: gets the file's ticket (outside the queue's lock: it may block), then starts
     * it. One launch of a file at a time: a file stopped and started again while its ticket was coming
     * waits for that ticket, then refreshes its VideoId instead of creating a second video.
     */
    private void launch(Entry e, long generation) {
        synchronized (e.launching) {
            launchAlone(e, generation);
        }
    }

    private void launchAlone(Entry e, long generation) {
        QueuedFileInfo info;
        synchronized (lock) {
            if (!current(e, generation) || e.info.status() != QueuedFileStatus.UPLOADING) {
                return;
            }
            info = e.info;
        }
        StorageTarget target;
        CredentialsProvider provider;
        try {
            if (info.ticketed()) {
                TicketSource source = e.tickets != null ? e.tickets : tickets;
                if (source == null) {
                    throw new IllegalStateException("the queue has no ticket source for a ticketed file");
                }
                Ticket ticket = info.videoId().isPresent() ? source.refresh(info.videoId().get()) : source.open(info);
                Objects.requireNonNull(ticket, "the ticket source returned null");
                synchronized (lock) {
                    // kept even if the file was paused or canceled meanwhile: its video exists now
                    if (entries.get(e.info.id()) == e) {
                        setLocked(e, e.info.withTicket(ticket.target(), ticket.videoId()));
                    }
                }
                target = ticket.target();
                provider = ticket.videoId().or(info::videoId)
                        .<CredentialsProvider>map(v -> new VideoCredentials(source, v, ticket.credentials()))
                        .orElse(ticket.credentials());
            } else {
                target = info.target().orElseThrow();
                provider = credentials;
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return;  // closing: the file stays as stop() left it
        } catch (RuntimeException ex) {
            failBeforeUpload(e, generation, ErrorCode.CREDENTIALS_UNAVAILABLE.code(),
                    "the ticket source failed: " + ex.getMessage());
            return;
        }
        UploadRequest request = UploadRequest.builder(info.source(), target).metadata(info.metadata())
                .config(fileConfig).build();
        String code;
        String message;
        synchronized (lock) {
            if (!current(e, generation) || e.info.status() != QueuedFileStatus.UPLOADING) {
                return;  // paused, stopped or canceled while its ticket came
            }
            try {
                e.handle = uploader.start(request, provider, new FileCallback(e, generation));
                return;
            } catch (InvalidUploadException ex) {
                code = ex.errorCode().code();
                message = ex.getMessage();
            } catch (RuntimeException ex) {
                code = ErrorCode.UPLOAD_FAILED.code();
                message = ex.getClass().getSimpleName() + ": " + ex.getMessage();
            }
        }
        failBeforeUpload(e, generation, code, message);
    }

    /** A file that failed before it had an upload: FAILED, its slot freed, told on this thread. */
    private void failBeforeUpload(Entry e, long generation, String code, String message) {
        List<Runnable> out = new ArrayList<>();
        synchronized (lock) {
            if (!current(e, generation) || e.info.status() != QueuedFileStatus.UPLOADING) {
                return;
            }
            setLocked(e, e.info.failed(code, message));
            QueuedFileInfo info = e.info;
            out.add(() -> callback.onUploadFailed(info, code, message));
            out.add(() -> told(e));
            dispatchLocked(out);
        }
        run(out);
    }

    private boolean current(Entry e, long generation) {
        return e.generation == generation && entries.get(e.info.id()) == e;
    }

    /** Replaces the file's snapshot and saves it when more than its progress changed. Under the lock. */
    private void setLocked(Entry e, QueuedFileInfo next) {
        QueuedFileInfo before = e.info;
        e.info = next;
        if (!next.equals(before.withProgress(next.bytesUploaded(), next.totalBytes()))) {
            try {
                store.save(next);
            } catch (RuntimeException ex) {
                LOG.log(System.Logger.Level.WARNING, "cannot save the queue's file " + next.id() + ": " + ex);
            }
        }
    }

    /** After a file's terminal callback returned: the queue may be all done. */
    private void told(Entry e) {
        List<Runnable> out = new ArrayList<>();
        synchronized (lock) {
            e.terminalTold = true;
            finishedLocked(out);
        }
        run(out);
    }

    /** Queues {@code onQueueFinished} when every file has ended and been told. Under the lock. */
    private void finishedLocked(List<Runnable> out) {
        if (finishedTold || entries.isEmpty()) {
            return;
        }
        int succeeded = 0;
        int failed = 0;
        int canceled = 0;
        for (Entry e : entries.values()) {
            if (!e.info.status().isTerminal() || !e.terminalTold) {
                return;
            }
            switch (e.info.status()) {
                case SUCCEEDED -> succeeded++;
                case FAILED -> failed++;
                default -> canceled++;
            }
        }
        finishedTold = true;
        QueueCounts counts = new QueueCounts(succeeded, failed, canceled);
        out.add(() -> callback.onQueueFinished(counts));
    }

    private void run(List<Runnable> out) {
        for (Runnable r : out) {
            try {
                r.run();
            } catch (RuntimeException ex) {
                LOG.log(System.Logger.Level.WARNING, "a queue callback threw; ignored", ex);
            }
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the queue is closed");
        }
    }

    private static long sizeOf(Path source) {
        try {
            return Files.size(source);
        } catch (IOException | SecurityException e) {
            return 0;  // reported when the file starts (FileNotFound, FileUnreadable)
        }
    }

    private static long numericId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Translates one upload's callbacks into the queue's, for as long as that upload is the file's. */
    private final class FileCallback implements UploadCallback {
        private final Entry e;
        private final long generation;

        FileCallback(Entry e, long generation) {
            this.e = e;
            this.generation = generation;
        }

        /** The file's snapshot after {@code change}, or null when this upload is no longer the file's. */
        private QueuedFileInfo update(java.util.function.UnaryOperator<QueuedFileInfo> change) {
            synchronized (lock) {
                if (!current(e, generation)) {
                    return null;
                }
                setLocked(e, change.apply(e.info));
                return e.info;
            }
        }

        @Override
        public void onUploadStarted(UploadStarted started) {
            QueuedFileInfo info = update(i -> i.withProgress(i.bytesUploaded(), started.size()));
            if (info != null) {
                callback.onUploadStarted(info);
            }
        }

        @Override
        public void onUploadProgress(long uploadedSize, long totalSize) {
            QueuedFileInfo info = update(i -> i.withProgress(uploadedSize, totalSize));
            if (info != null) {
                callback.onUploadProgress(info, uploadedSize, totalSize);
            }
        }

        @Override
        public void onUploadRetry(String code, String message) {
            QueuedFileInfo info = update(i -> i);
            if (info != null) {
                callback.onUploadRetry(info, code, message);
            }
        }

        @Override
        public void onUploadRetryResume() {
            QueuedFileInfo info = update(i -> i);
            if (info != null) {
                callback.onUploadRetryResume(info);
            }
        }

        @Override
        public void onUploadTokenExpired() {
            QueuedFileInfo info = update(i -> i);
            if (info != null) {
                callback.onUploadTokenExpired(info);
            }
        }

        @Override
        public void onUploadSuccess(UploadResult result) {
            ended(i -> i.withProgress(result.size(), result.size()).withStatus(QueuedFileStatus.SUCCEEDED),
                    info -> callback.onUploadSucceed(info, result));
        }

        @Override
        public void onUploadFailed(String code, String message) {
            ended(i -> i.failed(code, message), info -> callback.onUploadFailed(info, code, message));
        }

        @Override
        public void onUploadCanceled() {
            ended(i -> i.withStatus(QueuedFileStatus.CANCELED), callback::onUploadCanceled);
        }

        private void ended(java.util.function.UnaryOperator<QueuedFileInfo> change,
                           java.util.function.Consumer<QueuedFileInfo> tell) {
            QueuedFileInfo info;
            List<Runnable> out = new ArrayList<>();
            synchronized (lock) {
                if (!current(e, generation)) {
                    return;
                }
                e.handle = null;
                setLocked(e, change.apply(e.info));
                info = e.info;
                out.add(() -> tell.accept(info));
                out.add(() -> told(e));
                dispatchLocked(out);
            }
            run(out);
        }
    }

    /**
     * A ticketed file's credentials: those of its ticket, and on expiry those of a fresh ticket for its
     * VideoId ({@link TicketSource#refresh}, VOD's {@code RefreshUploadVideo}).
     */
    private record VideoCredentials(TicketSource source, String videoId, CredentialsProvider first)
            implements CredentialsProvider {

        @Override
        public Credentials current() {
            return first.current();
        }

        @Override
        public Optional<Credentials> refresh(Credentials expired) throws InterruptedException {
            Ticket fresh = Objects.requireNonNull(source.refresh(videoId), "the ticket source returned null");
            return Optional.of(fresh.credentials().current());
        }

        @Override
        public String toString() {
            return "VideoCredentials[" + videoId + "]";
        }
    }

    /** Builds an {@link UploadQueue}. Not thread-safe. */
    public static final class Builder {
        private final Uploader uploader;
        private UploadConfig config = UploadConfig.defaults();
        private int filesInFlight = DEFAULT_FILES_IN_FLIGHT;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private CredentialsProvider credentials;
        private TicketSource tickets;
        private QueueStore store = QueueStore.NONE;
        private QueueCallback callback = new QueueCallback() {
        };

        private Builder(Uploader uploader) {
            this.uploader = Objects.requireNonNull(uploader, "uploader");
        }

        /** How each file uploads (part size, parts per file, retries, resume); default {@link UploadConfig#defaults()}. */
        public Builder config(UploadConfig value) {
            this.config = Objects.requireNonNull(value, "config");
            return this;
        }

        /** Files uploading at once, 1..64; default 2. */
        public Builder filesInFlight(int files) {
            this.filesInFlight = files;
            return this;
        }

        /** Parts in flight across the whole queue, at least {@code filesInFlight}; default 16. */
        public Builder maxConnections(int connections) {
            this.maxConnections = connections;
            return this;
        }

        /** What files added with a target sign with. */
        public Builder credentials(CredentialsProvider value) {
            this.credentials = Objects.requireNonNull(value, "credentials");
            return this;
        }

        /** Where ticketed files get their target and credentials (also those restored from the store). */
        public Builder ticketSource(TicketSource value) {
            this.tickets = Objects.requireNonNull(value, "ticketSource");
            return this;
        }

        /** Where the queue's state is kept; default {@link QueueStore#NONE}. */
        public Builder store(QueueStore value) {
            this.store = Objects.requireNonNull(value, "store");
            return this;
        }

        /** Who hears of the files; default nobody. */
        public Builder callback(QueueCallback value) {
            this.callback = Objects.requireNonNull(value, "callback");
            return this;
        }

        /**
         * Builds the queue, reading the store (files that were {@code UPLOADING} become {@code READY}).
         * It does not start: call {@link UploadQueue#start()}.
         *
         * @throws InvalidUploadException ({@code InvalidConfig}) naming a value out of range
         */
        public UploadQueue build() {
            if (filesInFlight < 1 || filesInFlight > MAX_FILES_IN_FLIGHT) {
                throw new InvalidUploadException(ErrorCode.INVALID_CONFIG,
                        "filesInFlight out of 1.." + MAX_FILES_IN_FLIGHT + ": " + filesInFlight);
            }
            if (maxConnections < filesInFlight) {
                throw new InvalidUploadException(ErrorCode.INVALID_CONFIG,
                        "maxConnections < filesInFlight (" + filesInFlight + "): " + maxConnections);
            }
            return new UploadQueue(this);
        }
    }
}
