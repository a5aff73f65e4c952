package io.vodupload.domain;

import static io.vodupload.domain.Fixture.PART;
import static io.vodupload.domain.Fixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.ports.Credentials;
import io.vodupload.ports.TicketFormatException;
import io.vodupload.ports.UploadAddress;
import io.vodupload.ports.UploadAuth;
import io.vodupload.ports.UploadTicketDecoder;
import io.vodupload.testkit.RecordingCallback;
import io.vodupload.testkit.memory.Gate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishManagerTest {

    /** Tickets in a readable test form: "endpoint|bucket|key" and "id|secret|token[|region]". */
    static final class FakeDecoder implements UploadTicketDecoder {
        @Override
        public UploadAddress decodeAddress(String text) {
            String[] f = text.split("\\|", -1);
            if (f.length != 3) {
                throw new TicketFormatException("UploadAddress is not endpoint|bucket|key");
            }
            return new UploadAddress(f[0], f[1], f[2]);
        }

        @Override
        public UploadAuth decodeAuth(String text, Instant now) {
            String[] f = text.split("\\|", -1);
            if (f.length < 3 || f.length > 4) {
                throw new TicketFormatException("UploadAuth is not id|secret|token[|region]");
            }
            return new UploadAuth(Credentials.sts(f[0], f[1], f[2], now.plusSeconds(3000)),
                    f.length == 4 ? Optional.of(f[3]) : Optional.empty());
        }
    }

    static final String ADDRESS = "oss-cn-shanghai.aliyuncs.com|vod-bucket|sv/video one+1.mp4";
    static final String AUTH = "STS.old|old-secret-XYZ|old-token-XYZ|cn-shanghai";
    static final String NEW_AUTH = "STS.new|new-secret-XYZ|new-token-XYZ|cn-shanghai";

    @TempDir
    Path dir;

    private Fixture f;
    private PublishManager manager;

    private PublishManager manager() {
        f = new Fixture(dir);
        manager = new PublishManager(f.uploader(), new FakeDecoder(), f.callback, Fixture.config().build());
        return manager;
    }

    @Test
    void uploadVideo_validTickets_returnsZeroAndUploadsWithTheRegion() throws Exception {
        PublishManager m = manager();
        Path file = f.file(3L * PART);
        f.storage.acceptCredentials(Fixture.OLD);

        assertThat(m.uploadVideo(file, ADDRESS, AUTH)).isZero();

        assertThat(f.callback.awaitTerminal(WAIT)).isInstanceOf(RecordingCallback.Success.class);
        RecordingCallback.Started started = f.callback.eventsOf(RecordingCallback.Started.class).get(0);
        assertThat(started.info().target().region()).hasValue("cn-shanghai");
        assertThat(f.storage.objectMetadata(Fixture.TARGET).orElseThrow().contentType()).hasValue("video/mp4");
        assertThat(m.currentUpload()).get().extracting(UploadHandle::state).isEqualTo(UploadState.SUCCEEDED);
    }

    @Test
    void uploadImage_validTickets_returnsZero() throws Exception {
        PublishManager m = manager();

        assertThat(m.uploadImage(f.file(5000), "h|b|cover.jpg", AUTH)).isZero();

        assertThat(f.callback.awaitTerminal(WAIT)).isInstanceOf(RecordingCallback.Success.class);
    }

    @Test
    void uploadVideo_tokenExpires_waitsForRefreshWithUploadAuthThenFinishes() throws Exception {
        PublishManager m = manager();
        Path file = f.file(5L * PART);
        f.storage.expireCredentialsAfterParts(2, Fixture.NEW);
        int[] refreshed = {Integer.MIN_VALUE};
        f.callback.onEvent(e -> {
            if (e instanceof RecordingCallback.TokenExpired) {
                assertThat(m.currentUpload().orElseThrow().state()).isEqualTo(UploadState.AWAITING_CREDENTIALS);
                refreshed[0] = m.refreshWithUploadAuth(NEW_AUTH);
            }
        });

        assertThat(m.uploadVideo(file, ADDRESS, AUTH)).isZero();

        assertThat(f.callback.awaitTerminal(WAIT)).isInstanceOf(RecordingCallback.Success.class);
        assertThat(refreshed[0]).isZero();
        for (int n = 1; n <= 5; n++) {
            assertThat(f.storage.statistics().partsStored(n)).isEqualTo(1);
        }
        f.callback.assertWellFormed();
    }

    @Test
    void defaultConfig_tokenExpired_waitsForRefreshWithUploadAuthWithoutATimeLimit() throws Exception {
        f = new Fixture(dir);
        PublishManager m = new PublishManager(f.uploader(), new FakeDecoder(), f.callback);
        f.storage.rotateCredentials(Fixture.NEW); // the first request meets an expired token
        CountDownLatch expired = new CountDownLatch(1);
        f.callback.onEvent(e -> {
            if (e instanceof RecordingCallback.TokenExpired) {
                expired.countDown();
            }
        });

        assertThat(m.uploadVideo(f.file(1000), ADDRESS, AUTH)).isZero();
        assertThat(expired.await(20, TimeUnit.SECONDS)).isTrue();
        UploadHandle handle = m.currentUpload().orElseThrow();
        assertThat(handle.state()).isEqualTo(UploadState.AWAITING_CREDENTIALS);
        assertThat(f.sleeper.sleeps()).as("no credentials timer (a manual sleeper would end it at once)").isEmpty();
        assertThat(m.refreshWithUploadAuth(NEW_AUTH)).isZero();

        assertThat(handle.completion().get(20, TimeUnit.SECONDS).size()).isEqualTo(1000);
    }

    @Test
    void close_whileUploading_cancelsAndWaitsForTheAbortThenRefusesNewUploads() throws Exception {
        PublishManager m = manager();
        Gate gate = f.storage.holdPart(1);
        assertThat(m.uploadVideo(f.file(3L * PART), ADDRESS, AUTH)).isZero();
        assertThat(gate.awaitArrival(WAIT)).isTrue();

        Thread closer = new Thread(m::close, "closer");
        closer.start();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!m.currentUpload().orElseThrow().state().isTerminal()
                && m.currentUpload().orElseThrow().state() != UploadState.CANCELING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(closer.isAlive()).as("close() waits for the part in flight").isTrue();
        gate.open();
        closer.join(WAIT.toMillis());

        assertThat(closer.isAlive()).isFalse();
        assertThat(f.callback.terminalCount()).isEqualTo(1);
        assertThat(f.callback.events().get(f.callback.events().size() - 1))
                .isInstanceOf(RecordingCallback.Canceled.class);
        assertThat(f.storage.uploadsInProgress()).isEmpty();
        assertThat(m.uploadVideo(f.file(2L * PART), ADDRESS, AUTH)).isEqualTo(-20012003);
    }

    @Test
    void pauseResumeCancel_followTheStateAndReturnTheirCodes() throws Exception {
        PublishManager m = manager();
        Gate gate = f.storage.holdPart(1);

        assertThat(m.pauseUpload()).isEqualTo(-20012003);
        assertThat(m.resumeUpload()).isEqualTo(-20012003);
        assertThat(m.cancelUpload()).isEqualTo(-20012003);
        assertThat(m.refreshWithUploadAuth(NEW_AUTH)).isEqualTo(-20012003);
        assertThat(m.uploadVideo(f.file(3L * PART), ADDRESS, AUTH)).isZero();
        assertThat(gate.awaitArrival(WAIT)).isTrue();
        assertThat(m.uploadVideo(f.file(2L * PART), ADDRESS, AUTH)).isEqualTo(-20012003);
        assertThat(m.resumeUpload()).isEqualTo(-20012003);
        assertThat(m.pauseUpload()).isZero();
        assertThat(m.pauseUpload()).isEqualTo(-20012003);
        assertThat(m.resumeUpload()).isZero();
        assertThat(m.refreshWithUploadAuth("garbage")).isEqualTo(-20012008);
        assertThat(m.cancelUpload()).isZero();
        gate.open();

        assertThat(f.callback.awaitTerminal(WAIT)).isInstanceOf(RecordingCallback.Canceled.class);
        assertThat(f.storage.uploadsInProgress()).isEmpty();
        assertThat(m.cancelUpload()).isEqualTo(-20012003);
    }

    @Test
    void uploadVideo_emptyFile_returnsZeroAndStoresAnEmptyObject() throws Exception {
        PublishManager m = manager();
        Path empty = Files.createFile(dir.resolve("empty.mp4"));
        f.storage.acceptCredentials(Fixture.OLD);

        assertThat(m.uploadVideo(empty, ADDRESS, AUTH)).isZero();

        assertThat(f.callback.awaitTerminal(WAIT)).isInstanceOf(RecordingCallback.Success.class);
        assertThat(f.stored()).isEmpty();
    }

    @Test
    void uploadVideo_everyBadInput_returnsItsDocumentedCodeAndNeverThrows() throws Exception {
        PublishManager m = manager();
        Path ok = f.file(3L * PART);

        assertThat(m.uploadVideo(dir.resolve("nope.mp4"), ADDRESS, AUTH)).isEqualTo(-20003005);
        assertThat(m.uploadVideo(null, ADDRESS, AUTH)).isEqualTo(-20003005);
        assertThat(m.uploadVideo(dir, ADDRESS, AUTH)).isEqualTo(-20012004);
        assertThat(m.uploadVideo(ok, "not a ticket", AUTH)).isEqualTo(-20012007);
        assertThat(m.uploadVideo(ok, null, AUTH)).isEqualTo(-20012007);
        assertThat(m.uploadVideo(ok, "ftp://host|b|k", AUTH)).isEqualTo(-20012007);
        assertThat(m.uploadVideo(ok, "h||k", AUTH)).isEqualTo(-20012007);
        assertThat(m.uploadVideo(ok, ADDRESS, "nope")).isEqualTo(-20012008);
        assertThat(m.uploadVideo(ok, ADDRESS, null)).isEqualTo(-20012008);
        assertThat(m.uploadVideo(ok, ADDRESS, "id||token")).isEqualTo(-20012008);
        assertThat(m.uploadImage(dir.resolve("nope.jpg"), ADDRESS, AUTH)).isEqualTo(-20003005);
        assertThat(m.refreshWithUploadAuth(null)).isEqualTo(-20012003);
        assertThat(f.callback.events()).isEmpty();
        assertThat(m.currentUpload()).isEmpty();
    }

    @Test
    void uploadVideo_unreadableFile_returnsFileUnreadable() throws Exception {
        PublishManager m = manager();
        Path locked = f.file(1000);
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        Assumptions.assumeFalse(Files.isReadable(locked), "running as root: every file is readable");

        assertThat(m.uploadVideo(locked, ADDRESS, AUTH)).isEqualTo(-20012005);
    }

    @Test
    void errorCodes_facadeCodesAreUniqueAndNegative() {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (ErrorCode code : ErrorCode.values()) {
            code.facadeCode().ifPresent(c -> {
                assertThat(c).isNegative();
                assertThat(seen.add(c)).as("duplicate %d", c).isTrue();
            });
            assertThat(ErrorCode.fromCode(code.code())).hasValue(code);
        }
        assertThat(ErrorCode.FILE_NOT_FOUND.facadeCode()).hasValue(-20003005);
        assertThat(ErrorCode.UPLOAD_FAILED.facadeCode()).hasValue(-20012001);
        assertThat(ErrorCode.INVALID_STATE.facadeCode()).hasValue(-20012003);
    }

    @Test
    void errorCodes_docsListEveryCodeWithItsNumberAndMeaning() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "error-codes.md"));
        for (ErrorCode code : ErrorCode.values()) {
            String row = docs.lines().filter(l -> l.startsWith("| `" + code.code() + "`")).findFirst()
                    .orElseThrow(() -> new AssertionError("docs/error-codes.md has no row for " + code.code()));
            assertThat(row).contains(code.facadeCode().isPresent() ? "`" + code.facadeCode().getAsInt() + "`" : "—");
            assertThat(row).contains(code.meaning()).contains(code.action());
        }
    }
}
