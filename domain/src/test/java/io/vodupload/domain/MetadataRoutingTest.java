package io.vodupload.domain;

import static io.vodupload.domain.Fixture.OLD;
import static io.vodupload.domain.Fixture.PART;
import static io.vodupload.domain.Fixture.TARGET;
import static io.vodupload.domain.Fixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.testkit.memory.InMemoryObjectStorage;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

/** Which request carries which metadata header: OSS takes the ACL and VOD's notification on the completion. */
class MetadataRoutingTest {

    private static final ObjectMetadata ALL = new ObjectMetadata(Optional.of("video/mp4"), Map.of(
            "x-oss-meta-owner", "team-a", "x-oss-storage-class", "IA", "x-oss-object-acl", "private",
            "x-oss-notification", "e30="));

    @TempDir
    Path dir;

    @Test
    void upload_multipart_initiateCarriesTypeMetaAndClassAndTheCompletionCarriesAclAndNotification() throws Exception {
        Fixture f = new Fixture(dir);
        InMemoryObjectStorage storage = spy(f.storage);
        Path file = f.file(3L * PART);

        upload(f, storage, file);

        ArgumentCaptor<ObjectMetadata> initiate = ArgumentCaptor.forClass(ObjectMetadata.class);
        ArgumentCaptor<ObjectMetadata> complete = ArgumentCaptor.forClass(ObjectMetadata.class);
        verify(storage).initiateMultipart(eq(TARGET), any(), initiate.capture());
        verify(storage).completeMultipart(eq(TARGET), any(), anyString(), anyList(), complete.capture());
        assertThat(initiate.getValue()).isEqualTo(new ObjectMetadata(Optional.of("video/mp4"),
                Map.of("x-oss-meta-owner", "team-a", "x-oss-storage-class", "IA")));
        assertThat(complete.getValue()).isEqualTo(new ObjectMetadata(Optional.empty(),
                Map.of("x-oss-object-acl", "private", "x-oss-notification", "e30=")));
    }

    @Test
    void upload_singlePut_putObjectCarriesEverything() throws Exception {
        Fixture f = new Fixture(dir);
        InMemoryObjectStorage storage = spy(f.storage);
        Path file = f.file(1000);

        upload(f, storage, file);

        verify(storage).putObject(eq(TARGET), any(), any(), eq(ALL), any());
        assertThat(f.storage.objectMetadata(TARGET)).contains(ALL);
    }

    private static void upload(Fixture f, ObjectStorage storage, Path file) throws Exception {
        UploadRequest request = UploadRequest.builder(file, TARGET).metadata(ALL).config(Fixture.config().build())
                .build();
        try (Uploader uploader = Uploader.builder(storage).checkpointStore(f.checkpoints).clock(f.clock)
                .sleeper(f.sleeper).seed(42).build()) {
            uploader.start(request, CredentialsProvider.fixed(OLD), f.callback).completion().toCompletableFuture()
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
