package io.vodupload.domain;

import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.StorageTarget;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One file to upload: where it is, where it goes, what to set on the object, and how. Immutable.
 *
 * <pre>{@code
 * UploadRequest request = UploadRequest.builder(Path.of("movie.mp4"), target)
 *         .metadata(ObjectMetadata.ofContentType("video/mp4"))
 *         .config(UploadConfig.builder().parallelism(8).build())
 *         .build();
 * }</pre>
 *
 * @param file     the file (checked when the upload starts, not here)
 * @param target   where the object goes
 * @param metadata content type and {@code x-oss-*} headers; {@code x-oss-notification} (VOD's event
 *                 notification) and {@code x-oss-object-acl} are sent with the completion of a multipart
 *                 upload, everything else when the upload starts; a PutObject sends everything
 * @param config   how to upload
 */
public record UploadRequest(Path file, StorageTarget target, ObjectMetadata metadata, UploadConfig config) {

    /**
     * Checks the components; a bad one throws, naming the value.
     *
     * @param file     the file (checked when the upload starts, not here)
     * @param target   where the object goes
     * @param metadata content type and {@code x-oss-*} headers; {@code x-oss-notification} (VOD's event
     *                 notification) and {@code x-oss-object-acl} are sent with the completion of a multipart
     *                 upload, everything else when the upload starts; a PutObject sends everything
     * @param config   how to upload
     */
    public UploadRequest {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(config, "config");
    }

    /**
     * A request with no metadata and the default config.
     *
     * @param file the file
     * @param target where the object goes
     * @return the request
     */
    public static UploadRequest of(Path file, StorageTarget target) {
        return builder(file, target).build();
    }

    /**
     * A builder with no metadata and the default config.
     *
     * @param file the file
     * @param target where the object goes
     * @return this builder
     */
    public static Builder builder(Path file, StorageTarget target) {
        return new Builder(file, target);
    }

    /** Builds an {@link UploadRequest}. Not thread-safe. */
    public static final class Builder {
        private final Path file;
        private final StorageTarget target;
        private ObjectMetadata metadata = ObjectMetadata.EMPTY;
        private UploadConfig config = UploadConfig.defaults();

        private Builder(Path file, StorageTarget target) {
            this.file = file;
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
         * The request.
         *
         * @return a new request
         */
        public UploadRequest build() {
            return new UploadRequest(file, target, metadata, config);
        }
    }
}
