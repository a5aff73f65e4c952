package io.vodupload.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a failed request is tried again: at most {@link #maxAttempts()} attempts
 * per request, waiting between them a "full jitter" back-off, a uniformly random time between zero and
 * {@code min(maxDelay, baseDelay × 2^(failures − 1))}. Only {@code RETRYABLE} failures are retried this
 * way; credential expiry, clock skew and a vanished upload have their own rules (docs/architecture.md).
 *
 * <p>Immutable.
 *
 * <pre>{@code
 * RetryPolicy policy = new RetryPolicy(8, Duration.ofMillis(200), Duration.ofSeconds(20));
 * }</pre>
 *
 * <p>Throws {@link InvalidUploadException} ({@code InvalidConfig}) naming the bad value.
 *
 * @param maxAttempts attempts per request, the first included, {@code >= 1}
 * @param baseDelay   the back-off ceiling after the first failure, {@code >= 0}
 * @param maxDelay    the largest back-off ceiling, {@code >= baseDelay}
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    /** Five attempts, 500 ms base, 30 s cap. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30));

    /**
     * Checks the components; a bad one throws, naming the value.
     *
     * @param maxAttempts attempts per request, the first included, {@code >= 1}
     * @param baseDelay   the back-off ceiling after the first failure, {@code >= 0}
     * @param maxDelay    the largest back-off ceiling, {@code >= baseDelay}
     */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw invalid("maxAttempts < 1: " + maxAttempts);
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (baseDelay.isNegative()) {
            throw invalid("baseDelay is negative: " + baseDelay);
        }
        if (maxDelay.compareTo(baseDelay) < 0) {
            throw invalid("maxDelay < baseDelay: " + maxDelay + " < " + baseDelay);
        }
    }

    /**
     * One attempt, no retry.
     *
     * @return the policy
     */
    public static RetryPolicy noRetry() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /**
     * The back-off before the next attempt.
     *
     * @param failures how many attempts of this request failed so far, {@code >= 1}
     * @param jitter   a uniform random number in {@code [0, 1)}
     * @return between zero and the ceiling for {@code failures}
     */
    public Duration backoff(int failures, double jitter) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures < 1: " + failures);
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter out of [0, 1): " + jitter);
        }
        return Duration.ofNanos((long) (ceiling(failures).toNanos() * jitter));
    }

    /**
     * The largest back-off after {@code failures} failed attempts:
     * {@code min(maxDelay, baseDelay × 2^(failures − 1))}.
     *
     * @param failures failed attempts so far, at least 1
     * @return the ceiling
     */
    public Duration ceiling(int failures) {
        long base = baseDelay.toNanos();
        long cap = maxDelay.toNanos();
        int shift = Math.min(failures - 1, 62);
        if (base == 0) {
            return Duration.ZERO;
        }
        if (base > (cap >> shift)) {
            return maxDelay;
        }
        return Duration.ofNanos(Math.min(cap, base << shift));
    }

    /** Config errors carry the catalogue code {@code InvalidConfig}. */
    private static InvalidUploadException invalid(String message) {
        return new InvalidUploadException(ErrorCode.INVALID_CONFIG, message);
    }
}
