/**
 * An HTTP(S) URL as a {@link io.vodupload.ports.StreamSource}, over Apache HttpClient 5:
 * {@link io.vodupload.adapters.url.UrlSource}. Redirects are followed (bounded), a body cut by the network
 * resumes with a {@code Range} request validated by the ETag or Last-Modified, and the URL is only ever
 * shown through {@link io.vodupload.ports.SafeUrl}. See {@code docs/sources.md}.
 */
package io.vodupload.adapters.url;
