package io.vodupload.domain.internal;

/** A domain class may use the domain's internals. */
public final class UsesInternal {
    public Internal internal() {
        return new Internal();
    }
}
