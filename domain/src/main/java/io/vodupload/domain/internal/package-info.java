/**
 * Implementation of the upload domain; not API. {@link io.vodupload.domain.internal.Machine} is the pure
 * state machine: it maps a {@link io.vodupload.domain.internal.State} (a
 * {@link io.vodupload.domain.internal.Live} upload or a terminal outcome) and an
 * {@link io.vodupload.domain.internal.Event} to the next state and its
 * {@link io.vodupload.domain.internal.Effect}s, routing each event to the handlers of one phase
 * ({@code Starting}, {@code Resuming}, {@code Transferring}, {@code Completing}, {@code Canceling}) or of
 * what crosses phases ({@code Controls}, {@code Failures}). {@link io.vodupload.domain.internal.Engine}
 * performs the effects through the ports, {@link io.vodupload.domain.internal.PartPlan} cuts files into
 * parts.
 */
package io.vodupload.domain.internal;
