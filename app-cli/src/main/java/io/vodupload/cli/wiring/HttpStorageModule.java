package io.vodupload.cli.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import io.vodupload.adapters.http.HttpObjectStorage;
import io.vodupload.cli.VersionProvider;
import io.vodupload.cli.options.Transport;
import io.vodupload.ports.ObjectStorage;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.Objects;

/**
 * Wires adapters-http (OSS REST over Apache HttpClient 5) as {@link Transport#HTTP}, the default transport.
 * Installing this module is what makes {@code --transport http} available. No I/O here: the connection pool
 * is built when an upload opens the backend.
 */
public final class HttpStorageModule extends AbstractModule {

    @Override
    protected void configure() {
        MapBinder.newMapBinder(binder(), Transport.class, StorageBackend.class)
                .addBinding(Transport.HTTP).to(HttpBackend.class);
    }

    /** Builds an {@link HttpObjectStorage} from the run's settings. */
    static final class HttpBackend implements StorageBackend {

        private final Clock clock;

        @Inject
        HttpBackend(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        @Override
        public ObjectStorage open(StorageSettings s) {
            return HttpObjectStorage.builder()
                    .clock(clock)
                    .signatureVersion(s.signature())
                    .addressing(s.pathStyle() ? HttpObjectStorage.Addressing.PATH_STYLE
                            : HttpObjectStorage.Addressing.AUTO)
                    .maxConnections(s.maxConnections())
                    .connectTimeout(s.timeout())
                    .responseTimeout(s.timeout())
                    .userAgent("vodupload-cli/" + VersionProvider.version())
                    .build();
        }
    }
}
