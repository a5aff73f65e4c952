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

    /** A stream of unknown length: parts 1..1000 have the configured size, and it doubles every 1000 parts. */
    public static final int STREAM_GROW_EVERY = 1000;
    /**
     * The largest part of a stream: one part is one buffer in memory ({@code ByteBuffer}s end at 2 GiB, and
     * aliyun-sdk-oss sends at most 2 GiB - 1 byte in one request).
     */
    public static final long MAX_STREAM_PART_SIZE = 1024L * 1024 * 1024;

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

    /**
     * The plan of a stream whose length is not known yet: size -1, part count 0 (both unknown until it
     * ends), parts cut by {@link #streamPartSize}. Replaced by {@link #streamEnded} when the stream ends.
     */
    public static PartPlan unknownLength(long partSize) {
        return new PartPlan(-1, partSize, 0, false, false);
    }

    /** Whether the length is not known yet (a stream still being read). */
    public boolean lengthUnknown() {
        return fileSize < 0;
    }

    /** The plan of a stream that ended after {@code parts} parts and {@code size} bytes. */
    PartPlan streamEnded(long size, int parts) {
        return new PartPlan(size, partSize, parts, false, partSizeAdjusted);
    }

    /**
     * The size of part {@code number} of a stream of unknown length that starts at {@code base}: {@code base}
     * for parts 1..1000, then doubled every 1000 parts, at most {@link #MAX_STREAM_PART_SIZE}. With a base of
     * 8 MiB, 10,000 parts hold {@link #maxStreamSize}{@code (8 MiB)} = 1000 × (8 + 16 + ... + 512 MiB + 3 × 1 GiB)
     * = 3.99 TiB.
     */
    public static long streamPartSize(long base, int number) {
        if (number < 1 || number > MAX_PARTS) {
            throw new IllegalArgumentException("part number out of 1.." + MAX_PARTS + ": " + number);
        }
        int doublings = (number - 1) / STREAM_GROW_EVERY; // at most 9: base << 9 cannot overflow
        return Math.max(base, Math.min(MAX_STREAM_PART_SIZE, base << doublings)); // never below the base
    }

    /** The most bytes 10,000 parts of {@link #streamPartSize}'s schedule hold, starting at {@code base}. */
    public static long maxStreamSize(long base) {
        long sum = 0;
        for (int n = 1; n <= MAX_PARTS; n += STREAM_GROW_EVERY) {
            sum += STREAM_GROW_EVERY * streamPartSize(base, n);
        }
        return sum;
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
