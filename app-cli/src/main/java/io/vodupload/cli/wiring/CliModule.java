package io.vodupload.cli.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.OptionalBinder;
import io.vodupload.cli.CliEnvironment;
import io.vodupload.cli.InterruptSignals;
import io.vodupload.cli.ProcessExit;
import io.vodupload.cli.options.Transport;
import io.vodupload.ports.Sleeper;

import java.time.Clock;
import java.util.Objects;

/**
 * The command's own wiring, independent of any adapter: the instances of the {@link CoreWiring} (the process
 * environment, time, Jackson, the process exit and its interrupt hook), so that the injector and the core
 * share them, and the (initially empty) map of storage backends that each adapter module adds to.
 * No I/O here.
 */
public final class CliModule extends AbstractModule {

    private final CoreWiring core;

    public CliModule(CoreWiring core) {
        this.core = Objects.requireNonNull(core, "core");
    }

    @Override
    protected void configure() {
        bind(CliEnvironment.class).toInstance(core.environment());
        bind(Clock.class).toInstance(core.clock());
        bind(Sleeper.class).toInstance(core.sleeper());
        bind(ProcessExit.class).toInstance(core.processExit());
        bind(InterruptSignals.class).toInstance(core.interrupts());
        // declared here so that a build without any storage adapter still has an (empty) map
        MapBinder.newMapBinder(binder(), Transport.class, StorageBackend.class);
        // present only when the VOD adapter's module is installed
        OptionalBinder.newOptionalBinder(binder(), VodApiFactory.class);
    }

    @Provides
    ObjectMapper objectMapper() {
        return core.mapper(); // one per process, made on first use
    }
}
