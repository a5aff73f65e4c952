package io.vodupload.ports;

import java.util.Objects;

/**
 * VOD's {@code UploadAddress}, decoded: where the file goes.
 *
 * @param endpoint the OSS endpoint as VOD gave it (a URL or a bare host)
 * @param bucket   the bucket
 * @param fileName the object key ({@code FileName})
 */
public record UploadAddress(String endpoint, String bucket, String fileName) {

    /**
     * Checks the components; a missing one throws, naming it.
     *
     * @param endpoint the OSS endpoint as VOD gave it (a URL or a bare host)
     * @param bucket   the bucket
     * @param fileName the object key ({@code FileName})
     */
    public UploadAddress {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(fileName, "fileName");
    }

    /**
     * The storage target this address names, with {@code region} when known.
     *
     * @param region the region id, when known
     * @return the target
     * @throws IllegalArgumentException when the endpoint is not a URL or host
     */
    public StorageTarget toTarget(java.util.Optional<String> region) {
        return new StorageTarget(StorageTarget.parseEndpoint(endpoint), bucket, fileName, region);
    }
}
