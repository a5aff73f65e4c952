package io.vodupload.adapters.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.vodupload.adapters.http.WireSupport.STS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.vodupload.ports.FileRegion;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.PartReceipt;
import io.vodupload.ports.StorageException;
import io.vodupload.ports.StorageException.Kind;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.TransferListener;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Network faults and local failures: each a StorageException of the right kind, with a clear code. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpObjectStorageFaultTest {

    static WireMockServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(options().dynamicPort().dynamicHttpsPort().bindAddress("127.0.0.1")
                .containerThreads(20));
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    private static HttpObjectStorage storage(Duration responseTimeout) {
        return HttpObjectStorage.builder().responseTimeout(responseTimeout).connectTimeout(Duration.ofSeconds(2)).build();
    }

    private static StorageTarget target(int port) {
        return StorageTarget.of("http://127.0.0.1:" + port, "bkt", "a/b.mp4");
    }

    private Path randomFile(int size) throws IOException {
        byte[] data = new byte[size];
        new Random(7).nextBytes(data);
        Path f = dir.resolve("r" + size);
        Files.write(f, data);
        return f;
    }

    /** A large file without writing its bytes: enough to fill every socket buffer on the way. */
    private Path sparseFile(long size) throws IOException {
        Path f = dir.resolve("sparse-" + size);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(size);
        }
        return f;
    }

    private StorageException failure(HttpObjectStorage storage, Function<ObjectStorage, Object> call) {
        StorageException e = catchThrowableOfType(StorageException.class, () -> call.apply(storage));
        assertThat(e).as("the call should have failed").isNotNull();
        assertThat(e.httpStatus()).isEmpty();
        WireSupport.assertNoSecrets(e);
        return e;
    }

    // ---- WireMock faults ---------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(textBlock = """
            CONNECTION_RESET_BY_PEER, listParts,  ConnectionReset
            CONNECTION_RESET_BY_PEER, uploadPart, ConnectionReset
            EMPTY_RESPONSE,           listParts,  NoResponse
            EMPTY_RESPONSE,           uploadPart, NoResponse
            MALFORMED_RESPONSE_CHUNK, listParts,  TruncatedResponse
            """)
    void wireMockFault_isRetryableWithAClientSideCode(Fault fault, String operation, String code) throws IOException {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withFault(fault)));
        Path f = randomFile(200_000);

        try (HttpObjectStorage storage = storage(Duration.ofSeconds(5))) {
            StorageException e = failure(storage, s -> operation.equals("listParts")
                    ? s.listParts(target(server.port()), STS, "U")
                    : s.uploadPart(target(server.port()), STS, "U", 1, new FileRegion(f, 0, 200_000), TransferListener.NONE));
            assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
            assertThat(e.errorCode()).isEqualTo(code);
        }
    }

    @Test
    void wireMockFault_randomDataThenClose_isRetryable() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));

        try (HttpObjectStorage storage = storage(Duration.ofSeconds(5))) {
            StorageException e = failure(storage, s -> s.headObject(target(server.port()), STS));
            assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
            assertThat(e.errorCode()).isIn("InvalidResponse", "NoResponse", "TruncatedResponse", "ConnectionReset");
        }
    }

    @Test
    void responseDelayedBeyondTheResponseTimeout_isRetryableSocketTimeout() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(3_000)
                .withBody("<ListPartsResult><IsTruncated>false</IsTruncated></ListPartsResult>")));

        try (HttpObjectStorage storage = storage(Duration.ofMillis(300))) {
            StorageException e = failure(storage, s -> s.listParts(target(server.port()), STS, "U"));
            assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
            assertThat(e.errorCode()).isEqualTo("SocketTimeout");
        }
    }

    @Test
    void nothingListening_isRetryableConnectionRefused() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }

        try (HttpObjectStorage storage = storage(Duration.ofSeconds(2))) {
            StorageException e = failure(storage, s -> s.headObject(target(port), STS));
            assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
            assertThat(e.errorCode()).isEqualTo("ConnectionRefused");
        }
    }

    @Test
    void hostThatDoesNotResolve_isFatalUnknownHost() {
        org.apache.hc.client5.http.DnsResolver nowhere = new org.apache.hc.client5.http.DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws java.net.UnknownHostException {
                throw new java.net.UnknownHostException(host + ": Name or service not known");
            }

            @Override
            public String resolveCanonicalHostname(String host) throws java.net.UnknownHostException {
                throw new java.net.UnknownHostException(host);
            }
        };

        try (HttpObjectStorage storage = HttpObjectStorage.builder().dnsResolver(nowhere).build()) {
            StorageException e = failure(storage,
                    s -> s.headObject(StorageTarget.of("oss-cn-hangzhou.aliyuncs.com", "bkt", "k"), STS));
            assertThat(e.kind()).isEqualTo(Kind.FATAL); // fails fast: retrying cannot make it resolve
            assertThat(e.errorCode()).isEqualTo("UnknownHost");
            assertThat(e.getMessage()).contains("bkt.oss-cn-hangzhou.aliyuncs.com");
        }
    }

    @Test
    void selfSignedTlsCertificate_isFatalTlsError() {
        StorageTarget https = StorageTarget.of("https://127.0.0.1:" + server.httpsPort(), "bkt", "k");

        try (HttpObjectStorage storage = storage(Duration.ofSeconds(5))) {
            StorageException e = failure(storage, s -> s.headObject(https, STS));
            assertThat(e.kind()).isEqualTo(Kind.FATAL);
            assertThat(e.errorCode()).isEqualTo("TlsError");
        }
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    // ---- socket-level faults -----------------------------------------------------------------------

    @Test
    void responseBodyCutShort_isRetryableTruncatedResponse() throws Exception {
        try (RawServer raw = new RawServer(0, (s, self) -> {
            RawServer.readHead(s.getInputStream());
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: 500\r\nx-oss-request-id: T1\r\n\r\n<ListPartsResult>")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }); HttpObjectStorage storage = storage(Duration.ofSeconds(5))) {
            StorageException e = failure(storage, st -> st.listParts(target(raw.port()), STS, "U"));
            assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
            assertThat(e.errorCode()).isEqualTo("TruncatedResponse");
            raw.awaitDone();
        }
    }

    @Test
    void peerStopsReadingThePartBody_isAbortedAsRetryableSocketTimeout() throws Exception {
        Path f = sparseFile(64L * 1024 * 1024);
        try (RawServer raw = new RawServer(4096, (s, self) -> {
            RawServer.readHead(s.getInputStream());
            self.awaitRelease();
        }); HttpObjectStorage storage = storage(Duration.ofMillis(300))) {
            AtomicLong sent = new AtomicLong();
            StorageException e = failure(storage, st -> st.uploadPart(target(raw.port()), STS, "U", 1,
                    new FileRegion(f, 0, 64L * 1024 * 1024), sent::addAndGet));
            assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
            assertThat(e.errorCode()).isEqualTo("SocketTimeout");
            assertThat(e.getMessage()).contains("the body stopped moving");
            assertThat(sent.get()).isLessThan(64L * 1024 * 1024);
        }
    }

    @Test
    void serverTricklesItsAnswerFasterThanTheTimeout_isRetryableRequestTooSlowAtTheDeadline() throws Exception {
        Path f = randomFile(4096);
        try (RawServer raw = new RawServer(0, RawServer::trickle);
             HttpObjectStorage storage = storage(Duration.ofMillis(300))) {
            long start = System.nanoTime();
            StorageException e = failure(storage, st -> st.uploadPart(target(raw.port()), STS, "U", 1,
                    new FileRegion(f, 0, 4096), TransferListener.NONE));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
            assertThat(e.errorCode()).isEqualTo("RequestTooSlow");
            assertThat(e.getMessage()).contains("no complete answer within 1400 ms");
            // each byte came within the 300 ms timeout: only the deadline (900 ms + 4 KiB at 8 KiB/s) ended it
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1400)).isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    void serverTricklesAnAnswerWithoutRequestBody_isRequestTooSlowToo() throws Exception {
        try (RawServer raw = new RawServer(0, RawServer::trickle);
             HttpObjectStorage storage = storage(Duration.ofMillis(300))) {
            StorageException e = failure(storage, st -> st.listParts(target(raw.port()), STS, "U"));

            assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
            assertThat(e.errorCode()).isEqualTo("RequestTooSlow");
            assertThat(e.getMessage()).contains("no complete answer within 900 ms");
        }
    }

    @Test
    void serverAnswersBeforeReadingTheBody_theAnswerIsMappedNotTheBrokenPipe() throws Exception {
        Path f = sparseFile(32L * 1024 * 1024);
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SecurityTokenExpired</Code>"
                + "<Message>The security token you provided has expired.</Message><RequestId>EARLY1</RequestId></Error>";
        try (RawServer raw = new RawServer(4096, (s, self) -> {
            RawServer.readHead(s.getInputStream());
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 403 Forbidden\r\nContent-Type: application/xml\r\nx-oss-request-id: EARLY1\r\n"
                    + "Connection: close\r\nContent-Length: " + xml.length() + "\r\n\r\n" + xml)
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            // then discard what still arrives, as a server does after an early answer: a client that began
            // its body before the answer reached it must not stall on a full window, and its next write
            // finds the answer waiting (without this the test raced the answer against the first write)
            try {
                s.getInputStream().transferTo(OutputStream.nullOutputStream());
            } catch (IOException closedByTheClient) {
                // the client stops sending and closes: expected
            }
        }); HttpObjectStorage storage = storage(Duration.ofSeconds(5))) {
            StorageException e = catchThrowableOfType(StorageException.class, () -> storage.uploadPart(
                    target(raw.port()), STS, "U", 1, new FileRegion(f, 0, 32L * 1024 * 1024), TransferListener.NONE));
            assertThat(e.kind()).isEqualTo(Kind.CREDENTIALS_EXPIRED);
            assertThat(e.errorCode()).isEqualTo("SecurityTokenExpired");
            assertThat(e.requestId()).contains("EARLY1");
        }
    }

    // ---- cancellation, local files, the pool -------------------------------------------------------

    @Test
    void listenerThrowsCancellation_theSameExceptionIsRethrownUnwrapped() throws IOException {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("ETag", "\"E\"")));
        Path f = randomFile(1_000_000);
        CancellationException cancel = new CancellationException("paused by the user");
        AtomicLong calls = new AtomicLong();

        try (HttpObjectStorage storage = storage(Duration.ofSeconds(5))) {
            Throwable thrown = catchThrowable(() -> storage.uploadPart(target(server.port()), STS, "U", 1,
                    new FileRegion(f, 0, 1_000_000), bytes -> {
                        if (calls.incrementAndGet() == 2) {
                            throw cancel;
                        }
                    }));
            assertThat(thrown).isSameAs(cancel);

            // the pool is still usable afterwards
            PartReceipt receipt = storage.uploadPart(target(server.port()), STS, "U", 1, new FileRegion(f, 0, 10),
                    TransferListener.NONE);
            assertThat(receipt.etag()).isEqualTo("E");
        }
        assertThat(calls).hasValue(2);
    }

    @Test
    void fileShorterThanTheRegion_isFatalLocalFileError() throws IOException {
        Path f = randomFile(1000);

        try (HttpObjectStorage storage = storage(Duration.ofSeconds(5))) {
            server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("ETag", "\"E\"")));
            StorageException e = failure(storage, s -> s.uploadPart(target(server.port()), STS, "U", 1,
                    new FileRegion(f, 500, 1000), TransferListener.NONE));
            assertThat(e.kind()).isEqualTo(Kind.FATAL);
            assertThat(e.errorCode()).isEqualTo("LocalFileError");
            assertThat(e.getMessage()).contains("ended at byte 1000").contains(f.toString());
        }
    }

    @Test
    void missingFile_isFatalLocalFileError() {
        Path f = dir.resolve("missing.mp4");

        try (HttpObjectStorage storage = storage(Duration.ofSeconds(5))) {
            StorageException e = failure(storage, s -> s.uploadPart(target(server.port()), STS, "U", 1,
                    new FileRegion(f, 0, 10), TransferListener.NONE));
            assertThat(e.errorCode()).isEqualTo("LocalFileError");
            assertThat(e.getMessage()).contains("missing.mp4");
        }
    }

    @Test
    void fourPartsInFlight_fourConnections_allProceedAtOnce() throws Exception {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("ETag", "\"E\"")
                .withFixedDelay(400)));
        Path f = randomFile(500_000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        // a pool timeout below the server delay: a part that had to wait for a connection would fail
        try (HttpObjectStorage storage = HttpObjectStorage.builder().maxConnections(4)
                .poolTimeout(Duration.ofMillis(150)).build()) {
            List<Future<PartReceipt>> parts = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                int n = i;
                parts.add(pool.submit(() -> storage.uploadPart(target(server.port()), STS, "U", n,
                        new FileRegion(f, (n - 1) * 100_000L, 100_000), TransferListener.NONE)));
            }
            for (int i = 0; i < 4; i++) {
                assertThat(parts.get(i).get(10, TimeUnit.SECONDS).partNumber()).isEqualTo(i + 1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void morePartsThanConnections_theWaitingOnesTimeOutAsRetryablePoolTimeout() throws Exception {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("ETag", "\"E\"")
                .withFixedDelay(1_000)));
        Path f = randomFile(1000);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (HttpObjectStorage storage = HttpObjectStorage.builder().maxConnections(1)
                .poolTimeout(Duration.ofMillis(100)).build()) {
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                int n = i;
                outcomes.add(pool.submit(() -> {
                    try {
                        storage.uploadPart(target(server.port()), STS, "U", n, new FileRegion(f, 0, 10),
                                TransferListener.NONE);
                        return "ok";
                    } catch (StorageException e) {
                        return e.kind() + " " + e.errorCode();
                    }
                }));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> o : outcomes) {
                results.add(o.get(10, TimeUnit.SECONDS));
            }
            assertThat(results).containsExactlyInAnyOrder("ok", "RETRYABLE ConnectionPoolTimeout",
                    "RETRYABLE ConnectionPoolTimeout");
        } finally {
            pool.shutdownNow();
        }
    }
}
