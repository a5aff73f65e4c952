package io.vodupload.ports;

import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * The argument checks of {@link ObjectStorage}, written once: they are the port's contract, so every
 * storage (the OSS transports, the local store, the testkit's fakes) rejects the same bad arguments with the
 * same {@link NullPointerException} or {@link IllegalArgumentException}, before any request or file is
 * touched.
 *
 * <pre>{@code
 * public PartReceipt uploadPart(..., String uploadId, int partNumber, ...) {
 *     StorageArguments.requireUploadId(uploadId);
 *     StorageArguments.requirePartNumber(partNumber);
 *     ...
 * }
 * }</pre>
 *
 * <p>Pure, stateless, thread-safe.
 */
public final class StorageArguments {

    private StorageArguments() {
    }

    /**
     * @return {@code uploadId}
     * @throws NullPointerException     when it is null
     * @throws IllegalArgumentException when it is blank
     */
    public static String requireUploadId(String uploadId) {
        Objects.requireNonNull(uploadId, "uploadId");
        if (uploadId.isBlank()) {
            throw new IllegalArgumentException("uploadId is blank");
        }
        return uploadId;
    }

    /**
     * @return {@code partNumber}
     * @throws IllegalArgumentException when it is outside 1..{@value PartReceipt#MAX_PART_NUMBER}
     */
    public static int requirePartNumber(int partNumber) {
        if (partNumber < 1 || partNumber > PartReceipt.MAX_PART_NUMBER) {
            throw new IllegalArgumentException("partNumber out of 1.." + PartReceipt.MAX_PART_NUMBER + ": "
                    + partNumber);
        }
        return partNumber;
    }

    /**
     * Checks the part list of a {@link ObjectStorage#completeMultipart}: no null, and no part number twice
     * (which receipt would be meant?). Order and emptiness are left to the storage, as OSS answers them
     * ({@code InvalidPartOrder}, {@code MalformedXML}).
     *
     * @return {@code parts}
     * @throws NullPointerException     when the list or an element is null
     * @throws IllegalArgumentException when a part number appears twice
     */
    public static List<PartReceipt> requireDistinctPartNumbers(List<PartReceipt> parts) {
        Objects.requireNonNull(parts, "parts");
        BitSet seen = new BitSet(PartReceipt.MAX_PART_NUMBER + 1);
        for (PartReceipt p : parts) {
            Objects.requireNonNull(p, "parts contains null");
            if (seen.get(p.partNumber())) {
                throw new IllegalArgumentException("part " + p.partNumber() + " given twice");
            }
            seen.set(p.partNumber());
        }
        return parts;
    }
}
