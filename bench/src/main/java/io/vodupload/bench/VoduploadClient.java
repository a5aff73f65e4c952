package io.vodupload.bench;

import io.vodupload.adapters.http.HttpObjectStorage;
import io.vodupload.adapters.local.JsonFileCheckpointStore;
import io.vodupload.adapters.oss.OssObjectStorage;
import io.vodupload.domain.UploadConfig;
import io.vodupload.domain.UploadRequest;
import io.vodupload.domain.Uploader;
import io.vodupload.ports.CheckpointStore;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.SignatureVersion;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.UploadCallback;
import io.vodupload.ports.UploadResult;

/**
 * Our side: the domain's {@link Uploader} over one of our storage adapters, configured as an application
 * would (defaults everywhere except what the comparison fixes: part size, parallelism, signature, and
 * checkpoints on or off). {@link #overHttp} uses adapters-http; {@link #overOss} uses adapters-oss, that is
 * our engine on Alibaba's transport (Apache HttpClient 4 inside aliyun-sdk-oss). The two differ only in the
 * storage adapter.
 */
final class VoduploadClient implements UploadClient {

    private final UploadClient.Settings settings;
    private final ObjectStorage storage;
    private final Uploader uploader;
    private final CredentialsProvider credentials;

    private VoduploadClient(UploadClient.Settings settings, ObjectStorage storage, String checkpointSubdir) {
        this.settings = settings;
        this.storage = storage;
        CheckpointStore store = settings.checkpointDir()
                .<CheckpointStore>map(d -> new JsonFileCheckpointStore(d.resolve(checkpointSubdir)))
                .orElse(CheckpointStore.NONE);
        this.uploader = Uploader.builder(storage).checkpointStore(store).build();
        this.credentials = CredentialsProvider.fixed(Credentials.of(settings.accessKeyId(), settings.secret()));
    }

    /** The Uploader over {@link HttpObjectStorage}. */
    static VoduploadClient overHttp(UploadClient.Settings settings) {
        return new VoduploadClient(settings, HttpObjectStorage.builder()
                .signatureVersion(SignatureVersion.valueOf(settings.signature()))
                .region(settings.region())
                // enough for the most parts in flight the benchmark allows
                .maxConnections(UploadConfig.MAX_PARALLELISM)
                .build(), "vodupload");
    }

    /** The Uploader over {@link OssObjectStorage}. */
    static VoduploadClient overOss(UploadClient.Settings settings) {
        return new VoduploadClient(settings, OssObjectStorage.builder()
                .signatureVersion(SignatureVersion.valueOf(settings.signature()))
                .region(settings.region())
                .maxConnections(UploadConfig.MAX_PARALLELISM)
                .build(), "vodupload-oss");
    }

    @Override
    public Outcome upload(String key, long partSize, int parallelism) throws Exception {
        StorageTarget target = StorageTarget.of(settings.endpoint(), settings.bucket(), key)
                .withRegion(settings.region());
        UploadConfig.Builder builder = UploadConfig.builder()
                .partSize(partSize)
                .resume(settings.checkpointDir().isPresent());
        if (parallelism > 0) {
            builder.parallelism(parallelism); // fixed; 0 leaves the default, adaptive
        }
        UploadConfig config = builder.build();
        UploadResult result = uploader.start(UploadRequest.builder(settings.file(), target).config(config).build(),
                credentials, new UploadCallback() { }).completion().get();
        return new Outcome(result.crc64(), result.partCount());
    }

    @Override
    public void close() {
        storage.close();
    }
}
