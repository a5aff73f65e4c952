package io.vodupload.domain;

import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.StreamSource;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One stream to upload: a {@link StreamSource} (standard input, an {@code InputStream}, a URL), where it
 * goes, what to set on the object, how, and its size when the caller knows it. Immutable.
 *
 * <p>A stream is read once, into at most {@code parallelism} part-sized buffers; it cannot resume in
 * another process, so checkpoints are never written for it, and a failure or cancel aborts its multipart
 * upload. Without a size, the part size starts at the configured one and doubles every 1,000 parts (at most
 * 1 GiB), so 10,000 parts are never exceeded; with one, the parts are planned as for a file of that size,
 * and a stream of another length fails {@code StreamSizeMismatch}.
 *
 * <pre>{@code
 * StreamUploadRequest request = StreamUploadRequest.builder(source, target)
 *         .metadata(ObjectMetadata.ofContentType("video/mp4"))
 *         .expectedSize(2L << 30)                       // optional
 *         .build();
 * uploader.start(request, CredentialsProvider.fixed(credentials), callback).completion().join();
 * }</pre>
 *
 * @param source       the bytes, opened when the upload starts
 * @param target       where the object goes
 * @param metadata     content type and {@code x-oss-*} headers (without a content type, the source's is used)
 * @param config       how to upload (its resume setting does not apply: a stream never resumes)
 * @param expectedSize the stream's length, when known (else the source's own, if it tells one)
 */
public record StreamUploadRequest(StreamSource source, StorageTarget target, ObjectMetadata metadata,
                                  UploadConfig config, OptionalLong expectedSize) {

    /**
     * Checks the components; a bad one throws, naming the value.
     *
     * @param source       the bytes
     * @param target       where the object goes
     * @param metadata     content type and headers
     * @param config       how to upload
     * @param expectedSize the stream's length, {@code >= 0} when present
     */
    public StreamUploadRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(expectedSize, "expectedSize");
        if (expectedSize.isPresent() && expectedSize.getAsLong() < 0) {
            throw new IllegalArgumentException("expectedSize < 0: " + expectedSize.getAsLong());
        }
    }

    /**
     * A builder with no metadata, the default config and no expected size.
     *
     * @param source the bytes
     * @param target where the object goes
     * @return the builder
     */
    public static Builder builder(StreamSource source, StorageTarget target) {
        return new Builder(source, target);
    }

    /** Builds a {@link StreamUploadRequest}. Not thread-safe. */
    public static final class Builder {
        private final StreamSource source;
        private final StorageTarget target;
        private ObjectMetadata metadata = ObjectMetadata.EMPTY;
        private UploadConfig config = UploadConfig.defaults();
        private OptionalLong expectedSize = OptionalLong.empty();

        private Builder(StreamSource source, StorageTarget target) {
            this.source = source;
            this.target = target;
        }

        /**
         * What to set on the object; default none.
         *
         * @param value content type and {@code x-oss-*} headers
         * @return this builder
         */
        public Builder metadata(ObjectMetadata value) {
            this.metadata = value;
            return this;
        }

        /**
         * How to upload; default {@link UploadConfig#defaults()}.
         *
         * @param value the config
         * @return this builder
         */
        public Builder config(UploadConfig value) {
            this.config = value;
            return this;
        }

        /**
         * The stream's length in bytes, when known; a stream of another length fails.
         *
         * @param bytes the length, {@code >= 0}
         * @return this builder
         */
        public Builder expectedSize(long bytes) {
            this.expectedSize = OptionalLong.of(bytes);
            return this;
        }

        /**
         * The request.
         *
         * @return a new request
         */
        public StreamUploadRequest build() {
            return new StreamUploadRequest(source, target, metadata, config, expectedSize);
        }
    }
}
