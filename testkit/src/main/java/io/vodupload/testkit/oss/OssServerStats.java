package io.vodupload.testkit.oss;

import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the {@link OssServer} has seen since it started or since {@link #reset()}: requests per
 * operation (every request that reached the server, whatever its answer), request-body bytes received
 * (including bodies of refused requests), requests that passed the V1 or V4 signature check, and UploadPart attempts per part number of each upload id.
 *
 * <p>Thread-safe; readings are point-in-time values that keep moving while requests run.
 */
public final class OssServerStats {

    private final Map<OssOperation, LongAdder> requests = new EnumMap<>(OssOperation.class);
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder signedV1 = new LongAdder();
    private final LongAdder signedV4 = new LongAdder();
    private final LongAdder chunkedBodies = new LongAdder();
    private final LongAdder bodiesWithoutContentMd5 = new LongAdder();
    private final ConcurrentHashMap<String, ConcurrentHashMap<Integer, AtomicInteger>> partAttempts = new ConcurrentHashMap<>();

    OssServerStats() {
        for (OssOperation op : OssOperation.values()) {
            requests.put(op, new LongAdder());
        }
    }

    /** Requests of {@code operation} received. */
    public long requests(OssOperation operation) {
        return requests.get(operation).sum();
    }

    /** Every operation's request count (zero counts included). */
    public Map<OssOperation, Long> requestsByOperation() {
        Map<OssOperation, Long> out = new EnumMap<>(OssOperation.class);
        requests.forEach((op, n) -> out.put(op, n.sum()));
        return out;
    }

    /** Request-body bytes read from the network. */
    public long bytesReceived() {
        return bytesReceived.sum();
    }

    /** PutObject and UploadPart requests whose body came without a {@code Content-MD5} header. */
    public long bodiesWithoutContentMd5() {
        return bodiesWithoutContentMd5.sum();
    }

    /** UploadPart requests for {@code partNumber} of {@code uploadId} (0 when none). */
    public int partAttempts(String uploadId, int partNumber) {
        Map<Integer, AtomicInteger> m = partAttempts.get(uploadId);
        AtomicInteger n = m == null ? null : m.get(partNumber);
        return n == null ? 0 : n.get();
    }

    /** UploadPart requests per part number of {@code uploadId}. */
    public SortedMap<Integer, Integer> partAttempts(String uploadId) {
        SortedMap<Integer, Integer> out = new TreeMap<>();
        Map<Integer, AtomicInteger> m = partAttempts.get(uploadId);
        if (m != null) {
            m.forEach((part, n) -> out.put(part, n.get()));
        }
        return out;
    }

    /** Requests that passed the V1 signature check. */
    public long authenticatedV1() {
        return signedV1.sum();
    }

    /** Requests that passed the V4 signature check. */
    public long authenticatedV4() {
        return signedV4.sum();
    }

    /** Requests whose body came chunked ({@code Transfer-Encoding: chunked}) rather than with a Content-Length. */
    public long chunkedBodies() {
        return chunkedBodies.sum();
    }

    /** Sets every counter back to zero. */
    public void reset() {
        requests.values().forEach(LongAdder::reset);
        bytesReceived.reset();
        signedV1.reset();
        signedV4.reset();
        chunkedBodies.reset();
        bodiesWithoutContentMd5.reset();
        partAttempts.clear();
    }

    void request(OssOperation operation) {
        requests.get(operation).increment();
    }

    void authenticated(String version) {
        (version.equals("V4") ? signedV4 : signedV1).increment();
    }

    void chunkedBody() {
        chunkedBodies.increment();
    }

    void bodyWithoutContentMd5() {
        bodiesWithoutContentMd5.increment();
    }

    void received(long n) {
        bytesReceived.add(n);
    }

    void partAttempt(String uploadId, int partNumber) {
        partAttempts.computeIfAbsent(uploadId, id -> new ConcurrentHashMap<>())
                .computeIfAbsent(partNumber, p -> new AtomicInteger())
                .incrementAndGet();
    }

    @Override
    public String toString() {
        return "OssServerStats[requests=" + requestsByOperation() + ", bytesReceived=" + bytesReceived()
                + ", authenticatedV1=" + authenticatedV1() + ", authenticatedV4=" + authenticatedV4()
                + ", chunkedBodies=" + chunkedBodies() + "]";
    }
}
