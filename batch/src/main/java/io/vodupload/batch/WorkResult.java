package io.vodupload.batch;

/**
 * What {@link BatchQueue#work} did.
 *
 * @param succeeded   files this worker finished successfully
 * @param failed      files this worker failed for good (no more attempts)
 * @param interrupted whether it stopped because its thread was interrupted
 */
public record WorkResult(int succeeded, int failed, boolean interrupted) {
}
