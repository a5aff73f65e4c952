package io.vodupload.bench;

import io.vodupload.domain.UploadConfig;
import io.vodupload.testkit.oss.OssCredentials;
import io.vodupload.testkit.oss.OssObject;
import io.vodupload.testkit.oss.OssOperation;
import io.vodupload.testkit.oss.OssServer;
import io.vodupload.testkit.oss.StorageMode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The end-to-end upload benchmark: our uploader and aliyun-sdk-oss's {@code uploadFile} upload the same
 * generated file, in the same run, to the testkit OSS server on loopback in checksum-only mode.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.vodupload.bench.UploadBenchmark --size 1GiB --rounds 3
 * </pre>
 *
 * <ul>
 *   <li>The server runs in this JVM. Each client runs in its own child JVM ({@link UploadWorker}) with the
 *       same {@code -Xmx} and collector, so its heap holds that client only and is measured alone
 *       ({@link HeapMeter}). The workers live for the whole run, so rounds after the warm-up run JIT-compiled
 *       code with warm connection pools, as a long-lived application would.</li>
 *   <li>Every configuration (part size × parallelism) runs its warm-up rounds, then its measured rounds;
 *       each round rotates the order of the clients, so neither always goes first.</li>
 *   <li>Every upload, warm-up included, is verified before it counts: the server holds an object of the
 *       file's length whose CRC-64 equals the file's, the client reported that same CRC-64, and the object
 *       has the expected number of parts. A wrong upload aborts the run.</li>
 *   <li>With {@code --heap-probe}, each client then uploads once more in a fresh JVM of each given
 *       {@code -Xmx}, which shows whether it fits.</li>
 * </ul>
 *
 * <p>Progress goes to standard error; the Markdown report to standard output.
 */
public final class UploadBenchmark {

    static final String BUCKET = "bench";
    static final String ACCESS_KEY_ID = "bench-ak";

    private final BenchOptions options;
    private final PrintStream log;

    UploadBenchmark(BenchOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        String loadBefore = LoadAverage.now();
        Report report = new UploadBenchmark(options, System.err).run();
        System.out.print(header(options, loadBefore, LoadAverage.now()));
        if (!report.measurements().isEmpty()) {
            System.out.println("### Medians\n");
            System.out.println(report.summary());
            System.out.println(report.comparison());
            System.out.println("### Every measured round\n");
            System.out.println(report.rounds());
        }
        if (!report.probes().isEmpty()) {
            System.out.println("### Heap probe\n");
            System.out.println(report.probeTable());
        }
    }

    /** Runs the benchmark and returns its measurements; every upload in it was verified. */
    Report run() throws IOException, InterruptedException {
        boolean tempDir = options.dir().isEmpty();
        Path dir = tempDir ? Files.createTempDirectory("vodupload-bench-") : options.dir().get();
        Files.createDirectories(dir);
        Path file = dir.resolve("bench-" + options.size() + "-" + options.seed() + ".bin");
        Optional<Path> checkpoints = options.checkpoint() ? Optional.of(dir.resolve("checkpoints")) : Optional.empty();
        try {
            log.printf("writing %s of pseudo-random bytes to %s%n", Sizes.format(options.size()), file);
            long crc = TestFile.write(file, options.size(), options.seed());
            log.printf("file CRC-64 %s%n", Long.toUnsignedString(crc));
            if (checkpoints.isPresent()) {
                Files.createDirectories(checkpoints.get());
            }
            // a throwaway secret for a server that lives as long as this run
            String secret = UUID.randomUUID().toString();
            // 0 is our adaptive default, which may grow to its ceiling
            int maxParallelism = options.parallelisms().stream().map(n -> n == 0 ? UploadConfig.DEFAULT_MAX_PARALLELISM : n)
                    .max(Integer::compare).orElseThrow();
            try (OssServer server = OssServer.builder()
                    .bucket(BUCKET)
                    .credentials(OssCredentials.of(ACCESS_KEY_ID, secret))
                    .storageMode(StorageMode.CHECKSUM_ONLY)
                    .threads(Math.max(16, 2 * maxParallelism + 4))
                    .link(options.link())
                    .start()) {
                UploadClient.Settings settings = new UploadClient.Settings(server.endpoint().toString(), BUCKET,
                        server.region(), file, options.signature(), ACCESS_KEY_ID, secret, checkpoints);
                log.printf("server %s (checksum-only, link %s), %s%n", server.endpoint(), server.link(), settings);
                Report report = new Report(options.size());
                if (options.rounds() > 0) {
                    measure(server, settings, crc, report);
                }
                probe(server, settings, crc, report);
                if (!server.uploadIds().isEmpty()) {
                    throw new IllegalStateException("multipart uploads left unfinished: " + server.uploadIds());
                }
                return report;
            }
        } finally {
            Files.deleteIfExists(file);
            if (checkpoints.isPresent()) {
                deleteTree(checkpoints.get());
            }
            if (tempDir) {
                deleteTree(dir);
            }
        }
    }

    private void measure(OssServer server, UploadClient.Settings settings, long crc, Report report)
            throws IOException, InterruptedException {
        Map<ClientKind, WorkerProcess> workers = new EnumMap<>(ClientKind.class);
        try {
            for (ClientKind k : options.clients()) {
                workers.put(k, WorkerProcess.start(k, options.workerHeap(), settings, options.timeout()));
            }
            for (BenchOptions.Config c : options.configs()) {
                for (int r = 0; r < options.warmup() + options.rounds(); r++) {
                    boolean warm = r < options.warmup();
                    for (ClientKind k : rotate(options.clients(), r)) {
                        String key = "bench/" + k.id() + "/" + c.partSize() + "x" + c.parallelism() + "/" + r;
                        server.stats().reset();
                        WorkerProtocol.Reply reply = workers.get(k).upload(
                                new WorkerProtocol.Command(key, c.partSize(), c.parallelism()), options.timeout());
                        verify(server, key, reply, crc, c);
                        String load = LoadAverage.now();
                        long received = server.stats().bytesReceived();
                        long partRequests = server.stats().requests(OssOperation.UPLOAD_PART);
                        log.printf("%s %-8s %-16s verified: %.2f s, CPU %.2f s, peak heap %s MiB, load %s%n", c,
                                warm ? "warm-up" : "round " + (r - options.warmup() + 1), k.id(),
                                reply.nanos() / 1e9, reply.cpuNanos() / 1e9, Sizes.mib(reply.heap().peakUsed()), load);
                        if (!warm) {
                            report.add(new Report.Measurement(k, c, r - options.warmup() + 1, reply, received,
                                    partRequests, load));
                        }
                    }
                }
            }
        } finally {
            for (WorkerProcess w : workers.values()) {
                w.close();
            }
        }
    }

    private void probe(OssServer server, UploadClient.Settings settings, long crc, Report report)
            throws IOException, InterruptedException {
        BenchOptions.Config c = options.probeConfig();
        for (String heap : options.heapProbe()) {
            for (ClientKind k : options.clients()) {
                String key = "probe/" + k.id() + "/" + heap;
                Optional<WorkerProtocol.Reply> reply = Optional.empty();
                Optional<String> failure = Optional.empty();
                WorkerProcess w = null;
                try {
                    w = WorkerProcess.start(k, heap, settings, options.timeout());
                    WorkerProtocol.Reply r = w.upload(new WorkerProtocol.Command(key, c.partSize(), c.parallelism()),
                            options.timeout());
                    verify(server, key, r, crc, c);
                    reply = Optional.of(r);
                } catch (WorkerProtocol.WorkerFailure e) {
                    failure = Optional.of(e.getMessage());
                } finally {
                    if (w != null) {
                        w.close();
                    }
                }
                abortLeftovers(server);
                log.printf("probe -Xmx%s %s %s: %s%n", heap, k.id(), c, failure.orElse("completed, verified"));
                report.add(new Report.Probe(k, heap, c, reply, failure));
            }
        }
    }

    /** A client that died mid-upload leaves its multipart upload behind; the server forgets it. */
    private static void abortLeftovers(OssServer server) {
        for (String id : server.uploadIds()) {
            server.faults().forgetUpload(id);
        }
    }

    /**
     * Checks the upload landed byte for byte: length, CRC-64 on the server and as the client saw it, and
     * the number of parts.
     *
     * @throws IllegalStateException describing the first difference
     */
    void verify(OssServer server, String key, WorkerProtocol.Reply reply, long crc, BenchOptions.Config c) {
        OssObject stored = server.object(BUCKET, key)
                .orElseThrow(() -> new IllegalStateException("no object " + key + " on the server"));
        long expectedParts = options.size() <= c.partSize() ? 1 : (options.size() + c.partSize() - 1) / c.partSize();
        if (stored.length() != options.size()) {
            throw new IllegalStateException(key + ": the server holds " + stored.length() + " bytes, the file has "
                    + options.size());
        }
        if (stored.crc64() != crc) {
            throw new IllegalStateException(key + ": the server's CRC-64 " + Long.toUnsignedString(stored.crc64())
                    + " is not the file's " + Long.toUnsignedString(crc));
        }
        if (reply.outcome().crc64() != crc) {
            throw new IllegalStateException(key + ": the client's CRC-64 "
                    + Long.toUnsignedString(reply.outcome().crc64()) + " is not the file's " + Long.toUnsignedString(crc));
        }
        if (reply.outcome().parts() != expectedParts) {
            throw new IllegalStateException(key + ": " + reply.outcome().parts() + " parts, expected " + expectedParts);
        }
    }

    /** The clients in the order of round {@code r}: the list rotated left by {@code r}. */
    static List<ClientKind> rotate(List<ClientKind> clients, int r) {
        List<ClientKind> out = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            out.add(clients.get((i + r) % clients.size()));
        }
        return out;
    }

    static String header(BenchOptions o, String loadBefore, String loadAfter) {
        Runtime rt = Runtime.getRuntime();
        StringBuilder b = new StringBuilder();
        b.append("## End-to-end upload: ").append(Sizes.format(o.size())).append("\n\n")
                .append("- machine: ").append(rt.availableProcessors()).append(" CPUs, ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version")).append(' ')
                .append(System.getProperty("os.arch")).append('\n')
                .append("- JDK: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append('\n')
                .append("- clients: ").append(String.join(", ", o.clients().stream().map(ClientKind::label).toList()))
                .append('\n')
                .append("- signature ").append(o.signature()).append(", checkpoints ").append(o.checkpoint() ? "on" : "off")
                .append(", server: testkit OssServer in the benchmark's JVM, checksum-only, loopback")
                .append(o.link().isNone() ? "" : ", emulated link " + o.link()).append('\n');
        if (o.rounds() > 0) {
            b.append("- each client in its own JVM: -Xmx").append(o.workerHeap())
                    .append(" -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError; ").append(o.warmup()).append(" warm-up + ")
                    .append(o.rounds()).append(" measured rounds per configuration, client order rotated every round\n");
        }
        if (!o.heapProbe().isEmpty()) {
            b.append("- heap probe: one upload (").append(o.probeConfig())
                    .append(") per client in a fresh JVM (cold JIT) of each -Xmx: ")
                    .append(String.join(", ", o.heapProbe())).append('\n');
        }
        b.append("- every upload verified: length, CRC-64 on the server and in the client, part count\n")
                .append("- load average (1/5/15 min) before: ").append(loadBefore).append(", after: ").append(loadAfter)
                .append("\n\n");
        return b.toString();
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
