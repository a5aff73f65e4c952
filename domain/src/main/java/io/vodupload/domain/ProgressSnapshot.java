package io.vodupload.domain;

import java.util.Objects;

/**
 * An upload's progress at one moment. Immutable.
 *
 * <p>Two counts, because they differ: {@code confirmedBytes} is what storage holds (parts stored), the
 * honest answer to "how much would survive a pause or a crash"; {@code sentBytes} also counts bytes of
 * requests in flight, so it moves smoothly. {@code sentBytes} never decreases and stays below the total
 * until the last part is stored, so {@link #percent()} never says 100 before then, even when parts are
 * sent again after a token expiry or a retry.
 *
 * @param confirmedBytes bytes of the parts storage confirmed (the whole file once it succeeded); it goes
 *                       down only when storage lost the upload and it started over
 * @param sentBytes      confirmed bytes plus bytes in flight, as the highest value seen; never decreases,
 *                       below {@code totalBytes} until every part is stored
 * @param totalBytes     the file's size; -1 for a stream whose end has not been read yet
 * @param partsDone      parts confirmed by storage
 * @param partCount      parts in the plan (1 for a single PutObject; 0 while a stream's length is unknown)
 * @param state          the state at that moment
 */
public record ProgressSnapshot(long confirmedBytes, long sentBytes, long totalBytes, int partsDone, int partCount,
                               UploadState state) {

    /**
     * Checks the components; a bad one throws, naming the value.
     *
     * @param totalBytes     the file's size
     * @param confirmedBytes bytes of the parts storage confirmed (the whole file once it succeeded); it goes
     *                       down only when storage lost the upload and it started over
     * @param sentBytes      confirmed bytes plus bytes in flight, as the highest value seen; never decreases,
     *                       below {@code totalBytes} until every part is stored
     * @param partsDone      parts confirmed by storage
     * @param partCount      parts in the plan (1 for a single PutObject)
     * @param state          the state at that moment
     */
    public ProgressSnapshot {
        long bound = totalBytes < 0 ? Long.MAX_VALUE : totalBytes; // -1: a stream of unknown length
        if (confirmedBytes < 0 || confirmedBytes > bound) {
            throw new IllegalArgumentException("confirmedBytes out of 0.." + totalBytes + ": " + confirmedBytes);
        }
        if (sentBytes < 0 || sentBytes > bound) {
            throw new IllegalArgumentException("sentBytes out of 0.." + totalBytes + ": " + sentBytes);
        }
        Objects.requireNonNull(state, "state");
    }

    /**
     * {@code sentBytes / totalBytes}, between 0 and 1; 1 only once every part is stored; 0 while the total is
     * unknown (a stream).
     *
     * @return the fraction sent
     */
    public double fraction() {
        if (totalBytes < 0) {
            return 0.0; // unknown total: no fraction to tell
        }
        return totalBytes == 0 ? 1.0 : (double) sentBytes / totalBytes;
    }

    /**
     * Whole percent sent, 0..100, rounded down: 100 only once every part is stored; 0 while the total is
     * unknown (a stream).
     *
     * @return the percent sent
     */
    public int percent() {
        if (totalBytes < 0) {
            return 0;
        }
        return totalBytes == 0 ? 100 : (int) (sentBytes * 100 / totalBytes);
    }
}
