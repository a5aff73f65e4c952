package io.vodupload.testkit.oss;

/** What the {@link OssServer} keeps of the bodies it receives. */
public enum StorageMode {
    /** Every byte, in memory: GetObject works and tests can compare stored content. */
    FULL,
    /**
     * Only CRC-64, MD5 and length: memory stays flat whatever the size, for gigabyte benchmarks.
     * GetObject answers 501 {@code NotImplemented} naming this mode.
     */
    CHECKSUM_ONLY
}
