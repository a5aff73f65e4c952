package io.vodupload.cli.wiring;

import io.vodupload.ports.SignatureVersion;

import java.time.Duration;
import java.util.Objects;

/**
 * How to build the storage adapter for one run, from the command's flags.
 *
 * @param timeout     connect and response timeout of one request ({@code --timeout})
 * @param signature   the signature version ({@code --signature}); {@code AUTO}: V4 when the region is known,
 *                    else V1
 * @param pathStyle   force path-style addressing ({@code --path-style}); it is automatic for IP-literal and
 *                    localhost endpoints
 * @param parallel    the most parts in flight ({@code --parallel}, else the adaptive ceiling), which
 *                    sizes connection pools
 */
public record StorageSettings(Duration timeout, SignatureVersion signature, boolean pathStyle,
                              int parallel) {

    public StorageSettings {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(signature, "signature");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout <= 0: " + timeout);
        }
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel < 1: " + parallel);
        }
    }
}
