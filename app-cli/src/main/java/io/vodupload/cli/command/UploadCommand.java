package io.vodupload.cli.command;

import io.vodupload.cli.CliEnvironment;
import io.vodupload.cli.CliException;
import io.vodupload.cli.Exit;
import io.vodupload.cli.options.AccessKeys;
import io.vodupload.cli.options.ByteSize;
import io.vodupload.cli.options.ConfigFile;
import io.vodupload.cli.options.MediaFields;
import io.vodupload.cli.options.MediaType;
import io.vodupload.cli.options.ObjectFields;
import io.vodupload.cli.options.TargetForm;
import io.vodupload.cli.options.Transport;
import io.vodupload.cli.options.StreamOptions;
import io.vodupload.cli.options.UploadOptions;
import io.vodupload.cli.upload.SourceArguments;
import io.vodupload.ports.StreamSource;
import io.vodupload.cli.options.VodLocation;
import io.vodupload.cli.batch.BatchLauncher;
import io.vodupload.cli.batch.BatchRequest;
import io.vodupload.cli.batch.FileSelector;
import io.vodupload.cli.upload.DryRun;
import io.vodupload.cli.upload.UploadRunner;
import io.vodupload.domain.InvalidUploadException;
import io.vodupload.domain.RetryPolicy;
import io.vodupload.domain.UploadConfig;
import io.vodupload.ports.SignatureVersion;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import picocli.CommandLine;
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
import java.util.OptionalLong;
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
 * <p>Several PATHs, a directory, or {@code --queue}/{@code --submit-only} make a batch instead:
 * {@link #batchRequest()} checks the flags and {@link BatchLauncher} runs it (docs/batches.md). One FILE
 * keeps the single-file path above, which loads nothing of the batch queue.
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
            "                        [--title TITLE] [options]",
            "  vodupload upload - --key KEY [--size SIZE] [target] [options]   (standard input)",
            "  vodupload upload https://HOST/PATH [--key KEY] [target] [options]   (a URL, streamed)",
            "  vodupload upload PATH... [-r] [--include GLOB]... [--exclude GLOB]... [--key-prefix P]",
            "                        [--jobs N] [--max-connections N] [--queue JDBC_URL [--submit-only]]",
            "                        [target] [options]",
            ""
        },
        description = "Upload FILE in resumable, CRC-64-verified parts to exactly one target: the embedded local "
                + "store (default), VOD upload credentials, an OSS bucket, or a VOD region. Several files, or "
                + "directories with -r, are a batch: the same command again continues it.")
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

    @Parameters(paramLabel = "PATH", arity = "1..*",
            description = "The file to upload, - for standard input, or an http(s) URL; or several files and (with -r) directories: a batch.")
    List<Path> paths;

    /** The first PATH: the one file of a single-file upload. */
    Path file;

    @Option(names = {"-r", "--recursive"}, description = "Upload the files under directory arguments.")
    boolean recursive;

    @Option(names = "--include", paramLabel = "GLOB",
            description = "Only files whose path relative to their directory argument matches (* within a name, ** across directories). Repeatable.")
    List<String> includes = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "GLOB", description = "Leave out files that match; wins over --include. Repeatable.")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--include-hidden", description = "Also upload hidden files and directories (names starting with .) and follow symlinked directories.")
    boolean includeHidden;

    @Option(names = "--key-prefix", paramLabel = "P",
            description = "Put P in front of each key (the path relative to the directory argument, or a file's name); literal, so give the slash: photos/.")
    String keyPrefix;

    @Option(names = "--jobs", paramLabel = "N", description = "Files at once, 1..64 (default 2).")
    Integer jobs;

    @Option(names = "--max-connections", paramLabel = "N",
            description = "Connections across the whole batch, whatever jobs x parallel says (default 16).")
    Integer maxConnections;

    @Option(names = "--queue", paramLabel = "JDBC_URL",
            description = "The batch queue's database (default: $VODUPLOAD_QUEUE, else <checkpoint dir>/batches.db); jdbc:postgresql://... lets workers on other machines share the batch.")
    String queue;

    @Option(names = "--submit-only", description = "With --queue: enqueue the batch, print its id, and leave the work to `vodupload worker`.")
    boolean submitOnly;

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

    /** As typed, so that a refusal can echo it; parsed by {@link ByteSize}. */
    @Option(names = "--size", paramLabel = "SIZE",
            description = "With - (standard input): its length, when known (bytes, or K/M/G like --part-size); a stream of another length fails StreamSizeMismatch.")
    String size;

    @Mixin
    AccessKeyOptions keys;

    @Mixin
    VodOptions vod;

    @Mixin
    MediaOptions media;

    @Mixin
    ObjectOptions object;

    @Option(names = "--type", paramLabel = "TYPE", converter = Converters.MediaTypeConverter.class,
            description = "video, image, attached or m3u8 (an HLS package: the playlist and every file it references; default: by extension).")
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

    /** The default of {@code --jobs}. */
    static final int DEFAULT_JOBS = 2;
    /** The most {@code --jobs}. */
    static final int MAX_JOBS = 64;
    /** The default of {@code --max-connections}. */
    static final int DEFAULT_MAX_CONNECTIONS = 16;
    /** The most {@code --max-connections}. */
    static final int MAX_CONNECTIONS = 1024;

    private final CliEnvironment env;
    // providers: the wiring behind them is built when the command runs, not for --help or a usage error
    private final Provider<UploadRunner> runner;
    private final Provider<DryRun> dryRunner;
    private final Provider<BatchLauncher> batches;

    @Inject
    UploadCommand(CliEnvironment env, Provider<UploadRunner> runner, Provider<DryRun> dryRunner,
                  Provider<BatchLauncher> batches) {
        this.env = env;
        this.runner = runner;
        this.dryRunner = dryRunner;
        this.batches = batches;
    }

    @Override
    public Integer call() {
        SecretFlags.warn(spec, env.err());
        file = paths.get(0);
        // as typed: a Path would fold a URL's "//" and resolve it against the working directory
        List<String> typed = typedPaths();
        Optional<String> streamed = typed.stream().filter(SourceArguments::isStream).findFirst();
        if (streamed.isPresent()) {
            if (typed.size() > 1 || queue != null || submitOnly) {
                throw CliException.usage(SourceArguments.shown(streamed.get())
                        + " is one upload: give it alone, not in a batch");
            }
            file = Path.of(SourceArguments.STANDARD_INPUT); // a stream's options name no file
            return runner.get().run(streamOptions(streamed.get()));
        }
        if (size != null) {
            throw CliException.usage("--size goes with - (standard input); a FILE has its own size");
        }
        if (isBatch() || isPackage()) {
            return batches.get().upload(batchRequest());
        }
        UploadOptions options = options();
        return dryRun ? dryRunner.get().run(options) : runner.get().run(options);
    }

    /**
     * The PATH arguments as typed (after {@code @file} expansion), before picocli made them {@link Path}s,
     * which would turn {@code https://h/a} into {@code https:/h/a}.
     */
    private List<String> typedPaths() {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        if (parsed != null) {
            for (CommandLine.Model.PositionalParamSpec positional : parsed.matchedPositionals()) {
                List<String> typed = positional.originalStringValues();
                if (positional.paramLabel().equals("PATH") && typed.size() == paths.size()) {
                    return List.copyOf(typed);
                }
            }
        }
        return paths.stream().map(Path::toString).toList();
    }

    /**
     * Whether this is a batch: several PATHs, a directory, or a queue asked for. One FILE keeps the
     * single-file upload exactly as it was: no queue, no database.
     */
    private boolean isBatch() {
        return paths.size() > 1 || Files.isDirectory(env.resolve(file)) || queue != null || submitOnly;
    }

    /**
     * Whether the one FILE is an HLS package (docs/sources.md): {@code --type m3u8}, or a {@code .m3u8} name
     * without another {@code --type}. It uploads through the batch queue, its files in parallel, as one unit.
     */
    private boolean isPackage() {
        if (paths.size() != 1 || type != null && type != MediaType.M3U8) {
            return false;
        }
        Path absolute = env.resolve(file);
        return Files.isRegularFile(absolute) && (type == MediaType.M3U8
                || absolute.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".m3u8"));
    }

    /**
     * The checked request of a batch.
     *
     * @throws CliException (exit 2) naming the first bad value
     */
    BatchRequest batchRequest() {
        boolean lonePackage = !isBatch() && isPackage();
        if (dryRun) {
            throw CliException.usage(lonePackage
                    ? "--dry-run takes one plain FILE, not an HLS package (give --type video to plan the playlist alone)"
                    : "--dry-run takes one FILE, not a batch");
        }
        if (type == MediaType.M3U8 && !lonePackage) {
            throw CliException.usage("--type m3u8 names one playlist FILE; in a batch, playlists are found by their"
                    + " .m3u8 names");
        }
        int jobCount = jobs != null ? jobs : DEFAULT_JOBS;
        if (jobCount < 1 || jobCount > MAX_JOBS) {
            throw CliException.usage("--jobs must be 1.." + MAX_JOBS + ": " + jobCount);
        }
        int connections = maxConnections != null ? maxConnections : DEFAULT_MAX_CONNECTIONS;
        if (connections < 1 || connections > MAX_CONNECTIONS) {
            throw CliException.usage("--max-connections must be 1.." + MAX_CONNECTIONS + ": " + connections);
        }
        UploadOptions template = options(env.resolve(file), true);
        if (template.form() == TargetForm.TICKET && !lonePackage) {
            throw CliException.usage("--upload-address/--upload-auth name one object: give one FILE"
                    + " (several files go to --endpoint/--bucket, --vod-region or the local store)");
        }
        if (template.form() == TargetForm.OSS && (template.endpoint().isEmpty() || template.bucket().isEmpty())) {
            throw CliException.usage("the OSS target needs --endpoint and --bucket; missing "
                    + (template.endpoint().isEmpty() ? "--endpoint" : "--bucket"));
        }
        // no AccessKey: exit 2 before any file (a submitter needs none: each worker brings its own)
        if (template.form() == TargetForm.OSS && !submitOnly) {
            template.keys().resolve(env, "the OSS target (--endpoint)");
        } else if (template.form() == TargetForm.VOD && !submitOnly) {
            template.vod().settings(template.keys(), env, template.timeout());
        } else if (template.form() == TargetForm.LOCAL && template.transport().isPresent()) {
            throw CliException.usage("--transport " + template.transport().get().flagValue()
                    + " applies to OSS targets, not the embedded local store");
        }
        FileSelector.Builder selector = FileSelector.builder().recursive(recursive).includeHidden(includeHidden)
                .keyPrefix(keyPrefix).key(key).workingDirectory(env.workingDir())
                .checkpointDirectory(template.checkpointDir());
        includes.forEach(selector::include);
        excludes.forEach(selector::exclude);
        template.store().ifPresent(selector::storeDirectory);
        List<Path> absolute = paths.stream().map(env::resolve).toList();
        return new BatchRequest(absolute, paths, template, Optional.ofNullable(type), Optional.ofNullable(keyPrefix),
                selector.build(), jobCount, connections, Optional.ofNullable(queue), submitOnly, lonePackage);
    }

    /**
     * The checked request of {@code upload -}: the options of any upload, with the key from {@code --key}
     * (or the source's own name), and {@code --size}. The flags that need a file to read twice or before
     * the upload are refused.
     *
     * @throws CliException (exit 2) naming the first bad value
     */
    StreamOptions streamOptions(String argument) {
        OptionalLong length = OptionalLong.empty();
        if (size != null) {
            try {
                length = OptionalLong.of(ByteSize.parse(size));
            } catch (IllegalArgumentException e) {
                throw CliException.usage("--size: " + e.getMessage());
            }
        }
        String shown = argument.equals(SourceArguments.STANDARD_INPUT) ? "standard input"
                : SourceArguments.shown(argument);
        for (String flag : List.of(verifySource ? "--verify-source" : "", skipExisting ? "--skip-existing" : "",
                dryRun ? "--dry-run" : "", recursive ? "-r" : "")) {
            if (!flag.isEmpty()) {
                throw CliException.usage(flag + " needs a FILE: " + shown + " is read once");
            }
        }
        UploadOptions o = options(env.resolve(file), false);
        StreamSource source = SourceArguments.stream(argument, o.timeout(),
                o.config().retryPolicy().maxAttempts() - 1).orElseThrow();
        String form = argument.equals(SourceArguments.STANDARD_INPUT) ? "upload -" : "upload URL";
        Optional<String> name = Optional.ofNullable(key).or(source::fileName);
        if ((o.form() == TargetForm.LOCAL || o.form() == TargetForm.OSS) && name.isEmpty()) {
            throw CliException.usage(form + " needs --key KEY: " + source.describe() + " has no file name");
        }
        if (o.form() == TargetForm.VOD) {
            // VOD names the object; its create call needs the source's file name with an extension
            Optional<String> fileName = source.fileName()
                    .filter(n -> n.indexOf('\0') < 0 && MediaType.extension(java.nio.file.Path.of(n)).isPresent());
            if (fileName.isEmpty()) {
                throw CliException.usage(form + " to --vod-region needs a file name with an extension for VOD's"
                        + " create call, and " + source.describe() + " has none: run create-upload and give its"
                        + " UploadAddress and UploadAuth with --upload-address/--upload-auth");
            }
            // the title and --type's default come from the source's file name, as a file's do from its name
            file = java.nio.file.Path.of(fileName.get());
            return new StreamOptions(options(env.resolve(file), false).withKey(fileName), source, length);
        }
        return new StreamOptions(o.withKey(name), source, length);
    }

    /**
     * The parsed flags as one immutable, checked value; each check happens here, once, in the order the
     * user meets them: the file, the numbers, the target form.
     *
     * @throws CliException (exit 2) naming the first bad value
     */
    UploadOptions options() {
        return options(checkedFile(), false);
    }

    /**
     * @param absolute the file (for a batch: the first PATH, which may be a directory)
     * @param batch    whether these are a batch's options: the local store's directory is made absolute
     *                 (its files are told never to be uploaded, and the settings name it), the title is
     *                 left for each file to default, and the key comes from each file
     */
    private UploadOptions options(Path absolute, boolean batch) {
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
        Optional<Path> storeDir = Optional.ofNullable(store);
        if (batch && form == TargetForm.LOCAL) {
            storeDir = Optional.of(store != null ? env.resolve(store) : env.workingDir().resolve(UploadOptions.DEFAULT_STORE));
        }
        Optional<String> singleKey = Optional.ofNullable(key)
                .or(() -> Optional.ofNullable(keyPrefix).map(p -> p + absolute.getFileName()));
        return new UploadOptions(absolute, file, form, storeDir, Optional.ofNullable(uploadAddress),
                Optional.ofNullable(uploadAuth), endpointOrDefault, Optional.ofNullable(bucket),
                batch ? Optional.empty() : singleKey, accessKeys, vodLocation,
                form == TargetForm.VOD && !batch ? mediaFields.withTitleIfAbsent(MediaFields.defaultTitle(absolute))
                        : mediaFields,
                objectFields(form), type != null ? type : MediaType.byExtension(absolute), transportOrDefault,
                signature != null ? signature : SignatureVersion.AUTO, regionOrDefault, pathStyle, config,
                Duration.ofSeconds(timeoutSeconds), checkpointDir.resolve(env), !noResume, overwrite, skipExisting,
                Optional.ofNullable(authCommand), global.json(), global.quiet());
    }

    /**
     * The object metadata flags, checked. VOD owns its media's storage class and access (its own APIs
     * change them), so {@code --storage-class} and {@code --acl} are refused for its targets.
     */
    private ObjectFields objectFields(TargetForm form) {
        ObjectFields fields = object.value();
        if ((form == TargetForm.TICKET || form == TargetForm.VOD)
                && (fields.storageClass().isPresent() || fields.acl().isPresent())) {
            throw CliException.usage((fields.storageClass().isPresent() ? "--storage-class" : "--acl")
                    + " does not go with a VOD target: VOD manages its media's storage class and access");
        }
        return fields;
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
