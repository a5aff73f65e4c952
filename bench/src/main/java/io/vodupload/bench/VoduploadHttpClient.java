package io.vodupload.bench;

import io.vodupload.adapters.http.HttpObjectStorage;
import io.vodupload.adapters.local.JsonFileCheckpointStore;
import io.vodupload.domain.UploadConfig;
import io.vodupload.domain.UploadRequest;
import io.vodupload.domain.Uploader;
import io.vodupload.ports.CheckpointStore;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.UploadCallback;
import io.vodupload.ports.UploadResult;

/**
 * Our side: the domain's {@link Uploader} over {@link HttpObjectStorage}, configured as an application
 * would (defaults everywhere except what the comparison fixes: part size, parallelism, signature, and
 * checkpoints on or off).
 */
final class VoduploadHttpClient implements UploadClient {

    private final UploadClient.Settings settings;
    private final HttpObjectStorage storage;
    private final Uploader uploader;
    private final CredentialsProvider credentials;

    VoduploadHttpClient(UploadClient.Settings settings) {
        this.settings = settings;
        this.storage = HttpObjectStorage.builder()
                .signatureVersion(HttpObjectStorage.SignatureVersion.valueOf(settings.signature()))
                .region(settings.region())
                // enough for the most parts in flight the benchmark allows
                .maxConnections(UploadConfig.MAX_PARALLELISM)
                .build();
        CheckpointStore store = settings.checkpointDir()
                .<CheckpointStore>map(d -> new JsonFileCheckpointStore(d.resolve("vodupload")))
                .orElse(CheckpointStore.NONE);
        this.uploader = Uploader.builder(storage).checkpointStore(store).build();
        this.credentials = CredentialsProvider.fixed(Credentials.of(settings.accessKeyId(), settings.secret()));
    }

    @Override
    public Outcome upload(String key, long partSize, int parallelism) throws Exception {
        StorageTarget target = StorageTarget.of(settings.endpoint(), settings.bucket(), key)
                .withRegion(settings.region());
        UploadConfig config = UploadConfig.builder()
                .partSize(partSize)
                .parallelism(parallelism)
                .resume(settings.checkpointDir().isPresent())
                .build();
        UploadResult result = uploader.start(UploadRequest.builder(settings.file(), target).config(config).build(),
                credentials, new UploadCallback() { }).completion().get();
        return new Outcome(result.crc64(), result.partCount());
    }

    @Override
    public void close() {
        storage.close();
    }
}
