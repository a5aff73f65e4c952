package io.vodupload.adapters.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A one-connection loopback server whose behaviour a test scripts at the socket level, for faults
 * WireMock cannot produce (a peer that stops reading, a truncated body, an answer before the body).
 * Every blocking step is bounded.
 */
final class RawServer implements AutoCloseable {

    /** What the server does with the accepted connection. */
    @FunctionalInterface
    interface Handler {
        void handle(Socket socket, RawServer server) throws IOException, InterruptedException;
    }

    private final ServerSocket serverSocket;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final CountDownLatch release = new CountDownLatch(1);

    RawServer(int receiveBuffer, Handler handler) throws IOException {
        serverSocket = new ServerSocket();
        if (receiveBuffer > 0) {
            serverSocket.setReceiveBufferSize(receiveBuffer);
        }
        serverSocket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        serverSocket.setSoTimeout(10_000);
        Thread t = new Thread(() -> {
            try (Socket s = serverSocket.accept()) {
                s.setSoTimeout(10_000);
                handler.handle(s, this);
                done.complete(null);
            } catch (Exception e) {
                done.completeExceptionally(e);
            }
        }, "raw-server");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    /** Waits (bounded) for the handler to finish. */
    void awaitDone() throws InterruptedException, ExecutionException, TimeoutException {
        done.get(10, TimeUnit.SECONDS);
    }

    /** Reads the request line and headers, up to the blank line. */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the request head");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * A handler that reads the request, sends its status line and then one header byte every 100 ms — each
     * within any per-read timeout of a few hundred ms — until the client goes away (at most 10 s).
     */
    static void trickle(Socket socket, RawServer server) throws IOException, InterruptedException {
        InputStream in = socket.getInputStream();
        String head = readHead(in);
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        if (length.find()) {
            in.readNBytes(Integer.parseInt(length.group(1)));
        }
        java.io.OutputStream out = socket.getOutputStream();
        try {
            out.write("HTTP/1.1 200 OK\r\nx-slow: ".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            for (int i = 0; i < 100; i++) {
                TimeUnit.MILLISECONDS.sleep(100); // the fault itself: a byte now and then
                out.write('a');
                out.flush();
            }
        } catch (IOException clientWentAway) {
            // what the deadline is for
        }
    }

    /** Blocks the handler, reading nothing, until the test closes the server (at most 10 s). */
    void awaitRelease() throws InterruptedException {
        release.await(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        release.countDown();
        serverSocket.close();
    }
}
