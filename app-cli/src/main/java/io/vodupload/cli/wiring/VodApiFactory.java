package io.vodupload.cli.wiring;

import io.vodupload.adapters.vod.VodUploadApi;
import io.vodupload.cli.options.VodApiSettings;

/**
 * Builds a VOD OpenAPI client ({@link VodUploadApi}, adapters-vod) for a run. Bound by the VOD adapter's Guice
 * module; when that module is not installed the VOD target and {@code create-upload}/{@code refresh-upload}
 * are refused with exit 2.
 */
public interface VodApiFactory {

    /** A client for {@code settings}; it may hold connections, so the caller closes it if it is closeable. */
    VodUploadApi open(VodApiSettings settings);
}
