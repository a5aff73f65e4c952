package io.vodupload.domain.internal;

/** Stands in for a class of the domain's internals, used by the fixtures. */
public final class Internal {
}
