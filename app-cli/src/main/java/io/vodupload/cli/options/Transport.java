package io.vodupload.cli.options;

import io.vodupload.cli.wiring.LocalStoreFactory;

import java.util.Locale;

/**
 * Which implementation of the storage port carries an upload to OSS ({@code --transport}). Each constant is
 * served by the Guice module of its adapter ({@code HttpStorageModule}, {@code OssStorageModule}); a
 * transport whose module is not installed in this build is refused with exit 2. The embedded local store is
 * chosen by the target form instead ({@link LocalStoreFactory}).
 */
public enum Transport {
    /** OSS REST over Apache HttpClient 5 (adapters-http), the default. */
    HTTP,
    /** OSS through Alibaba's aliyun-sdk-oss (adapters-oss). */
    OSS;

    /** The name as {@code --transport} takes it. */
    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
