package io.vodupload.testkit.oss;

import static io.vodupload.testkit.oss.RawOssClient.completeXml;
import static io.vodupload.testkit.oss.RawOssClient.errorCode;
import static io.vodupload.testkit.oss.RawOssClient.etag;
import static io.vodupload.testkit.oss.RawOssClient.xpath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodupload.testkit.StorageFaults;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each fault as a raw client sees it, and that the server behaves normally once the fault is spent. */
class OssServerFaultTest {

    static final String BUCKET = "media";
    static final Instant T = Instant.parse("2024-03-01T12:00:00Z");

    final List<Duration> slept = new CopyOnWriteArrayList<>();
    OssServer server;
    RawOssClient client;

    void start(OssServer.Builder builder) {
        server = builder.bucket(BUCKET).credentials(OssCredentials.of("ak", "sk"))
                .sleeper(slept::add)
                .start();
        client = new RawOssClient(server, BUCKET);
    }

    void start() {
        start(OssServer.builder());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    @Test
    void failOn_secondUploadPart_answersTheInjectedErrorOnceAndOnlyThere() throws Exception {
        start();
        String id = client.initiate("k");

        HttpResponse<byte[]> first = client.uploadPart("k", id, 1, random(10));
        server.faults().failOn(OssOperation.UPLOAD_PART, 2, 503, "ServiceUnavailable");
        HttpResponse<byte[]> second = client.uploadPart("k", id, 2, random(20));
        HttpResponse<byte[]> third = client.uploadPart("k", id, 2, random(20));
        HttpResponse<byte[]> fourth = client.uploadPart("k", id, 3, random(30));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(third.statusCode()).isEqualTo(503);
        assertThat(errorCode(third)).isEqualTo("ServiceUnavailable");
        assertThat(third.headers().firstValue("x-oss-request-id")).isPresent();
        assertThat(fourth.statusCode()).isEqualTo(200);
        assertThat(server.stats().partAttempts(id)).containsEntry(1, 1).containsEntry(2, 2).containsEntry(3, 1);
    }

    @Test
    void failNext_injectedErrorOnPutWithLargeBody_reachesTheClientAsTheError() throws Exception {
        start();
        server.faults().failNext(OssOperation.PUT_OBJECT, 500, "InternalError");

        // 4 MiB: more than the socket buffers, so the answer only arrives intact if the server reads the body
        HttpResponse<byte[]> r = client.put("k", random(4 << 20));

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(errorCode(r)).isEqualTo("InternalError");
        assertThat(server.object(BUCKET, "k")).isEmpty();
        assertThat(server.stats().bytesReceived()).isEqualTo(4 << 20);
    }

    @Test
    void resetNext_putObject_clientSeesABrokenConnectionAndNothingIsStored() throws Exception {
        start();
        server.faults().resetNext(OssOperation.PUT_OBJECT);

        assertThatThrownBy(() -> client.put("k", random(4 << 20))).isInstanceOf(IOException.class);

        assertThat(server.object(BUCKET, "k")).isEmpty();
        assertThat(server.stats().bytesReceived()).isLessThan(4 << 20);
        assertThat(client.put("k", random(10)).statusCode()).isEqualTo(200);
    }

    @Test
    void resetNext_rawSocket_senderSeesTheResetWhileStillSendingTheBody() throws Exception {
        start();
        server.faults().resetNext(OssOperation.PUT_OBJECT);
        int size = 64 << 20;
        long sent = 0;
        IOException seen = null;

        // far more than loopback socket buffers hold, so the reset arrives while the body is being written
        try (java.net.Socket socket = new java.net.Socket(server.endpoint().getHost(), server.port())) {
            socket.setSoTimeout(10_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("PUT /media/k HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + size + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[64 * 1024];
            try {
                while (sent < size) {
                    out.write(chunk);
                    sent += chunk.length;
                }
            } catch (IOException e) {
                seen = e;
            }
        }

        assertThat(seen).isInstanceOf(java.net.SocketException.class);
        assertThat(sent).isLessThan(size);
        assertThat(server.stats().bytesReceived()).isLessThanOrEqualTo(64 * 1024);
        assertThat(server.object(BUCKET, "k")).isEmpty();
    }

    @Test
    void resetConnectionOnNext_uploadPartThroughStorageFaults_partIsNotStored() throws Exception {
        start();
        String id = client.initiate("k");
        StorageFaults faults = server.storageFaults();
        faults.resetConnectionOnNext(StorageFaults.Operation.UPLOAD_PART);

        assertThatThrownBy(() -> client.uploadPart("k", id, 1, random(1 << 20))).isInstanceOf(IOException.class);

        assertThat(server.partNumbers(id)).hasValueSatisfying(parts -> assertThat(parts).isEmpty());
        assertThat(client.uploadPart("k", id, 1, random(1 << 20)).statusCode()).isEqualTo(200);
        assertThat(server.stats().partAttempts(id, 1)).isEqualTo(2);
    }

    @Test
    void resetNext_headObjectWithoutBody_connectionClosesWithoutAnAnswer() throws Exception {
        start();
        client.put("k", random(10));
        server.faults().resetNext(OssOperation.HEAD_OBJECT);

        // a raw socket: java.net.http would quietly retry an idempotent HEAD on a new connection
        byte[] answer;
        try (java.net.Socket socket = new java.net.Socket(server.endpoint().getHost(), server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("HEAD /media/k HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            answer = socket.getInputStream().readAllBytes();
        }

        assertThat(answer).isEmpty();
        assertThat(server.stats().requests(OssOperation.HEAD_OBJECT)).isEqualTo(1);
        assertThat(client.head("k").statusCode()).isEqualTo(200);
    }

    @Test
    void stallNext_holdsTheResponseUntilReleased() throws Exception {
        start();
        OssStall stall = server.faults().stallNext(OssOperation.PUT_OBJECT);

        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(
                client.build("PUT", "k", null, Map.of(), java.net.http.HttpRequest.BodyPublishers.ofByteArray(random(100))));

        assertThat(stall.awaitHeld(Duration.ofSeconds(10))).isTrue();
        assertThat(pending).isNotDone();
        // the request was processed; only its answer is held (as when a response is lost or slow)
        assertThat(server.object(BUCKET, "k")).isPresent();
        stall.release();
        assertThat(pending.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(stall.isReleased()).isTrue();
    }

    @Test
    void stallNext_serverStops_heldRequestEnds() throws Exception {
        start();
        OssStall stall = server.faults().stallNext(OssOperation.HEAD_OBJECT);
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(
                client.build("HEAD", "k", null, Map.of(), java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(stall.awaitHeld(Duration.ofSeconds(10))).isTrue();

        server.close();

        assertThat(stall.isReleased()).isTrue();
        // the held answer either went out before the socket closed or the connection was cut; it does not hang
        CompletableFuture<Object> ended = pending.handle((r, e) -> r != null ? r.statusCode() : e);
        assertThat(ended.get(10, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void clear_releasesPendingStallsAndDisarmsFaults() throws Exception {
        start();
        OssStall stall = server.faults().stallOn(OssOperation.GET_OBJECT, 1);
        server.faults().failNext(OssOperation.PUT_OBJECT, 503, "ServiceUnavailable");

        server.faults().clear();

        assertThat(stall.isReleased()).isTrue();
        assertThat(client.put("k", random(10)).statusCode()).isEqualTo(200);
        assertThat(client.get("k").statusCode()).isEqualTo(200);
    }

    @Test
    void forgetUpload_laterPartsAndCompleteAreNoSuchUpload() throws Exception {
        start();
        String id = client.initiate("k");
        String e1 = etag(client.uploadPart("k", id, 1, random(10)));

        server.storageFaults().forgetUpload(id);

        HttpResponse<byte[]> part = client.uploadPart("k", id, 2, random(10));
        HttpResponse<byte[]> complete = client.complete("k", id, completeXml(1, e1));
        assertThat(part.statusCode()).isEqualTo(404);
        assertThat(errorCode(part)).isEqualTo("NoSuchUpload");
        assertThat(errorCode(complete)).isEqualTo("NoSuchUpload");
        assertThat(server.uploadIds()).doesNotContain(id);
    }

    @Test
    void clockOffset_beyond15Minutes_isRequestTimeTooSkewedWithServerTime() throws Exception {
        start(OssServer.builder().clock(Clock.fixed(T, ZoneOffset.UTC)));
        client.clock(Clock.fixed(T, ZoneOffset.UTC));

        server.faults().clockOffset(Duration.ofMinutes(16));
        HttpResponse<byte[]> skewed = client.put("k", random(10));
        server.faults().clockOffset(Duration.ofMinutes(-14));
        HttpResponse<byte[]> within = client.put("k", random(10));

        assertThat(skewed.statusCode()).isEqualTo(403);
        assertThat(errorCode(skewed)).isEqualTo("RequestTimeTooSkewed");
        assertThat(xpath(skewed.body(), "/Error/ServerTime")).isEqualTo("2024-03-01T12:16:00.000Z");
        assertThat(xpath(skewed.body(), "/Error/RequestTime")).isEqualTo("2024-03-01T12:00:00.000Z");
        assertThat(within.statusCode()).isEqualTo(200);
        assertThat(server.serverTime()).isEqualTo(T.minus(Duration.ofMinutes(14)));
    }

    @Test
    void builderClockOffset_survivesClear() {
        start(OssServer.builder().clock(Clock.fixed(T, ZoneOffset.UTC)).clockOffset(Duration.ofMinutes(30)));
        server.faults().clockOffset(Duration.ZERO);

        server.faults().clear();

        assertThat(server.serverTime()).isEqualTo(T.plus(Duration.ofMinutes(30)));
    }

    @Test
    void delayEveryRequest_waitsThroughTheInjectedSleeper() throws Exception {
        start();
        server.faults().delayEveryRequest(Duration.ofSeconds(5));

        HttpResponse<byte[]> r = client.put("k", random(10));
        server.faults().delayEveryRequest(Duration.ZERO);
        client.put("k", random(10));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(slept).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void expireTokenAfterParts_oldTokenRefusedUntilANewSetIsUsed() throws Exception {
        start();
        server.credentials().add(OssCredentials.sts("STS.old", "s1", "t1"));
        client.credentials("STS.old", "s1", "t1");
        String id = client.initiate("k");
        server.faults().expireTokenAfterParts(2);

        HttpResponse<byte[]> p1 = client.uploadPart("k", id, 1, random(10));
        HttpResponse<byte[]> p2 = client.uploadPart("k", id, 2, random(10));
        HttpResponse<byte[]> p3 = client.uploadPart("k", id, 3, random(10));
        server.credentials().add(OssCredentials.sts("STS.new", "s2", "t2"));
        HttpResponse<byte[]> p3Again = client.credentials("STS.new", "s2", "t2").uploadPart("k", id, 3, random(10));
        HttpResponse<byte[]> oldAgain = client.credentials("STS.old", "s1", "t1").uploadPart("k", id, 4, random(10));

        assertThat(p1.statusCode()).isEqualTo(200);
        assertThat(p2.statusCode()).isEqualTo(200);
        assertThat(p3.statusCode()).isEqualTo(403);
        assertThat(errorCode(p3)).isEqualTo("SecurityTokenExpired");
        assertThat(xpath(p3.body(), "/Error/EC")).isEqualTo("0002-00000007");
        assertThat(p3Again.statusCode()).isEqualTo(200);
        assertThat(errorCode(oldAgain)).isEqualTo("SecurityTokenExpired");
        assertThat(server.partNumbers(id)).hasValueSatisfying(parts -> assertThat(parts).containsExactly(1, 2, 3));
    }

    @Test
    void expireCredentials_everyRequestIsSecurityTokenExpiredUntilClear() throws Exception {
        start();
        server.storageFaults().expireCredentials();

        HttpResponse<byte[]> refused = client.put("k", random(10));
        server.storageFaults().clear();
        HttpResponse<byte[]> accepted = client.put("k", random(10));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(errorCode(refused)).isEqualTo("SecurityTokenExpired");
        assertThat(accepted.statusCode()).isEqualTo(200);
    }

    @Test
    void storageFaultsFailNext_completeMultipart_isTheGivenStatusAndCode() throws Exception {
        start();
        String id = client.initiate("k");
        String e1 = etag(client.uploadPart("k", id, 1, random(10)));
        server.storageFaults().failNext(StorageFaults.Operation.COMPLETE_MULTIPART, 403, "SecurityTokenExpired");

        HttpResponse<byte[]> failed = client.complete("k", id, completeXml(1, e1));
        HttpResponse<byte[]> done = client.complete("k", id, completeXml(1, e1));

        assertThat(failed.statusCode()).isEqualTo(403);
        assertThat(errorCode(failed)).isEqualTo("SecurityTokenExpired");
        assertThat(done.statusCode()).isEqualTo(200);
    }

    @Test
    void failOn_invalidArguments_areRefusedWhenArmed() {
        start();

        assertThatThrownBy(() -> server.faults().failOn(OssOperation.PUT_OBJECT, 0, 500, "InternalError"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nth");
        assertThatThrownBy(() -> server.faults().failNext(OssOperation.PUT_OBJECT, 200, "Ok"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("200");
        assertThatThrownBy(() -> server.faults().failNext(OssOperation.PUT_OBJECT, 500, " "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentRequests_allServed() throws Exception {
        start();
        List<CompletableFuture<HttpResponse<byte[]>>> futures = new java.util.ArrayList<>();
        for (int i = 0; i < 24; i++) {
            futures.add(client.sendAsync(client.build("PUT", "c/" + i, null, Map.of(),
                    java.net.http.HttpRequest.BodyPublishers.ofByteArray(random(50_000 + i)))));
        }

        for (CompletableFuture<HttpResponse<byte[]>> f : futures) {
            try {
                assertThat(f.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            } catch (ExecutionException e) {
                throw new AssertionError(e.getCause());
            }
        }
        assertThat(server.stats().requests(OssOperation.PUT_OBJECT)).isEqualTo(24);
    }
}
