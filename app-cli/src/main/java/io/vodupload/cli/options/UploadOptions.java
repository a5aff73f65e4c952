package io.vodupload.cli.options;

import io.vodupload.domain.UploadConfig;
import io.vodupload.ports.SignatureVersion;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code vodupload upload} was asked to do, built once from the parsed flags by {@code UploadCommand}
 * and checked there, each value once: the file exists, the numbers are in range (the part size and
 * parallelism by the domain's {@link UploadConfig}), the flags name one target form. Immutable; what runs
 * the upload and resolves its target reads this, never the command's fields. {@link #toString()} shows no
 * secret.
 *
 * @param file          the file to upload, absolute, checked to be a readable regular file
 * @param fileAsGiven   the file as the command line named it, for messages
 * @param form          the target form the flags name
 * @param store         {@code --store}, when given
 * @param uploadAddress {@code --upload-address}, when given
 * @param uploadAuth    {@code --upload-auth}, when given (secret; the environment is read when resolving)
 * @param endpoint      {@code --endpoint}, when given
 * @param bucket        {@code --bucket}, when given
 * @param key           {@code --key}, when given
 * @param keys          the AccessKey flags
 * @param vod           {@code --vod-region}, {@code --vod-endpoint}
 * @param media         the VOD metadata flags
 * @param object        the OSS object metadata flags ({@code --content-type}, {@code --meta}, ...)
 * @param type          the media type: {@code --type}, else by the file's extension
 * @param transport     {@code --transport}, when given
 * @param signature     {@code --signature}; {@code AUTO} when not given
 * @param region        {@code --region}, trimmed, when given and not blank
 * @param pathStyle     {@code --path-style}
 * @param config        the domain's config: part size, parallelism, retries
 * @param timeout       {@code --timeout} of one request
 * @param checkpointDir where checkpoints are kept, absolute
 * @param resume        false with {@code --no-resume}
 * @param overwrite     {@code --overwrite}: replace a different object in the local store
 * @param skipExisting  {@code --skip-existing}: skip the upload when an OSS target already holds the file
 * @param authCommand   {@code --auth-command}, when given
 * @param json          {@code --json}
 * @param quiet         {@code --quiet}
 */
public record UploadOptions(Path file, Path fileAsGiven, TargetForm form, Optional<Path> store,
                            Optional<String> uploadAddress, Optional<String> uploadAuth, Optional<String> endpoint,
                            Optional<String> bucket, Optional<String> key, AccessKeys keys, VodLocation vod,
                            MediaFields media, ObjectFields object, MediaType type, Optional<Transport> transport,
                            SignatureVersion signature, Optional<String> region, boolean pathStyle,
                            UploadConfig config, Duration timeout, Path checkpointDir, boolean resume,
                            boolean overwrite, boolean skipExisting, Optional<String> authCommand, boolean json, boolean quiet) {

    /** The environment variable {@code --upload-auth} falls back to. */
    public static final String ENV_UPLOAD_AUTH = "VODUPLOAD_UPLOAD_AUTH";
    /** The embedded store's default directory, relative to the working directory. */
    public static final String DEFAULT_STORE = "vodupload-store";

    public UploadOptions {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(fileAsGiven, "fileAsGiven");
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(uploadAddress, "uploadAddress");
        Objects.requireNonNull(uploadAuth, "uploadAuth");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(vod, "vod");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(checkpointDir, "checkpointDir");
        Objects.requireNonNull(authCommand, "authCommand");
        if (!file.isAbsolute() || !checkpointDir.isAbsolute()) {
            throw new IllegalArgumentException("file and checkpointDir must be absolute: " + file + ", " + checkpointDir);
        }
    }

    /** These options with {@code newKey} as the key (a stream's key comes from {@code --key} or its own name). */
    public UploadOptions withKey(Optional<String> newKey) {
        return new UploadOptions(file, fileAsGiven, form, store, uploadAddress, uploadAuth, endpoint, bucket, newKey,
                keys, vod, media, object, type, transport, signature, region, pathStyle, config, timeout, checkpointDir,
                resume, overwrite, skipExisting, authCommand, json, quiet);
    }

    /** The parts in flight at once ({@code --parallel}). */
    public int parallel() {
        return config.parallelism();
    }

    @Override
    public String toString() {
        return "UploadOptions[file=" + file + ", form=" + form + ", type=" + type + ", transport=" + transport
                + ", signature=" + signature + ", config=" + config + ", timeout=" + timeout + ", resume=" + resume
                + ", overwrite=" + overwrite + ", skipExisting=" + skipExisting
                + ", keys=" + keys + "]";
    }
}
