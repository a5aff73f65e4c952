package io.vodupload.cli.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;
import io.vodupload.adapters.vod.VodApiClient;
import io.vodupload.cli.options.VodApiSettings;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.Objects;

/**
 * Wires adapters-vod's {@link VodApiClient} as the {@link VodApiFactory}: installing this module is what
 * makes the {@code --vod-region} target, {@code create-upload} and {@code refresh-upload} available. No I/O
 * here; a client is built per run.
 */
public final class VodApiModule extends AbstractModule {

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), VodApiFactory.class).setBinding().to(ClientFactory.class);
    }

    /** Builds a {@link VodApiClient} from the run's settings. */
    static final class ClientFactory implements VodApiFactory {

        private final Clock clock;

        @Inject
        ClientFactory(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        @Override
        public VodApiClient open(VodApiSettings s) {
            VodApiClient.Builder b = VodApiClient.builder().clock(clock).credentials(s.credentials())
                    .connectTimeout(s.timeout()).responseTimeout(s.timeout());
            if (s.endpoint().isPresent()) {
                b.endpoint(s.endpoint().get());
            } else {
                b.region(s.region());
            }
            return b.build();
        }
    }
}
