package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server that sends its status line and then a byte every second — each read within {@code --timeout} —
 * no longer holds vodupload for ever: the whole-request deadline ends it as {@code RequestTooSlow}.
 */
class TrickleSubprocessTest {

    @TempDir
    Path dir;

    @Test
    void upload_serverTricklesWithTimeout3AndNoRetries_exits1RequestTooSlowWithinTheDeadline() throws Exception {
        Path file = TestFiles.random(dir.resolve("clip.mp4"), 2048, 4);
        try (ServerSocket listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> serve(listener), "trickle-server");
            server.setDaemon(true);
            server.start();

            long start = System.nanoTime();
            try (Subprocess child = Subprocess.start(dir, Map.of("VODUPLOAD_ACCESS_KEY_ID", OssFixture.AK,
                    "VODUPLOAD_ACCESS_KEY_SECRET", OssFixture.SECRET), List.of("upload", file.toString(),
                    "--endpoint", "http://127.0.0.1:" + listener.getLocalPort(), "--bucket", "b", "--key", "k.mp4",
                    "--timeout", "3", "--max-retries", "0", "--checkpoint-dir", dir.resolve("c").toString()))) {
                int code = child.waitFor(Duration.ofSeconds(60));
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(code).as(child.stderr()).isEqualTo(Exit.FAILED);
                assertThat(child.stderr()).contains("upload failed: RequestTooSlow: ")
                        .doesNotContain(OssFixture.SECRET);
                // the deadline: 3 x 3 s plus 2 KiB at 8 KiB/s; the JVM's start-up on top
                assertThat(took).isLessThan(Duration.ofSeconds(40));
            }
        }
    }

    /** Every connection: read the request head, send a status line, then one header byte a second. */
    private static void serve(ServerSocket listener) {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                Thread t = new Thread(() -> trickle(s), "trickle");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void trickle(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nx-slow: ".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            for (int i = 0; i < 120; i++) {
                TimeUnit.SECONDS.sleep(1); // the fault itself: a byte now and then
                out.write('a');
                out.flush();
            }
        } catch (IOException | InterruptedException clientWentAway) {
            // what the deadline is for
        }
    }
}
