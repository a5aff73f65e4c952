package io.vodupload.cli.batch;

import io.vodupload.cli.options.AccessKeys;
import io.vodupload.cli.options.MediaFields;
import io.vodupload.cli.options.MediaType;
import io.vodupload.cli.options.ObjectFields;
import io.vodupload.cli.options.TargetForm;
import io.vodupload.cli.options.Transport;
import io.vodupload.cli.options.UploadOptions;
import io.vodupload.cli.options.VodLocation;
import io.vodupload.domain.RetryPolicy;
import io.vodupload.domain.UploadConfig;
import io.vodupload.ports.SignatureVersion;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A batch's target and upload options in the command's own words, as the string map that is stored with
 * each of its files ({@code BatchSubmission.settings}), and back: a worker on another machine uploads with
 * what was submitted (transport, part size, parallel, ...) and the credentials of its own environment. The
 * map never holds a secret: the AccessKey, the security token and {@code --auth-command} stay in the
 * process that was given them.
 *
 * <p>Also the batch id: the same sources, target and key prefix give the same id, so the same command again
 * continues its batch.
 */
public final class BatchSettings {

    static final String FORM = "form";
    static final String STORE = "store";
    static final String ENDPOINT = "endpoint";
    static final String BUCKET = "bucket";
    static final String REGION = "region";
    static final String TRANSPORT = "transport";
    static final String SIGNATURE = "signature";
    static final String PATH_STYLE = "pathStyle";
    static final String VOD_REGION = "vodRegion";
    static final String VOD_ENDPOINT = "vodEndpoint";
    static final String TYPE = "type";
    static final String PART_SIZE = "partSize";
    static final String PARALLEL = "parallel";
    static final String MAX_RETRIES = "maxRetries";
    static final String TIMEOUT_SECONDS = "timeoutSeconds";
    static final String VERIFY_SOURCE = "verifySource";
    static final String REQUIRE_CRC64 = "requireCrc64";
    static final String RESUME = "resume";
    static final String OVERWRITE = "overwrite";
    static final String SKIP_EXISTING = "skipExisting";
    static final String KEY_PREFIX = "keyPrefix";
    /** The VOD metadata, each as {@code media.<name>}. */
    static final String MEDIA = "media.";
    /** The OSS object metadata: {@code object.contentType}, {@code object.storageClass}, {@code object.acl}, {@code object.meta.<name>}. */
    static final String OBJECT = "object.";

    /** The settings that name where the files go: with the sources, they make the batch id. */
    private static final List<String> TARGET = List.of(FORM, STORE, ENDPOINT, BUCKET, VOD_REGION, VOD_ENDPOINT,
            KEY_PREFIX);

    private BatchSettings() {
    }

    /**
     * The settings of a batch from the command's checked options (whose file and key are the first file's
     * and are not kept).
     *
     * @param o            the options, as for one file
     * @param explicitType {@code --type}, when given (else each file's extension decides)
     * @param keyPrefix    {@code --key-prefix}, when given
     */
    public static Map<String, String> of(UploadOptions o, Optional<MediaType> explicitType, Optional<String> keyPrefix) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put(FORM, o.form().name());
        o.store().ifPresent(p -> s.put(STORE, p.toString()));
        o.endpoint().ifPresent(v -> s.put(ENDPOINT, v));
        o.bucket().ifPresent(v -> s.put(BUCKET, v));
        o.region().ifPresent(v -> s.put(REGION, v));
        o.transport().ifPresent(t -> s.put(TRANSPORT, t.name()));
        s.put(SIGNATURE, o.signature().name());
        s.put(PATH_STYLE, Boolean.toString(o.pathStyle()));
        o.vod().region().ifPresent(v -> s.put(VOD_REGION, v));
        o.vod().endpoint().ifPresent(v -> s.put(VOD_ENDPOINT, v));
        explicitType.ifPresent(t -> s.put(TYPE, t.name()));
        MediaFields m = o.media();
        putMedia(s, "title", m.title());
        putMedia(s, "description", m.description());
        putMedia(s, "tags", m.tags());
        m.cateId().ifPresent(v -> s.put(MEDIA + "cateId", Long.toString(v)));
        putMedia(s, "coverUrl", m.coverUrl());
        putMedia(s, "templateGroupId", m.templateGroupId());
        putMedia(s, "workflowId", m.workflowId());
        putMedia(s, "storageLocation", m.storageLocation());
        putMedia(s, "userData", m.userData());
        putMedia(s, "appId", m.appId());
        putMedia(s, "imageType", m.imageType());
        putMedia(s, "businessType", m.businessType());
        ObjectFields f = o.object();
        f.contentType().ifPresent(v -> s.put(OBJECT + "contentType", v));
        f.meta().forEach((name, v) -> s.put(OBJECT + "meta." + name, v));
        f.storageClass().ifPresent(v -> s.put(OBJECT + "storageClass", v));
        f.acl().ifPresent(v -> s.put(OBJECT + "acl", v));
        UploadConfig c = o.config();
        s.put(PART_SIZE, Long.toString(c.partSize()));
        s.put(PARALLEL, Integer.toString(c.parallelism()));
        s.put(MAX_RETRIES, Integer.toString(c.retryPolicy().maxAttempts() - 1));
        s.put(TIMEOUT_SECONDS, Long.toString(o.timeout().toSeconds()));
        s.put(VERIFY_SOURCE, Boolean.toString(c.verifySource()));
        s.put(REQUIRE_CRC64, Boolean.toString(c.requireCrc64()));
        s.put(RESUME, Boolean.toString(o.resume()));
        s.put(OVERWRITE, Boolean.toString(o.overwrite()));
        s.put(SKIP_EXISTING, Boolean.toString(o.skipExisting()));
        keyPrefix.ifPresent(p -> s.put(KEY_PREFIX, p));
        return s;
    }

    private static void putMedia(Map<String, String> s, String name, Optional<String> value) {
        value.ifPresent(v -> s.put(MEDIA + name, v));
    }

    /** The target form the settings name. */
    public static TargetForm form(Map<String, String> s) {
        return TargetForm.valueOf(require(s, FORM));
    }

    /** The parts in flight per file the batch was submitted with. */
    static int parallel(Map<String, String> s) {
        return Integer.parseInt(require(s, PARALLEL));
    }

    /**
     * The options of one file of the batch.
     *
     * @param s             the batch's settings
     * @param file          the file, absolute
     * @param key           its object key (ignored for VOD, whose key comes from the ticket)
     * @param keys          the AccessKey flags of this process (none for a worker: its environment)
     * @param checkpointDir this process's checkpoint directory
     * @param parallel      parts in flight for this file (the submitted {@code --parallel}, capped by the
     *                      run's connection budget)
     * @param authCommand   {@code --auth-command} of this process, when given
     */
    public static UploadOptions options(Map<String, String> s, Path file, String key, AccessKeys keys,
                                        Path checkpointDir, int parallel, Optional<String> authCommand) {
        TargetForm form = form(s);
        MediaType type = Optional.ofNullable(s.get(TYPE)).map(MediaType::valueOf).orElse(MediaType.byExtension(file));
        MediaFields media = new MediaFields(media(s, "title"), media(s, "description"), media(s, "tags"),
                media(s, "cateId").map(v -> OptionalLong.of(Long.parseLong(v))).orElse(OptionalLong.empty()),
                media(s, "coverUrl"), media(s, "templateGroupId"), media(s, "workflowId"),
                media(s, "storageLocation"), media(s, "userData"), media(s, "appId"), media(s, "imageType"),
                media(s, "businessType"));
        if (form == TargetForm.VOD) {
            media = media.withTitleIfAbsent(MediaFields.defaultTitle(file));
        }
        Map<String, String> meta = new TreeMap<>();
        s.forEach((name, v) -> {
            if (name.startsWith(OBJECT + "meta.")) {
                meta.put(name.substring((OBJECT + "meta.").length()), v);
            }
        });
        ObjectFields object = new ObjectFields(opt(s, OBJECT + "contentType", v -> v), meta,
                opt(s, OBJECT + "storageClass", v -> v), opt(s, OBJECT + "acl", v -> v));
        UploadConfig config = UploadConfig.builder().resume(true)
                .credentialsTimeout(Duration.ofMillis(1))
                .partSize(Long.parseLong(require(s, PART_SIZE)))
                .parallelism(parallel)
                .retryPolicy(new RetryPolicy(Integer.parseInt(require(s, MAX_RETRIES)) + 1,
                        RetryPolicy.DEFAULT.baseDelay(), RetryPolicy.DEFAULT.maxDelay()))
                .verifySource(bool(s, VERIFY_SOURCE)).requireCrc64(bool(s, REQUIRE_CRC64))
                .build();
        return new UploadOptions(file, file, form, opt(s, STORE, Path::of), Optional.empty(), Optional.empty(),
                opt(s, ENDPOINT, v -> v), opt(s, BUCKET, v -> v),
                form == TargetForm.VOD ? Optional.empty() : Optional.of(key), keys,
                new VodLocation(opt(s, VOD_REGION, v -> v), opt(s, VOD_ENDPOINT, v -> v)), media, object, type,
                opt(s, TRANSPORT, Transport::valueOf), SignatureVersion.valueOf(require(s, SIGNATURE)),
                opt(s, REGION, v -> v), bool(s, PATH_STYLE), config,
                Duration.ofSeconds(Long.parseLong(require(s, TIMEOUT_SECONDS))), checkpointDir,
                !s.containsKey(RESUME) || bool(s, RESUME), bool(s, OVERWRITE), bool(s, SKIP_EXISTING), authCommand,
                true, true);
    }

    /**
     * The batch id: the first 16 hex digits of the SHA-256 of the sorted absolute source arguments, the
     * settings that name the target, and the key prefix. The same command again is the same batch.
     */
    public static String batchId(List<Path> absoluteArguments, Map<String, String> settings) {
        StringBuilder text = new StringBuilder();
        absoluteArguments.stream().map(Path::toString).sorted().forEach(p -> text.append("source\0").append(p).append('\0'));
        Map<String, String> target = new TreeMap<>();
        TARGET.forEach(name -> Optional.ofNullable(settings.get(name)).ifPresent(v -> target.put(name, v)));
        target.forEach((k, v) -> text.append(k).append('\0').append(v).append('\0'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** How the settings name where a batch goes, for a person ({@code oss://bucket at endpoint}). */
    public static String describeTarget(Map<String, String> s) {
        switch (form(s)) {
            case OSS:
                return "oss://" + s.getOrDefault(BUCKET, "?") + " at " + s.getOrDefault(ENDPOINT, "?");
            case VOD:
                return "VOD " + s.getOrDefault(VOD_REGION, "?");
            default:
                return s.getOrDefault(STORE, UploadOptions.DEFAULT_STORE);
        }
    }

    private static Optional<String> media(Map<String, String> s, String name) {
        return Optional.ofNullable(s.get(MEDIA + name));
    }

    private static <T> Optional<T> opt(Map<String, String> s, String name, Function<String, T> parse) {
        return Optional.ofNullable(s.get(name)).map(parse);
    }

    private static boolean bool(Map<String, String> s, String name) {
        return Boolean.parseBoolean(s.get(name));
    }

    private static String require(Map<String, String> s, String name) {
        String v = s.get(name);
        if (v == null) {
            throw new IllegalArgumentException("the batch's settings have no " + name
                    + " (submitted by another version of vodupload?)");
        }
        return v;
    }
}
