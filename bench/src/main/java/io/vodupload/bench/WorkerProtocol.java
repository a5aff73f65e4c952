package io.vodupload.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The line protocol between the benchmark and its worker JVMs, over the worker's standard input and
 * output. Every protocol line starts with {@link #PREFIX}, so whatever a client library prints on
 * standard output is skipped rather than misread.
 *
 * <pre>
 * worker:    @bench ready
 * benchmark: @bench upload KEY PART_SIZE PARALLELISM
 * worker:    @bench ok nanos=.. cpu=.. crc=.. parts=.. peak=.. retained=.. allocated=.. gcs=.. gcMillis=..
 *       or:  @bench error MESSAGE
 * benchmark: @bench quit
 * </pre>
 */
final class WorkerProtocol {

    static final String PREFIX = "@bench ";
    static final String READY = PREFIX + "ready";
    static final String QUIT = PREFIX + "quit";

    private WorkerProtocol() {
    }

    /** One upload to do. Keys never contain white space (the benchmark makes them). */
    record Command(String key, long partSize, int parallelism) {
        Command {
            if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("key is empty or has white space: '" + key + "'");
            }
        }

        String toLine() {
            return PREFIX + "upload " + key + " " + partSize + " " + parallelism;
        }

        /** The command on this line, or empty when the line is not an upload command. */
        static Optional<Command> parse(String line) {
            if (!line.startsWith(PREFIX + "upload ")) {
                return Optional.empty();
            }
            String[] f = line.substring(PREFIX.length()).trim().split(" ");
            if (f.length != 4) {
                throw new IllegalArgumentException("malformed upload command: " + line);
            }
            return Optional.of(new Command(f[1], Long.parseLong(f[2]), Integer.parseInt(f[3])));
        }
    }

    /**
     * What one upload did, as the worker measured it.
     *
     * @param nanos    wall time from the call to the uploader until it returned the completed object
     * @param cpuNanos CPU time the whole worker JVM used in that time (all its threads, JIT and GC included)
     * @param outcome  what the uploader reported
     * @param heap     the heap over the same window
     */
    record Reply(long nanos, long cpuNanos, UploadClient.Outcome outcome, HeapMeter.Usage heap) {

        String toLine() {
            return PREFIX + "ok nanos=" + nanos + " cpu=" + cpuNanos + " crc=" + Long.toUnsignedString(outcome.crc64())
                    + " parts=" + outcome.parts() + " peak=" + heap.peakUsed() + " retained=" + heap.maxRetained()
                    + " allocated=" + heap.allocated() + " gcs=" + heap.collections() + " gcMillis=" + heap.gcMillis();
        }

        /**
         * @throws WorkerFailure        for an error line (with the worker's message)
         * @throws IllegalArgumentException for anything else that is not a reply
         */
        static Reply parse(String line) {
            if (line.startsWith(PREFIX + "error ")) {
                throw new WorkerFailure(line.substring((PREFIX + "error ").length()));
            }
            if (!line.startsWith(PREFIX + "ok ")) {
                throw new IllegalArgumentException("not a reply: " + line);
            }
            Map<String, String> f = new LinkedHashMap<>();
            for (String pair : line.substring((PREFIX + "ok ").length()).trim().split(" ")) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("malformed reply field '" + pair + "' in: " + line);
                }
                f.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            try {
                return new Reply(Long.parseLong(f.get("nanos")), Long.parseLong(f.get("cpu")),
                        new UploadClient.Outcome(Long.parseUnsignedLong(f.get("crc")), Integer.parseInt(f.get("parts"))),
                        new HeapMeter.Usage(Long.parseLong(f.get("peak")), Long.parseLong(f.get("retained")),
                                Long.parseLong(f.get("allocated")), Integer.parseInt(f.get("gcs")),
                                Long.parseLong(f.get("gcMillis"))));
            } catch (NullPointerException | NumberFormatException e) {
                throw new IllegalArgumentException("malformed reply: " + line, e);
            }
        }
    }

    /** The error line for a failure: one line, whatever the message held. */
    static String errorLine(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = t + (root != t ? " (cause: " + root + ")" : "");
        return PREFIX + "error " + message.replaceAll("\\s+", " ");
    }

    /** A worker answered with an error, or died. */
    static final class WorkerFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WorkerFailure(String message) {
            super(message);
        }
    }
}
