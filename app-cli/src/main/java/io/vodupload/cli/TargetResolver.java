package io.vodupload.cli;

import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.TicketFormatException;
import io.vodupload.ports.UploadAddress;
import io.vodupload.ports.UploadAuth;
import io.vodupload.ports.UploadTicketDecoder;
import io.vodupload.adapters.vod.VodApiException;
import io.vodupload.adapters.vod.VodUploadApi;
import io.vodupload.adapters.vod.VodUploadTicket;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vodupload.adapters.vod.VodRefreshCredentialsProvider;
import jakarta.inject.Inject;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Turns the upload command's target form into a {@link Target}: the storage adapter (from the module that
 * serves the chosen transport), the target and the credentials with their refresh. Every bad value is a
 * {@link CliException} with exit 2 that names it.
 */
final class TargetResolver {

    /** The bucket of the embedded store that uploads go into. */
    static final String LOCAL_BUCKET = "media";

    private final CliEnvironment env;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final UploadTicketDecoder decoder;
    private final Map<Transport, StorageBackend> backends;
    private final LocalStoreFactory localStores;
    private final Optional<VodApiFactory> vodApis;

    @Inject
    TargetResolver(CliEnvironment env, Clock clock, ObjectMapper mapper, UploadTicketDecoder decoder,
                   Map<Transport, StorageBackend> backends, LocalStoreFactory localStores,
                   Optional<VodApiFactory> vodApis) {
        this.env = env;
        this.clock = clock;
        this.mapper = mapper;
        this.decoder = decoder;
        this.backends = backends;
        this.localStores = localStores;
        this.vodApis = vodApis;
    }

    /**
     * Resolves the target. Resources it opens are added to {@code closeables} even when it fails later.
     */
    Target resolve(UploadCommand c, UploadCommand.TargetForm form, MediaType type, Path file,
                   List<AutoCloseable> closeables) {
        switch (form) {
            case TICKET:
                return ticket(c, file, closeables);
            case OSS:
                return oss(c, closeables);
            case VOD:
                return vod(c, type, file, closeables);
            case LOCAL:
            default:
                return local(c, file, closeables);
        }
    }

    private Target local(UploadCommand c, Path file, List<AutoCloseable> closeables) {
        if (c.transport != null) {
            throw CliException.usage("--transport " + c.transport.flagValue()
                    + " applies to OSS targets, not the embedded local store");
        }
        Path root = c.store != null ? env.resolve(c.store) : env.workingDir().resolve(UploadCommand.DEFAULT_STORE);
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw CliException.usage("--store is not a directory: " + root);
        }
        LocalStoreFactory.LocalStore store;
        try {
            store = localStores.open(root);
        } catch (UncheckedIOException e) {
            throw CliException.usage("cannot open the local store " + root + ": " + e.getCause().getMessage());
        }
        closeables.add(store.storage());
        StorageTarget target;
        try {
            target = store.target(LOCAL_BUCKET, file.getFileName().toString());
        } catch (IllegalArgumentException e) {
            throw CliException.usage("cannot store " + file.getFileName() + " in the local store: " + e.getMessage());
        }
        // nothing is signed in the local store, but the port takes credentials on every call
        Credentials none = Credentials.of("local", "unused");
        return new Target(store.storage(), target, CredentialsProvider.fixed(none),
                () -> "the local store has no credentials", Optional.empty(),
                Optional.of(store.pathOf(target)), () -> { });
    }

    private Target ticket(UploadCommand c, Path file, List<AutoCloseable> closeables) {
        if (c.uploadAddress == null) {
            throw CliException.usage("--upload-auth needs --upload-address");
        }
        String authText = c.uploadAuth != null ? c.uploadAuth : env.variable(UploadCommand.ENV_UPLOAD_AUTH)
                .orElseThrow(() -> CliException.usage("--upload-address needs --upload-auth (or $"
                        + UploadCommand.ENV_UPLOAD_AUTH + ")"));
        UploadAddress address;
        try {
            address = decoder.decodeAddress(c.uploadAddress.trim());
        } catch (TicketFormatException e) {
            throw new CliException(Exit.USAGE, "InvalidUploadAddress", "--upload-address: " + e.getMessage());
        }
        UploadAuth auth;
        try {
            auth = decoder.decodeAuth(authText.trim(), clock.instant());
        } catch (TicketFormatException e) {
            throw new CliException(Exit.USAGE, "InvalidUploadAuth", "--upload-auth: " + e.getMessage());
        }
        StorageTarget target;
        try {
            target = address.toTarget(c.region().or(auth::region));
        } catch (IllegalArgumentException e) {
            throw new CliException(Exit.USAGE, "InvalidUploadAddress", "--upload-address: " + e.getMessage());
        }
        ObjectStorage storage = openStorage(c, closeables);
        Refresh refresh = refresh(c, auth.credentials(), target, Optional.empty(),
                () -> "the upload token expired and there is no way to refresh it: give --auth-command CMD "
                        + "(or let vodupload create the upload with --vod-region)");
        return new Target(storage, target, refresh.provider(), refresh.reason(), Optional.empty(), Optional.empty(),
                () -> { });
    }

    private Target oss(UploadCommand c, List<AutoCloseable> closeables) {
        List<String> missing = new ArrayList<>();
        if (c.endpoint == null) {
            missing.add("--endpoint");
        }
        if (c.bucket == null) {
            missing.add("--bucket");
        }
        if (c.key == null) {
            missing.add("--key");
        }
        if (!missing.isEmpty()) {
            throw CliException.usage("the OSS target needs --endpoint, --bucket and --key; missing "
                    + String.join(", ", missing));
        }
        StorageTarget target;
        try {
            target = new StorageTarget(StorageTarget.parseEndpoint(c.endpoint), c.bucket, c.key, c.region());
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        Credentials credentials = c.keys.resolve(env, "the OSS target (--endpoint)");
        ObjectStorage storage = openStorage(c, closeables);
        Refresh refresh = refresh(c, credentials, target, Optional.empty(),
                () -> "the credentials expired and there is no way to refresh them: give --auth-command CMD "
                        + "or fresh " + AccessKeyOptions.ENV_ID + "/" + AccessKeyOptions.ENV_SECRET + "/"
                        + AccessKeyOptions.ENV_TOKEN + " and run the command again");
        return new Target(storage, target, refresh.provider(), refresh.reason(), Optional.empty(), Optional.empty(),
                () -> { });
    }

    private Target vod(UploadCommand c, MediaType type, Path file, List<AutoCloseable> closeables) {
        VodApiFactory factory = vodApis.orElseThrow(VodSupport::notBuilt);
        String fileName = file.getFileName().toString();
        String ext = MediaType.extension(file).orElseThrow(() -> CliException.usage(
                "VOD needs a file name with an extension: " + fileName));
        if (type == MediaType.VIDEO && c.media.title == null) {
            throw CliException.usage("--title is required to upload a video with --vod-region");
        }
        VodApiSettings settings = c.vod.settings(c.keys, env, Duration.ofSeconds(c.timeoutSeconds));
        VodUploadApi api = factory.open(settings);
        if (api instanceof AutoCloseable) {
            closeables.add((AutoCloseable) api);
        }
        VodSessions sessions = new VodSessions(c.checkpointDir.resolve(env), mapper);
        String sessionKey = VodSessions.key(file, settings);
        long size = sizeOf(file);
        VodUploadTicket ticket = null;
        if (type == MediaType.VIDEO && !c.noResume) {
            Optional<String> known = sessions.find(sessionKey);
            if (known.isPresent()) {
                try {
                    ticket = api.refreshUploadVideo(known.get());
                } catch (VodApiException e) {
                    if (!e.errorCode().startsWith("InvalidVideo")) {
                        throw VodSupport.failure("RefreshUploadVideo", e);
                    }
                    sessions.remove(sessionKey); // the video is gone: create a new one
                }
            }
        }
        if (ticket == null) {
            try {
                ticket = VodSupport.create(api, type, c.media, fileName, ext, OptionalLong.of(size));
            } catch (VodApiException e) {
                throw VodSupport.failure("Create upload", e);
            }
            if (type == MediaType.VIDEO) {
                sessions.save(sessionKey, ticket.mediaId(), file);
            }
        }
        UploadAddress address;
        UploadAuth auth;
        StorageTarget target;
        try {
            address = decoder.decodeAddress(ticket.uploadAddress());
            auth = decoder.decodeAuth(ticket.uploadAuth(), clock.instant());
            target = address.toTarget(c.region().or(auth::region));
        } catch (IllegalArgumentException e) {
            throw new CliException(Exit.FAILED, "InvalidTicket", "VOD returned an unusable ticket: " + e.getMessage());
        }
        ObjectStorage storage = openStorage(c, closeables);
        Optional<String> videoId = type == MediaType.VIDEO ? Optional.of(ticket.mediaId()) : Optional.empty();
        Refresh refresh;
        if (c.authCommand == null && type == MediaType.VIDEO) {
            String id = ticket.mediaId();
            refresh = new Refresh(new VodRefreshCredentialsProvider(id, address, auth.credentials(), api, decoder, clock),
                    () -> "RefreshUploadVideo gave no new credentials for video " + id);
        } else {
            refresh = refresh(c, auth.credentials(), target, videoId,
                    () -> "the upload token expired and VOD cannot refresh " + type.flagValue()
                            + " credentials (only videos): run the command again to create a new upload");
        }
        return new Target(storage, target, refresh.provider(), refresh.reason(), videoId, Optional.empty(),
                () -> sessions.remove(sessionKey));
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new CliException(Exit.USAGE, "FileNotReadable", "cannot read file: " + file);
        }
    }

    private ObjectStorage openStorage(UploadCommand c, List<AutoCloseable> closeables) {
        Transport transport = c.transport != null ? c.transport : Transport.HTTP;
        StorageBackend backend = backends.get(transport);
        if (backend == null) {
            throw new CliException(Exit.USAGE, "TransportNotBuilt", "--transport " + transport.flagValue()
                    + " is not built into this version of vodupload; use --transport http");
        }
        StorageSettings settings = new StorageSettings(Duration.ofSeconds(c.timeoutSeconds),
                Optional.ofNullable(c.signature), c.pathStyle, c.parallel);
        ObjectStorage storage;
        try {
            storage = backend.open(settings);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        closeables.add(storage);
        return storage;
    }

    /** A credentials provider and the reason to give when it cannot refresh. */
    private record Refresh(CredentialsProvider provider, Supplier<String> reason) {
    }

    private Refresh refresh(UploadCommand c, Credentials initial, StorageTarget target, Optional<String> videoId,
                            Supplier<String> noWay) {
        if (c.authCommand == null) {
            return new Refresh(CredentialsProvider.fixed(initial), noWay);
        }
        if (c.authCommand.isBlank()) {
            throw CliException.usage("--auth-command is blank");
        }
        Map<String, String> commandEnv = new HashMap<>(env.env());
        commandEnv.put("VODUPLOAD_BUCKET", target.bucket());
        commandEnv.put("VODUPLOAD_KEY", target.key());
        videoId.ifPresent(id -> commandEnv.put("VODUPLOAD_VIDEO_ID", id));
        AuthCommandCredentialsProvider provider = new AuthCommandCredentialsProvider(c.authCommand, initial,
                commandEnv, env.workingDir(), env.err(), decoder, mapper, clock);
        return new Refresh(provider, () -> provider.lastFailure().isEmpty()
                ? "--auth-command gave no new credentials" : provider.lastFailure());
    }
}
