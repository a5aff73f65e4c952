package io.vodupload.testkit.oss;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Faults the {@link OssServer} injects, armed by a test and consumed by requests.
 *
 * <ul>
 *   <li>{@link #failOn}: the Nth request of an operation (counted from arming) is answered with a status
 *       and OSS error code instead of being processed; its body is read first, so the client sees the
 *       answer rather than a broken pipe.</li>
 *   <li>{@link #resetOn}: the Nth request loses its connection while the client sends the body: the server
 *       reads part of the body and closes the socket with the rest unread, which the kernel answers with a
 *       TCP reset. A request without a body just sees its connection closed with no response.</li>
 *   <li>{@link #stallOn}: the Nth request is processed, then its response is held until the returned
 *       {@link OssStall} is released, the faults are cleared, or the server stops.</li>
 *   <li>{@link #expireTokenAfterParts}: after N more successful UploadParts, the credential set that signed
 *       the Nth is expired: it gets {@code SecurityTokenExpired} until the client signs with another set.</li>
 *   <li>{@link #expireAllCredentials}: every request is refused with {@code SecurityTokenExpired} until
 *       {@link #clear()}.</li>
 *   <li>{@link #forgetUpload}: an upload disappears ({@code NoSuchUpload}), as if aborted elsewhere.</li>
 *   <li>{@link #clockOffset}: the server's clock runs ahead (or behind) by an offset; requests more than
 *       15 minutes from it get {@code RequestTimeTooSkewed}.</li>
 *   <li>{@link #delayEveryRequest}: each request waits (through the server's {@code Sleeper}) before it
 *       is handled.</li>
 *   <li>{@link #refuseKey}: every request on one object key is answered with a status and OSS error code,
 *       until {@link #clear()}: a file refused for good among others that go through.</li>
 * </ul>
 *
 * <p>Thread-safe. Each armed fault fires once.
 */
public final class OssFaults {

    enum Kind { ERROR, RESET, STALL }

    private static final class Armed {
        final OssOperation operation;
        final Kind kind;
        final int status;
        final String code;
        final OssStall stall;
        int remaining;

        Armed(OssOperation operation, int nth, Kind kind, int status, String code, OssStall stall) {
            this.operation = operation;
            this.remaining = nth;
            this.kind = kind;
            this.status = status;
            this.code = code;
            this.stall = stall;
        }
    }

    /** What fired on one request; {@code error} null when none. */
    record Fired(boolean reset, OssError error, OssStall stall) {
        static final Fired NONE = new Fired(false, null, null);
    }

    private final ObjectStore store;
    private final Duration baselineClockOffset;
    private final Object lock = new Object();
    private final List<Armed> armed = new ArrayList<>();
    private final List<OssStall> stalls = new ArrayList<>();
    private int partsUntilTokenExpiry = -1;
    private volatile boolean allCredentialsExpired;
    private volatile Duration clockOffset;
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean omitCrc64;
    private final java.util.Map<String, OssError> refusedKeys = new java.util.concurrent.ConcurrentHashMap<>();

    OssFaults(ObjectStore store, Duration baselineClockOffset) {
        this.store = store;
        this.baselineClockOffset = baselineClockOffset;
        this.clockOffset = baselineClockOffset;
    }

    /**
     * The {@code nth} request of {@code operation} from now (1 = the next) is answered with
     * {@code httpStatus} and OSS error {@code errorCode}.
     *
     * @throws IllegalArgumentException when {@code nth < 1}, the status is not 300–599 or the code is blank
     */
    public void failOn(OssOperation operation, int nth, int httpStatus, String errorCode) {
        // validate now so that a bad fault fails the test that arms it, not a request later
        new OssError(httpStatus, errorCode, "check");
        arm(new Armed(Objects.requireNonNull(operation, "operation"), checkNth(nth), Kind.ERROR, httpStatus, errorCode, null));
    }

    /** {@link #failOn} the next request of {@code operation}. */
    public void failNext(OssOperation operation, int httpStatus, String errorCode) {
        failOn(operation, 1, httpStatus, errorCode);
    }

    /** The {@code nth} request of {@code operation} from now has its connection reset mid-body. */
    public void resetOn(OssOperation operation, int nth) {
        arm(new Armed(Objects.requireNonNull(operation, "operation"), checkNth(nth), Kind.RESET, 0, null, null));
    }

    /** {@link #resetOn} the next request of {@code operation}. */
    public void resetNext(OssOperation operation) {
        resetOn(operation, 1);
    }

    /** The {@code nth} request of {@code operation} from now is held before its response goes out. */
    public OssStall stallOn(OssOperation operation, int nth) {
        OssStall stall = new OssStall();
        synchronized (lock) {
            stalls.add(stall);
        }
        arm(new Armed(Objects.requireNonNull(operation, "operation"), checkNth(nth), Kind.STALL, 0, null, stall));
        return stall;
    }

    /** {@link #stallOn} the next request of {@code operation}. */
    public OssStall stallNext(OssOperation operation) {
        return stallOn(operation, 1);
    }

    /**
     * After {@code parts} more successful UploadParts, expires the credential set that signed the last of
     * them (see {@link OssCredentialStore#expire}). Replaces an earlier such fault.
     */
    public void expireTokenAfterParts(int parts) {
        synchronized (lock) {
            partsUntilTokenExpiry = checkNth(parts);
        }
    }

    /** Every request from now on is refused with 403 {@code SecurityTokenExpired}, until {@link #clear()}. */
    public void expireAllCredentials() {
        allCredentialsExpired = true;
    }

    /** The server forgets {@code uploadId} at once; returns whether it knew it. */
    public boolean forgetUpload(String uploadId) {
        return store.forget(uploadId);
    }

    /** The server's clock becomes its base clock plus {@code offset} (negative: behind). */
    public void clockOffset(Duration offset) {
        this.clockOffset = Objects.requireNonNull(offset, "offset");
    }

    public Duration clockOffset() {
        return clockOffset;
    }

    /**
     * Whether answers leave out every CRC-64 ({@code x-oss-hash-crc64ecma} headers and ListParts'
     * {@code HashCrc64ecma}), as some OSS-compatible stores, emulators and gateways do. A mode, not a
     * one-shot fault: {@link #clear()} leaves it as it is.
     */
    public void omitCrc64(boolean omit) {
        this.omitCrc64 = omit;
    }

    boolean omitsCrc64() {
        return omitCrc64;
    }

    /**
     * Every request on object {@code key} (in any bucket) is answered with {@code httpStatus} and OSS error
     * {@code errorCode} until {@link #clear()}; other keys behave normally. Unlike the armed faults it does
     * not fire once: the key is refused for good.
     *
     * @throws IllegalArgumentException when the status is not 300–599 or the code is blank
     */
    public void refuseKey(String key, int httpStatus, String errorCode) {
        refusedKeys.put(Objects.requireNonNull(key, "key"), new OssError(httpStatus, errorCode,
                "Injected by the testkit OSS server: " + errorCode + " on every request for this key."));
    }

    /** Every request waits {@code delay} before it is handled ({@link Duration#ZERO}: no delay). */
    public void delayEveryRequest(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay < 0: " + delay);
        }
        this.delay = delay;
    }

    /**
     * Disarms every pending fault, releases every stall, ends {@link #expireAllCredentials}, and sets the
     * delay and the clock offset back to their configured values. Credential sets already expired stay
     * expired; forgotten uploads stay forgotten.
     */
    public void clear() {
        List<OssStall> toRelease;
        synchronized (lock) {
            armed.clear();
            partsUntilTokenExpiry = -1;
            toRelease = new ArrayList<>(stalls);
            stalls.clear();
        }
        toRelease.forEach(OssStall::release);
        allCredentialsExpired = false;
        refusedKeys.clear();
        delay = Duration.ZERO;
        clockOffset = baselineClockOffset;
    }

    private static int checkNth(int nth) {
        if (nth < 1) {
            throw new IllegalArgumentException("nth < 1: " + nth);
        }
        return nth;
    }

    private void arm(Armed a) {
        synchronized (lock) {
            armed.add(a);
        }
    }

    // ---- used by the handler -------------------------------------------------------------------

    Fired onRequest(OssOperation operation) {
        boolean reset = false;
        OssError error = null;
        OssStall stall = null;
        synchronized (lock) {
            for (Iterator<Armed> it = armed.iterator(); it.hasNext(); ) {
                Armed a = it.next();
                if (a.operation != operation || --a.remaining > 0) {
                    continue;
                }
                it.remove();
                if (a.kind == Kind.RESET) {
                    reset = true;
                } else if (a.kind == Kind.ERROR && error == null) {
                    error = new OssError(a.status, a.code, "Injected by the testkit OSS server: " + a.code + " on this " + operation + ".");
                } else if (a.kind == Kind.STALL && stall == null) {
                    stall = a.stall;
                }
            }
        }
        if (!reset && error == null && stall == null) {
            return Fired.NONE;
        }
        return new Fired(reset, error, stall);
    }

    /** The error a request on {@code key} is refused with, when {@link #refuseKey} named it. */
    java.util.Optional<OssError> refusal(java.util.Optional<String> key) {
        return key.map(refusedKeys::get);
    }

    void partSucceeded(OssCredentialStore.Entry signer) {
        synchronized (lock) {
            if (partsUntilTokenExpiry > 0 && --partsUntilTokenExpiry == 0) {
                partsUntilTokenExpiry = -1;
                signer.expired = true;
            }
        }
    }

    boolean allCredentialsExpired() {
        return allCredentialsExpired;
    }

    Duration delay() {
        return delay;
    }

    void releaseAll() {
        List<OssStall> toRelease;
        synchronized (lock) {
            toRelease = new ArrayList<>(stalls);
        }
        toRelease.forEach(OssStall::release);
    }
}
