package io.vodupload.it;

import static io.vodupload.it.TestFiles.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodupload.adapters.url.UrlSource;
import io.vodupload.domain.StreamUploadRequest;
import io.vodupload.domain.UploadConfig;
import io.vodupload.domain.UploadFailedException;
import io.vodupload.domain.Uploader;
import io.vodupload.ports.CheckpointStore;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.Crc64;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.UploadResult;
import io.vodupload.testkit.RecordingCallback;
import io.vodupload.testkit.http.HttpFileServer;
import io.vodupload.testkit.http.HttpFileServer.Request;
import io.vodupload.testkit.oss.OssObject;
import io.vodupload.testkit.oss.OssOperation;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's URL source end to end: a download from the testkit file server streamed by the domain
 * engine over adapters-http into the testkit OSS server, through a connection cut mid-download (resumed
 * with a validated Range request) and a file replaced mid-download (the upload fails and its multipart
 * upload is aborted). Real sockets on both sides, V4 signatures, an STS token.
 */
class UrlStreamUploadTest {

    private static final long SIZE = 9 * MIB + 4321;
    private static final String PATH = "/vod/clip%20one.mp4";
    private static final String PRESIGNED = "?OSSAccessKeyId=LTAIvisible&Expires=1764931200&Signature=sIgSeCrEt"
            + "&security-token=tOkSeCrEt";

    private static byte[] bytes() {
        byte[] b = new byte[Math.toIntExact(SIZE)];
        new Random(15).nextBytes(b);
        return b;
    }

    private static StreamUploadRequest request(UrlSource source, StorageTarget target) {
        return StreamUploadRequest.builder(source, target)
                .config(UploadConfig.builder().partSize(2 * MIB).parallelism(2).build()).build();
    }

    @Test
    void upload_urlCutMidDownload_resumesWithRangeAndStoresEveryByte() throws Exception {
        byte[] bytes = bytes();
        try (Rig rig = Rig.start(); HttpFileServer files = HttpFileServer.start()) {
            files.serve(PATH, bytes, "video/mp4").cutAfter(PATH, 5 * MIB + 17);
            UrlSource source = UrlSource.builder(files.uri(PATH + PRESIGNED)).sleeper(rig.sleeper).build();
            Uploader uploader = rig.uploader(rig.storage(Rig.Signature.V4, Duration.ofSeconds(10)),
                    CheckpointStore.NONE);
            StorageTarget target = rig.target("vod/clip one.mp4", Rig.Signature.V4);
            RecordingCallback callback = new RecordingCallback();

            UploadResult result = uploader.start(request(source, target), CredentialsProvider.fixed(Rig.first()),
                    callback).completion().get(60, TimeUnit.SECONDS);

            assertThat(result.size()).isEqualTo(SIZE);
            assertThat(result.crc64()).isEqualTo(Crc64.of(bytes));
            assertThat(files.requests()).extracting(r -> r.range().orElse("-"))
                    .containsExactly("-", "bytes=" + (5 * MIB + 17) + "-");
            assertThat(files.requests()).extracting(Request::status).containsExactly(200, 206);
            OssObject stored = rig.server.object(Rig.BUCKET, "vod/clip one.mp4").orElseThrow();
            assertThat(stored.bytes()).isEqualTo(bytes);
            assertThat(stored.contentType()).as("the response's content type").isEqualTo("video/mp4");
            assertThat(rig.server.uploadIds()).as("multipart uploads left open").isEmpty();
            assertThat(callback.events().toString()).doesNotContain("sIgSeCrEt", "tOkSeCrEt");
        }
    }

    @Test
    void upload_urlReplacedMidDownload_failsSayingSoAndAbortsTheMultipartUpload() throws Exception {
        try (Rig rig = Rig.start(); HttpFileServer files = HttpFileServer.start()) {
            byte[] other = bytes();
            other[0] ^= 1;
            files.serve(PATH, bytes(), "video/mp4").cutAfterAndChange(PATH, 5 * MIB, other);
            UrlSource source = UrlSource.builder(files.uri(PATH + PRESIGNED)).sleeper(rig.sleeper).build();
            Uploader uploader = rig.uploader(rig.storage(Rig.Signature.V4, Duration.ofSeconds(10)),
                    CheckpointStore.NONE);
            RecordingCallback callback = new RecordingCallback();

            assertThatThrownBy(() -> uploader.start(request(source, rig.target("vod/clip.mp4", Rig.Signature.V4)),
                    CredentialsProvider.fixed(Rig.first()), callback).completion().get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(UploadFailedException.class)
                    .hasMessageContaining("the source changed")
                    .hasMessageNotContainingAny("sIgSeCrEt", "tOkSeCrEt");
            rig.awaitUploadsQuiet();

            assertThat(rig.server.stats().requests(OssOperation.INITIATE_MULTIPART)).isEqualTo(1);
            assertThat(rig.server.uploadIds()).as("multipart uploads left open").isEmpty();
            assertThat(rig.server.object(Rig.BUCKET, "vod/clip.mp4")).isEmpty();
            assertThat(callback.events().toString()).doesNotContain("sIgSeCrEt", "tOkSeCrEt");
        }
    }

    @Test
    void upload_urlNotFound_refusedAtStartNamingTheStatusRedacted() throws Exception {
        try (Rig rig = Rig.start(); HttpFileServer files = HttpFileServer.start()) {
            UrlSource source = UrlSource.builder(files.uri("/missing.mp4" + PRESIGNED)).sleeper(rig.sleeper).build();
            Uploader uploader = rig.uploader(rig.storage(Rig.Signature.V4, Duration.ofSeconds(10)),
                    CheckpointStore.NONE);

            assertThatThrownBy(() -> uploader.start(request(source, rig.target("x.mp4", Rig.Signature.V4)),
                    CredentialsProvider.fixed(Rig.first()), new RecordingCallback()))
                    .hasMessageContaining("answered 404")
                    .hasMessageContaining("Signature=***")
                    .hasMessageNotContainingAny("sIgSeCrEt", "tOkSeCrEt");
            assertThat(rig.server.stats().requests(OssOperation.INITIATE_MULTIPART)).isZero();
        }
    }
}
