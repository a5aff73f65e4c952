/**
 * VodUpload's upload domain: the public API for Java applications.
 *
 * <ul>
 *   <li>{@link io.vodupload.domain.Uploader} starts uploads ({@link io.vodupload.domain.UploadRequest},
 *       {@link io.vodupload.domain.UploadConfig}, {@link io.vodupload.domain.RetryPolicy}) and returns an
 *       {@link io.vodupload.domain.UploadHandle} (completion future, progress, pause, resume, cancel,
 *       credential refresh).</li>
 *   <li>{@link io.vodupload.domain.PublishManager} is the short-video SDK's facade on top of it, with
 *       {@code int} return codes.</li>
 *   <li>{@link io.vodupload.domain.ErrorCode} is the error catalogue.</li>
 * </ul>
 *
 * <p>This package depends on {@code io.vodupload.ports} and the JDK only (enforced by Maven Enforcer and
 * an ArchUnit test). Everything under {@code io.vodupload.domain.internal} is implementation: the pure
 * state machine ({@code Machine}), part planning, the engine that runs effects.
 */
package io.vodupload.domain;
