package io.vodupload.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Many files (docs/benchmarks.md, "Batches"): a directory of small files and one of large files, each
 * uploaded by
 * <ol>
 *   <li>one {@code vodupload upload DIR -r} (a fresh process, its defaults but the target),</li>
 *   <li>a shell loop of single-file {@code vodupload upload FILE} (over a sample of the small files, since a
 *       thousand JVM starts take a quarter of an hour; files/s is what it is compared by),</li>
 *   <li>aliyun-sdk-oss {@code uploadFile} from a thread pool of the batch's width ({@link SdkBatch}, a fresh
 *       JVM),</li>
 * </ol>
 * in alternating rounds, against the testkit OSS server in its own JVM (checksum-only storage); then, with
 * {@code --postgres}, the large set submitted once to an embedded PostgreSQL and worked by one and by two
 * {@code vodupload worker} processes.
 *
 * <pre>
 * mvn -B -ntp -q -pl bench -am package -DskipTests
 * ./vodupload --version     # builds app-cli/target/vodupload.jar and the launcher's start-up archive
 * java -cp bench/target/benchmarks.jar io.vodupload.bench.BatchBenchmark [--cli ./vodupload] [--small 1000]
 *     [--small-size 256KiB] [--large 20] [--large-size 64MiB] [--loop-sample 100] [--jobs N] [--rounds 3]
 *     [--dir bench/target/batch-bench] [--postgres]
 * </pre>
 * Every upload is checked before it counts: the CLI must exit 0 and report every file succeeded, the SDK
 * checks each part's and the object's CRC-64 against the server's.
 */
public final class BatchBenchmark {

    private static final String BUCKET = "media";
    private static final String KEY_ID = "bench-batch";
    private static final String SECRET = "bench-batch-secret";
    private static final String REGION = "cn-hangzhou";

    private final Map<String, String> opts;
    private final Path dir;
    private final List<String> cli;
    private String endpoint;

    private BatchBenchmark(Map<String, String> opts) {
        this.opts = opts;
        this.dir = Path.of(opts.getOrDefault("dir", "bench/target/batch-bench")).toAbsolutePath();
        String c = opts.getOrDefault("cli", "./vodupload");
        this.cli = c.endsWith(".jar") ? List.of(java(), "-jar", Path.of(c).toAbsolutePath().toString())
                : List.of(Path.of(c).toAbsolutePath().toString());
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("not a flag: " + args[i]);
            }
            String name = args[i].substring(2);
            if (name.equals("postgres")) {
                opts.put(name, "true");
            } else if (i + 1 < args.length) {
                opts.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("flag --" + name + " needs a value");
            }
        }
        new BatchBenchmark(opts).run();
    }

    private void run() throws Exception {
        int small = Integer.parseInt(opts.getOrDefault("small", "1000"));
        int large = Integer.parseInt(opts.getOrDefault("large", "20"));
        long smallSize = Sizes.parse(opts.getOrDefault("small-size", "256KiB"));
        long largeSize = Sizes.parse(opts.getOrDefault("large-size", "64MiB"));
        int sample = Math.min(small, Integer.parseInt(opts.getOrDefault("loop-sample", "100")));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "3"));
        String jobs = opts.get("jobs");
        int width = jobs == null ? 2 : Integer.parseInt(jobs);

        Path smallDir = makeSet("small", small, smallSize);
        Path largeDir = makeSet("large", large, largeSize);
        Process server = startServer();
        try {
            System.out.printf(Locale.ROOT, "# server %s, load %s, %d cores%n", endpoint, LoadAverage.now(),
                    Runtime.getRuntime().availableProcessors());
            Map<String, List<Double>> seconds = new LinkedHashMap<>();
            for (int r = 1; r <= rounds; r++) {
                for (Path set : List.of(smallDir, largeDir)) {
                    String name = set.getFileName().toString();
                    int count = SdkBatch.filesOf(set).size();
                    double t = batch(set, "r" + r + "-cli-" + name + "/", jobs);
                    record(seconds, name + " i", t, count);
                    List<Path> loopFiles = SdkBatch.filesOf(set).subList(0, name.equals("small") ? sample : count);
                    t = loop(loopFiles, "r" + r + "-loop-" + name + "/");
                    record(seconds, name + " ii", t, loopFiles.size());
                    t = sdk(set, "r" + r + "-sdk-" + name + "/", width);
                    record(seconds, name + " iii", t, count);
                }
            }
            System.out.println();
            System.out.println("| set | client | files | median s | files/s | MiB/s |");
            System.out.println("|---|---|---|---|---|---|");
            for (Map.Entry<String, List<Double>> e : seconds.entrySet()) {
                String[] p = e.getKey().split(" ");
                boolean isSmall = p[0].equals("small");
                int files = p[1].equals("ii") && isSmall ? sample : isSmall ? small : large;
                double s = median(e.getValue());
                double mib = files * (double) (isSmall ? smallSize : largeSize) / (1 << 20);
                System.out.printf(Locale.ROOT, "| %s | %s | %d | %.2f | %.1f | %.1f |%n", p[0], label(p[1], width),
                        files, s, files / s, mib / s);
            }
            if (opts.containsKey("postgres")) {
                workers(largeDir, jobs);
            }
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String label(String client, int width) {
        return switch (client) {
            case "i" -> "(i) `vodupload upload DIR -r`";
            case "ii" -> "(ii) shell loop of `vodupload upload FILE`";
            default -> "(iii) aliyun-sdk-oss `uploadFile`, pool of " + width;
        };
    }

    private static void record(Map<String, List<Double>> seconds, String what, double t, int files) {
        seconds.computeIfAbsent(what, k -> new ArrayList<>()).add(t);
        System.out.printf(Locale.ROOT, "%-10s %6.2f s  %d files%n", what, t, files);
    }

    /** (i): one batch command. */
    private double batch(Path set, String prefix, String jobs) throws Exception {
        List<String> cmd = new ArrayList<>(cli);
        cmd.addAll(List.of("upload", set.toString(), "-r", "--endpoint", endpoint, "--bucket", BUCKET,
                "--key-prefix", prefix, "--checkpoint-dir", fresh("ckpt").toString(), "--json"));
        if (jobs != null) {
            cmd.addAll(List.of("--jobs", jobs));
        }
        Timed t = time(cmd);
        if (t.exit != 0 || !t.lastLine.contains("\"failed\":0")) {
            throw new IllegalStateException("batch failed (exit " + t.exit + "): " + t.lastLine);
        }
        return t.seconds;
    }

    /** (ii): a shell loop of single-file commands, as a user's script runs them. */
    private double loop(List<Path> files, String prefix) throws Exception {
        String command = String.join(" ", cli.stream().map(BatchBenchmark::quote).toList());
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c",
                "ck=$1; shift; for f do " + command + " upload \"$f\" --endpoint " + endpoint + " --bucket "
                        + BUCKET + " --key " + prefix + "\"${f##*/}\" --checkpoint-dir \"$ck\" > /dev/null 2>&1 || exit 1; done",
                "sh", fresh("ckpt").toString()));
        for (Path f : files) {
            cmd.add(f.toString());
        }
        Timed t = time(cmd);
        if (t.exit != 0) {
            throw new IllegalStateException("shell loop failed (exit " + t.exit + ")");
        }
        return t.seconds;
    }

    /** (iii): the SDK from a pool of the same width. */
    private double sdk(Path set, String prefix, int width) throws Exception {
        Timed t = time(List.of(java(), "-cp", System.getProperty("java.class.path"), SdkBatch.class.getName(),
                endpoint, BUCKET, REGION, set.toString(), prefix, String.valueOf(width),
                String.valueOf(8L << 20), "4"));
        if (t.exit != 0 || !t.lastLine.startsWith("ok ")) {
            throw new IllegalStateException("SDK batch failed (exit " + t.exit + "): " + t.lastLine);
        }
        return t.seconds;
    }

    /** One and two workers on PostgreSQL, each over a freshly submitted batch of {@code set}. */
    private void workers(Path set, String jobs) throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres?user=postgres";
            System.out.println();
            System.out.println("| workers | files | s | MiB/s |");
            System.out.println("|---|---|---|---|");
            for (int n : new int[] {1, 2}) {
                List<String> submit = new ArrayList<>(cli);
                submit.addAll(List.of("upload", set.toString(), "-r", "--endpoint", endpoint, "--bucket", BUCKET,
                        "--key-prefix", "pg" + n + "/", "--queue", url, "--submit-only"));
                Timed s = time(submit);
                if (s.exit != 0) {
                    throw new IllegalStateException("submit failed (exit " + s.exit + "): " + s.lastLine);
                }
                long start = System.nanoTime();
                List<Process> ps = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    List<String> w = new ArrayList<>(cli);
                    w.addAll(List.of("worker", "--queue", url));
                    if (jobs != null) {
                        w.addAll(List.of("--jobs", jobs));
                    }
                    ps.add(process(w).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
                }
                for (Process p : ps) {
                    if (p.waitFor() != 0) {
                        throw new IllegalStateException("a worker exited " + p.exitValue());
                    }
                }
                double sec = (System.nanoTime() - start) / 1e9;
                List<Path> files = SdkBatch.filesOf(set);
                long bytes = 0;
                for (Path f : files) {
                    bytes += Files.size(f);
                }
                System.out.printf(Locale.ROOT, "| %d | %d | %.2f | %.1f |%n", n, files.size(), sec,
                        bytes / (double) (1 << 20) / sec);
            }
        }
    }

    private Path makeSet(String name, int count, long size) throws IOException {
        Path d = dir.resolve(name);
        Files.createDirectories(d);
        for (int i = 0; i < count; i++) {
            Path f = d.resolve(String.format(Locale.ROOT, "%s-%05d.bin", name, i));
            if (!Files.exists(f) || Files.size(f) != size) {
                TestFile.write(f, size, name.hashCode() * 31L + i);
            }
        }
        return d;
    }

    private Path fresh(String what) throws IOException {
        Files.createDirectories(dir);
        return Files.createTempDirectory(dir, what);
    }

    private Process startServer() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(java(), "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "io.vodupload.testkit.oss.OssServerMain", "--bucket", BUCKET, "--access-key-id", KEY_ID,
                "--region", REGION, "--storage", "checksum", "--threads", "64")
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("OSS_SERVER_ACCESS_KEY_SECRET", SECRET);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        endpoint = out.readLine();
        if (endpoint == null) {
            throw new IllegalStateException("the OSS server did not start");
        }
        return p;
    }

    private ProcessBuilder process(List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("VODUPLOAD_ACCESS_KEY_ID", KEY_ID);
        pb.environment().put("VODUPLOAD_ACCESS_KEY_SECRET", SECRET);
        return pb;
    }

    private record Timed(int exit, double seconds, String lastLine) {
    }

    private Timed time(List<String> cmd) throws Exception {
        long start = System.nanoTime();
        Process p = process(cmd).start();
        String last = "";
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                last = line;
            }
        }
        int exit = p.waitFor();
        return new Timed(exit, (System.nanoTime() - start) / 1e9, last);
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        v.sort(Double::compare);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }
}
