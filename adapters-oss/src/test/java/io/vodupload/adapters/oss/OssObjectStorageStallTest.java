package io.vodupload.adapters.oss;

import io.vodupload.ports.Credentials;
import io.vodupload.ports.FileRegion;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.StorageException;
import io.vodupload.ports.StorageException.Kind;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.TransferListener;
import io.vodupload.testkit.oss.OssCredentials;
import io.vodupload.testkit.oss.OssOperation;
import io.vodupload.testkit.oss.OssServer;
import io.vodupload.testkit.oss.OssStall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A server that stops reading a body, or never answers, does not hold a call for ever: both end as
 * {@code RETRYABLE SocketTimeout} within about two socket timeouts. One that answers a byte now and then
 * ends at the whole-request deadline as {@code RETRYABLE RequestTooSlow}.
 */
class OssObjectStorageStallTest {

    private static final Credentials CREDS = Credentials.sts("STS.stall", "stall-secret", "stall-token", null);
    private static final Duration SOCKET_TIMEOUT = Duration.ofMillis(300);

    @TempDir
    Path dir;

    @Test
    void uploadPart_peerStopsReadingTheBody_retryableSocketTimeout() throws Exception {
        // larger than what loopback socket buffers can absorb, so the write blocks
        long size = 48L * 1024 * 1024;
        Path big = dir.resolve("big.bin");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(size);
        }
        CountDownLatch accepted = new CountDownLatch(1);
        CountDownLatch testDone = new CountDownLatch(1);
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             OssObjectStorage storage = OssObjectStorage.create(OssStorageConfig.DEFAULTS
                     .withTimeouts(Duration.ofSeconds(5), SOCKET_TIMEOUT))) {
            Thread peer = new Thread(() -> {
                try (Socket s = listener.accept()) {
                    accepted.countDown();
                    // holds the connection open and reads nothing
                    testDone.await(30, TimeUnit.SECONDS);
                    assertThat(s.isClosed()).isFalse();
                } catch (IOException | InterruptedException e) {
                    // the test fails on the assertions below
                }
            });
            peer.setDaemon(true);
            peer.start();
            StorageTarget target = StorageTarget.of("http://127.0.0.1:" + listener.getLocalPort(), "media", "stall.bin");

            StorageException e;
            try {
                e = assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                        catchThrowableOfType(StorageException.class, () -> storage.uploadPart(target, CREDS, "UP", 1,
                                new FileRegion(big, 0, size), TransferListener.NONE)));
            } finally {
                testDone.countDown();
            }

            assertThat(accepted.getCount()).isZero();
            assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
            assertThat(e.errorCode()).isEqualTo("SocketTimeout");
            assertThat(e.getMessage()).contains("stopped moving");
            OssErrorsTest.assertNoSdkTypeOrSecretInChain(e);
        }
    }

    @Test
    void initiateMultipart_serverNeverAnswers_socketTimeout() {
        try (OssServer server = OssServer.builder().bucket("media")
                .credentials(OssCredentials.sts(CREDS.accessKeyId(), CREDS.accessKeySecret(),
                        CREDS.securityToken().orElseThrow())).start();
             OssObjectStorage storage = OssObjectStorage.create(OssStorageConfig.DEFAULTS
                     .withTimeouts(Duration.ofSeconds(5), SOCKET_TIMEOUT))) {
            OssStall stall = server.faults().stallNext(OssOperation.INITIATE_MULTIPART);
            StorageTarget target = StorageTarget.of(server.endpoint().toString(), "media", "silent.bin");

            StorageException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                    catchThrowableOfType(StorageException.class, () ->
                            storage.initiateMultipart(target, CREDS, ObjectMetadata.EMPTY)));
            stall.release();

            assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
            assertThat(e.errorCode()).isEqualTo("SocketTimeout");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"initiateMultipart"})
    void serverTricklesItsAnswerFasterThanTheTimeout_retryableRequestTooSlow(String call) throws Exception {
        Path small = dir.resolve("small.bin");
        Files.write(small, new byte[4096]);
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             OssObjectStorage storage = OssObjectStorage.create(OssStorageConfig.DEFAULTS
                     .withTimeouts(Duration.ofSeconds(5), SOCKET_TIMEOUT))) {
            Thread peer = new Thread(() -> trickle(listener), "trickle");
            peer.setDaemon(true);
            peer.start();
            StorageTarget target = StorageTarget.of("http://127.0.0.1:" + listener.getLocalPort(), "media", "t.bin");

            StorageException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                    catchThrowableOfType(StorageException.class, () -> {
                        if (call.equals("uploadPart")) {
                            storage.uploadPart(target, CREDS, "UP", 1, new FileRegion(small, 0, 4096),
                                    TransferListener.NONE);
                        } else {
                            storage.initiateMultipart(target, CREDS, ObjectMetadata.EMPTY);
                        }
                    }));

            assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
            assertThat(e.errorCode()).isEqualTo("RequestTooSlow");
            assertThat(e.getMessage()).contains("no complete answer within "
                    + (call.equals("uploadPart") ? "1400" : "900") + " ms");
            OssErrorsTest.assertNoSdkTypeOrSecretInChain(e);
        }
    }

    /**
     * Reads the request, sends the response head, then one body byte every 100 ms (each within the timeout;
     * a trickle inside the head is a stalled exchange to this transport, ended as SocketTimeout).
     */
    private static void trickle(ServerSocket listener) {
        try (Socket s = listener.accept()) {
            s.setSoTimeout(10_000);
            java.io.InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                head.append((char) b);
            }
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)")
                    .matcher(head);
            if (length.find()) {
                in.readNBytes(Integer.parseInt(length.group(1)));
            }
            java.io.OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nETag: \"E\"\r\n"
                    + "Content-Length: 1000\r\n\r\n<").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.flush();
            for (int i = 0; i < 100; i++) {
                TimeUnit.MILLISECONDS.sleep(100); // the fault itself: a byte now and then
                out.write('a');
                out.flush();
            }
        } catch (IOException | InterruptedException clientWentAway) {
            // what the deadline is for
        }
    }
}
