package io.vodupload.cli.target;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vodupload.adapters.vod.VodApiException;
import io.vodupload.adapters.vod.VodRefreshCredentialsProvider;
import io.vodupload.adapters.vod.VodUploadApi;
import io.vodupload.adapters.vod.VodUploadTicket;
import io.vodupload.cli.CliEnvironment;
import io.vodupload.cli.CliException;
import io.vodupload.cli.Exit;
import io.vodupload.cli.IoReason;
import io.vodupload.cli.options.AccessKeys;
import io.vodupload.cli.options.MediaType;
import io.vodupload.cli.options.Transport;
import io.vodupload.cli.options.UploadOptions;
import io.vodupload.cli.options.VodApiSettings;
import io.vodupload.cli.wiring.LocalStoreFactory;
import io.vodupload.cli.wiring.StorageBackend;
import io.vodupload.cli.wiring.StorageSettings;
import io.vodupload.cli.wiring.VodApiFactory;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.TicketFormatException;
import io.vodupload.ports.UploadAddress;
import io.vodupload.ports.UploadAuth;
import io.vodupload.ports.UploadTicket;
import io.vodupload.ports.UploadTicketDecoder;
import jakarta.inject.Inject;
import jakarta.inject.Provider;

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
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Turns the upload command's target form into a {@link Target}: the storage adapter (from the module that
 * serves the chosen transport), the target and the credentials with their refresh. Every bad value is a
 * {@link CliException} with exit 2 that names it.
 *
 * <p>What only some targets need comes through providers, asked when such a target is resolved: the
 * embedded local store needs none of them, so resolving it loads no Jackson and creates no injector.
 */
public final class TargetResolver {

    /** The bucket of the embedded store that uploads go into. */
    static final String LOCAL_BUCKET = "media";

    private final CliEnvironment env;
    private final Clock clock;
    private final Provider<ObjectMapper> mapper;
    private final Provider<UploadTicketDecoder> decoder;
    private final Provider<Map<Transport, StorageBackend>> backends;
    private final LocalStoreFactory localStores;
    private final Provider<Optional<VodApiFactory>> vodApis;

    @Inject
    public TargetResolver(CliEnvironment env, Clock clock, Provider<ObjectMapper> mapper,
                          Provider<UploadTicketDecoder> decoder, Provider<Map<Transport, StorageBackend>> backends,
                          LocalStoreFactory localStores, Provider<Optional<VodApiFactory>> vodApis) {
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
    public Target resolve(UploadOptions o, List<AutoCloseable> closeables) {
        return resolve(o, new Shared(closeables, OptionalInt.empty()), Optional.empty(), id -> { });
    }

    /**
     * Resolves the target of one file of a batch, opening what the files share (the storage adapter, the VOD
     * client, the local store) once, in {@code shared}.
     *
     * @param knownVideoId the VideoId an earlier attempt at this file created (refreshed, not created again)
     * @param videoIdCreated told of the VideoId at once when a VOD create call made one
     */
    public Target resolve(UploadOptions o, Shared shared, Optional<String> knownVideoId,
                          java.util.function.Consumer<String> videoIdCreated) {
        switch (o.form()) {
            case TICKET:
                return ticket(o, shared);
            case OSS:
                return oss(o, shared);
            case VOD:
                return vod(o, shared, knownVideoId, videoIdCreated);
            case LOCAL:
            default:
                return local(o, shared);
        }
    }

    /**
     * What the uploads of one run share, opened on first use and closed with the run's closeables: one storage
     * adapter (so its connection pool caps the connections of every file), one VOD client, one local store.
     * Thread-safe.
     */
    public static final class Shared {
        private final List<AutoCloseable> closeables;
        private final OptionalInt maxConnections;
        private ObjectStorage storage;
        private VodUploadApi api;
        private LocalStoreFactory.LocalStore store;

        /**
         * @param closeables     where what is opened goes, to be closed by the run
         * @param maxConnections the connection pool's size for the whole run; empty: sized by {@code --parallel}
         */
        public Shared(List<AutoCloseable> closeables, OptionalInt maxConnections) {
            this.closeables = closeables;
            this.maxConnections = maxConnections;
        }

        synchronized ObjectStorage storage(Supplier<ObjectStorage> open) {
            if (storage == null) {
                storage = open.get();
            }
            return storage;
        }

        synchronized VodUploadApi api(Supplier<VodUploadApi> open) {
            if (api == null) {
                api = open.get();
            }
            return api;
        }

        synchronized LocalStoreFactory.LocalStore store(Supplier<LocalStoreFactory.LocalStore> open) {
            if (store == null) {
                store = open.get();
            }
            return store;
        }

        synchronized void add(AutoCloseable closeable) {
            closeables.add(closeable);
        }
    }

    private Target local(UploadOptions o, Shared shared) {
        Path file = o.file();
        if (o.transport().isPresent()) {
            throw CliException.usage("--transport " + o.transport().get().flagValue()
                    + " applies to OSS targets, not the embedded local store");
        }
        Path root = o.store().map(env::resolve).orElse(env.workingDir().resolve(UploadOptions.DEFAULT_STORE));
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw CliException.usage("--store is not a directory: " + root);
        }
        LocalStoreFactory.LocalStore store = shared.store(() -> {
            LocalStoreFactory.LocalStore opened;
            try {
                opened = localStores.open(root);
            } catch (UncheckedIOException e) {
                throw CliException.usage("cannot open the local store " + root + ": " + IoReason.of(e.getCause()));
            }
            shared.add(opened.storage());
            return opened;
        });
        String key = o.key().orElse(file.getFileName().toString());
        StorageTarget target;
        try {
            target = store.target(LOCAL_BUCKET, key);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("cannot store " + key + " in the local store: " + e.getMessage());
        }
        // nothing is signed in the local store, but the port takes credentials on every call
        Credentials none = Credentials.of("local", "unused");
        return new Target(store.storage(), target, CredentialsProvider.fixed(none),
                () -> "the local store has no credentials", Optional.empty(),
                Optional.of(store.pathOf(target)), () -> { });
    }

    private Target ticket(UploadOptions o, Shared shared) {
        if (o.uploadAddress().isEmpty()) {
            throw CliException.usage("--upload-auth needs --upload-address");
        }
        String authText = o.uploadAuth().or(() -> env.variable(UploadOptions.ENV_UPLOAD_AUTH))
                .orElseThrow(() -> CliException.usage("--upload-address needs --upload-auth (or $"
                        + UploadOptions.ENV_UPLOAD_AUTH + ")"));
        UploadTicket decoded;
        try {
            decoded = UploadTicket.decode(decoder.get(), o.uploadAddress().get().trim(), authText.trim(), clock.instant(),
                    o.region());
        } catch (TicketFormatException e) {
            boolean auth = e.ticket().orElse(TicketFormatException.Ticket.UPLOAD_ADDRESS)
                    == TicketFormatException.Ticket.UPLOAD_AUTH;
            throw new CliException(Exit.USAGE, auth ? "InvalidUploadAuth" : "InvalidUploadAddress",
                    (auth ? "--upload-auth: " : "--upload-address: ") + e.getMessage());
        }
        StorageTarget target = decoded.target();
        UploadAuth auth = decoded.auth();
        ObjectStorage storage = shared.storage(() -> openStorage(o, shared));
        Refresh refresh = refresh(o, auth.credentials(), target, Optional.empty(),
                () -> "the upload token expired and there is no way to refresh it: give --auth-command CMD "
                        + "(or let vodupload create the upload with --vod-region)");
        return new Target(storage, target, refresh.provider(), refresh.reason(), Optional.empty(), Optional.empty(),
                () -> { });
    }

    private Target oss(UploadOptions o, Shared shared) {
        List<String> missing = new ArrayList<>();
        if (o.endpoint().isEmpty()) {
            missing.add("--endpoint");
        }
        if (o.bucket().isEmpty()) {
            missing.add("--bucket");
        }
        if (o.key().isEmpty()) {
            missing.add("--key");
        }
        if (!missing.isEmpty()) {
            throw CliException.usage("the OSS target needs --endpoint, --bucket and --key; missing "
                    + String.join(", ", missing));
        }
        StorageTarget target;
        try {
            target = new StorageTarget(StorageTarget.parseEndpoint(o.endpoint().get()), o.bucket().get(), o.key().get(),
                    o.region());
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        Credentials credentials = o.keys().resolve(env, "the OSS target (--endpoint)");
        ObjectStorage storage = shared.storage(() -> openStorage(o, shared));
        Refresh refresh = refresh(o, credentials, target, Optional.empty(),
                () -> "the credentials expired and there is no way to refresh them: give --auth-command CMD "
                        + "or fresh " + AccessKeys.ENV_ID + "/" + AccessKeys.ENV_SECRET + "/"
                        + AccessKeys.ENV_TOKEN + " and run the command again");
        return new Target(storage, target, refresh.provider(), refresh.reason(), Optional.empty(), Optional.empty(),
                () -> { });
    }

    /**
     * Resolves the target of a stream ({@code upload -}, {@code upload URL}). Every form resolves as for a file
     * but VOD's: its create call is given the stream's name ({@code o.key()}, a URL's file name) and its
     * {@code --size} when known, and no session is kept, since a stream cannot resume.
     */
    public Target resolveStream(UploadOptions o, OptionalLong size, List<AutoCloseable> closeables) {
        if (o.form() != io.vodupload.cli.options.TargetForm.VOD) {
            return resolve(o, closeables);
        }
        String fileName = o.key().orElseThrow(() -> CliException.usage("VOD needs a file name for a stream"));
        return vod(o, new Shared(closeables, OptionalInt.empty()), Path.of(fileName).getFileName().toString(),
                () -> size, Optional.empty(), Optional.empty(), id -> { });
    }

    private Target vod(UploadOptions o, Shared shared, Optional<String> knownVideoId,
                       java.util.function.Consumer<String> videoIdCreated) {
        Path file = o.file();
        return vod(o, shared, file.getFileName().toString(), () -> OptionalLong.of(sizeOf(file)), Optional.of(file),
                knownVideoId, videoIdCreated);
    }

    /**
     * @param sessionFile the file whose VideoId is kept for a later run (a resumed file refreshes its video);
     *                    empty for a stream
     */
    private Target vod(UploadOptions o, Shared shared, String fileName, Supplier<OptionalLong> sizeOf,
                       Optional<Path> sessionFile, Optional<String> knownVideoId,
                       java.util.function.Consumer<String> videoIdCreated) {
        MediaType type = o.type();
        VodApiFactory factory = vodApis.get().orElseThrow(VodSupport::notBuilt);
        String ext = MediaType.extension(Path.of(fileName)).orElseThrow(() -> CliException.usage(
                "VOD needs a file name with an extension: " + fileName));
        VodApiSettings settings = o.vod().settings(o.keys(), env, o.timeout());
        VodUploadApi api = shared.api(() -> {
            VodUploadApi opened = factory.open(settings);
            if (opened instanceof AutoCloseable) {
                shared.add((AutoCloseable) opened);
            }
            return opened;
        });
        VodSessions sessions = new VodSessions(o.checkpointDir(), mapper.get());
        Optional<String> sessionKey = sessionFile.map(file -> VodSessions.key(file, settings));
        OptionalLong size = sizeOf.get();
        VodUploadTicket ticket = null;
        if (type.isVideo() && o.resume() && sessionKey.isPresent()) {
            Optional<String> known = knownVideoId.or(() -> sessions.find(sessionKey.get()));
            if (known.isPresent()) {
                try {
                    ticket = api.refreshUploadVideo(known.get());
                } catch (VodApiException e) {
                    if (!e.errorCode().startsWith("InvalidVideo")) {
                        throw VodSupport.failure("RefreshUploadVideo", e);
                    }
                    sessions.remove(sessionKey.get()); // the video is gone: create a new one
                }
            }
        }
        if (ticket == null) {
            try {
                ticket = VodSupport.create(api, type, o.media(), fileName, ext, size);
            } catch (VodApiException e) {
                throw VodSupport.failure("Create upload", e);
            }
            if (type.isVideo() && sessionKey.isPresent()) {
                sessions.save(sessionKey.get(), ticket.mediaId(), sessionFile.get());
                videoIdCreated.accept(ticket.mediaId());
            }
        }
        UploadTicket decoded;
        try {
            decoded = UploadTicket.decode(decoder.get(), ticket.uploadAddress(), ticket.uploadAuth(), clock.instant(),
                    o.region());
        } catch (TicketFormatException e) {
            throw new CliException(Exit.FAILED, "InvalidTicket", "VOD returned an unusable ticket: " + e.getMessage());
        }
        UploadAddress address = decoded.address();
        UploadAuth auth = decoded.auth();
        StorageTarget target = decoded.target();
        ObjectStorage storage = shared.storage(() -> openStorage(o, shared));
        Optional<String> videoId = type.isVideo() ? Optional.of(ticket.mediaId()) : Optional.empty();
        Refresh refresh;
        if (o.authCommand().isEmpty() && type.isVideo()) {
            String id = ticket.mediaId();
            refresh = new Refresh(new VodRefreshCredentialsProvider(id, address, auth.credentials(), api, decoder.get(), clock),
                    () -> "RefreshUploadVideo gave no new credentials for video " + id);
        } else {
            refresh = refresh(o, auth.credentials(), target, videoId,
                    () -> "the upload token expired and VOD cannot refresh " + type.flagValue()
                            + " credentials (only videos): run the command again to create a new upload");
        }
        return new Target(storage, target, refresh.provider(), refresh.reason(), videoId, Optional.empty(),
                () -> sessionKey.ifPresent(sessions::remove));
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new CliException(Exit.USAGE, "FileNotReadable", "cannot read file: " + file);
        }
    }

    private ObjectStorage openStorage(UploadOptions o, Shared shared) {
        Transport transport = o.transport().orElse(Transport.HTTP);
        StorageBackend backend = backends.get().get(transport);
        if (backend == null) {
            throw new CliException(Exit.USAGE, "TransportNotBuilt", "--transport " + transport.flagValue()
                    + " is not built into this version of vodupload; use --transport http");
        }
        // the pool holds the most parts an adaptive upload grows to (a batch: its --max-connections for every file)
        int most = o.config().maxParallelism();
        StorageSettings settings = new StorageSettings(o.timeout(), o.signature(), o.pathStyle(), most,
                shared.maxConnections.orElse(most + 2));
        ObjectStorage storage;
        try {
            storage = backend.open(settings);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        shared.add(storage);
        return storage;
    }

    /** A credentials provider and the reason to give when it cannot refresh. */
    private record Refresh(CredentialsProvider provider, Supplier<String> reason) {
    }

    private Refresh refresh(UploadOptions o, Credentials initial, StorageTarget target, Optional<String> videoId,
                            Supplier<String> noWay) {
        if (o.authCommand().isEmpty()) {
            return new Refresh(CredentialsProvider.fixed(initial), noWay);
        }
        String authCommand = o.authCommand().get();
        if (authCommand.isBlank()) {
            throw CliException.usage("--auth-command is blank");
        }
        Map<String, String> commandEnv = new HashMap<>(env.env());
        commandEnv.put("VODUPLOAD_BUCKET", target.bucket());
        commandEnv.put("VODUPLOAD_KEY", target.key());
        videoId.ifPresent(id -> commandEnv.put("VODUPLOAD_VIDEO_ID", id));
        AuthCommandCredentialsProvider provider = new AuthCommandCredentialsProvider(authCommand, initial,
                commandEnv, env.workingDir(), env.err(), decoder.get(), mapper.get(), clock, authCommandTimeout());
        return new Refresh(provider, () -> provider.lastFailure().isEmpty()
                ? "--auth-command gave no new credentials" : provider.lastFailure());
    }

    /** {@link AuthCommandCredentialsProvider#DEFAULT_TIMEOUT}, or the seconds in its environment variable. */
    private Duration authCommandTimeout() {
        String name = AuthCommandCredentialsProvider.TIMEOUT_ENV;
        Optional<String> value = env.variable(name).map(String::trim).filter(v -> !v.isEmpty());
        if (value.isEmpty()) {
            return AuthCommandCredentialsProvider.DEFAULT_TIMEOUT;
        }
        try {
            long seconds = Long.parseLong(value.get());
            if (seconds >= 1 && seconds <= 86_400) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // the message below names the value
        }
        throw CliException.usage("$" + name + " must be a number of seconds, 1..86400: " + value.get());
    }
}
