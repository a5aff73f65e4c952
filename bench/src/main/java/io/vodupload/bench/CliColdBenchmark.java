package io.vodupload.bench;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.model.UploadFileRequest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The CLI as users run it: every client a fresh process, timed from the outside with {@code /usr/bin/time -v}
 * (wall, user + sys CPU, peak RSS of the process tree), against the testkit OSS server in a JVM of its own
 * (checksum-only: it checks every signature, computes CRC-64 and MD5, and keeps nothing).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.vodupload.bench.CliColdBenchmark [--sizes 1GiB] [--rounds 5]
 *     [--clients vodupload-http,vodupload-oss,aliyun-sdk,raw-put] [--cli ./vodupload] [--work DIR]
 *     [--cli-b OTHER_LAUNCHER]
 * </pre>
 *
 * <ul>
 *   <li>{@code vodupload-http}, {@code vodupload-oss}: {@code vodupload upload FILE --endpoint ... --json} at its
 *       defaults (8 MiB × 4, checkpoints on, in a fresh checkpoint directory), the second with
 *       {@code --transport oss}; through the launcher given by {@code --cli}.</li>
 *   <li>{@code vodupload-stdin}: the same bytes as a stream, {@code cat FILE | vodupload upload - --key ... --json}
 *       (a pipe, length unknown: 8 MiB × 4 buffers, no checkpoint); timed with {@code cat} (its CPU is small,
 *       and the peak RSS is the largest process's).</li>
 *   <li>{@code vodupload-http-b}, {@code vodupload-oss-b}: the same through the launcher given by {@code --cli-b}:
 *       an A/B of two builds or two sets of JVM options, in the same alternating rounds.</li>
 *   <li>{@code aliyun-sdk}: aliyun-sdk-oss {@code uploadFile} in a fresh JVM ({@code java -cp benchmarks.jar},
 *       no JVM flags), 8 MiB × taskNum 4, checkpoint off, CRC check on (its default).</li>
 *   <li>{@code raw-put}: one PutObject of the whole file over {@link HttpURLConnection} in a fresh JVM, no
 *       checksum: the floor.</li>
 * </ul>
 * Signature V1 for all. Clients alternate, the order rotated every round. Every upload is checked before it
 * counts: the server's object has the file's length and CRC-64 (a HEAD request). Medians per client; the
 * Markdown table goes to standard output, progress and every run to standard error.
 */
public final class CliColdBenchmark {

    static final String BUCKET = "bench";
    static final String ACCESS_KEY_ID = "bench-ak";
    static final String REGION = "cn-hangzhou";
    static final List<String> DEFAULT_CLIENTS = List.of("vodupload-http", "vodupload-oss", "aliyun-sdk", "raw-put");
    static final List<String> ALL_CLIENTS = List.of("vodupload-http", "vodupload-oss", "vodupload-stdin", "aliyun-sdk",
            "raw-put", "vodupload-http-b", "vodupload-oss-b");

    static final String USAGE = String.join("\n",
            "usage: CliColdBenchmark [--sizes 1GiB[,2GiB...]] [--rounds 5] [--clients " + String.join(",", DEFAULT_CLIENTS) + "]",
            "                        [--cli ./vodupload] [--cli-b OTHER] [--work DIR] [--part-size 8MiB] [--parallel 4]",
            "  vodupload-http-b/vodupload-oss-b run through --cli-b (an A/B in the same rounds)",
            "  --part-size/--parallel apply to aliyun-sdk only; vodupload runs at its defaults");

    private CliColdBenchmark() {
    }

    /** One timed run of one client. */
    record Run(String client, long size, int round, double wall, double cpu, double rssMiB) {
        double mibPerSecond() {
            return size / 1048576.0 / wall;
        }
    }

    public static void main(String[] args) throws Throwable {
        if (args.length > 0 && args[0].equals("sdk-upload")) {
            sdkUpload(args);
            return;
        }
        if (args.length > 0 && args[0].equals("raw-put")) {
            rawPut(URI.create(args[1]), Path.of(args[2]), args[3], System.getenv("BENCH_SECRET"));
            return;
        }
        Map<String, String> o = new LinkedHashMap<>(Map.of("--sizes", "1GiB", "--rounds", "5",
                "--clients", String.join(",", DEFAULT_CLIENTS), "--cli", "./vodupload", "--part-size", "8MiB",
                "--parallel", "4"));
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || !args[i].startsWith("--") || i + 1 >= args.length
                    || (!o.containsKey(args[i]) && !args[i].equals("--work") && !args[i].equals("--cli-b"))) {
                System.err.println(USAGE);
                System.exit(args[i].equals("--help") ? 0 : 2);
            }
            o.put(args[i], args[++i]);
        }
        List<Long> sizes = List.of(o.get("--sizes").split(",")).stream().map(String::trim).map(Sizes::parse)
                .collect(Collectors.toList());
        int rounds = Integer.parseInt(o.get("--rounds"));
        List<String> clients = List.of(o.get("--clients").split(","));
        for (String c : clients) {
            if (!ALL_CLIENTS.contains(c)) {
                throw new IllegalArgumentException("unknown client " + c + "; known: " + ALL_CLIENTS);
            }
            if (c.endsWith("-b") && !o.containsKey("--cli-b")) {
                throw new IllegalArgumentException(c + " needs --cli-b");
            }
        }
        Path work = o.containsKey("--work") ? Path.of(o.get("--work")) : Files.createTempDirectory("cli-cold");
        Files.createDirectories(work);
        String secret = "bench-secret-" + Long.toHexString(System.nanoTime());
        String loadBefore = LoadAverage.now();
        List<Run> runs = new ArrayList<>();
        Process server = startServer(secret);
        try {
            URI endpoint = URI.create(firstLine(server));
            System.err.println("server " + endpoint + " (pid " + server.pid() + ")");
            if (clients.stream().anyMatch(c -> c.startsWith("vodupload"))) {
                // untimed: the launcher builds the jar and its start-up archive on its first run after a build
                for (String cli : o.containsKey("--cli-b") ? List.of(o.get("--cli"), o.get("--cli-b"))
                        : List.of(o.get("--cli"))) {
                    new ProcessBuilder(cli, "--version").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .redirectError(ProcessBuilder.Redirect.INHERIT).start().waitFor();
                }
            }
            for (long size : sizes) {
                Path file = work.resolve("cli-cold-" + size + ".bin");
                if (!Files.exists(file) || Files.size(file) != size) {
                    System.err.println("writing " + Sizes.format(size) + " to " + file);
                    TestFile.write(file, size, 14);
                }
                long crc = TestFile.crcOf(file);
                for (int r = 1; r <= rounds; r++) {
                    for (int i = 0; i < clients.size(); i++) {
                        String client = clients.get((i + r) % clients.size());
                        String key = client + "-" + size + "-" + r;
                        Run run = timed(client, size, r, command(client, o, endpoint, file, key, work), secret, work);
                        verify(endpoint, key, size, crc, secret);
                        runs.add(run);
                        System.err.printf(Locale.ROOT, "%s %s round %d: %.2f s wall, %.0f MiB/s, %.2f s CPU, %.0f MiB RSS, load %s%n",
                                client, Sizes.format(size), r, run.wall(), run.mibPerSecond(), run.cpu(), run.rssMiB(),
                                LoadAverage.now());
                    }
                }
            }
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
        System.out.print(report(runs, clients, sizes, rounds, loadBefore, LoadAverage.now()));
    }

    /** The command line of one client's upload. */
    static List<String> command(String client, Map<String, String> o, URI endpoint, Path file, String key, Path work)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = Path.of(CliColdBenchmark.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .toString();
        switch (client) {
            case "vodupload-http":
            case "vodupload-oss":
            case "vodupload-http-b":
            case "vodupload-oss-b": {
                Path checkpoints = Files.createTempDirectory(work, "checkpoints");
                String cli = client.endsWith("-b") ? o.get("--cli-b") : o.get("--cli");
                List<String> c = new ArrayList<>(List.of(cli, "upload", file.toString(), "--endpoint",
                        endpoint.toString(), "--bucket", BUCKET, "--key", key, "--signature", "v1",
                        "--checkpoint-dir", checkpoints.toString(), "--json"));
                if (client.startsWith("vodupload-oss")) {
                    c.addAll(List.of("--transport", "oss"));
                }
                return c;
            }
            case "vodupload-stdin":
                // a pipe, as users stream: sh runs `cat FILE | vodupload upload - ...` ($0 is the file)
                return List.of("sh", "-c", "cat \"$0\" | \"$@\"", file.toString(), o.get("--cli"), "upload", "-",
                        "--endpoint", endpoint.toString(), "--bucket", BUCKET, "--key", key, "--signature", "v1",
                        "--json");
            case "aliyun-sdk":
                return List.of(java, "-cp", jar, CliColdBenchmark.class.getName(), "sdk-upload", endpoint.toString(),
                        file.toString(), key, String.valueOf(Sizes.parse(o.get("--part-size"))), o.get("--parallel"));
            case "raw-put":
                return List.of(java, "-cp", jar, CliColdBenchmark.class.getName(), "raw-put", endpoint.toString(),
                        file.toString(), key);
            default:
                throw new IllegalArgumentException(client);
        }
    }

    /** Runs {@code command} under {@code /usr/bin/time -v}; its stdout is discarded, its stderr kept on failure. */
    static Run timed(String client, long size, int round, List<String> command, String secret, Path work)
            throws IOException, InterruptedException {
        Path time = work.resolve("time.txt");
        Path err = work.resolve("stderr.txt");
        List<String> c = new ArrayList<>(List.of("/usr/bin/time", "-v", "-o", time.toString()));
        c.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(c).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile());
        pb.environment().put("VODUPLOAD_ACCESS_KEY_ID", ACCESS_KEY_ID);
        pb.environment().put("VODUPLOAD_ACCESS_KEY_SECRET", secret);
        pb.environment().put("BENCH_SECRET", secret);
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(client + " did not finish in 30 minutes");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(client + " exited " + p.exitValue() + ": " + Files.readString(err));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : Files.readAllLines(time)) {
            int colon = line.lastIndexOf(": ");
            if (colon > 0) {
                fields.put(line.substring(0, colon).strip(), line.substring(colon + 2).strip());
            }
        }
        return new Run(client, size, round, wallSeconds(fields.get("Elapsed (wall clock) time (h:mm:ss or m:ss)")),
                Double.parseDouble(fields.get("User time (seconds)")) + Double.parseDouble(fields.get("System time (seconds)")),
                Long.parseLong(fields.get("Maximum resident set size (kbytes)")) / 1024.0);
    }

    /** {@code h:mm:ss} or {@code m:ss.ss} in seconds. */
    static double wallSeconds(String text) {
        double s = 0;
        for (String part : text.split(":")) {
            s = s * 60 + Double.parseDouble(part);
        }
        return s;
    }

    /** Checks the server holds {@code key} with the file's length and CRC-64. */
    static void verify(URI endpoint, String key, long size, long crc, String secret) throws IOException {
        HttpURLConnection c = signed(endpoint, "HEAD", key, "", secret);
        int status = c.getResponseCode();
        String length = c.getHeaderField("Content-Length");
        String serverCrc = c.getHeaderField("x-oss-hash-crc64ecma");
        c.disconnect();
        if (status != 200 || !String.valueOf(size).equals(length) || !Long.toUnsignedString(crc).equals(serverCrc)) {
            throw new IllegalStateException("object " + key + " not as uploaded: HTTP " + status + ", length " + length
                    + ", CRC-64 " + serverCrc + " (want " + size + ", " + Long.toUnsignedString(crc) + ")");
        }
    }

    /** A path-style request with a V1 signature ({@code OSS AK:base64(HMAC-SHA1)}). */
    static HttpURLConnection signed(URI endpoint, String method, String key, String contentType, String secret)
            throws IOException {
        String date = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
                .format(ZonedDateTime.now(ZoneOffset.UTC));
        String toSign = method + "\n\n" + contentType + "\n" + date + "\n/" + BUCKET + "/" + key;
        String signature;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            signature = Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/" + BUCKET + "/" + key).toURL().openConnection();
        c.setRequestMethod(method);
        c.setRequestProperty("Date", date);
        if (!contentType.isEmpty()) {
            c.setRequestProperty("Content-Type", contentType);
        }
        c.setRequestProperty("Authorization", "OSS " + ACCESS_KEY_ID + ":" + signature);
        return c;
    }

    /** The floor: one PutObject of the whole file, streamed in 64 KiB writes, no checksum. */
    static void rawPut(URI endpoint, Path file, String key, String secret) throws IOException {
        HttpURLConnection c = signed(endpoint, "PUT", key, "application/octet-stream", secret);
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(Files.size(file));
        try (InputStream in = Files.newInputStream(file); OutputStream out = c.getOutputStream()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
        }
        if (c.getResponseCode() != 200) {
            throw new IllegalStateException("PutObject answered HTTP " + c.getResponseCode() + ": "
                    + new String(c.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** aliyun-sdk-oss {@code uploadFile} in this (fresh) JVM: {@code sdk-upload ENDPOINT FILE KEY PART_SIZE TASKS}. */
    static void sdkUpload(String[] args) throws Throwable {
        ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
        conf.setSignatureVersion(SignVersion.V1);
        conf.setCrcCheckEnabled(true);
        OSS oss = OSSClientBuilder.create().endpoint(args[1])
                .credentialsProvider(new DefaultCredentialProvider(ACCESS_KEY_ID, System.getenv("BENCH_SECRET")))
                .clientConfiguration(conf).region(REGION).build();
        try {
            UploadFileRequest request = new UploadFileRequest(BUCKET, args[3]);
            request.setUploadFile(args[2]);
            request.setPartSize(Long.parseLong(args[4]));
            request.setTaskNum(Integer.parseInt(args[5]));
            request.setEnableCheckpoint(false);
            oss.uploadFile(request);
        } finally {
            oss.shutdown();
        }
    }

    private static Process startServer(String secret) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.vodupload.testkit.oss.OssServerMain", "--bucket", BUCKET, "--access-key-id", ACCESS_KEY_ID,
                "--storage", "checksum", "--region", REGION)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("OSS_SERVER_ACCESS_KEY_SECRET", secret);
        return pb.start();
    }

    private static String firstLine(Process p) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        if (line == null) {
            throw new IllegalStateException("the server printed no endpoint");
        }
        return line.strip();
    }

    static double median(List<Double> values) {
        List<Double> v = values.stream().sorted().collect(Collectors.toList());
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    /** The medians per size and client, with ratios to aliyun-sdk and raw-put when they ran. */
    static String report(List<Run> runs, List<String> clients, List<Long> sizes, int rounds, String loadBefore,
                         String loadAfter) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d alternating rounds, load %s → %s, medians%n%n", rounds, loadBefore,
                loadAfter));
        sb.append("| file | client | wall s | MiB/s | CPU s | peak RSS MiB | wall min–max |\n|---|---|---|---|---|---|---|\n");
        for (long size : sizes) {
            for (String client : clients) {
                List<Run> mine = runs.stream().filter(r -> r.client().equals(client) && r.size() == size)
                        .collect(Collectors.toList());
                if (mine.isEmpty()) {
                    continue;
                }
                double wall = median(mine.stream().map(Run::wall).collect(Collectors.toList()));
                sb.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.0f | %.2f | %.0f | %.2f–%.2f |%n",
                        Sizes.format(size), client, wall, size / 1048576.0 / wall,
                        median(mine.stream().map(Run::cpu).collect(Collectors.toList())),
                        median(mine.stream().map(Run::rssMiB).collect(Collectors.toList())),
                        mine.stream().map(Run::wall).min(Comparator.naturalOrder()).orElseThrow(),
                        mine.stream().map(Run::wall).max(Comparator.naturalOrder()).orElseThrow()));
            }
        }
        sb.append('\n');
        for (long size : sizes) {
            for (String base : List.of("aliyun-sdk", "raw-put")) {
                Map<String, double[]> m = medians(runs, size);
                if (!m.containsKey(base)) {
                    continue;
                }
                for (String client : List.of("vodupload-http", "vodupload-oss", "vodupload-http-b", "vodupload-oss-b")) {
                    if (m.containsKey(client)) {
                        double[] a = m.get(client);
                        double[] b = m.get(base);
                        sb.append(String.format(Locale.ROOT,
                                "- %s, %s vs %s: throughput %.2f×, CPU %.2f×, peak RSS %.2f×%n", Sizes.format(size),
                                client, base, b[0] / a[0], a[1] / b[1], a[2] / b[2]));
                    }
                }
            }
        }
        if (clients.contains("vodupload-stdin")) {
            for (long size : sizes) {
                Map<String, double[]> m = medians(runs, size);
                if (m.containsKey("vodupload-stdin") && m.containsKey("vodupload-http")) {
                    double[] a = m.get("vodupload-stdin");
                    double[] b = m.get("vodupload-http");
                    sb.append(String.format(Locale.ROOT,
                            "- %s, vodupload-stdin vs the same bytes from a file (vodupload-http): throughput %.2f×,"
                                    + " CPU %.2f×, peak RSS %.2f×%n", Sizes.format(size), b[0] / a[0], a[1] / b[1],
                            a[2] / b[2]));
                }
            }
            long smallest = sizes.stream().min(Long::compare).orElseThrow();
            long largest = sizes.stream().max(Long::compare).orElseThrow();
            Map<String, double[]> small = medians(runs, smallest);
            Map<String, double[]> large = medians(runs, largest);
            if (smallest != largest && small.containsKey("vodupload-stdin") && large.containsKey("vodupload-stdin")) {
                sb.append(String.format(Locale.ROOT, "- vodupload-stdin peak RSS, %s vs %s: %.2f×%n",
                        Sizes.format(largest), Sizes.format(smallest), large.get("vodupload-stdin")[2]
                                / small.get("vodupload-stdin")[2]));
            }
        }
        sb.append("\n<details><summary>every run</summary>\n\n| file | round | client | wall s | CPU s | peak RSS MiB |\n|---|---|---|---|---|---|\n");
        for (Run r : runs) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %.2f | %.2f | %.0f |%n", Sizes.format(r.size()),
                    r.round(), r.client(), r.wall(), r.cpu(), r.rssMiB()));
        }
        return sb.append("\n</details>\n").toString();
    }

    private static Map<String, double[]> medians(List<Run> runs, long size) {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (String client : ALL_CLIENTS) {
            List<Run> mine = runs.stream().filter(r -> r.client().equals(client) && r.size() == size)
                    .collect(Collectors.toList());
            if (!mine.isEmpty()) {
                m.put(client, new double[] {median(mine.stream().map(Run::wall).collect(Collectors.toList())),
                    median(mine.stream().map(Run::cpu).collect(Collectors.toList())),
                    median(mine.stream().map(Run::rssMiB).collect(Collectors.toList()))});
            }
        }
        return m;
    }
}
