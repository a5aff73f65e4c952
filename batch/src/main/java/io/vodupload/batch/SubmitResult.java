package io.vodupload.batch;

import java.util.List;

/**
 * What {@link BatchQueue#submit} did.
 *
 * @param batchId   the batch
 * @param files     how many files the submission held
 * @param scheduled how many were (re)scheduled, or were already pending or running
 * @param skipped   the files that succeeded earlier in this batch and did not change since (same length,
 *                  modified time and change time); not scheduled again
 */
public record SubmitResult(String batchId, int files, int scheduled, List<BatchFile> skipped) {

    public SubmitResult {
        skipped = List.copyOf(skipped);
    }
}
