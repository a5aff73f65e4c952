package io.vodupload.examples;

import io.vodupload.adapters.http.HttpObjectStorage;
import io.vodupload.domain.ProgressSnapshot;
import io.vodupload.domain.ResumeToken;
import io.vodupload.domain.UploadConfig;
import io.vodupload.domain.UploadHandle;
import io.vodupload.domain.UploadRequest;
import io.vodupload.domain.Uploader;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.UploadCallback;
import io.vodupload.ports.UploadResult;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The upload handle: start an upload, watch its progress, pause it once storage holds half of the file,
 * keep the {@link ResumeToken} in a file, and later resume from that token in a <em>new</em>
 * {@link Uploader} (another process, after a restart) and wait for the result. The parts storage
 * confirmed before the pause are not sent again.
 *
 * <pre>
 * java io.vodupload.examples.HandleExample start  &lt;endpoint&gt; &lt;bucket&gt; &lt;key&gt; movie.mp4 upload.token
 * java io.vodupload.examples.HandleExample resume &lt;endpoint&gt; &lt;bucket&gt; &lt;key&gt; movie.mp4 upload.token
 * </pre>
 *
 * with the AccessKey in {@code OSS_ACCESS_KEY_ID} and {@code OSS_ACCESS_KEY_SECRET}.
 */
public final class HandleExample {

    private HandleExample() {
    }

    public static void main(String[] args) throws Exception {
        Credentials keys = Credentials.of(System.getenv("OSS_ACCESS_KEY_ID"), System.getenv("OSS_ACCESS_KEY_SECRET"));
        StorageTarget target = StorageTarget.of(args[1], args[2], args[3]);
        Path tokenFile = Path.of(args[5]);
        try (HttpObjectStorage storage = HttpObjectStorage.builder().build()) {
            if (args[0].equals("start")) {
                startAndPause(storage, Path.of(args[4]), target, CredentialsProvider.fixed(keys), tokenFile, System.out);
            } else {
                resume(storage, tokenFile, CredentialsProvider.fixed(keys), System.out);
            }
        }
    }

    /**
     * Starts uploading {@code file}, pauses once storage has confirmed half of it, writes the resume token to
     * {@code tokenFile} and closes the uploader (the paused upload stays in storage, resumable).
     *
     * @return the token written
     */
    public static ResumeToken startAndPause(ObjectStorage storage, Path file, StorageTarget target,
                                            CredentialsProvider credentials, Path tokenFile, PrintStream out)
            throws Exception {
        UploadRequest request = UploadRequest.builder(file, target)
                .config(UploadConfig.builder().partSize(1024 * 1024).parallelism(2).build())
                .build();
        CompletableFuture<ResumeToken> paused = new CompletableFuture<>();
        AtomicBoolean pauseAsked = new AtomicBoolean();
        try (Uploader uploader = Uploader.builder(storage).build()) {
            // the callback is made for its handle, so it can pause the upload it reports on
            UploadHandle handle = uploader.start(request, credentials, h -> new UploadCallback() {
                @Override
                public void onUploadProgress(long uploadedSize, long totalSize) {
                    ProgressSnapshot progress = h.progress();
                    out.printf("%d%% (%d bytes stored, %d sent)%n", progress.percent(), progress.confirmedBytes(),
                            progress.sentBytes());
                    if (progress.confirmedBytes() * 2 >= totalSize && pauseAsked.compareAndSet(false, true)) {
                        // pause() returns at once; its stage completes when nothing is in flight any more
                        h.pause().whenComplete((token, error) -> {
                            if (error != null) {
                                paused.completeExceptionally(error);
                            } else {
                                paused.complete(token);
                            }
                        });
                    }
                }
            });
            handle.completion().whenComplete((result, error) -> paused.completeExceptionally(
                    new IllegalStateException("the upload ended before it paused: " + handle.state())));
            ResumeToken token = paused.get(10, TimeUnit.MINUTES);
            Files.writeString(tokenFile, token.encode()); // one line, no secret in it
            out.printf("paused with %d of %d bytes stored; token in %s%n", token.bytesDone(), token.fileLength(),
                    tokenFile);
            return token;
        } // close() ends the paused upload here, keeping it in storage for the token
    }

    /**
     * Resumes the upload {@code tokenFile} holds in a new uploader, waits until it is done and removes the
     * token file.
     */
    public static UploadResult resume(ObjectStorage storage, Path tokenFile, CredentialsProvider credentials,
                                      PrintStream out) throws Exception {
        ResumeToken token = ResumeToken.decode(Files.readString(tokenFile));
        try (Uploader uploader = Uploader.builder(storage).build()) {
            UploadHandle handle = uploader.resume(token, credentials, new UploadCallback() {
                @Override
                public void onUploadProgress(long uploadedSize, long totalSize) {
                    out.printf("%d of %d bytes%n", uploadedSize, totalSize);
                }
            });
            UploadResult result = handle.completion().get(1, TimeUnit.HOURS);
            Files.delete(tokenFile);
            out.println("uploaded: " + result);
            return result;
        }
    }
}
