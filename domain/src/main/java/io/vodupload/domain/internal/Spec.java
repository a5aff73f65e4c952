package io.vodupload.domain.internal;

import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.StorageTarget;
import java.time.Duration;
import java.util.Optional;

/**
 * What does not change during one upload.
 *
 * @param file               the file as it was when the upload started
 * @param target             where it goes
 * @param metadata           what to set on the object
 * @param fingerprint        the checkpoint key
 * @param configuredPlan     the plan from the configured part size
 * @param parallelism        parts in flight at most
 * @param maxAttempts        attempts per request for {@code RETRYABLE} failures
 * @param checkpointing      whether checkpoints are kept (resume on and a real store)
 * @param credentialsTimeout how long to wait for new credentials, if bounded
 */
record Spec(LocalFile.Snapshot file, StorageTarget target, ObjectMetadata metadata, String fingerprint,
                   PartPlan configuredPlan, int parallelism, int maxAttempts, boolean checkpointing,
                   Optional<Duration> credentialsTimeout) {
}
