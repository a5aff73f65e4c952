package io.vodupload.cli.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.OptionalBinder;
import io.vodupload.cli.CliEnvironment;
import io.vodupload.cli.InterruptSignals;
import io.vodupload.cli.ProcessExit;
import io.vodupload.cli.ShutdownHookSignals;
import io.vodupload.cli.options.Transport;
import io.vodupload.ports.Sleeper;

import java.time.Clock;
import java.util.Objects;

/**
 * The command's own wiring, independent of any adapter: the process environment, time, Jackson, the
 * interrupt hook, and the (initially empty) map of storage backends that each adapter module adds to.
 * No I/O here.
 */
public final class CliModule extends AbstractModule {

    private final CliEnvironment environment;

    public CliModule(CliEnvironment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    @Override
    protected void configure() {
        bind(CliEnvironment.class).toInstance(environment);
        bind(Clock.class).toInstance(Clock.systemUTC());
        bind(Sleeper.class).toInstance(Sleeper.system());
        bind(ProcessExit.class).in(Singleton.class);
        // declared here so that a build without any storage adapter still has an (empty) map
        MapBinder.newMapBinder(binder(), Transport.class, StorageBackend.class);
        // present only when the VOD adapter's module is installed
        OptionalBinder.newOptionalBinder(binder(), VodApiFactory.class);
    }

    @Provides
    @Singleton
    ObjectMapper objectMapper() {
        return new ObjectMapper();
    }

    @Provides
    @Singleton
    InterruptSignals interruptSignals(ProcessExit exit) {
        return new ShutdownHookSignals(exit);
    }
}
