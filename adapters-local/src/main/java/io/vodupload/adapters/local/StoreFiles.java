package io.vodupload.adapters.local;

import java.util.Map;

/**
 * The small JSON files the local object store keeps beside the data. Every one is written atomically
 * ({@link AtomicFiles#replace}); a file that cannot be read is treated as absent.
 */
final class StoreFiles {

    /** The format version of every file below. */
    static final int VERSION = 1;

    private StoreFiles() {
    }

    /**
     * {@code .vodupload/uploads/<uploadId>/upload.json}: which object a multipart upload creates and with
     * what metadata.
     */
    record Upload(int version, String bucket, String key, String contentType, Map<String, String> headers) {
    }

    /**
     * {@code .vodupload/uploads/<uploadId>/part-NNNNN.json}: the current bytes of part {@code partNumber}.
     * Replacing this file is what replaces the part; {@code dataFile} names the data file beside it.
     */
    record Part(int version, int partNumber, String dataFile, long size, String etag, String crc64) {
    }

    /**
     * {@code .vodupload/uploads/<uploadId>/stride.json}: the size of the parts written straight into the
     * upload's {@code object.data} at their final offsets, {@code (partNumber - 1) × size}. Set by the first
     * part to arrive; a part of another size gets a data file of its own.
     */
    record Stride(int version, long size) {
    }

    /**
     * {@code .vodupload/objects/<sha-256 of bucket/key>.json}: what OSS would report for an object whose
     * ETag and CRC cannot be recomputed from the bytes alone (a multipart ETag), and its metadata. It
     * describes the object file only while that file's size, modification time and file key still match.
     */
    record Sidecar(int version, String bucket, String key, long size, String lastModified, String fileKey,
                   String etag, String crc64, String contentType, Map<String, String> headers) {
    }
}
