package io.vodupload.testkit.vod;

import java.net.URI;
import java.util.Objects;

/**
 * Where a media file is to be uploaded: the three fields of VOD's {@code UploadAddress}.
 *
 * @param endpoint  the OSS endpoint, a URL ({@code https://oss-cn-shanghai.aliyuncs.com},
 *                  {@code http://127.0.0.1:9000}) or a bare host
 * @param bucket    the bucket
 * @param objectKey the object key (the ticket's {@code FileName})
 */
public record UploadLocation(String endpoint, String bucket, String objectKey) {

    public UploadLocation {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(objectKey, "objectKey");
        if (endpoint.isBlank() || bucket.isBlank() || objectKey.isBlank()) {
            throw new IllegalArgumentException("endpoint, bucket and objectKey must not be blank: "
                    + endpoint + ", " + bucket + ", " + objectKey);
        }
    }

    /**
     * The URL VOD reports for the object ({@code ImageURL}, {@code MediaURL}, {@code FileURL}), in OSS's
     * virtual-host style: {@code https://<bucket>.<endpoint host>/<key>}.
     */
    public String objectUrl() {
        String host = endpoint.contains("://") ? URI.create(endpoint).getAuthority() : endpoint;
        String scheme = endpoint.startsWith("http://") ? "http" : "https";
        return scheme + "://" + bucket + "." + host + "/" + objectKey;
    }
}
