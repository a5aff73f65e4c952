package io.vodupload.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * The results of one end-to-end run and their Markdown tables: medians per configuration and client, side
 * by side, then every round as measured, then the heap probe.
 */
final class Report {

    /**
     * One verified, measured upload.
     *
     * @param client        who uploaded
     * @param config        part size and parallelism
     * @param round         the measured round, from 1
     * @param reply         what the worker measured
     * @param bytesReceived request-body bytes the server read during the upload
     * @param partRequests  UploadPart requests the server saw (more than the parts means retries)
     * @param load          the load average when the upload ended
     */
    record Measurement(ClientKind client, BenchOptions.Config config, int round, WorkerProtocol.Reply reply,
                       long bytesReceived, long partRequests, String load) {
    }

    /**
     * One upload in a worker of a given heap: the reply, or why there was none.
     */
    record Probe(ClientKind client, String heap, BenchOptions.Config config, Optional<WorkerProtocol.Reply> reply,
                 Optional<String> failure) {
    }

    private final long size;
    private final List<Measurement> measurements = new ArrayList<>();
    private final List<Probe> probes = new ArrayList<>();

    Report(long size) {
        this.size = size;
    }

    void add(Measurement m) {
        measurements.add(m);
    }

    void add(Probe p) {
        probes.add(p);
    }

    List<Measurement> measurements() {
        return List.copyOf(measurements);
    }

    List<Probe> probes() {
        return List.copyOf(probes);
    }

    /** The median of the values (the mean of the middle two for an even count). */
    static double median(List<Long> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    /** The median wall time of a client in a configuration, in nanoseconds. */
    double medianNanos(BenchOptions.Config config, ClientKind client) {
        return median(values(config, client, m -> m.reply().nanos()));
    }

    /** The summary table: one row per configuration and client. */
    String summary() {
        StringBuilder b = new StringBuilder();
        b.append("| part size | in flight | client | median time | MiB/s (median) | min–max time | peak heap used, MiB "
                + "(median) | heap after GC, MiB (max) | allocated, MiB (median) | GCs (median) "
                + "| client CPU (median) | server received, bytes | load (1 min) |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<BenchOptions.Config, List<ClientKind>> e : groups().entrySet()) {
            BenchOptions.Config c = e.getKey();
            for (ClientKind k : e.getValue()) {
                List<Long> nanos = values(c, k, m -> m.reply().nanos());
                double med = median(nanos);
                List<Measurement> ms = of(c, k);
                b.append("| ").append(Sizes.format(c.partSize()))
                        .append(" | ").append(c.parallelism())
                        .append(" | ").append(k.label())
                        .append(" | ").append(seconds(med))
                        .append(" | ").append(String.format(Locale.ROOT, "%.0f", mibPerSecond(med)))
                        .append(" | ").append(seconds(nanos.stream().min(Long::compare).orElseThrow()))
                        .append("–").append(seconds(nanos.stream().max(Long::compare).orElseThrow()))
                        .append(" | ").append(mib(median(values(c, k, m -> m.reply().heap().peakUsed()))))
                        .append(" | ").append(Sizes.mib(ms.stream().mapToLong(m -> m.reply().heap().maxRetained())
                                .max().orElseThrow()))
                        .append(" | ").append(mib(median(values(c, k, m -> m.reply().heap().allocated()))))
                        .append(" | ").append(String.format(Locale.ROOT, "%.0f",
                                median(values(c, k, m -> m.reply().heap().collections()))))
                        .append(" | ").append(seconds(median(values(c, k, m -> m.reply().cpuNanos()))))
                        .append(" | ").append(distinct(ms, m -> m.bytesReceived()))
                        .append(" | ").append(loads(ms))
                        .append(" |\n");
            }
        }
        return b.toString();
    }

    /**
     * One line per configuration and client: its median against the alternative's (aliyun-sdk-oss when it
     * ran, else the first client).
     */
    String comparison() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<BenchOptions.Config, List<ClientKind>> e : groups().entrySet()) {
            List<ClientKind> ks = e.getValue();
            ClientKind baseline = ks.contains(ClientKind.ALIYUN_SDK) ? ClientKind.ALIYUN_SDK : ks.get(0);
            double tb = medianNanos(e.getKey(), baseline);
            for (ClientKind k : ks) {
                if (k == baseline) {
                    continue;
                }
                double t = medianNanos(e.getKey(), k);
                b.append("- ").append(e.getKey()).append(": ").append(k.label()).append(" ")
                        .append(seconds(t)).append(" vs ").append(baseline.label()).append(" ").append(seconds(tb))
                        .append(" → ").append(t <= tb
                                ? String.format(Locale.ROOT, "%.2f× faster", tb / t)
                                : String.format(Locale.ROOT, "%.2f× slower", t / tb))
                        .append('\n');
            }
        }
        return b.toString();
    }

    /** Every measured round, in the order it ran. */
    String rounds() {
        StringBuilder b = new StringBuilder();
        b.append("| part size | in flight | round | client | time | MiB/s | client CPU | peak heap used, MiB "
                + "| allocated, MiB | GCs (ms) | UploadPart requests | CRC-64 (verified) | load |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Measurement m : measurements) {
            b.append("| ").append(Sizes.format(m.config().partSize()))
                    .append(" | ").append(m.config().parallelism())
                    .append(" | ").append(m.round())
                    .append(" | ").append(m.client().label())
                    .append(" | ").append(seconds(m.reply().nanos()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.0f", mibPerSecond(m.reply().nanos())))
                    .append(" | ").append(seconds(m.reply().cpuNanos()))
                    .append(" | ").append(Sizes.mib(m.reply().heap().peakUsed()))
                    .append(" | ").append(Sizes.mib(m.reply().heap().allocated()))
                    .append(" | ").append(m.reply().heap().collections()).append(" (")
                    .append(m.reply().heap().gcMillis()).append(")")
                    .append(" | ").append(m.partRequests())
                    .append(" | ").append(Long.toUnsignedString(m.reply().outcome().crc64()))
                    .append(" | ").append(m.load())
                    .append(" |\n");
        }
        return b.toString();
    }

    /** The heap probe: which client finished in which heap. */
    String probeTable() {
        if (probes.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        b.append("| -Xmx | client | config | result | time | peak heap used, MiB | GCs (ms) |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        for (Probe p : probes) {
            b.append("| ").append(p.heap()).append(" | ").append(p.client().label()).append(" | ")
                    .append(p.config()).append(" | ");
            if (p.reply().isPresent()) {
                WorkerProtocol.Reply r = p.reply().get();
                b.append("completed, CRC-64 verified | ").append(seconds(r.nanos())).append(" | ")
                        .append(Sizes.mib(r.heap().peakUsed())).append(" | ").append(r.heap().collections())
                        .append(" (").append(r.heap().gcMillis()).append(")");
            } else {
                b.append("**failed**: ").append(p.failure().orElse("?").replace('|', '/')).append(" | – | – | –");
            }
            b.append(" |\n");
        }
        return b.toString();
    }

    private Map<BenchOptions.Config, List<ClientKind>> groups() {
        Map<BenchOptions.Config, List<ClientKind>> groups = new LinkedHashMap<>();
        for (Measurement m : measurements) {
            List<ClientKind> ks = groups.computeIfAbsent(m.config(), c -> new ArrayList<>());
            if (!ks.contains(m.client())) {
                ks.add(m.client());
            }
        }
        // the same client order in every group: the order of the enum (ours first)
        groups.values().forEach(ks -> ks.sort(Comparator.naturalOrder()));
        return groups;
    }

    private List<Measurement> of(BenchOptions.Config c, ClientKind k) {
        return measurements.stream().filter(m -> m.config().equals(c) && m.client() == k).toList();
    }

    private List<Long> values(BenchOptions.Config c, ClientKind k, ToLongFunction<Measurement> f) {
        return of(c, k).stream().map(m -> f.applyAsLong(m)).toList();
    }

    private double mibPerSecond(double nanos) {
        return size / (double) Sizes.MIB / (nanos / 1e9);
    }

    private static String seconds(double nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    private static String mib(double bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / Sizes.MIB);
    }

    private static String distinct(List<Measurement> ms, ToLongFunction<Measurement> f) {
        return String.join(" / ", ms.stream().map(m -> Long.toString(f.applyAsLong(m))).distinct().toList());
    }

    private static String loads(List<Measurement> ms) {
        double min = ms.stream().mapToDouble(m -> LoadAverage.oneMinute(m.load())).min().orElse(Double.NaN);
        double max = ms.stream().mapToDouble(m -> LoadAverage.oneMinute(m.load())).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, "%.2f–%.2f", min, max);
    }
}
