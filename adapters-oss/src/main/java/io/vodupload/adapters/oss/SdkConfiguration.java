package io.vodupload.adapters.oss;

import com.aliyun.oss.ClientConfiguration;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The SDK's client configuration with one change: the clock offset it signs with (its "tick offset",
 * server time minus local time) is shared by every SDK client the adapter holds. When the server answers
 * {@code RequestTimeTooSkewed}, the SDK (with its clock-skew correction on) reads the error's
 * {@code ServerTime} and calls {@link #setTickOffset}; storing the result in the shared value means the
 * next signature of <em>every</em> client is right, including clients created later for refreshed
 * credentials, not just the one that saw the error.
 *
 * <p>Thread-safe for the offset (an {@link AtomicLong}); the rest is set once, before the client is built.
 */
final class SdkConfiguration extends ClientConfiguration {

    private final AtomicLong sharedTickOffset;

    SdkConfiguration(AtomicLong sharedTickOffset) {
        this.sharedTickOffset = sharedTickOffset;
    }

    /**
     * As the SDK defines it: {@code serverTimeMillis} is the server's current time (epoch millis), and the
     * offset becomes its distance from the local clock the SDK signs with.
     */
    @Override
    public void setTickOffset(long serverTimeMillis) {
        super.setTickOffset(serverTimeMillis);
        sharedTickOffset.set(tickOffset);
    }

    @Override
    public long getTickOffset() {
        return sharedTickOffset.get();
    }
}
