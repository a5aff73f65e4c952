/**
 * The ports of VodUpload: the interfaces the upload domain drives and the plain, immutable values they
 * exchange. This package depends on the JDK only; adapters implement these interfaces, the domain calls
 * them, and only the application (app-cli or an embedding application) wires the two together.
 *
 * <p>Conventions for every type here:
 * <ul>
 *   <li>Values are records that validate in their compact constructor and name the bad value in the
 *       message ({@code "partNumber out of 1..10000: 0"}).</li>
 *   <li>Nothing is {@code null}: optional values are {@link java.util.Optional} or
 *       {@link java.util.OptionalLong}.</li>
 *   <li>Secrets ({@code AccessKeySecret}, {@code SecurityToken}) never appear in {@code toString()},
 *       exception messages or checkpoints.</li>
 * </ul>
 */
package io.vodupload.ports;
