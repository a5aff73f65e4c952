package io.vodupload.domain.internal;

import io.vodupload.domain.ErrorCode;
import io.vodupload.domain.InvalidUploadException;
import io.vodupload.domain.UploadConfig;
import java.util.Optional;

/**
 * How a file is cut: one PutObject for a file no larger than the part size (an empty file too: one
 * PutObject of 0 bytes, as OSS accepts), else parts of {@link #partSize()} bytes (the last one shorter), at
 * most 10,000 of them. Pure arithmetic. Immutable.
 *
 * <p>Public only for the domain's {@code UploadPlan}; no other module may use {@code domain.internal}.
 *
 * @param fileSize         the file's size, {@code >= 0}
 * @param partSize         the part size in use
 * @param partCount        the number of parts (1 for a PutObject)
 * @param singlePut        whether the file goes in one PutObject
 * @param partSizeAdjusted whether the part size was raised above the configured one to stay within
 *                         10,000 parts
 */
public record PartPlan(long fileSize, long partSize, int partCount, boolean singlePut, boolean partSizeAdjusted) {

    /** OSS's limit on parts per upload. */
    public static final int MAX_PARTS = 10_000;
    /** The largest file: 10,000 parts of 5 GiB. */
    public static final long MAX_FILE_SIZE = MAX_PARTS * UploadConfig.MAX_PART_SIZE;
    /** A raised part size is rounded up to a multiple of this. */
    static final long ADJUST_GRANULE = 1024 * 1024;

    /** One part: its number (from 1), where it starts and how long it is. */
    public record Part(int number, long offset, long size) {
    }

    /**
     * Plans a file of {@code fileSize} bytes with parts of {@code configuredPartSize}.
     *
     * @throws InvalidUploadException {@code FileTooLarge} above {@link #MAX_FILE_SIZE}
     * @throws IllegalArgumentException for a negative size or a part size out of range
     */
    public static PartPlan of(long fileSize, long configuredPartSize) {
        if (configuredPartSize < UploadConfig.MIN_PART_SIZE || configuredPartSize > UploadConfig.MAX_PART_SIZE) {
            throw new IllegalArgumentException("partSize out of 100 KiB..5 GiB: " + configuredPartSize);
        }
        if (fileSize < 0) {
            throw new IllegalArgumentException("fileSize < 0: " + fileSize);
        }
        if (fileSize > MAX_FILE_SIZE) {
            throw new InvalidUploadException(ErrorCode.FILE_TOO_LARGE, "the file has " + fileSize
                    + " bytes, more than 10,000 parts of 5 GiB (" + MAX_FILE_SIZE + ")");
        }
        if (fileSize <= configuredPartSize) {
            return new PartPlan(fileSize, configuredPartSize, 1, true, false);
        }
        long partSize = configuredPartSize;
        boolean adjusted = false;
        if (ceilDiv(fileSize, partSize) > MAX_PARTS) {
            long needed = ceilDiv(fileSize, MAX_PARTS);
            partSize = Math.min(UploadConfig.MAX_PART_SIZE, ceilDiv(needed, ADJUST_GRANULE) * ADJUST_GRANULE);
            adjusted = true;
        }
        return new PartPlan(fileSize, partSize, (int) ceilDiv(fileSize, partSize), false, adjusted);
    }

    /**
     * A multipart plan with the part size an earlier upload used, to resume it; empty when that part size
     * cannot cut this file into valid parts.
     */
    public static Optional<PartPlan> forResume(long fileSize, long partSize) {
        if (fileSize <= 0 || partSize < UploadConfig.MIN_PART_SIZE || partSize > UploadConfig.MAX_PART_SIZE
                || ceilDiv(fileSize, partSize) > MAX_PARTS) {
            return Optional.empty();
        }
        return Optional.of(new PartPlan(fileSize, partSize, (int) ceilDiv(fileSize, partSize), false, false));
    }

    /** Part {@code number}, 1..{@link #partCount()}. */
    public Part part(int number) {
        if (number < 1 || number > partCount) {
            throw new IllegalArgumentException("part number out of 1.." + partCount + ": " + number);
        }
        long offset = (number - 1) * partSize;
        return new Part(number, offset, Math.min(partSize, fileSize - offset));
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
