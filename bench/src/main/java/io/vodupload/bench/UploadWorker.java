package io.vodupload.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The child JVM that runs one client for the end-to-end benchmark, so that its heap holds that client and
 * nothing else (not the server, not the other client). It builds the client once, then uploads on command
 * ({@link WorkerProtocol}) and answers with the wall time and the heap the upload used ({@link HeapMeter}).
 *
 * <p>Started by {@link WorkerProcess} as
 * {@code java -Xmx.. -cp <the benchmark's class path> io.vodupload.bench.UploadWorker CLIENT ENDPOINT BUCKET
 * REGION FILE SIGNATURE [CHECKPOINT_DIR]}, with the AccessKey pair in the environment variables
 * {@code BENCH_ACCESS_KEY_ID} and {@code BENCH_ACCESS_KEY_SECRET}. Not meant to be run by hand.
 */
public final class UploadWorker {

    static final String ENV_ID = "BENCH_ACCESS_KEY_ID";
    static final String ENV_SECRET = "BENCH_ACCESS_KEY_SECRET";

    private UploadWorker() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 6 || args.length > 7) {
            System.err.println("usage: UploadWorker CLIENT ENDPOINT BUCKET REGION FILE SIGNATURE [CHECKPOINT_DIR]");
            System.exit(2);
        }
        UploadClient.Settings settings = new UploadClient.Settings(args[1], args[2], args[3], Path.of(args[4]),
                args[5], System.getenv(ENV_ID), System.getenv(ENV_SECRET),
                args.length == 7 ? Optional.of(Path.of(args[6])) : Optional.empty());
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (UploadClient client = UploadClient.create(ClientKind.byId(args[0]), settings);
             HeapMeter meter = new HeapMeter()) {
            serve(client, meter, in, out);
        }
    }

    /** Answers commands until {@code quit} or the end of input. */
    static void serve(UploadClient client, HeapMeter meter, BufferedReader in, PrintStream out)
            throws IOException, InterruptedException {
        out.println(WorkerProtocol.READY);
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals(WorkerProtocol.QUIT)) {
                return;
            }
            Optional<WorkerProtocol.Command> command;
            try {
                command = WorkerProtocol.Command.parse(line);
            } catch (RuntimeException e) {
                out.println(WorkerProtocol.errorLine(e));
                continue;
            }
            if (command.isEmpty()) {
                out.println(WorkerProtocol.PREFIX + "error unknown command: " + line);
                continue;
            }
            out.println(upload(client, meter, command.get()));
        }
    }

    private static String upload(UploadClient client, HeapMeter meter, WorkerProtocol.Command c)
            throws InterruptedException {
        meter.start();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        UploadClient.Outcome outcome;
        try {
            outcome = client.upload(c.key(), c.partSize(), c.parallelism());
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            meter.stop();
            return WorkerProtocol.errorLine(e);
        }
        long nanos = System.nanoTime() - t0;
        long cpu = processCpuNanos() - cpu0;
        HeapMeter.Usage heap = meter.stop();
        return new WorkerProtocol.Reply(nanos, cpu, outcome, heap).toLine();
    }

    /** CPU time of this JVM so far: on a machine the server shares, what a client burns it takes from the server. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
