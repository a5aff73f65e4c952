package io.vodupload.domain;

/**
 * How an {@link UploadQueue}'s files ended, as {@link QueueCallback#onQueueFinished} tells it.
 *
 * @param succeeded files uploaded and verified
 * @param failed    files that failed (retry them with {@link UploadQueue#retryFailed()})
 * @param canceled  files canceled by the user
 */
public record QueueCounts(int succeeded, int failed, int canceled) {

    public QueueCounts {
        if (succeeded < 0 || failed < 0 || canceled < 0) {
            throw new IllegalArgumentException("negative count: " + succeeded + "/" + failed + "/" + canceled);
        }
    }

    /** Every file counted. */
    public int total() {
        return succeeded + failed + canceled;
    }
}
