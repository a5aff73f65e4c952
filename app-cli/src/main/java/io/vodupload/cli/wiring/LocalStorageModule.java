package io.vodupload.cli.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

import java.time.Clock;

/**
 * Wires adapters-local's object store as the embedded store ({@link LocalStoreFactory}, {@link LocalStores}),
 * the target when no other is given. No I/O here: the store's directory is created when an upload opens it.
 * (A single upload to the local store gets the same factory from {@link CoreWiring}, without the injector.)
 */
public final class LocalStorageModule extends AbstractModule {

    @Provides
    LocalStoreFactory localStores(Clock clock) {
        return new LocalStores(clock);
    }
}
