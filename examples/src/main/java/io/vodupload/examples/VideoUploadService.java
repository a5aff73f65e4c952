package io.vodupload.examples;

import io.vodupload.adapters.http.HttpObjectStorage;
import io.vodupload.domain.UploadHandle;
import io.vodupload.domain.UploadRequest;
import io.vodupload.domain.Uploader;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.UploadCallback;
import io.vodupload.ports.UploadResult;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A user's own service on top of VodUpload, the kind of class an application writes and then tests:
 * it puts every video under {@code videos/<name>} of one bucket, typed by its file name (video/mp4, ...),
 * and hands the upload's events to the caller. It takes its {@link Uploader} (and so its storage) from
 * outside, which is what lets its tests swap the transport: {@code VideoUploadServiceTest} runs it on the
 * testkit's in-memory storage with scripted faults, {@code VideoUploadServiceMockitoTest} with Mockito
 * mocks of the ports.
 *
 * <pre>
 * java io.vodupload.examples.VideoUploadService &lt;endpoint&gt; &lt;bucket&gt; movie.mp4
 * </pre>
 *
 * with the AccessKey in {@code OSS_ACCESS_KEY_ID} and {@code OSS_ACCESS_KEY_SECRET}.
 */
public final class VideoUploadService {

    private final Uploader uploader;
    private final CredentialsProvider credentials;
    private final String endpoint;
    private final String bucket;

    public VideoUploadService(Uploader uploader, CredentialsProvider credentials, String endpoint, String bucket) {
        this.uploader = Objects.requireNonNull(uploader, "uploader");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    public static void main(String[] args) {
        Credentials keys = Credentials.of(System.getenv("OSS_ACCESS_KEY_ID"), System.getenv("OSS_ACCESS_KEY_SECRET"));
        try (HttpObjectStorage storage = HttpObjectStorage.builder().build();
             Uploader uploader = Uploader.builder(storage).build()) {
            VideoUploadService service = new VideoUploadService(uploader, CredentialsProvider.fixed(keys), args[0],
                    args[1]);
            UploadResult result = service.upload(Path.of(args[2]), new UploadCallback() {
                @Override
                public void onUploadFailed(String code, String message) {
                    System.err.println(code + ": " + message);
                }
            }).completion().join();
            System.out.println(result);
        }
    }

    /** Where a video named {@code fileName} goes. */
    public StorageTarget targetFor(String fileName) {
        return StorageTarget.of(endpoint, bucket, "videos/" + fileName);
    }

    /**
     * Starts uploading {@code file} to {@code videos/<its name>}; {@code events} hears every callback.
     *
     * @return the running upload
     */
    public UploadHandle upload(Path file, UploadCallback events) {
        String name = file.getFileName().toString();
        UploadRequest request = UploadRequest.builder(file, targetFor(name))
                .metadata(ObjectMetadata.forFileName(name))
                .build();
        return uploader.start(request, credentials, events);
    }
}
