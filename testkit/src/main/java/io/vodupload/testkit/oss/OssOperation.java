package io.vodupload.testkit.oss;

import io.vodupload.testkit.StorageFaults;

/** The requests the {@link OssServer} tells apart, for statistics and fault injection. */
public enum OssOperation {
    PUT_OBJECT, GET_OBJECT, HEAD_OBJECT, DELETE_OBJECT,
    INITIATE_MULTIPART, UPLOAD_PART, LIST_PARTS, COMPLETE_MULTIPART, ABORT_MULTIPART,
    /** Anything else (bucket and service operations, ACLs, copy, append): answered 501 after authentication. */
    OTHER;

    /** The operation the storage contract suite means by {@code operation}. */
    public static OssOperation of(StorageFaults.Operation operation) {
        return valueOf(operation.name());
    }
}
