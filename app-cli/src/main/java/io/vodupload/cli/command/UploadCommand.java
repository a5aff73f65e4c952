package io.vodupload.cli.command;

import io.vodupload.cli.CliEnvironment;
import io.vodupload.cli.CliException;
import io.vodupload.cli.Exit;
import io.vodupload.cli.options.AccessKeys;
import io.vodupload.cli.options.MediaFields;
import io.vodupload.cli.options.MediaType;
import io.vodupload.cli.options.TargetForm;
import io.vodupload.cli.options.Transport;
import io.vodupload.cli.options.UploadOptions;
import io.vodupload.cli.options.VodLocation;
import io.vodupload.cli.upload.UploadRunner;
import io.vodupload.domain.InvalidUploadException;
import io.vodupload.domain.RetryPolicy;
import io.vodupload.domain.UploadConfig;
import io.vodupload.ports.SignatureVersion;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code vodupload upload FILE [options]}: uploads one file to exactly one target (docs/cli.md):
 * <ul>
 *   <li>nothing: the embedded local store {@code ./vodupload-store} (or {@code --store DIR});</li>
 *   <li>{@code --upload-address B64 --upload-auth B64}: VOD's upload credentials;</li>
 *   <li>{@code --endpoint URL --bucket NAME --key KEY}: an OSS target with an AccessKey;</li>
 *   <li>{@code --vod-region REGION --title TITLE}: the command creates the VOD upload itself.</li>
 * </ul>
 * Parsing only: {@link #options()} turns the flags into one checked {@link UploadOptions}, and
 * {@link UploadRunner} does the rest.
 *
 * <p>Exit codes: 0 success, 1 failed, 2 usage or bad input, 3 credentials expired with no way to refresh,
 * 130 interrupted (the checkpoint is kept and the same command resumes).
 */
@Command(name = "upload", mixinStandardHelpOptions = true, sortOptions = false,
        synopsisHeading = "Usage:%n",
        customSynopsis = {
            "  vodupload upload FILE [options]              (to ./vodupload-store)",
            "  vodupload upload FILE --store DIR [options]",
            "  vodupload upload FILE --upload-address B64 --upload-auth B64 [options]",
            "  vodupload upload FILE --endpoint URL --bucket NAME --key KEY [options]",
            "  vodupload upload FILE --vod-region REGION [--vod-endpoint URL]",
            "                        --title TITLE [options]",
            ""
        },
        description = "Upload FILE in resumable, CRC-64-verified parts to exactly one target: the embedded local "
                + "store (default), VOD upload credentials, an OSS bucket, or a VOD region.")
public final class UploadCommand implements Callable<Integer> {

    /** The most {@code --max-retries}. */
    static final int MAX_RETRIES = 100;
    /**
     * How long an upload waits for credentials its provider could not refresh. A command has no one else
     * to supply them, so it stops at once (the domain's wait must be positive) and exits 3 with the reason.
     */
    static final Duration NO_CREDENTIALS_WAIT = Duration.ofMillis(1);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to upload.")
    Path file;

    @Option(names = "--store", paramLabel = "DIR",
            description = "Target: the embedded local store in DIR (default ./" + UploadOptions.DEFAULT_STORE + " when no other target is given).")
    Path store;

    @Option(names = "--upload-address", paramLabel = "B64", description = "Target: VOD's UploadAddress (base64 JSON).")
    String uploadAddress;

    @Option(names = "--upload-auth", paramLabel = "B64",
            description = "VOD's UploadAuth (base64 JSON; default: $" + UploadOptions.ENV_UPLOAD_AUTH + ").")
    String uploadAuth;

    @Option(names = "--endpoint", paramLabel = "URL", description = "Target: an OSS endpoint (with --bucket and --key).")
    String endpoint;

    @Option(names = "--bucket", paramLabel = "NAME", description = "The OSS bucket.")
    String bucket;

    @Option(names = "--key", paramLabel = "KEY", description = "The object key.")
    String key;

    @Mixin
    AccessKeyOptions keys;

    @Mixin
    VodOptions vod;

    @Mixin
    MediaOptions media;

    @Option(names = "--type", paramLabel = "TYPE", converter = Converters.MediaTypeConverter.class,
            description = "video, image or attached (default: by extension).")
    MediaType type;

    @Option(names = "--transport", paramLabel = "NAME", converter = Converters.TransportConverter.class,
            description = "http (default) or oss.")
    Transport transport;

    @Option(names = "--signature", paramLabel = "VERSION", converter = Converters.SignatureConverter.class,
            description = "v1 or v4 (default: v4 when the region is known, else v1).")
    SignatureVersion signature;

    @Option(names = "--region", paramLabel = "REGION", description = "The OSS region (cn-shanghai, ...); selects signature v4.")
    String region;

    @Option(names = "--path-style", description = "Path-style addressing (automatic for IP-literal and localhost endpoints).")
    boolean pathStyle;

    @Option(names = "--part-size", paramLabel = "SIZE", converter = Converters.ByteSizeConverter.class,
            description = "Part size: bytes, or with KiB/MiB/GiB, 100KiB..5GiB (default 8MiB).")
    Long partSize;

    @Option(names = "--parallel", paramLabel = "N", description = "Parts in flight at once (default ${DEFAULT-VALUE}).",
            defaultValue = "4")
    int parallel;

    @Option(names = "--max-retries", paramLabel = "N", description = "Retries of a failing request (default ${DEFAULT-VALUE}).",
            defaultValue = "4")
    int maxRetries;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Connect and response timeout of one request (default ${DEFAULT-VALUE}).",
            defaultValue = "60")
    int timeoutSeconds;

    @Mixin
    CheckpointDirOption checkpointDir;

    @Option(names = "--no-resume", description = "Start afresh even when a checkpoint of this upload exists.")
    boolean noResume;

    @Option(names = "--verify-source",
            description = "Read the file again once every byte is stored and compare its CRC-64 with the object's (reads the file twice).")
    boolean verifySource;

    @Option(names = "--require-crc64",
            description = "Fail (CrcUnavailable) when the storage reports no CRC-64, instead of verifying by Content-MD5.")
    boolean requireCrc64;

    @Option(names = "--auth-command", paramLabel = "CMD",
            description = "Run with sh -c when the token expires; its stdout is a fresh base64 UploadAuth (or the JSON itself).")
    String authCommand;

    @Mixin
    GlobalOptions global;

    private final CliEnvironment env;
    private final UploadRunner runner;

    @Inject
    UploadCommand(CliEnvironment env, UploadRunner runner) {
        this.env = env;
        this.runner = runner;
    }

    @Override
    public Integer call() {
        SecretFlags.warn(spec, env.err());
        return runner.run(options());
    }

    /**
     * The parsed flags as one immutable, checked value; each check happens here, once, in the order the
     * user meets them: the file, the numbers, the target form.
     *
     * @throws CliException (exit 2) naming the first bad value
     */
    UploadOptions options() {
        Path absolute = checkedFile();
        UploadConfig config = config();
        if (timeoutSeconds < 1) {
            throw CliException.usage("--timeout must be a positive number of seconds: " + timeoutSeconds);
        }
        AccessKeys accessKeys = keys.value();
        VodLocation vodLocation = vod.value();
        MediaFields mediaFields = media.value();
        TargetForm form = targetForm(accessKeys, vodLocation, mediaFields);
        return new UploadOptions(absolute, file, form, Optional.ofNullable(store), Optional.ofNullable(uploadAddress),
                Optional.ofNullable(uploadAuth), Optional.ofNullable(endpoint), Optional.ofNullable(bucket),
                Optional.ofNullable(key), accessKeys, vodLocation, mediaFields,
                type != null ? type : MediaType.byExtension(absolute), Optional.ofNullable(transport),
                signature != null ? signature : SignatureVersion.AUTO,
                region == null || region.isBlank() ? Optional.empty() : Optional.of(region.trim()), pathStyle, config,
                Duration.ofSeconds(timeoutSeconds), checkpointDir.resolve(env), !noResume,
                Optional.ofNullable(authCommand), global.json(), global.quiet());
    }

    /**
     * The domain's config from {@code --part-size}, {@code --parallel} and {@code --max-retries}. The part
     * size and parallelism are checked by {@link UploadConfig} alone; this only words its refusal in terms
     * of the flag. {@code --max-retries} has a ceiling of the command's own (the domain has none).
     */
    private UploadConfig config() {
        UploadConfig.Builder b = UploadConfig.builder().resume(true)
                // a command has no one else to ask for credentials: when its provider has none, stop waiting
                .credentialsTimeout(NO_CREDENTIALS_WAIT);
        if (partSize != null) {
            try {
                b.partSize(partSize).build();
            } catch (InvalidUploadException e) {
                throw CliException.usage(partSize < UploadConfig.MIN_PART_SIZE
                        ? "--part-size is below 100 KiB: " + partSize : "--part-size is above 5 GiB: " + partSize);
            }
        }
        try {
            b.parallelism(parallel).build();
        } catch (InvalidUploadException e) {
            throw CliException.usage("--parallel must be 1.." + UploadConfig.MAX_PARALLELISM + ": " + parallel);
        }
        if (maxRetries < 0 || maxRetries > MAX_RETRIES) {
            throw CliException.usage("--max-retries must be 0.." + MAX_RETRIES + ": " + maxRetries);
        }
        return b.retryPolicy(new RetryPolicy(maxRetries + 1, RetryPolicy.DEFAULT.baseDelay(),
                RetryPolicy.DEFAULT.maxDelay())).verifySource(verifySource).requireCrc64(requireCrc64).build();
    }

    /**
     * Which target form the flags name.
     *
     * @throws CliException (exit 2) naming the conflicting flags when they name more than one
     */
    private TargetForm targetForm(AccessKeys accessKeys, VodLocation vodLocation, MediaFields mediaFields) {
        List<String> forms = new ArrayList<>();
        List<TargetForm> chosen = new ArrayList<>();
        if (store != null) {
            forms.add("--store");
            chosen.add(TargetForm.LOCAL);
        }
        if (uploadAddress != null || uploadAuth != null) {
            forms.add(uploadAddress != null ? "--upload-address" : "--upload-auth");
            chosen.add(TargetForm.TICKET);
        }
        if (endpoint != null || bucket != null || key != null) {
            forms.add(endpoint != null ? "--endpoint" : bucket != null ? "--bucket" : "--key");
            chosen.add(TargetForm.OSS);
        }
        if (vodLocation.given()) {
            forms.add(vodLocation.region().isPresent() ? "--vod-region" : "--vod-endpoint");
            chosen.add(TargetForm.VOD);
        }
        if (chosen.size() > 1) {
            throw CliException.usage("conflicting targets: " + String.join(" and ", forms)
                    + " name different targets; give exactly one of --store DIR, --upload-address/--upload-auth, "
                    + "--endpoint/--bucket/--key, --vod-region");
        }
        TargetForm form = chosen.isEmpty() ? TargetForm.LOCAL : chosen.get(0);
        if (form != TargetForm.VOD && !mediaFields.flagsGiven().isEmpty()) {
            throw CliException.usage(String.join(", ", mediaFields.flagsGiven()) + " only go with the --vod-region target");
        }
        if ((form == TargetForm.LOCAL || form == TargetForm.TICKET) && accessKeys.anyFlag()) {
            throw CliException.usage(String.join(", ", accessKeys.flagsGiven())
                    + " only go with the --endpoint or --vod-region targets");
        }
        if (form == TargetForm.LOCAL && authCommand != null) {
            throw CliException.usage("--auth-command has nothing to refresh with the local store");
        }
        return form;
    }

    /**
     * The file to upload, absolute.
     *
     * @throws CliException (exit 2) when it is missing, a directory or unreadable
     */
    private Path checkedFile() {
        Path p = env.resolve(file);
        if (!Files.exists(p)) {
            throw new CliException(Exit.USAGE, "FileNotFound", "no such file: " + file);
        }
        if (Files.isDirectory(p)) {
            throw new CliException(Exit.USAGE, "FileIsDirectory", "is a directory, not a file: " + file);
        }
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new CliException(Exit.USAGE, "FileNotReadable", "cannot read file: " + file);
        }
        return p;
    }
}
