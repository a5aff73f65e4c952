package io.vodupload.domain;

import java.util.Objects;

/**
 * An upload's progress at one moment. Immutable.
 *
 * @param uploadedBytes bytes confirmed plus bytes in flight; never decreases between snapshots of one upload
 * @param totalBytes    the file's size
 * @param partsDone     parts confirmed by storage
 * @param partCount     parts in the plan (1 for a single PutObject)
 * @param state         the state at that moment
 */
public record ProgressSnapshot(long uploadedBytes, long totalBytes, int partsDone, int partCount,
                               UploadState state) {

    public ProgressSnapshot {
        if (uploadedBytes < 0 || uploadedBytes > totalBytes) {
            throw new IllegalArgumentException("uploadedBytes out of 0.." + totalBytes + ": " + uploadedBytes);
        }
        Objects.requireNonNull(state, "state");
    }

    /** {@code uploadedBytes / totalBytes}, between 0 and 1. */
    public double fraction() {
        return totalBytes == 0 ? 1.0 : (double) uploadedBytes / totalBytes;
    }
}
