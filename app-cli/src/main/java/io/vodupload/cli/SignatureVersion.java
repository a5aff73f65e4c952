package io.vodupload.cli;

/** The OSS signature version ({@code --signature}): V1 (HMAC-SHA1) or V4 (OSS4-HMAC-SHA256). */
public enum SignatureVersion {
    V1, V4
}
