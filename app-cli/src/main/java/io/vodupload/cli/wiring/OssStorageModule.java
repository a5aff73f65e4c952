package io.vodupload.cli.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import io.vodupload.adapters.oss.OssObjectStorage;
import io.vodupload.adapters.oss.OssStorageConfig;
import io.vodupload.cli.options.Transport;
import io.vodupload.ports.ObjectStorage;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.Objects;

/**
 * Wires adapters-oss (Alibaba's aliyun-sdk-oss) as {@link Transport#OSS}: installing this module is what
 * makes {@code --transport oss} available. No I/O here: SDK clients are made when an upload uses them.
 */
public final class OssStorageModule extends AbstractModule {

    @Override
    protected void configure() {
        MapBinder.newMapBinder(binder(), Transport.class, StorageBackend.class)
                .addBinding(Transport.OSS).to(SdkBackend.class);
    }

    /** Builds an {@link OssObjectStorage} from the run's settings. */
    static final class SdkBackend implements StorageBackend {

        private final Clock clock;

        @Inject
        SdkBackend(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        @Override
        public ObjectStorage open(StorageSettings s) {
            return OssObjectStorage.builder()
                    .clock(clock)
                    .signatureVersion(s.signature())
                    .addressing(s.pathStyle() ? OssStorageConfig.AddressingStyle.PATH
                            : OssStorageConfig.AddressingStyle.AUTO)
                    .connectTimeout(s.timeout())
                    .responseTimeout(s.timeout())
                    .maxConnections(s.maxConnections())
                    .build();
        }
    }
}
