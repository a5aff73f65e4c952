package io.vodupload.cli.upload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vodupload.cli.CliEnvironment;
import io.vodupload.cli.CliException;
import io.vodupload.cli.Exit;
import io.vodupload.cli.options.AccessKeys;
import io.vodupload.cli.options.ByteSize;
import io.vodupload.cli.options.MediaType;
import io.vodupload.cli.options.Transport;
import io.vodupload.cli.options.UploadOptions;
import io.vodupload.domain.InvalidUploadException;
import io.vodupload.domain.UploadPlan;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.TicketFormatException;
import io.vodupload.ports.UploadTicket;
import io.vodupload.ports.UploadTicketDecoder;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code vodupload upload --dry-run}: says what the upload would do and stops. It checks what can be
 * checked without the network (the file, the flags, the ticket, where the credentials would come from) and
 * prints the file and its size, where it would go, the part plan (part size, part count, parallel) and the
 * checkpoint directory, and the object's metadata (content type, {@code x-oss-*} headers). Nothing is sent, no store is created, no checkpoint is written; for
 * {@code --vod-region} it says which Create call would be made, since the address only exists after it.
 * With {@code --json}, one {@code {"event":"dryRun",...}} line instead.
 */
public final class DryRun {

    private final CliEnvironment env;
    private final Clock clock;
    private final UploadTicketDecoder decoder;
    private final ObjectMapper mapper;

    @Inject
    DryRun(CliEnvironment env, Clock clock, UploadTicketDecoder decoder, ObjectMapper mapper) {
        this.env = env;
        this.clock = clock;
        this.decoder = decoder;
        this.mapper = mapper;
    }

    /** Prints the plan for {@code o}; returns exit 0, or throws the same usage errors the upload would. */
    public int run(UploadOptions o) {
        long size;
        try {
            size = Files.size(o.file());
        } catch (IOException e) {
            throw new CliException(Exit.USAGE, "FileNotReadable", "cannot read file: " + o.fileAsGiven());
        }
        UploadPlan plan;
        try {
            plan = UploadPlan.of(size, o.config());
        } catch (InvalidUploadException e) {
            throw new CliException(Exit.USAGE, e.errorCode().code(), e.getMessage());
        }
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("file", o.fileAsGiven() + " (" + ByteSize.format(size) + ", " + size + " bytes)");
        where(o, lines);
        lines.put("object", o.object().describe(o.file().getFileName().toString()));
        lines.put("plan", plan.singlePut() ? "one PutObject (the file fits in one part; part size "
                + ByteSize.format(plan.partSize()) + ")"
                : plan.partCount() + " parts, part size " + ByteSize.format(plan.partSize())
                + (plan.partSizeAdjusted() ? " (raised to stay within 10,000 parts)" : "") + ", parallel "
                + (o.config().adaptive() ? "adaptive, " + o.parallel() + " up to " + o.config().maxParallelism()
                        : String.valueOf(o.parallel())));
        lines.put("checkpoint", "checkpoints in " + o.checkpointDir() + " (none written by a dry run)");
        if (o.json()) {
            ObjectNode event = mapper.createObjectNode().put("event", "dryRun").put("file", o.file().toString())
                    .put("size", size).put("partSize", plan.partSize()).put("partCount", plan.partCount())
                    .put("singlePut", plan.singlePut()).put("parallel", o.parallel());
            lines.forEach(event::put);
            try {
                env.out().println(mapper.writeValueAsString(event));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        } else {
            env.out().println("dry run: nothing is sent and no checkpoint is written");
            lines.forEach((name, text) -> env.out().println(String.format("%-10s %s", name, text)));
        }
        env.out().flush();
        return Exit.OK;
    }

    private void where(UploadOptions o, Map<String, String> lines) {
        String name = o.file().getFileName().toString();
        switch (o.form()) {
            case OSS: {
                if (o.endpoint().isEmpty() || o.bucket().isEmpty() || o.key().isEmpty()) {
                    throw CliException.usage("the OSS target needs --endpoint, --bucket and --key");
                }
                StorageTarget target;
                try {
                    target = new StorageTarget(StorageTarget.parseEndpoint(o.endpoint().get()), o.bucket().get(),
                            o.key().get(), o.region());
                } catch (IllegalArgumentException e) {
                    throw CliException.usage(e.getMessage());
                }
                lines.put("target", target.displayName() + " at " + target.endpoint() + " over "
                        + o.transport().orElse(Transport.HTTP).flagValue());
                AccessKeys.Resolved keys = o.keys().resolveWithSource(env, "the OSS target (--endpoint)");
                lines.put("credentials", "AccessKey " + keys.credentials().accessKeyId() + " from " + keys.source());
                return;
            }
            case TICKET: {
                String auth = o.uploadAuth().or(() -> env.variable(UploadOptions.ENV_UPLOAD_AUTH)).orElseThrow(() ->
                        CliException.usage("--upload-address needs --upload-auth (or $" + UploadOptions.ENV_UPLOAD_AUTH + ")"));
                if (o.uploadAddress().isEmpty()) {
                    throw CliException.usage("--upload-auth needs --upload-address");
                }
                try {
                    StorageTarget target = UploadTicket.decode(decoder, o.uploadAddress().get().trim(), auth.trim(),
                            clock.instant(), o.region()).target();
                    lines.put("target", target.displayName() + " at " + target.endpoint() + " over "
                            + o.transport().orElse(Transport.HTTP).flagValue() + " (VOD's upload address)");
                } catch (TicketFormatException e) {
                    throw CliException.usage("--upload-address/--upload-auth: " + e.getMessage());
                }
                return;
            }
            case VOD: {
                String action = o.type() == MediaType.IMAGE ? "CreateUploadImage"
                        : o.type() == MediaType.ATTACHED ? "CreateUploadAttachedMedia" : "CreateUploadVideo";
                String endpoint = o.vod().endpoint().orElse("https://vod." + o.vod().region().orElse("REGION")
                        + ".aliyuncs.com");
                lines.put("target", "a new VOD upload: a " + action + " call to " + endpoint
                        + " would give the address (not made by a dry run)"
                        + o.media().title().map(t -> "; title '" + t + "'").orElse(""));
                AccessKeys.Resolved keys = o.keys().resolveWithSource(env, "VOD (--vod-region)");
                lines.put("credentials", "AccessKey " + keys.credentials().accessKeyId() + " from " + keys.source());
                return;
            }
            case LOCAL:
            default: {
                Path root = o.store().map(env::resolve).orElse(env.workingDir().resolve(UploadOptions.DEFAULT_STORE));
                lines.put("target", "the local store " + root + ", object media/" + o.key().orElse(name));
            }
        }
    }
}
