package io.vodupload.domain.internal;

/**
 * A storage (or local) operation the machine asks the engine to perform. Ops are values: the machine
 * tracks them by equality, and an op's {@link #epoch()} tells results of an abandoned storage upload
 * (before a restart) from current ones.
 */
sealed interface Op {

    /** The storage upload generation this op belongs to. */
    int epoch();

    /** InitiateMultipartUpload. */
    record Initiate(int epoch) implements Op {
    }

    /** Re-reads the checkpoint's finished parts from the file and compares their CRC-64s. */
    record VerifyLocal(int epoch) implements Op {
    }

    /** ListParts of the upload being resumed. */
    record ListParts(int epoch) implements Op {
    }

    /** UploadPart. */
    record UploadPart(int epoch, int partNumber) implements Op {
    }

    /** PutObject of the whole (small) file. */
    record Put(int epoch) implements Op {
    }

    /** CompleteMultipartUpload with the finished parts. */
    record Complete(int epoch) implements Op {
    }

    /** HeadObject, for one of three {@link Purpose}s. */
    record Head(int epoch, Purpose purpose) implements Op {
    }

    /** AbortMultipartUpload of {@code uploadId}. */
    record Abort(int epoch, String uploadId) implements Op {
    }

    /** Why a HeadObject is sent. */
    enum Purpose {
        /** The creation receipt had no CRC-64: read it from the object. */
        VERIFY,
        /** Complete failed in a way that may hide a success (lost response): check before retrying. */
        CONFIRM_AFTER_ERROR,
        /** Complete said NoSuchUpload: it may have succeeded earlier. */
        CONFIRM_AFTER_GONE
    }

    /** Whether this op streams a body (and so can be interrupted through its transfer listener). */
    default boolean isTransfer() {
        return this instanceof UploadPart || this instanceof Put;
    }
}
