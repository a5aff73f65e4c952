package io.vodupload.adapters.local;

import io.vodupload.ports.StorageException;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;

/**
 * The {@link StorageException}s the local store throws, with OSS's error codes and HTTP statuses where OSS
 * has an equivalent, so that the domain reacts to this store exactly as it would to OSS. There is no
 * request id: nothing went over a network.
 */
final class Errors {

    private Errors() {
    }

    static StorageException noSuchUpload(String uploadId, String where) {
        return new StorageException(StorageException.Kind.UPLOAD_GONE, "NoSuchUpload", 404, null,
                "The specified upload does not exist: " + printable(uploadId) + " for " + where, null, null);
    }

    static StorageException fatal(String code, int status, String message) {
        return new StorageException(StorageException.Kind.FATAL, code, status, null, message, null, null);
    }

    static StorageException closed() {
        return new StorageException(StorageException.Kind.FATAL, "StorageClosed", "the local store is closed",
                null);
    }

    /**
     * An I/O failure on the store's side. Access denied will not heal by retrying; anything else (a full
     * disk, a transient error) may, and the domain's retry policy bounds it.
     */
    static StorageException io(String what, IOException e) {
        if (e instanceof AccessDeniedException) {
            return new StorageException(StorageException.Kind.FATAL, "AccessDenied",
                    what + ": access denied (" + e.getMessage() + ")", e);
        }
        if (e instanceof ClosedByInterruptException) {
            // the interrupt flag stays set for the caller to see
            return new StorageException(StorageException.Kind.RETRYABLE, "Interrupted",
                    what + ": interrupted", e);
        }
        return new StorageException(StorageException.Kind.RETRYABLE, "LocalIOError",
                what + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
    }

    /** {@code s} with control characters (NUL among them) shown as {@code \\uXXXX}, for messages. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
