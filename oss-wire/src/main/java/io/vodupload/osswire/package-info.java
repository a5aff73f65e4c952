/**
 * What every OSS transport must agree on, written once and shared by {@code adapters-http} (Apache
 * HttpClient) and {@code adapters-oss} (aliyun-sdk-oss): endpoint addressing and the signature version it
 * selects ({@link io.vodupload.osswire.OssEndpoints}), OSS error codes ({@link io.vodupload.osswire.OssErrorCodes})
 * and the classification of I/O failures ({@link io.vodupload.osswire.IoFailures}), scrubbed error text
 * ({@link io.vodupload.osswire.ErrorText}), the stalled-body watchdog ({@link io.vodupload.osswire.StallWatchdog})
 * and the streamed file-region body that computes CRC-64 and reports progress
 * ({@link io.vodupload.osswire.RegionBody}, also used by {@code adapters-local}), and the {@code Content-MD5}
 * read before a body ({@link io.vodupload.osswire.ContentMd5}) and which UploadParts still need one
 * ({@link io.vodupload.osswire.PartDigests}).
 *
 * <p>Depends on {@code io.vodupload.ports} and the JDK only (including {@code javax.net.ssl}): no HTTP
 * library, so either transport can use it without pulling in the other's. Two copies of protocol logic
 * drift; one cannot.
 */
package io.vodupload.osswire;
