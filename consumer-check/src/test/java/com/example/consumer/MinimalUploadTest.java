package com.example.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.adapters.http.HttpObjectStorage;
import io.vodupload.domain.Uploader;
import io.vodupload.domain.UploadRequest;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.Crc64;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.UploadCallback;
import io.vodupload.ports.UploadResult;
import io.vodupload.testkit.oss.OssCredentials;
import io.vodupload.testkit.oss.OssObject;
import io.vodupload.testkit.oss.OssServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's minimal upload ("Use as a library"), compiled and run against the testkit OSS server. */
class MinimalUploadTest {

    @Test
    void readmeUpload_againstTheTestkitServer_storesTheFileWithItsCrc(@TempDir Path dir) throws Exception {
        byte[] bytes = new byte[300 * 1024];
        new Random(7).nextBytes(bytes);
        Path file = Files.write(dir.resolve("intro.mp4"), bytes);
        try (OssServer server = OssServer.builder().bucket("my-bucket")
                .credentials(OssCredentials.of("my-key-id", "my-key-secret")).start()) {

            UploadResult result = upload(server.endpoint().toString(), "my-key-id", "my-key-secret", file);

            OssObject stored = server.object("my-bucket", "videos/intro.mp4").orElseThrow();
            assertThat(stored.length()).isEqualTo(bytes.length);
            assertThat(stored.crc64()).isEqualTo(Crc64.of(bytes));
            assertThat(result.crc64()).isEqualTo(stored.crc64());
        }
    }

    /** The README's snippet, line for line (it prints the result where this returns it): keep them the same. */
    static UploadResult upload(String endpoint, String keyId, String keySecret, Path file) {
        try (HttpObjectStorage storage = HttpObjectStorage.builder().maxConnections(8).build();
             Uploader uploader = Uploader.builder(storage).build()) {
            StorageTarget target = StorageTarget.of(endpoint, "my-bucket", "videos/intro.mp4");
            UploadResult result = uploader.start(UploadRequest.of(file, target),
                    CredentialsProvider.fixed(Credentials.of(keyId, keySecret)), new UploadCallback() { })
                    .completion().join();
            return result;
        }
    }
}
