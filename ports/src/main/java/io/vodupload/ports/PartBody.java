package io.vodupload.ports;

/**
 * The body of one request to object storage: a part, or a whole small object. Either a {@link FileRegion}
 * streamed from disk (a local file, resumable) or a {@link MemoryBody} held in memory (a part of a
 * {@link StreamSource}, read once and kept until storage has it, so a retry sends it again from memory).
 *
 * <p>Sealed: every {@link ObjectStorage} handles exactly these two. Both are immutable and may be sent
 * again (a retry reads the same bytes); neither is ever consumed by sending.
 */
public sealed interface PartBody permits FileRegion, MemoryBody {

    /** {@return the number of bytes the body sends} */
    long length();

    /** {@return how messages name the body's bytes: the file, or {@code "memory"}; never a secret} */
    String describe();
}
