package io.vodupload.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The uploaders the end-to-end benchmark compares, by the name used on its command line. */
enum ClientKind {

    /** Our {@code Uploader} (domain) over {@code HttpObjectStorage} (adapters-http). */
    VODUPLOAD_HTTP("vodupload-http", "VodUpload Uploader + HttpObjectStorage"),
    /** Our {@code Uploader} over {@code OssObjectStorage} (adapters-oss): our engine on the SDK's transport. */
    VODUPLOAD_OSS("vodupload-oss", "VodUpload Uploader + OssObjectStorage"),
    /** Alibaba's aliyun-sdk-oss {@code OSS.uploadFile}: its own multipart uploader. */
    ALIYUN_SDK("aliyun-sdk", "aliyun-sdk-oss 3.18.5 uploadFile");

    private final String id;
    private final String label;

    ClientKind(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The command-line name. */
    String id() {
        return id;
    }

    /** What the report calls it. */
    String label() {
        return label;
    }

    /**
     * @throws IllegalArgumentException naming the value and the known names
     */
    static ClientKind byId(String id) {
        for (ClientKind k : values()) {
            if (k.id.equals(id.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown client: " + id + " (known: "
                + Arrays.stream(values()).map(ClientKind::id).collect(Collectors.joining(", ")) + ")");
    }
}
