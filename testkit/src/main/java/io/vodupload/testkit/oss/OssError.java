package io.vodupload.testkit.oss;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An OSS error answer the server is about to send: HTTP status, OSS code, message, the optional
 * fine-grained {@code EC} and extra leaf elements (for example {@code StringToSign} or {@code ServerTime}).
 * Thrown inside the request pipeline and turned into error XML by the handler; carries no stack trace
 * because it is control flow, not a fault of the server.
 */
final class OssError extends RuntimeException {

    private final int status;
    private final String code;
    private final String ec;
    private final Map<String, String> fields;

    OssError(int status, String code, String message) {
        this(status, code, message, null, Map.of());
    }

    OssError(int status, String code, String message, String ec, Map<String, String> fields) {
        super(message, null, false, false);
        if (status < 300 || status > 599) {
            throw new IllegalArgumentException("error status outside 300..599: " + status);
        }
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("error code is blank: " + code);
        }
        this.status = status;
        this.code = code;
        this.ec = ec;
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Optional<String> ec() {
        return Optional.ofNullable(ec);
    }

    /** Extra leaf elements, in the order they are written. */
    Map<String, String> fields() {
        return fields;
    }

    OssError withField(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(fields);
        more.put(name, value);
        return new OssError(status, code, getMessage(), ec, more);
    }

    // The codes and messages below follow OSS's own wording (OSS-PROTOCOL.md §3).

    static OssError accessDenied(String message) {
        return new OssError(403, "AccessDenied", message);
    }

    static OssError invalidArgument(String message) {
        return new OssError(400, "InvalidArgument", message);
    }

    static OssError noSuchUpload(String uploadId) {
        return new OssError(404, "NoSuchUpload",
                "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
                null, Map.of("UploadId", uploadId));
    }

    static OssError noSuchKey(String key) {
        return new OssError(404, "NoSuchKey", "The specified key does not exist.", null, Map.of("Key", key));
    }

    static OssError noSuchBucket(String bucket) {
        return new OssError(404, "NoSuchBucket", "The specified bucket does not exist.", null,
                Map.of("BucketName", bucket));
    }

    static OssError notImplemented(String message) {
        return new OssError(501, "NotImplemented", message);
    }

    static OssError malformedXml(String why) {
        return new OssError(400, "MalformedXML",
                "The XML you provided was not well-formed or did not validate against our published schema: " + why);
    }
}
