package io.vodupload.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Why a file operation failed, in words a user reads: {@code permission denied}, {@code not a directory},
 * ... followed by the path. Java's own messages are often just the path ({@link AccessDeniedException}).
 */
public final class IoReason {

    private IoReason() {
    }

    /** One line: the reason, then the file it concerns, when known. */
    public static String of(IOException e) {
        String reason;
        if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            reason = "no such file or directory";
        } else if (e instanceof NotDirectoryException) {
            reason = "not a directory";
        } else if (e instanceof FileAlreadyExistsException) {
            reason = "exists and is not a directory";
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            reason = f.getReason().toLowerCase(java.util.Locale.ROOT);
        } else if (e instanceof FileSystemException) {
            reason = e.getClass().getSimpleName();
        } else {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        String file = e instanceof FileSystemException f ? f.getFile() : null;
        return file == null ? reason : reason + ": " + file;
    }
}
