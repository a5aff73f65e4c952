/**
 * A file server on loopback for tests of URL sources ({@link io.vodupload.testkit.http.HttpFileServer}):
 * validators, ranges, redirects and faults (a connection cut after some bytes, a file that changes, an
 * error status). Built on the JDK's {@code com.sun.net.httpserver}; no third-party runtime dependency.
 */
package io.vodupload.testkit.http;
