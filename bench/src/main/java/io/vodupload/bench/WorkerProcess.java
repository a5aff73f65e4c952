package io.vodupload.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's handle on one {@link UploadWorker} child JVM: starts it with the given heap, sends it
 * upload commands and waits, with a timeout, for its replies. The child's standard error goes to ours.
 *
 * <p>Not thread-safe: one command at a time. {@link #close()} asks the worker to quit and kills it if it
 * does not within a few seconds.
 */
final class WorkerProcess implements AutoCloseable {

    /** The line the reader thread queues when the worker's output ends. */
    private static final String EOF = "\u0000eof";

    private final ClientKind kind;
    private final String heap;
    private final Process process;
    private final PrintWriter commands;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private WorkerProcess(ClientKind kind, String heap, Process process) {
        this.kind = kind;
        this.heap = heap;
        this.process = process;
        this.commands = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
        Thread reader = new Thread(this::readLines, "bench-worker-" + kind.id() + "-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a worker JVM for {@code kind} with {@code -Xmx<heap>} and waits until it is ready.
     *
     * @throws IOException                    when the JVM cannot be started
     * @throws WorkerProtocol.WorkerFailure   when it exits or says anything but ready within the timeout
     */
    static WorkerProcess start(ClientKind kind, String heap, UploadClient.Settings settings, Duration timeout)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        // the same collector for every client whatever the JVM would pick; an OOM ends the worker at once
        // (the benchmark reports it) instead of leaving a half-dead uploader
        cmd.add("-XX:+UseG1GC");
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(UploadWorker.class.getName());
        cmd.add(kind.id());
        cmd.add(settings.endpoint());
        cmd.add(settings.bucket());
        cmd.add(settings.region());
        cmd.add(settings.file().toString());
        cmd.add(settings.signature());
        settings.checkpointDir().ifPresent(d -> cmd.add(d.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put(UploadWorker.ENV_ID, settings.accessKeyId());
        pb.environment().put(UploadWorker.ENV_SECRET, settings.secret());
        WorkerProcess worker = new WorkerProcess(kind, heap, pb.start());
        String first = worker.next(timeout);
        if (!first.equals(WorkerProtocol.READY)) {
            worker.close();
            throw new WorkerProtocol.WorkerFailure(worker + " did not start: " + first);
        }
        return worker;
    }

    /**
     * Has the worker upload and waits for its reply.
     *
     * @throws WorkerProtocol.WorkerFailure when the upload failed, the worker died (for example of an
     *                                      {@code OutOfMemoryError}) or did not answer within {@code timeout}
     */
    WorkerProtocol.Reply upload(WorkerProtocol.Command command, Duration timeout) throws InterruptedException {
        commands.println(command.toLine());
        return WorkerProtocol.Reply.parse(next(timeout));
    }

    ClientKind kind() {
        return kind;
    }

    private String next(Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            process.destroyForcibly();
            throw new WorkerProtocol.WorkerFailure(this + " did not answer within " + timeout + "; killed");
        }
        if (line.equals(EOF)) {
            int code = process.waitFor();
            throw new WorkerProtocol.WorkerFailure(this + " exited with code " + code
                    + (code == 3 ? " (OutOfMemoryError: the heap was too small)" : ""));
        }
        return line;
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(WorkerProtocol.PREFIX)) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            // the worker is gone; EOF below says so
        }
        lines.add(EOF);
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        commands.println(WorkerProtocol.QUIT);
        commands.close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "worker " + kind.id() + " (-Xmx" + heap + ", pid " + process.pid() + ")";
    }
}
