package io.vodupload.cli.target;

import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.StorageTarget;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where one upload goes, resolved from the command's target form: the storage adapter, the target, the
 * credentials and how they are refreshed.
 *
 * @param storage       the storage adapter (closed by the run)
 * @param target        endpoint, bucket, key, region
 * @param credentials   the credentials, and their refresh
 * @param cannotRefresh why a refresh that returns nothing happened: the provider's own reason (a failed
 *                      {@code --auth-command}) or that there is no way to refresh at all
 * @param videoId       the VOD VideoId, when known
 * @param localPath     for the embedded store, the file the object becomes
 * @param onSuccess     what to do after a successful upload (forget a VOD session)
 */
public record Target(ObjectStorage storage, StorageTarget target, CredentialsProvider credentials,
              Supplier<String> cannotRefresh, Optional<String> videoId, Optional<Path> localPath,
              Runnable onSuccess) {

    public Target {
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(cannotRefresh, "cannotRefresh");
        Objects.requireNonNull(videoId, "videoId");
        Objects.requireNonNull(localPath, "localPath");
        Objects.requireNonNull(onSuccess, "onSuccess");
    }
}
