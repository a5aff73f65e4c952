package io.vodupload.it;

import io.vodupload.adapters.http.HttpObjectStorage;
import io.vodupload.adapters.local.JsonFileCheckpointStore;
import io.vodupload.domain.UploadHandle;
import io.vodupload.domain.Uploader;
import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.CheckpointStore;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.Crc64;
import io.vodupload.ports.SignatureVersion;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.UploadResult;
import io.vodupload.ports.UploadStarted;
import io.vodupload.testkit.RecordingCallback;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The uploading process of {@link CrashResumeTest}: a separate JVM that uploads one file with the
 * JSON-file checkpoint store to the test's in-process OSS server, and reports on standard output, one
 * line at a time, so the test knows when to kill it:
 *
 * <pre>
 * STARTED resumed=&lt;bool&gt; uploadId=&lt;id&gt; alreadyDone=&lt;n&gt;
 * CHECKPOINT &lt;parts done&gt;        (after every checkpoint save)
 * SUCCESS crc64=&lt;unsigned&gt;        (then CALLBACKS OK or CALLBACKS BAD &lt;why&gt;; exit 0)
 * FAILED &lt;code&gt;                   (exit 1)
 * </pre>
 *
 * <p>Arguments: {@code endpoint region bucket key file checkpointDir partSize parallelism}. The
 * credentials come on standard input (AccessKeyId, AccessKeySecret, SecurityToken, one per line), so
 * they never appear in a process listing.
 */
public final class UploadChild {

    private UploadChild() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 8) {
            System.err.println("usage: UploadChild endpoint region bucket key file checkpointDir partSize parallelism");
            System.exit(2);
        }
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Credentials credentials = Credentials.sts(stdin.readLine(), stdin.readLine(), stdin.readLine(),
                Instant.now().plus(Duration.ofHours(1)));
        StorageTarget target = new StorageTarget(URI.create(args[0]), args[2], args[3], Optional.of(args[1]));
        Path file = Path.of(args[4]);
        CheckpointStore store = new Reporting(new JsonFileCheckpointStore(Path.of(args[5])));
        List<Thread> threads = new ArrayList<>();

        try (HttpObjectStorage storage = HttpObjectStorage.builder()
                .signatureVersion(SignatureVersion.V4)
                .responseTimeout(Duration.ofSeconds(20))
                .build()) {
            Uploader uploader = Uploader.builder(storage).checkpointStore(store).threadFactory(r -> {
                Thread t = new Thread(r, "child-upload-" + threads.size());
                t.setDaemon(true);
                synchronized (threads) {
                    threads.add(t);
                }
                return t;
            }).build();
            RecordingCallback callback = new RecordingCallback().onEvent(e -> {
                if (e instanceof RecordingCallback.Started s) {
                    UploadStarted info = s.info();
                    say("STARTED resumed=" + info.resumed() + " uploadId=" + info.uploadId().orElse("-")
                            + " alreadyDone=" + info.partsAlreadyDone());
                }
            });
            UploadHandle handle = uploader.start(Uploads.request(file, target, Long.parseLong(args[6]),
                    Integer.parseInt(args[7])), CredentialsProvider.fixed(credentials), callback);
            UploadResult result;
            try {
                result = handle.completion().get(120, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                say("FAILED " + callback.eventsOf(RecordingCallback.Failed.class).stream()
                        .map(RecordingCallback.Failed::code).findFirst().orElse(String.valueOf(e.getCause())));
                System.exit(1);
                return;
            }
            // the checkpoint is removed after onUploadSuccess (a domain bug, see UploadOrderingTest): let the
            // upload's threads finish before this process exits
            List<Thread> snapshot;
            synchronized (threads) {
                snapshot = List.copyOf(threads);
            }
            for (Thread t : snapshot) {
                t.join(20_000);
            }
            say("SUCCESS crc64=" + Crc64.toUnsignedString(result.crc64()));
            try {
                callback.assertWellFormed();
                say("CALLBACKS OK");
            } catch (AssertionError e) {
                say("CALLBACKS BAD " + e.getMessage().replace('\n', ' '));
            }
        }
        System.exit(0);
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** Tells the parent after every save how many parts the checkpoint on disk holds. */
    private static final class Reporting implements CheckpointStore {
        private final CheckpointStore delegate;

        Reporting(CheckpointStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<Checkpoint> find(String fingerprint) {
            return delegate.find(fingerprint);
        }

        @Override
        public void save(Checkpoint checkpoint) {
            delegate.save(checkpoint);
            say("CHECKPOINT " + checkpoint.parts().size());
        }

        @Override
        public void remove(String fingerprint) {
            delegate.remove(fingerprint);
        }

        @Override
        public List<Checkpoint> list() {
            return delegate.list();
        }
    }
}
