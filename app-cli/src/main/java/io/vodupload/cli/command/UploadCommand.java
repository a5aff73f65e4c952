package io.vodupload.cli.command;

import io.vodupload.cli.CliEnvironment;
import io.vodupload.cli.CliException;
import io.vodupload.cli.Exit;
import io.vodupload.cli.options.AccessKeys;
import io.vodupload.cli.options.ByteSize;
import io.vodupload.cli.options.ConfigFile;
import io.vodupload.cli.options.MediaFields;
import io.vodupload.cli.options.MediaType;
import io.vodupload.cli.options.TargetForm;
import io.vodupload.cli.options.Transport;
import io.vodupload.cli.options.UploadOptions;
import io.vodupload.cli.options.VodLocation;
import io.vodupload.cli.upload.DryRun;
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

    @Option(names = "--key", paramLabel = "KEY",
            description = "The object key: in the OSS bucket, or in the local store (default: FILE's name).")
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

    /** As typed, so that a refusal can echo it; parsed by {@link ByteSize} in {@link #config()}. */
    @Option(names = "--part-size", paramLabel = "SIZE",
            description = "Part size: bytes, or with K/M/G (KB/MB/GB, KiB/MiB/GiB: all binary; 1.5GiB), 100KiB..5GiB (default 8MiB).")
    String partSize;

    @Option(names = "--parallel", paramLabel = "N", description = "Parts in flight at once, fixed (default: adaptive, 4 up to 16).")
    Integer parallel;

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

    @Option(names = "--overwrite",
            description = "Replace an object of the local store that differs from FILE (OSS targets always overwrite).")
    boolean overwrite;

    @Option(names = "--skip-existing",
            description = "OSS targets: skip FILE when the object at the key has its size and CRC-64 (the local store always does).")
    boolean skipExisting;

    @Option(names = "--verify-source",
            description = "Read the file again once every byte is stored and compare its CRC-64 with the object's (reads the file twice).")
    boolean verifySource;

    @Option(names = "--require-crc64",
            description = "Fail (CrcUnavailable) when the storage reports no CRC-64, instead of verifying by Content-MD5.")
    boolean requireCrc64;

    @Option(names = "--auth-command", paramLabel = "CMD",
            description = "Run with sh -c when the token expires; its stdout is a fresh base64 UploadAuth (or the JSON itself).")
    String authCommand;

    @Option(names = "--dry-run",
            description = "Say what would go where (sizes, target, part plan, credentials' source) and stop: nothing is sent, no checkpoint is written.")
    boolean dryRun;

    @Mixin
    GlobalOptions global;

    private final CliEnvironment env;
    private final UploadRunner runner;
    private final DryRun dryRunner;

    @Inject
    UploadCommand(CliEnvironment env, UploadRunner runner, DryRun dryRunner) {
        this.env = env;
        this.runner = runner;
        this.dryRunner = dryRunner;
    }

    @Override
    public Integer call() {
        SecretFlags.warn(spec, env.err());
        UploadOptions options = options();
        return dryRun ? dryRunner.run(options) : runner.run(options);
    }

    /**
     * The parsed flags as one immutable, checked value; each check happens here, once, in the order the
     * user meets them: the file, the numbers, the target form.
     *
     * @throws CliException (exit 2) naming the first bad value
     */
    UploadOptions options() {
        Path absolute = checkedFile();
        ConfigFile defaults = ConfigFile.load(env);
        UploadConfig config = config(defaults);
        if (timeoutSeconds < 1) {
            throw CliException.usage("--timeout must be a positive number of seconds: " + timeoutSeconds);
        }
        AccessKeys accessKeys = keys.value();
        VodLocation vodLocation = vod.value();
        MediaFields mediaFields = media.value();
        TargetForm form = targetForm(accessKeys, vodLocation, mediaFields);
        // the config file's defaults, below the flags, for the targets they describe
        Optional<String> endpointOrDefault = Optional.ofNullable(endpoint)
                .or(() -> form == TargetForm.OSS ? defaults.endpoint() : Optional.empty());
        Optional<String> regionOrDefault = region == null || region.isBlank()
                ? (form == TargetForm.OSS ? defaults.region() : Optional.empty()) : Optional.of(region.trim());
        Optional<Transport> transportOrDefault = Optional.ofNullable(transport)
                .or(() -> form == TargetForm.LOCAL ? Optional.empty() : defaults.transport());
        return new UploadOptions(absolute, file, form, Optional.ofNullable(store), Optional.ofNullable(uploadAddress),
                Optional.ofNullable(uploadAuth), endpointOrDefault, Optional.ofNullable(bucket),
                Optional.ofNullable(key), accessKeys, vodLocation, mediaFields,
                type != null ? type : MediaType.byExtension(absolute), transportOrDefault,
                signature != null ? signature : SignatureVersion.AUTO, regionOrDefault, pathStyle, config,
                Duration.ofSeconds(timeoutSeconds), checkpointDir.resolve(env), !noResume, overwrite, skipExisting,
                Optional.ofNullable(authCommand), global.json(), global.quiet());
    }

    /**
     * The domain's config from {@code --part-size}, {@code --parallel} and {@code --max-retries}, else the
     * config file's defaults. The part size and parallelism are checked by {@link UploadConfig} alone; this
     * only words its refusal in terms of the flag (or the file's field), echoing the value as written.
     * {@code --max-retries} has a ceiling of the command's own (the domain has none).
     */
    private UploadConfig config(ConfigFile defaults) {
        String partSize = this.partSize != null ? this.partSize : defaults.partSize().orElse(null);
        String partSizeName = this.partSize != null ? "--part-size" : "partSize in " + ConfigFile.SHOWN;
        // not given anywhere: the domain's default, 4 growing to 16 while the throughput rises
        Integer parallel = this.parallel != null ? this.parallel : defaults.parallel().orElse(null);
        String parallelName = this.parallel != null ? "--parallel" : "parallel in " + ConfigFile.SHOWN;
        UploadConfig.Builder b = UploadConfig.builder().resume(true)
                // a command has no one else to ask for credentials: when its provider has none, stop waiting
                .credentialsTimeout(NO_CREDENTIALS_WAIT);
        if (partSize != null) {
            long bytes;
            try {
                bytes = ByteSize.parse(partSize);
            } catch (IllegalArgumentException e) {
                throw CliException.usage(partSizeName + ": " + e.getMessage());
            }
            try {
                b.partSize(bytes).build();
            } catch (InvalidUploadException e) {
                // the domain decides; the refusal echoes the size as the user typed it
                throw CliException.usage(partSizeName + (this.partSize != null ? " " : ": ") + partSize.strip()
                        + (bytes < UploadConfig.MIN_PART_SIZE ? " is below 100 KiB" : " is above 5 GiB"));
            }
        }
        if (parallel != null) {
            try {
                b.parallelism(parallel).build();
            } catch (InvalidUploadException e) {
                throw CliException.usage(parallelName + " must be 1.." + UploadConfig.MAX_PARALLELISM + ": "
                        + parallel);
            }
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
        // --key names the object in the local store too: it makes an OSS target only with --endpoint or --bucket
        if (endpoint != null || bucket != null) {
            forms.add(endpoint != null ? "--endpoint" : "--bucket");
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
        if (key != null && (form == TargetForm.TICKET || form == TargetForm.VOD)) {
            throw CliException.usage("conflicting targets: " + forms.get(0) + " and --key name different targets;"
                    + " the key comes from " + (form == TargetForm.TICKET ? "the UploadAddress" : "VOD"));
        }
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
