/**
 * Implementation of the upload domain; not API. {@link io.vodupload.domain.internal.Machine} is the pure
 * state machine, {@link io.vodupload.domain.internal.Engine} performs its effects through the ports,
 * {@link io.vodupload.domain.internal.PartPlan} cuts files into parts.
 */
package io.vodupload.domain.internal;
