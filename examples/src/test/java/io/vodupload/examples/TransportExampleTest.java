package io.vodupload.examples;

import static io.vodupload.examples.Fixtures.BUCKET;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import io.vodupload.adapters.http.HttpObjectStorage;
import io.vodupload.adapters.oss.OssObjectStorage;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.Crc64;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.UploadResult;
import io.vodupload.testkit.oss.OssCredentials;
import io.vodupload.testkit.oss.OssServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(120)
class TransportExampleTest {

    private static final Credentials KEYS = Credentials.of("transport-key", "transport-secret");

    @TempDir
    Path dir;

    private final OssServer server = OssServer.builder().bucket(BUCKET)
            .credentials(OssCredentials.of(KEYS.accessKeyId(), KEYS.accessKeySecret())).start();

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "oss"})
    void uploadWithBuilders_eitherTransport_storesTheFile(String transport) throws Exception {
        Path file = Fixtures.randomFile(dir.resolve("a.mp4"), 300 * 1024, 4);
        StorageTarget target = StorageTarget.of(server.endpoint().toString(), BUCKET, "builders/" + transport + ".mp4");

        UploadResult result = TransportExample.uploadWithBuilders(transport, file, target, CredentialsProvider.fixed(KEYS));

        assertStored(file, target, result);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "oss"})
    void uploadWithGuice_eitherTransportModule_storesTheFile(String transport) throws Exception {
        Path file = Fixtures.randomFile(dir.resolve("b.mp4"), 300 * 1024, 5);
        StorageTarget target = StorageTarget.of(server.endpoint().toString(), BUCKET, "guice/" + transport + ".mp4");

        UploadResult result = TransportExample.uploadWithGuice(TransportExample.transportModule(transport), file, target,
                CredentialsProvider.fixed(KEYS));

        assertStored(file, target, result);
    }

    @Test
    void transportModule_eachName_bindsItsOwnStorage() {
        try (ObjectStorage http = Guice.createInjector(TransportExample.transportModule("http"))
                     .getInstance(ObjectStorage.class);
             ObjectStorage oss = Guice.createInjector(TransportExample.transportModule("oss"))
                     .getInstance(ObjectStorage.class)) {
            assertThat(http).isInstanceOf(HttpObjectStorage.class);
            assertThat(oss).isInstanceOf(OssObjectStorage.class);
        }
    }

    private void assertStored(Path file, StorageTarget target, UploadResult result) throws Exception {
        byte[] expected = Files.readAllBytes(file);
        assertThat(server.object(BUCKET, target.key()).orElseThrow().bytes()).isEqualTo(expected);
        assertThat(result.crc64()).isEqualTo(Crc64.of(expected));
        assertThat(result.target().key()).isEqualTo(target.key());
    }
}
