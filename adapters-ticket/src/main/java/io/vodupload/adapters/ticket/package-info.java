/**
 * The Jackson decoder of VOD's upload tickets ({@link io.vodupload.adapters.ticket.JacksonUploadTicketDecoder}),
 * the one implementation of {@link io.vodupload.ports.UploadTicketDecoder}.
 *
 * <p>Every transport needs tickets, so the decoder lives apart from any of them: an application on the
 * aliyun-sdk-oss transport decodes tickets without loading HttpClient. This package depends on
 * {@code io.vodupload.ports} and jackson-databind only. Secrets never reach a message or a {@code toString()}.
 */
package io.vodupload.adapters.ticket;
