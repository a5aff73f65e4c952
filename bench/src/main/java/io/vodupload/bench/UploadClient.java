package io.vodupload.bench;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One uploader under test, as the benchmark's worker drives it: upload the same file under a given key
 * with a given part size and parallelism, and say what CRC-64 the uploader itself ended with.
 *
 * <p>Implementations are built once per worker JVM and reused for every round (a real application keeps
 * its client), so connection pools and JIT-compiled code carry over between rounds exactly as they would.
 * Not thread-safe: one upload at a time.
 */
interface UploadClient extends AutoCloseable {

    /**
     * Uploads the file and returns when the object is complete.
     *
     * @throws Exception whatever the uploader throws; the worker reports it and the run fails
     */
    Outcome upload(String key, long partSize, int parallelism) throws Exception;

    @Override
    void close();

    /**
     * What the uploader reported.
     *
     * @param crc64 the whole object's CRC-64 as the uploader computed and checked it
     * @param parts how many parts the object was completed with
     */
    record Outcome(long crc64, int parts) {
    }

    /**
     * Where and how to upload, the same for every client.
     *
     * @param endpoint      {@code http://127.0.0.1:port}
     * @param bucket        the bucket
     * @param region        the region the server expects in V4 scopes
     * @param file          the file to upload
     * @param signature     {@code V1} or {@code V4}
     * @param accessKeyId   the AccessKeyId
     * @param secret        the AccessKeySecret (a throwaway one the benchmark's server made up)
     * @param checkpointDir where checkpoints go, when the run keeps them
     */
    record Settings(String endpoint, String bucket, String region, Path file, String signature,
                    String accessKeyId, String secret, Optional<Path> checkpointDir) {
        public Settings {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(signature, "signature");
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(checkpointDir, "checkpointDir");
        }

        @Override
        public String toString() {
            return "Settings[" + endpoint + "/" + bucket + ", region " + region + ", " + file + ", " + signature
                    + ", ak " + accessKeyId + ", checkpoints " + checkpointDir.map(Path::toString).orElse("off") + "]";
        }
    }

    /** The client of that kind. */
    static UploadClient create(ClientKind kind, Settings settings) {
        return switch (kind) {
            case VODUPLOAD_HTTP -> VoduploadClient.overHttp(settings);
            case VODUPLOAD_OSS -> VoduploadClient.overOss(settings);
            case ALIYUN_SDK -> new AliyunSdkClient(settings);
        };
    }
}
