package io.vodupload.examples;

import io.vodupload.adapters.http.HttpObjectStorage;
import io.vodupload.adapters.ticket.JacksonUploadTicketDecoder;
import io.vodupload.domain.PublishManager;
import io.vodupload.domain.UploadConfig;
import io.vodupload.domain.Uploader;
import io.vodupload.ports.UploadCallback;
import io.vodupload.ports.UploadResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The short-video SDK's flow in Java: {@link PublishManager} uploads a file to the place VOD's
 * {@code UploadAddress} names, signed with its {@code UploadAuth}, and reports through the seed's six
 * callbacks. When the STS token expires, {@code onUploadTokenExpired} asks the app server for a new
 * UploadAuth (VOD's {@code RefreshUploadVideo}) and hands it in with {@code refreshWithUploadAuth}; the
 * upload goes on with the same upload id and sends no finished part again.
 *
 * <pre>
 * java io.vodupload.examples.SeedFlowExample movie.mp4 &lt;UploadAddress&gt; &lt;UploadAuth&gt; &lt;file with the next UploadAuth&gt;
 * </pre>
 *
 * <p>An application's app server gives both tickets ({@link AppServerExample}); here the refreshed
 * UploadAuth is read from a file, so the program runs without one.
 */
public final class SeedFlowExample {

    /** What the run saw: every callback by name, in order, and the result when it succeeded. */
    public record Outcome(List<String> callbacks, Optional<UploadResult> result, int returnCode) {
    }

    private SeedFlowExample() {
    }

    public static void main(String[] args) throws Exception {
        Path nextAuthFile = Path.of(args[3]);
        Outcome outcome = upload(Path.of(args[0]), args[1], args[2],
                () -> readLine(nextAuthFile), System.out);
        System.exit(outcome.result().isPresent() ? 0 : 1);
    }

    /**
     * Uploads {@code file} the seed's way and waits until it has ended.
     *
     * @param freshUploadAuth asked for a new UploadAuth when the token expires (the app server's
     *                        RefreshUploadVideo)
     * @param out             where the callbacks are printed
     */
    public static Outcome upload(Path file, String uploadAddress, String uploadAuth, Supplier<String> freshUploadAuth,
                                 PrintStream out) throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (HttpObjectStorage storage = HttpObjectStorage.builder().build();
             Uploader uploader = Uploader.builder(storage).build()) {
            // the seed's 1 MiB parts; no limit on the wait for a new UploadAuth, as in the seed
            UploadConfig config = UploadConfig.builder().partSize(1024 * 1024).credentialsTimeout(null).build();
            // the callback is made before the manager it calls back into
            AtomicReference<PublishManager> manager = new AtomicReference<>();
            UploadCallback callback = new UploadCallback() {
                @Override
                public void onUploadProgress(long uploadedSize, long totalSize) {
                    seen.add("onUploadProgress");
                    out.printf("progress %d / %d%n", uploadedSize, totalSize);
                }

                @Override
                public void onUploadRetry(String code, String message) {
                    seen.add("onUploadRetry");
                    out.println("retrying after " + code + ": " + message);
                }

                @Override
                public void onUploadRetryResume() {
                    seen.add("onUploadRetryResume");
                    out.println("moving again");
                }

                @Override
                public void onUploadTokenExpired() {
                    seen.add("onUploadTokenExpired");
                    // callbacks must not block for long: a real app server answers in milliseconds; a slower
                    // source would be asked on a thread of its own, and refreshWithUploadAuth called from there
                    int rc = manager.get().refreshWithUploadAuth(freshUploadAuth.get());
                    out.println("token expired; new UploadAuth handed in: " + rc);
                }

                @Override
                public void onUploadSuccess(UploadResult result) {
                    seen.add("onUploadSuccess");
                    out.println("uploaded: " + result);
                }

                @Override
                public void onUploadFailed(String code, String message) {
                    seen.add("onUploadFailed");
                    out.println("failed: " + code + ": " + message);
                }
            };
            try (PublishManager publishManager = new PublishManager(uploader, new JacksonUploadTicketDecoder(),
                    callback, config)) {
                manager.set(publishManager);
                int rc = publishManager.uploadVideo(file, uploadAddress, uploadAuth);
                if (rc != PublishManager.OK) {
                    out.println("refused: " + rc);
                    return new Outcome(List.copyOf(seen), Optional.empty(), rc);
                }
                Optional<UploadResult> result;
                try {
                    result = Optional.of(publishManager.currentUpload().orElseThrow().completion()
                            .get(1, TimeUnit.HOURS));
                } catch (ExecutionException e) {
                    result = Optional.empty(); // onUploadFailed said why
                }
                return new Outcome(List.copyOf(seen), result, rc);
            }
        }
    }

    private static String readLine(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
