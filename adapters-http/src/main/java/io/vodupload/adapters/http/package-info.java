/**
 * The object storage port as OSS REST over Apache HttpClient 5 ({@link io.vodupload.adapters.http.HttpObjectStorage}),
 * and the Jackson decoder of VOD's upload tickets ({@link io.vodupload.adapters.http.JacksonUploadTicketDecoder}).
 *
 * <p>Those two classes (with the builder and enums nested in the first) are the whole public API; the
 * signer, the XML documents, the error mapping and the streamed body are package-private. This package
 * depends on {@code io.vodupload.ports}, HttpClient and Jackson only, never on the domain. Secrets never
 * reach a message, a log line or a {@code toString()}.
 */
package io.vodupload.adapters.http;
