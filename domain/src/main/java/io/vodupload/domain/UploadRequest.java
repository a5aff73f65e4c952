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
 *                 notification) is sent with the completion, everything else when the upload starts
 * @param config   how to upload
 */
public record UploadRequest(Path file, StorageTarget target, ObjectMetadata metadata, UploadConfig config) {

    public UploadRequest {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(config, "config");
    }

    /** A request with no metadata and the default config. */
    public static UploadRequest of(Path file, StorageTarget target) {
        return builder(file, target).build();
    }

    /** A builder with no metadata and the default config. */
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

        public Builder metadata(ObjectMetadata value) {
            this.metadata = value;
            return this;
        }

        public Builder config(UploadConfig value) {
            this.config = value;
            return this;
        }

        public UploadRequest build() {
            return new UploadRequest(file, target, metadata, config);
        }
    }
}
