package io.vodupload.bench;

import io.vodupload.adapters.local.JsonFileCheckpointStore;
import io.vodupload.adapters.local.LocalObjectStorage;
import io.vodupload.domain.UploadConfig;
import io.vodupload.domain.UploadRequest;
import io.vodupload.domain.Uploader;
import io.vodupload.ports.CheckpointStore;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.PartBody;
import io.vodupload.ports.ObjectInfo;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.ObjectReceipt;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.PartReceipt;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.TransferListener;
import io.vodupload.ports.UploadCallback;
import io.vodupload.ports.UploadResult;
import io.vodupload.testkit.memory.InMemoryObjectStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Two measurements of the storage-side costs of an upload, each a plain {@code main} printing Markdown:
 *
 * <ul>
 *   <li>{@code complete} (default): uploads a file to the local store ({@code LocalObjectStorage}, checkpoints
 *       in a {@code JsonFileCheckpointStore}, the CLI's own wiring) and splits each round's time into the
 *       transfer (start to the CompleteMultipartUpload call) and the Complete itself;</li>
 *   <li>{@code checkpoints}: uploads to the in-memory storage with checkpoints off and on (alternating),
 *       so the difference divided by the part count is what a checkpoint costs each part.</li>
 * </ul>
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar io.vodupload.bench.LocalStoreBenchmark complete 2GiB 8MiB 4 3 [dir]
 * java -cp bench/target/benchmarks.jar io.vodupload.bench.LocalStoreBenchmark checkpoints 256MiB 1MiB 8 5 [dir]
 * }</pre>
 * Arguments: mode, file size, part size, parts in flight, rounds, and the working directory (default: a
 * new one under the system temp directory, deleted at the end).
 */
public final class LocalStoreBenchmark {

    private static final Credentials CREDENTIALS = Credentials.of("bench-id", "bench-secret");

    private LocalStoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "complete";
        long size = Sizes.parse(args.length > 1 ? args[1] : "2GiB");
        long partSize = Sizes.parse(args.length > 2 ? args[2] : "8MiB");
        int parallelism = Integer.parseInt(args.length > 3 ? args[3] : "4");
        int rounds = Integer.parseInt(args.length > 4 ? args[4] : "3");
        Path dir = args.length > 5 ? Files.createDirectories(Path.of(args[5]))
                : Files.createTempDirectory("vodupload-localbench");
        Path file = dir.resolve("file.bin");
        long crc = TestFile.write(file, size, 42);
        System.err.printf(Locale.ROOT, "%s: %s, %s x %d, %d rounds, load %s%n", mode, Sizes.format(size),
                Sizes.format(partSize), parallelism, rounds, LoadAverage.now());
        try {
            if (mode.equals("checkpoints")) {
                checkpoints(dir, file, crc, partSize, parallelism, rounds);
            } else {
                complete(dir, file, crc, partSize, parallelism, rounds);
            }
        } finally {
            if (args.length <= 5) {
                deleteTree(dir);
            }
        }
    }

    private static void complete(Path dir, Path file, long crc, long partSize, int parallelism, int rounds)
            throws Exception {
        System.out.println("| round | total s | transfer s | Complete s | Complete / transfer | MiB/s | load |");
        System.out.println("|---|---|---|---|---|---|---|");
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) { // round 0 warms up
            Path root = dir.resolve("store-" + round);
            try (LocalObjectStorage local = LocalObjectStorage.open(root)) {
                Timed storage = new Timed(local);
                CheckpointStore checkpoints = new JsonFileCheckpointStore(dir.resolve("checkpoints-" + round));
                long start = System.nanoTime();
                UploadResult result = upload(storage, checkpoints, local.target("bench", "file.bin"), file,
                        partSize, parallelism);
                long end = System.nanoTime();
                check(result, crc);
                double total = (end - start) / 1e9;
                double transfer = (storage.completeStarted - start) / 1e9;
                double complete = storage.completeNanos / 1e9;
                if (round > 0) {
                    ratios.add(complete / transfer);
                }
                System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.1f %% | %.0f | %s |%n",
                        round == 0 ? "warm-up" : String.valueOf(round), total, transfer, complete,
                        100 * complete / transfer, Files.size(file) / total / Sizes.MIB, LoadAverage.now());
            } finally {
                deleteTree(root);
                deleteTree(dir.resolve("checkpoints-" + round));
            }
        }
        Collections.sort(ratios);
        System.out.printf(Locale.ROOT, "%nmedian Complete / transfer: %.1f %%%n", 100 * ratios.get(ratios.size() / 2));
    }

    private static void checkpoints(Path dir, Path file, long crc, long partSize, int parallelism, int rounds)
            throws Exception {
        long parts = (Files.size(file) + partSize - 1) / partSize;
        List<Double> off = new ArrayList<>();
        List<Double> on = new ArrayList<>();
        InMemoryObjectStorage memory = new InMemoryObjectStorage(CREDENTIALS);
        StorageTarget target = StorageTarget.of("oss-cn-hangzhou.aliyuncs.com", "bench", "file.bin");
        System.out.println("| round | checkpoints off, s | checkpoints on, s | cost per part, ms | load |");
        System.out.println("|---|---|---|---|---|");
        for (int round = 0; round <= rounds; round++) {
            double[] seconds = new double[2];
            for (int i = 0; i < 2; i++) {
                boolean withCheckpoints = (i + round) % 2 == 1; // alternate which goes first
                Path cpDir = dir.resolve("checkpoints-" + round + "-" + i);
                CheckpointStore store = withCheckpoints ? new JsonFileCheckpointStore(cpDir) : CheckpointStore.NONE;
                long start = System.nanoTime();
                check(upload(memory, store, target, file, partSize, parallelism), crc);
                seconds[withCheckpoints ? 1 : 0] = (System.nanoTime() - start) / 1e9;
                memory.clear();
                deleteTree(cpDir);
            }
            if (round > 0) {
                off.add(seconds[0]);
                on.add(seconds[1]);
            }
            System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.2f | %s |%n",
                    round == 0 ? "warm-up" : String.valueOf(round), seconds[0], seconds[1],
                    (seconds[1] - seconds[0]) * 1000 / parts, LoadAverage.now());
        }
        Collections.sort(off);
        Collections.sort(on);
        double a = off.get(off.size() / 2);
        double b = on.get(on.size() / 2);
        System.out.printf(Locale.ROOT, "%nmedians: off %.3f s, on %.3f s; %d parts: %.2f ms per part%n", a, b, parts,
                (b - a) * 1000 / parts);
    }

    private static UploadResult upload(ObjectStorage storage, CheckpointStore checkpoints, StorageTarget target,
                                       Path file, long partSize, int parallelism) throws Exception {
        UploadConfig config = UploadConfig.builder().partSize(partSize).parallelism(parallelism)
                .resume(checkpoints != CheckpointStore.NONE).build();
        try (Uploader uploader = Uploader.builder(storage).checkpointStore(checkpoints).build()) {
            return uploader.start(UploadRequest.builder(file, target).config(config).build(),
                    CredentialsProvider.fixed(CREDENTIALS), new UploadCallback() { }).completion().get();
        }
    }

    private static void check(UploadResult result, long crc) {
        if (result.crc64() != crc) {
            throw new IllegalStateException("stored CRC-64 " + Long.toUnsignedString(result.crc64())
                    + " is not the file's " + Long.toUnsignedString(crc));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(Collections.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** Passes every call through, timing the Complete. */
    private static final class Timed implements ObjectStorage {
        private final ObjectStorage inner;
        volatile long completeStarted;
        volatile long completeNanos;

        Timed(ObjectStorage inner) {
            this.inner = inner;
        }

        @Override
        public String initiateMultipart(StorageTarget target, Credentials credentials, ObjectMetadata metadata) {
            return inner.initiateMultipart(target, credentials, metadata);
        }

        @Override
        public PartReceipt uploadPart(StorageTarget target, Credentials credentials, String uploadId, int partNumber,
                                      PartBody body, TransferListener listener) {
            return inner.uploadPart(target, credentials, uploadId, partNumber, body, listener);
        }

        @Override
        public List<PartReceipt> listParts(StorageTarget target, Credentials credentials, String uploadId) {
            return inner.listParts(target, credentials, uploadId);
        }

        @Override
        public ObjectReceipt completeMultipart(StorageTarget target, Credentials credentials, String uploadId,
                                               List<PartReceipt> parts, ObjectMetadata metadata) {
            long start = System.nanoTime();
            completeStarted = start;
            try {
                return inner.completeMultipart(target, credentials, uploadId, parts, metadata);
            } finally {
                completeNanos = System.nanoTime() - start;
            }
        }

        @Override
        public void abortMultipart(StorageTarget target, Credentials credentials, String uploadId) {
            inner.abortMultipart(target, credentials, uploadId);
        }

        @Override
        public ObjectReceipt putObject(StorageTarget target, Credentials credentials, PartBody body,
                                       ObjectMetadata metadata, TransferListener listener) {
            return inner.putObject(target, credentials, body, metadata, listener);
        }

        @Override
        public Optional<ObjectInfo> headObject(StorageTarget target, Credentials credentials) {
            return inner.headObject(target, credentials);
        }

        @Override
        public boolean checksContentMd5() {
            return inner.checksContentMd5();
        }
    }
}
