package io.vodupload.domain;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How an upload runs: part size, parts in flight, retry policy, whether to resume from checkpoints, how
 * often to report progress, and how long to wait for new credentials. Immutable; build one with
 * {@link #builder()}.
 *
 * <pre>{@code
 * UploadConfig config = UploadConfig.builder().partSize(16 << 20).parallelism(8).build();
 * }</pre>
 *
 * <p><b>Parts in flight.</b> Left at its default, the parallelism is <em>adaptive</em>: an upload starts
 * with {@value #DEFAULT_PARALLELISM} parts in flight and, while the aggregate throughput it measures (on
 * the uploader's clock, over windows of as many finished parts as are in flight) rises by more than
 * 10 % from one window to the next, grows by half (4, 6, 9, 14, 16) up to
 * {@value #DEFAULT_MAX_PARALLELISM}; the first window that does not rise keeps the number where it is
 * for the rest of the upload, and a retryable part failure steps it back by a third (not below the
 * start). So a link whose capacity only more connections fill (a per-connection cap, a long round trip)
 * gets them, and one that is already full does not. An explicit {@link Builder#parallelism(int)} fixes
 * the number; {@link Builder#maxParallelism(int)} sets the ceiling of an adaptive one (with
 * {@code parallelism} as its start). An {@link UploadQueue} cuts the ceiling to its connection budget.
 * <pre>{@code
 * UploadConfig.defaults();                                  // 4, growing up to 16 while it pays
 * UploadConfig.builder().parallelism(8).build();            // 8, fixed
 * UploadConfig.builder().maxParallelism(32).build();        // 4, growing up to 32
 * UploadConfig.builder().parallelism(2).maxParallelism(8).build(); // 2, growing up to 8
 * }</pre>
 *
 * <p>Per-request network timeouts belong to the storage adapter (it turns a stalled request into a
 * {@code RETRYABLE} failure); this config holds only what the domain itself times.
 *
 * <p>Throws {@link InvalidUploadException} ({@code InvalidConfig}) naming the bad value.
 *
 * @param partSize           bytes per part, 100 KiB..5 GiB; a file no larger than this goes in one
 *                           PutObject; raised automatically to keep within 10,000 parts
 * @param parallelism        parts in flight at once, 1..64; the start when adaptive
 * @param retryPolicy        how {@code RETRYABLE} failures are retried
 * @param resume             whether to look for and keep checkpoints (needs a {@code CheckpointStore})
 * @param progressInterval   at least this long between two progress callbacks (the final one excepted)
 * @param credentialsTimeout how long to wait in {@link UploadState#AWAITING_CREDENTIALS} for new
 *                           credentials before failing with {@code CredentialsUnavailable}; default
 *                           {@link #DEFAULT_CREDENTIALS_TIMEOUT}; empty waits as long as it takes (the
 *                           seed SDK's behaviour, which {@link PublishManager} keeps by default)
 * @param verifySource       whether to read the whole file again once every byte is stored and compare its
 *                           CRC-64 with the object's (before the multipart completion, so a mismatch leaves
 *                           the old object; after a PutObject): catches a file changed in place with its
 *                           times put back. Off by default: it reads the file twice
 * @param requireCrc64       whether to fail with {@code CrcUnavailable} when the storage reports no CRC-64
 *                           for the object, instead of relying on the {@code Content-MD5} checks (see
 *                           {@link io.vodupload.ports.Verification}). Off by default
 * @param maxParallelism     the most parts in flight, {@code parallelism..64}: above {@code parallelism}
 *                           the number adapts to the measured throughput (see above); equal to it, it is
 *                           fixed. Default {@value #DEFAULT_MAX_PARALLELISM} unless {@code parallelism} was
 *                           set, which fixes it
 */
public record UploadConfig(long partSize, int parallelism, RetryPolicy retryPolicy, boolean resume,
                           Duration progressInterval, Optional<Duration> credentialsTimeout, boolean verifySource,
                           boolean requireCrc64, int maxParallelism) {

    /** 100 KiB: OSS's smallest part but the last. */
    public static final long MIN_PART_SIZE = 100L * 1024;
    /** 5 GiB: OSS's largest part (and PutObject). */
    public static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;
    /** 8 MiB. */
    public static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;
    /** 4: the parts in flight at the start (and for good, when set explicitly). */
    public static final int DEFAULT_PARALLELISM = 4;
    /** 16: the most parts in flight an adaptive parallelism grows to, unless configured otherwise. */
    public static final int DEFAULT_MAX_PARALLELISM = 16;
    /** The most parts in flight. */
    public static final int MAX_PARALLELISM = 64;
    /** 50 ms: at most about 20 progress callbacks a second. */
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofMillis(50);
    /**
     * 5 minutes: how long an upload waits for new credentials (after its provider had none) before it
     * fails with {@code CredentialsUnavailable}, unless configured otherwise.
     */
    public static final Duration DEFAULT_CREDENTIALS_TIMEOUT = Duration.ofMinutes(5);

    /**
     * Checks the components; a bad one throws, naming the value.
     *
     * @param partSize           bytes per part, 100 KiB..5 GiB; a file no larger than this goes in one
     *                           PutObject; raised automatically to keep within 10,000 parts
     * @param parallelism        parts in flight at once, 1..64
     * @param retryPolicy        how {@code RETRYABLE} failures are retried
     * @param resume             whether to look for and keep checkpoints (needs a {@code CheckpointStore})
     * @param progressInterval   at least this long between two progress callbacks (the final one excepted)
     * @param credentialsTimeout how long to wait in {@link UploadState#AWAITING_CREDENTIALS} for new
     *                           credentials before failing with {@code CredentialsUnavailable}; default
     *                           {@link #DEFAULT_CREDENTIALS_TIMEOUT}; empty waits as long as it takes (the
     *                           seed SDK's behaviour, which {@link PublishManager} keeps by default)
     */
    public UploadConfig {
        if (partSize < MIN_PART_SIZE) {
            throw invalid("partSize < 100 KiB: " + partSize);
        }
        if (partSize > MAX_PART_SIZE) {
            throw invalid("partSize > 5 GiB: " + partSize);
        }
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw invalid("parallelism out of 1.." + MAX_PARALLELISM + ": " + parallelism);
        }
        if (maxParallelism < parallelism || maxParallelism > MAX_PARALLELISM) {
            throw invalid("maxParallelism out of " + parallelism + ".." + MAX_PARALLELISM + ": " + maxParallelism);
        }
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(progressInterval, "progressInterval");
        if (progressInterval.isNegative()) {
            throw invalid("progressInterval is negative: " + progressInterval);
        }
        Objects.requireNonNull(credentialsTimeout, "credentialsTimeout");
        if (credentialsTimeout.isPresent() && (credentialsTimeout.get().isNegative()
                || credentialsTimeout.get().isZero())) {
            throw invalid("credentialsTimeout is not positive: " + credentialsTimeout.get());
        }
    }

    /** A config with a fixed parallelism. */
    public UploadConfig(long partSize, int parallelism, RetryPolicy retryPolicy, boolean resume,
                        Duration progressInterval, Optional<Duration> credentialsTimeout, boolean verifySource,
                        boolean requireCrc64) {
        this(partSize, parallelism, retryPolicy, resume, progressInterval, credentialsTimeout, verifySource,
                requireCrc64, parallelism);
    }

    /** A config with a fixed parallelism, without {@code verifySource} and {@code requireCrc64}. */
    public UploadConfig(long partSize, int parallelism, RetryPolicy retryPolicy, boolean resume,
                        Duration progressInterval, Optional<Duration> credentialsTimeout) {
        this(partSize, parallelism, retryPolicy, resume, progressInterval, credentialsTimeout, false, false);
    }

    /** {@return whether the parts in flight adapt to the measured throughput ({@code maxParallelism > parallelism})} */
    public boolean adaptive() {
        return maxParallelism > parallelism;
    }

    /**
     * The defaults: 8 MiB parts, 4 in flight growing up to 16 while the throughput rises,
     * {@link RetryPolicy#DEFAULT}, resume on, 50 ms between
     * progress callbacks, 5 minutes' wait for credentials.
     *
     * @return the default config
     */
    public static UploadConfig defaults() {
        return builder().build();
    }

    /** {@return a builder starting from the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder starting from this config} */
    public Builder toBuilder() {
        return new Builder().partSize(partSize).parallelism(parallelism).maxParallelism(maxParallelism)
                .retryPolicy(retryPolicy).resume(resume).progressInterval(progressInterval)
                .credentialsTimeout(credentialsTimeout.orElse(null)).verifySource(verifySource)
                .requireCrc64(requireCrc64);
    }

    /** Builds an {@link UploadConfig}; validation happens in {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private long partSize = DEFAULT_PART_SIZE;
        private int parallelism = DEFAULT_PARALLELISM;
        private boolean parallelismSet;
        /** 0: not set, so {@link #DEFAULT_MAX_PARALLELISM}, or {@code parallelism} when that was set. */
        private int maxParallelism;
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private boolean resume = true;
        private Duration progressInterval = DEFAULT_PROGRESS_INTERVAL;
        private Duration credentialsTimeout = DEFAULT_CREDENTIALS_TIMEOUT;
        private boolean verifySource;
        private boolean requireCrc64;

        private Builder() {
        }

        /**
         * Bytes per part.
         *
         * @param bytes 100 KiB..5 GiB
         * @return this builder
         */
        public Builder partSize(long bytes) {
            this.partSize = bytes;
            return this;
        }

        /**
         * Parts in flight at once, fixed (unless {@link #maxParallelism(int)} is set too: then the start of
         * an adaptive number).
         *
         * @param parts 1..64
         * @return this builder
         */
        public Builder parallelism(int parts) {
            this.parallelism = parts;
            this.parallelismSet = true;
            return this;
        }

        /**
         * The most parts in flight: above {@code parallelism}, the number grows towards it while the
         * measured throughput rises; equal to it, it is fixed.
         *
         * @param parts {@code parallelism..64}
         * @return this builder
         */
        public Builder maxParallelism(int parts) {
            this.maxParallelism = parts;
            return this;
        }

        /**
         * How retryable failures are retried.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = policy;
            return this;
        }

        /**
         * Whether to look for and keep checkpoints.
         *
         * @param enabled true to resume
         * @return this builder
         */
        public Builder resume(boolean enabled) {
            this.resume = enabled;
            return this;
        }

        /**
         * The least time between two progress callbacks.
         *
         * @param interval not negative
         * @return this builder
         */
        public Builder progressInterval(Duration interval) {
            this.progressInterval = interval;
            return this;
        }

        /**
         * How long to wait for new credentials; null waits forever.
         *
         * @param timeout the wait, or null
         * @return this builder
         */
        public Builder credentialsTimeout(Duration timeout) {
            this.credentialsTimeout = timeout;
            return this;
        }

        /** Read the file again after the upload and compare its CRC-64 with the object's. */
        public Builder verifySource(boolean enabled) {
            this.verifySource = enabled;
            return this;
        }

        /** Fail when the storage reports no CRC-64, rather than rely on Content-MD5. */
        public Builder requireCrc64(boolean required) {
            this.requireCrc64 = required;
            return this;
        }

        /**
         * @return the config
         * @throws IllegalArgumentException naming the bad value
         */
        public UploadConfig build() {
            int max = maxParallelism != 0 ? maxParallelism
                    : parallelismSet ? parallelism : Math.max(parallelism, DEFAULT_MAX_PARALLELISM);
            return new UploadConfig(partSize, parallelism, retryPolicy, resume, progressInterval,
                    Optional.ofNullable(credentialsTimeout), verifySource, requireCrc64, max);
        }
    }

    /** Config errors carry the catalogue code {@code InvalidConfig}. */
    private static InvalidUploadException invalid(String message) {
        return new InvalidUploadException(ErrorCode.INVALID_CONFIG, message);
    }
}
