package io.vodupload.bench;

import io.vodupload.adapters.local.JsonFileCheckpointStore;
import io.vodupload.adapters.oss.OssObjectStorage;
import io.vodupload.adapters.oss.OssStorageConfig;
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
 * The third column: the domain's {@link Uploader} over {@link OssObjectStorage} (adapters-oss), that is our
 * engine on Alibaba's transport (Apache HttpClient 4 inside aliyun-sdk-oss). Set up like
 * {@link VoduploadHttpClient}, so the two differ only in the storage adapter.
 */
final class VoduploadOssClient implements UploadClient {

    private final UploadClient.Settings settings;
    private final OssObjectStorage storage;
    private final Uploader uploader;
    private final CredentialsProvider credentials;

    VoduploadOssClient(UploadClient.Settings settings) {
        this.settings = settings;
        this.storage = OssObjectStorage.create(OssStorageConfig.DEFAULTS
                .withSignatureVersion(OssStorageConfig.SignatureVersion.valueOf(settings.signature()))
                .withDefaultRegion(settings.region())
                .withMaxConnections(UploadConfig.MAX_PARALLELISM));
        CheckpointStore store = settings.checkpointDir()
                .<CheckpointStore>map(d -> new JsonFileCheckpointStore(d.resolve("vodupload-oss")))
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
