package io.vodupload.testkit.oss;

import io.vodupload.testkit.StorageFaults;

/** {@link StorageFaults} over the server's {@link OssFaults}, for the storage contract suite. Thread-safe. */
final class ServerStorageFaults implements StorageFaults {

    private final OssFaults faults;

    ServerStorageFaults(OssFaults faults) {
        this.faults = faults;
    }

    @Override
    public void failNext(Operation operation, int httpStatus, String errorCode) {
        faults.failNext(OssOperation.of(operation), httpStatus, errorCode);
    }

    @Override
    public void resetConnectionOnNext(Operation operation) {
        faults.resetNext(OssOperation.of(operation));
    }

    @Override
    public void expireCredentials() {
        faults.expireAllCredentials();
    }

    @Override
    public void forgetUpload(String uploadId) {
        faults.forgetUpload(uploadId);
    }

    @Override
    public void clear() {
        faults.clear();
    }
}
