/**
 * The object storage port as OSS REST over Apache HttpClient 5 ({@link io.vodupload.adapters.http.HttpObjectStorage}).
 *
 * <p>That class (with its nested builder and enums) is the whole public API; the
 * signer, the XML documents, the error mapping and the streamed body are package-private. This package
 * depends on {@code io.vodupload.ports}, HttpClient and Jackson (for OSS's XML) only, never on the domain. Secrets never
 * reach a message, a log line or a {@code toString()}.
 */
package io.vodupload.adapters.http;
