package io.vodupload.ports;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link UploadCallback#onUploadStarted} tells: the upload's shape once it is planned and the
 * storage upload exists.
 *
 * <p>For a {@link StreamSource}, {@code file} is {@code -} (the source's {@code describe()} is the
 * application's to show), and while its length is unknown {@code size} is -1 and {@code partCount} 0; the
 * part size is that of the first parts (it grows on a schedule, see docs/sources.md).
 *
 * @param file             the file being uploaded
 * @param size             its size in bytes
 * @param target           where it goes
 * @param uploadId         the multipart upload id; empty for a single PutObject
 * @param partSize         the part size in use (may be larger than configured, see {@code partSizeAdjusted})
 * @param partCount        how many parts the file is cut into (1 for a PutObject)
 * @param partSizeAdjusted whether the part size was raised to stay within 10,000 parts
 * @param resumed          whether an earlier upload's checkpoint was resumed
 * @param partsAlreadyDone how many parts were already on the server when it resumed
 */
public record UploadStarted(Path file, long size, StorageTarget target, Optional<String> uploadId,
                            long partSize, int partCount, boolean partSizeAdjusted, boolean resumed,
                            int partsAlreadyDone) {

    /**
     * Checks the components; a bad one throws, naming the value.
     *
     * @param file             the file being uploaded
     * @param size             its size in bytes
     * @param target           where it goes
     * @param uploadId         the multipart upload id; empty for a single PutObject
     * @param partSize         the part size in use (may be larger than configured, see {@code partSizeAdjusted})
     * @param partCount        how many parts the file is cut into (1 for a PutObject)
     * @param partSizeAdjusted whether the part size was raised to stay within 10,000 parts
     * @param resumed          whether an earlier upload's checkpoint was resumed
     * @param partsAlreadyDone how many parts were already on the server when it resumed
     */
    public UploadStarted {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(uploadId, "uploadId");
    }
}
