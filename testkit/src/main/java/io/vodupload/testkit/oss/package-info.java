/**
 * An OSS-compatible server on loopback ({@link io.vodupload.testkit.oss.OssServer}): stateful, strict about
 * V1/V4 signatures, STS tokens and request time, with fault injection and statistics, usable in-process and
 * as a standalone process ({@link io.vodupload.testkit.oss.OssServerMain}). Built on the JDK's
 * {@code com.sun.net.httpserver}; no third-party runtime dependency. See {@code docs/testkit-server.md}.
 */
package io.vodupload.testkit.oss;
