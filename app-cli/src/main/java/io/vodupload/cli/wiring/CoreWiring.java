package io.vodupload.cli.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vodupload.cli.CliEnvironment;
import io.vodupload.cli.InterruptSignals;
import io.vodupload.cli.ProcessExit;
import io.vodupload.cli.ShutdownHookSignals;
import io.vodupload.cli.options.Transport;
import io.vodupload.cli.target.TargetResolver;
import io.vodupload.cli.upload.UploadRunner;
import io.vodupload.ports.Sleeper;
import io.vodupload.ports.UploadTicketDecoder;
import jakarta.inject.Provider;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The command's core, made with plain constructors: what no choice of adapter module changes (the
 * environment, the clock, the sleeper, the process exit with its interrupt hook, the checkpoint store, the
 * embedded local store, Jackson's mapper once something asks for it) and, over them, the runner of a single
 * upload. An upload to the local store runs on these alone: no injector is created, so it loads no Guice
 * (docs/benchmarks.md, "Start-up"). What depends on the installed adapter modules (the OSS transports, the
 * ticket decoder, the VOD API) comes from {@link Installed}, the injector, only when a target needs it.
 *
 * <p>{@link CliModule} binds this core's instances, so what the injector makes shares them (one clock, one
 * process exit). Thread-safe; one per process.
 */
public final class CoreWiring {

    /** What the installed adapter modules provide; asked only when a target needs it. */
    public interface Installed {

        /** The ticket decoder ({@code --upload-address}/{@code --upload-auth}, VOD). */
        UploadTicketDecoder ticketDecoder();

        /** The storage backend of each transport built into this version. */
        Map<Transport, StorageBackend> storageBackends();

        /** The VOD API client, when its module is installed. */
        Optional<VodApiFactory> vodApis();
    }

    private final CliEnvironment env;
    private final Clock clock = Clock.systemUTC();
    private final Sleeper sleeper = Sleeper.system();
    private ProcessExit exit; // with the hook, made when first asked for (guarded by this)
    private InterruptSignals interrupts;
    private final CheckpointStoreFactory checkpointStores;
    private final LocalStoreFactory localStores;
    private final Mapper mapper = new Mapper();

    public CoreWiring(CliEnvironment env) {
        this.env = Objects.requireNonNull(env, "env");
        this.checkpointStores = new JsonCheckpointStores(env);
        this.localStores = new LocalStores(clock);
    }

    /** The process's environment. */
    public CliEnvironment environment() {
        return env;
    }

    /** The system clock, in UTC. */
    public Clock clock() {
        return clock;
    }

    /** The real sleeper. */
    public Sleeper sleeper() {
        return sleeper;
    }

    /** Where the command's exit code goes for the interrupt hook. */
    public synchronized ProcessExit processExit() {
        if (exit == null) {
            exit = new ProcessExit();
            interrupts = new ShutdownHookSignals(exit);
        }
        return exit;
    }

    /** The interrupt hook (Ctrl-C, SIGTERM). */
    public synchronized InterruptSignals interrupts() {
        processExit();
        return interrupts;
    }

    /**
     * Hands {@code code} to the interrupt hook, if anything was given the hook (a command that answered
     * without it, {@code --help} say, makes nothing for this).
     */
    public synchronized void reportExit(int code) {
        if (exit != null) {
            exit.report(code);
        }
    }

    /** The one Jackson mapper of the process, made on the first call. */
    public ObjectMapper mapper() {
        return mapper.get();
    }

    /** The runner of a single upload, over this core and {@code installed}. */
    public UploadRunner uploadRunner(Installed installed) {
        TargetResolver resolver = new TargetResolver(env, clock, mapper, installed::ticketDecoder,
                installed::storageBackends, localStores, installed::vodApis);
        return new UploadRunner(env, clock, sleeper, mapper, resolver, checkpointStores, interrupts());
    }

    /**
     * The mapper, made on the first {@code get()}. A class, not a method reference: the call site of a lambda
     * returning {@code ObjectMapper} would load that class when it is linked.
     */
    private static final class Mapper implements Provider<ObjectMapper> {

        private ObjectMapper mapper;

        @Override
        public synchronized ObjectMapper get() {
            if (mapper == null) {
                mapper = new ObjectMapper();
            }
            return mapper;
        }
    }
}
