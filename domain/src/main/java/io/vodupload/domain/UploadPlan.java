package io.vodupload.domain;

import io.vodupload.domain.internal.PartPlan;

/**
 * How the uploader would cut a file, told before anything is sent ({@code vodupload upload --dry-run}):
 * one PutObject for a file no larger than the part size, else {@link #partCount()} parts of
 * {@link #partSize()} bytes, the part size raised when the configured one would need more than 10,000 parts.
 * The same arithmetic the upload itself uses. Immutable.
 *
 * <pre>{@code
 * UploadPlan plan = UploadPlan.of(Files.size(file), config);
 * System.out.println(plan.partCount() + " parts of " + plan.partSize());
 * }</pre>
 *
 * @param fileSize         the file's size in bytes
 * @param partSize         the part size the upload would use
 * @param partCount        the number of requests that carry the file (1 for a PutObject)
 * @param singlePut        whether the file goes in one PutObject
 * @param partSizeAdjusted whether the part size was raised above the configured one
 */
public record UploadPlan(long fileSize, long partSize, int partCount, boolean singlePut, boolean partSizeAdjusted) {

    /**
     * The plan for a file of {@code fileSize} bytes under {@code config}.
     *
     * @throws InvalidUploadException {@code FileTooLarge} above 10,000 parts of 5 GiB
     */
    public static UploadPlan of(long fileSize, UploadConfig config) {
        if (fileSize == 0) {
            return new UploadPlan(0, config.partSize(), 1, true, false);
        }
        PartPlan plan = PartPlan.of(fileSize, config.partSize());
        return new UploadPlan(fileSize, plan.partSize(), plan.partCount(), plan.singlePut(), plan.partSizeAdjusted());
    }
}
