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
 * @param maxConnections the connection pool's size: {@code parallel + 2} for one file; a batch's
 *                    {@code --max-connections}, so that one pool caps every file of the run
 */
public record StorageSettings(Duration timeout, SignatureVersion signature, boolean pathStyle,
                              int parallel, int maxConnections) {

    /** The settings of one file's upload: a pool of {@code parallel + 2} connections. */
    public StorageSettings(Duration timeout, SignatureVersion signature, boolean pathStyle, int parallel) {
        this(timeout, signature, pathStyle, parallel, parallel + 2);
    }

    public StorageSettings {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(signature, "signature");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout <= 0: " + timeout);
        }
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel < 1: " + parallel);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections < 1: " + maxConnections);
        }
    }
}
