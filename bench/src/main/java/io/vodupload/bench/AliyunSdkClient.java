package io.vodupload.bench;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.model.CompleteMultipartUploadResult;
import com.aliyun.oss.model.UploadFileRequest;
import com.aliyun.oss.model.UploadFileResult;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Alibaba's side: aliyun-sdk-oss's own multipart uploader, {@code OSS.uploadFile}, with its defaults
 * (OSS-PROTOCOL §5: {@code ClientConfiguration} as shipped, CRC-64 checks on) except what the comparison
 * fixes: {@code partSize}, {@code taskNum} = parallelism, the signature version, and the checkpoint.
 */
final class AliyunSdkClient implements UploadClient {

    private final UploadClient.Settings settings;
    private final OSS oss;

    AliyunSdkClient(UploadClient.Settings settings) {
        this.settings = settings;
        ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
        conf.setSignatureVersion(settings.signature().equals("V4") ? SignVersion.V4 : SignVersion.V1);
        conf.setCrcCheckEnabled(true);
        this.oss = OSSClientBuilder.create()
                .endpoint(settings.endpoint())
                .credentialsProvider(new DefaultCredentialProvider(settings.accessKeyId(), settings.secret()))
                .clientConfiguration(conf)
                .region(settings.region())
                .build();
    }

    @Override
    public Outcome upload(String key, long partSize, int parallelism) throws Exception {
        UploadFileRequest request = new UploadFileRequest(settings.bucket(), key);
        request.setUploadFile(settings.file().toString());
        request.setPartSize(partSize);
        if (parallelism > 0) {
            request.setTaskNum(parallelism); // 0 leaves the SDK's default
        }
        request.setEnableCheckpoint(settings.checkpointDir().isPresent());
        settings.checkpointDir().ifPresent(d -> request.setCheckpointFile(d.resolve("aliyun-sdk-"
                + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)) + ".ucp").toString()));
        UploadFileResult result;
        try {
            result = oss.uploadFile(request);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            // uploadFile declares Throwable; anything else than an Exception or Error is not expected
            throw new IllegalStateException(t);
        }
        CompleteMultipartUploadResult complete = result.getMultipartUploadResult();
        if (complete.getClientCRC() == null) {
            throw new IllegalStateException("the SDK computed no CRC-64 for " + key + " (is its CRC check off?)");
        }
        // the SDK has already compared its CRC with the server's (InconsistentException otherwise)
        return new Outcome(complete.getClientCRC(), partsOf(complete.getETag()));
    }

    /** A multipart ETag ends with {@code -<parts>}. */
    static int partsOf(String etag) {
        String e = etag.replace("\"", "");
        int dash = e.lastIndexOf('-');
        if (dash < 0) {
            return 1;
        }
        return Integer.parseInt(e.substring(dash + 1));
    }

    @Override
    public void close() {
        oss.shutdown();
    }
}
