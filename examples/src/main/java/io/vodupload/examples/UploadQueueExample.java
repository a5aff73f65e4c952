package io.vodupload.examples;

import io.vodupload.adapters.http.HttpObjectStorage;
import io.vodupload.domain.QueueCallback;
import io.vodupload.domain.QueueCounts;
import io.vodupload.domain.UploadConfig;
import io.vodupload.domain.UploadQueue;
import io.vodupload.domain.Uploader;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.QueuedFileInfo;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.UploadResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Many files through one {@link UploadQueue} (the seed's {@code VODUploadClient}): add the files, start,
 * hear each file's callbacks, pause one file as soon as it has started so the others go first, resume it
 * when every other file is done, and wait for {@code onQueueFinished}.
 *
 * <pre>
 * java io.vodupload.examples.UploadQueueExample &lt;endpoint&gt; &lt;bucket&gt; a.mp4 b.mp4 c.mp4
 * </pre>
 *
 * with the AccessKey in {@code OSS_ACCESS_KEY_ID} and {@code OSS_ACCESS_KEY_SECRET}; each file goes to
 * {@code queue/<its name>}.
 */
public final class UploadQueueExample {

    /** What the queue said: one line per event, and the counts of {@code onQueueFinished}. */
    public record Outcome(List<String> events, QueueCounts counts) {
    }

    private UploadQueueExample() {
    }

    public static void main(String[] args) throws Exception {
        Credentials keys = Credentials.of(System.getenv("OSS_ACCESS_KEY_ID"), System.getenv("OSS_ACCESS_KEY_SECRET"));
        List<Path> files = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            files.add(Path.of(args[i]));
        }
        try (HttpObjectStorage storage = HttpObjectStorage.builder().build();
             Uploader uploader = Uploader.builder(storage).build()) {
            Outcome outcome = uploadAll(uploader, CredentialsProvider.fixed(keys), files,
                    file -> StorageTarget.of(args[0], args[1], "queue/" + file.getFileName()), System.out);
            System.exit(outcome.counts().failed() == 0 ? 0 : 1);
        }
    }

    /**
     * Uploads {@code files} through a queue, two at a time, holding the first back once it has started until
     * the others are done; returns when the queue says it has finished.
     */
    public static Outcome uploadAll(Uploader uploader, CredentialsProvider credentials, List<Path> files,
                                    Function<Path, StorageTarget> targetFor, PrintStream out) throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CompletableFuture<QueueCounts> finished = new CompletableFuture<>();
        AtomicReference<UploadQueue> queue = new AtomicReference<>(); // the callback is made before the queue
        AtomicReference<String> heldBack = new AtomicReference<>();
        AtomicBoolean paused = new AtomicBoolean();
        Set<String> othersDone = ConcurrentHashMap.newKeySet();

        QueueCallback callback = new QueueCallback() {
            @Override
            public void onUploadStarted(QueuedFileInfo file) {
                say("started " + name(file));
                if (file.id().equals(heldBack.get()) && paused.compareAndSet(false, true)) {
                    // every queue method may be called from a callback; none waits for a transfer
                    say((queue.get().pause(file.id()) ? "paused " : "could not pause ") + name(file));
                }
            }

            @Override
            public void onUploadProgress(QueuedFileInfo file, long uploadedSize, long totalSize) {
                out.printf("%s: %d / %d%n", name(file), uploadedSize, totalSize);
            }

            @Override
            public void onUploadSucceed(QueuedFileInfo file, UploadResult result) {
                say("succeeded " + name(file));
                ended(file);
            }

            @Override
            public void onUploadFailed(QueuedFileInfo file, String code, String message) {
                say("failed " + name(file) + ": " + code);
                ended(file);
            }

            @Override
            public void onUploadCanceled(QueuedFileInfo file) {
                say("canceled " + name(file));
                ended(file);
            }

            /** Once every other file has ended, however, the held-back one goes on. */
            private void ended(QueuedFileInfo file) {
                String held = heldBack.get();
                if (!file.id().equals(held) && othersDone.add(file.id()) && othersDone.size() == files.size() - 1) {
                    say((queue.get().resume(held) ? "resumed " : "could not resume ")
                            + queue.get().file(held).map(UploadQueueExample::name).orElse(held));
                }
            }

            @Override
            public void onQueueFinished(QueueCounts counts) {
                say("all done: " + counts);
                finished.complete(counts);
            }

            private void say(String event) {
                events.add(event);
                out.println(event);
            }
        };

        try (UploadQueue uploads = UploadQueue.builder(uploader)
                .credentials(credentials)
                .callback(callback)
                .filesInFlight(2)
                .config(UploadConfig.builder().partSize(1024 * 1024).build())
                .build()) {
            queue.set(uploads);
            for (Path file : files) {
                QueuedFileInfo added = uploads.addFile(file, targetFor.apply(file));
                heldBack.compareAndSet(null, added.id());
            }
            uploads.start();
            QueueCounts counts = finished.get(1, TimeUnit.HOURS);
            return new Outcome(List.copyOf(events), counts);
        }
    }

    private static String name(QueuedFileInfo file) {
        return file.source().getFileName().toString();
    }
}
