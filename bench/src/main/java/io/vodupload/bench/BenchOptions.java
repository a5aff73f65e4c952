package io.vodupload.bench;

import io.vodupload.testkit.oss.LinkEmulation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The settings of one end-to-end benchmark run, parsed from its command line ({@link #USAGE}).
 *
 * @param size         bytes in the generated file
 * @param rounds       measured rounds per configuration (0: only the heap probe)
 * @param warmup       unmeasured rounds first (each still verified)
 * @param partSizes    part sizes to run, each with every parallelism
 * @param parallelisms parts in flight to run
 * @param clients      the uploaders, in the order of the first round (later rounds rotate it)
 * @param signature    {@code V1} or {@code V4}, the same for every client
 * @param workerHeap   the {@code -Xmx} of the measured child JVMs (e.g. {@code 512m})
 * @param heapProbe    heap sizes to try one upload in, per client (empty: no probe)
 * @param checkpoint   whether every client keeps a checkpoint file (ours: JSON store; SDK: {@code .ucp})
 * @param dir          where the generated file (and checkpoints) go; empty: a new temporary directory
 * @param timeout      the longest one upload may take before the run is aborted
 * @param seed         the seed of the file's pseudo-random content
 * @param link         the link the server emulates ({@link LinkEmulation#NONE}: plain loopback)
 */
record BenchOptions(long size, int rounds, int warmup, List<Long> partSizes, List<Integer> parallelisms,
                    List<ClientKind> clients, String signature, String workerHeap, List<String> heapProbe,
                    boolean checkpoint, Optional<Path> dir, Duration timeout, long seed, LinkEmulation link) {

    static final String USAGE = String.join("\n",
            "usage: UploadBenchmark [options]",
            "  --size SIZE             file size (default 1GiB); units B, KiB, MiB, GiB",
            "  --rounds N              measured rounds per configuration (default 3; 0: heap probe only)",
            "  --warmup N              unmeasured rounds first (default 1)",
            "  --part-sizes S[,S..]    part sizes (default 1MiB,8MiB)",
            "  --parallelism N[,N..]   parts in flight (default 1,4); 0: the client's default (ours: adaptive)",
            "  --clients C[,C..]       vodupload-http, vodupload-oss, aliyun-sdk (default all three)",
            "  --signature V1|V4       signature for every client (default V4)",
            "  --worker-heap SIZE      -Xmx of each client's JVM (default 512m)",
            "  --heap-probe H[,H..]    also try one upload per client in a JVM of each -Xmx (e.g. 16m,32m,64m)",
            "  --checkpoint            every client writes a checkpoint after every part (default off)",
            "  --dir PATH              where the test file goes (default: a new temporary directory)",
            "  --timeout SECONDS       longest single upload (default 600)",
            "  --seed N                seed of the file content (default 42)",
            "  --link L                the server emulates a link: latency per request, cap per connection, cap",
            "                          in all, e.g. 30ms,10MiB/s,40MiB/s (default none: plain loopback)");

    BenchOptions {
        Objects.requireNonNull(partSizes, "partSizes");
        Objects.requireNonNull(parallelisms, "parallelisms");
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(workerHeap, "workerHeap");
        Objects.requireNonNull(heapProbe, "heapProbe");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(timeout, "timeout");
        if (size <= 0) {
            throw new IllegalArgumentException("size is not positive: " + size);
        }
        if (rounds < 0) {
            throw new IllegalArgumentException("rounds < 0: " + rounds);
        }
        if (rounds == 0 && heapProbe.isEmpty()) {
            throw new IllegalArgumentException("rounds 0 without --heap-probe: nothing to measure");
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("warmup < 0: " + warmup);
        }
        if (partSizes.isEmpty() || parallelisms.isEmpty() || clients.isEmpty()) {
            throw new IllegalArgumentException("part sizes, parallelism and clients must not be empty");
        }
        for (long p : partSizes) {
            // both uploaders refuse parts under 100 KiB, and OSS allows at most 5 GiB
            if (p < 100 * Sizes.KIB || p > 5 * Sizes.GIB) {
                throw new IllegalArgumentException("part size out of 100 KiB..5 GiB: " + p);
            }
        }
        for (int n : parallelisms) {
            if (n < 0 || n > 64) {
                throw new IllegalArgumentException("parallelism out of 0..64: " + n);
            }
        }
        if (clients.stream().distinct().count() != clients.size()) {
            throw new IllegalArgumentException("a client is named twice: " + clients);
        }
        if (!signature.equals("V1") && !signature.equals("V4")) {
            throw new IllegalArgumentException("signature is not V1 or V4: " + signature);
        }
        checkHeap(workerHeap);
        heapProbe.forEach(BenchOptions::checkHeap);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout is not positive: " + timeout);
        }
        partSizes = List.copyOf(partSizes);
        parallelisms = List.copyOf(parallelisms);
        clients = List.copyOf(clients);
        heapProbe = List.copyOf(heapProbe);
    }

    /** The defaults: 1 GiB, 3 rounds after 1 warm-up, 1 and 8 MiB parts × 1 and 4 in flight, all clients, V4. */
    static BenchOptions defaults() {
        return parse();
    }

    /**
     * Parses the command line.
     *
     * @throws IllegalArgumentException naming the bad option or value
     */
    static BenchOptions parse(String... args) {
        long size = Sizes.GIB;
        int rounds = 3;
        int warmup = 1;
        List<Long> partSizes = List.of(Sizes.MIB, 8 * Sizes.MIB);
        List<Integer> parallelisms = List.of(1, 4);
        List<ClientKind> clients = List.of(ClientKind.VODUPLOAD_HTTP, ClientKind.VODUPLOAD_OSS, ClientKind.ALIYUN_SDK);
        String signature = "V4";
        String workerHeap = "512m";
        List<String> heapProbe = List.of();
        boolean checkpoint = false;
        LinkEmulation link = LinkEmulation.NONE;
        Optional<Path> dir = Optional.empty();
        Duration timeout = Duration.ofMinutes(10);
        long seed = 42;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--checkpoint")) {
                checkpoint = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--size" -> size = Sizes.parse(value);
                case "--rounds" -> rounds = integer(option, value);
                case "--warmup" -> warmup = integer(option, value);
                case "--part-sizes" -> partSizes = list(value, Sizes::parse);
                case "--parallelism" -> parallelisms = list(value, v -> integer(option, v));
                case "--clients" -> clients = list(value, ClientKind::byId);
                case "--signature" -> signature = value.toUpperCase(Locale.ROOT);
                case "--worker-heap" -> workerHeap = value;
                case "--heap-probe" -> heapProbe = list(value, Function.identity());
                case "--dir" -> dir = Optional.of(Path.of(value));
                case "--timeout" -> timeout = Duration.ofSeconds(integer(option, value));
                case "--seed" -> seed = longValue(option, value);
                case "--link" -> link = LinkEmulation.parse(value);
                default -> throw new IllegalArgumentException("unknown option: " + option);
            }
        }
        return new BenchOptions(size, rounds, warmup, partSizes, parallelisms, clients, signature, workerHeap,
                heapProbe, checkpoint, dir, timeout, seed, link);
    }

    /** Every part size with every parallelism, part sizes outermost. */
    List<Config> configs() {
        List<Config> all = new ArrayList<>();
        for (long p : partSizes) {
            for (int n : parallelisms) {
                all.add(new Config(p, n));
            }
        }
        return all;
    }

    /** The configuration the heap probe uses: the largest parts with the most in flight (the most buffered). */
    Config probeConfig() {
        return new Config(partSizes.stream().max(Long::compare).orElseThrow(),
                parallelisms.stream().max(Integer::compare).orElseThrow());
    }

    /** One part size with one parallelism. */
    record Config(long partSize, int parallelism) {
        @Override
        public String toString() {
            return Sizes.format(partSize) + " × " + parallelism;
        }
    }

    private static void checkHeap(String heap) {
        // the JVM's own -Xmx syntax: digits with an optional k, m or g
        if (!heap.matches("[0-9]+[kKmMgG]?")) {
            throw new IllegalArgumentException("not a JVM heap size (like 512m): " + heap);
        }
    }

    private static int integer(String option, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " is not an integer: " + value);
        }
    }

    private static long longValue(String option, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " is not an integer: " + value);
        }
    }

    private static <T> List<T> list(String value, Function<String, T> parse) {
        List<T> out = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                out.add(parse.apply(item.trim()));
            }
        }
        return out;
    }
}
