package io.vodupload.domain;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The error catalogue: stable string codes for everything the uploader itself refuses or fails with,
 * each with what it means and what the user should do, and, for immediate refusals, the negative
 * {@code int} the {@link PublishManager} facade returns. The same table is {@code docs/error-codes.md}.
 *
 * <p>Codes are API: they never change meaning or spelling. Failures the storage reports are not in this
 * catalogue: {@code onUploadFailed} passes the server's code through ({@code NoSuchBucket},
 * {@code AccessDenied}, {@code InvalidAccessKeyId}, {@code ServiceUnavailable} after the last retry, ...).
 *
 * <p>Immutable and thread-safe.
 */
public enum ErrorCode {

    // ---- immediate refusals (start / facade calls)

    /** The path does not exist. Aliyun's {@code ERROR_FILE_NOT_EXISTS}. */
    FILE_NOT_FOUND("FileNotFound", -20003005,
            "The file to upload does not exist.",
            "Check the path; give an absolute path or one relative to the working directory."),
    /** The path is a directory or another non-regular file. */
    NOT_A_FILE("NotAFile", -20012004,
            "The path names a directory, device or other non-regular file.",
            "Give the path of a regular file."),
    /** The file exists but cannot be opened for reading. */
    FILE_UNREADABLE("FileUnreadable", -20012005,
            "The file exists but cannot be read (permissions, lock, I/O error).",
            "Fix the file's permissions or wait until no other program holds it."),
    /**
     * No longer raised: an empty file is uploaded as one empty PutObject. Kept so that the code and its
     * facade number {@code -20012006} keep their meaning and are never given to anything else.
     */
    EMPTY_FILE("EmptyFile", -20012006,
            "Not raised any more: an empty file is uploaded as one PutObject of 0 bytes. Earlier versions refused it.",
            "Nothing; the code is reserved."),
    /** More than 10,000 parts of 5 GiB. */
    FILE_TOO_LARGE("FileTooLarge", -20012009,
            "The file is larger than OSS allows for one object (10,000 parts of 5 GiB, about 48.8 TiB).",
            "Split the file."),
    /** The UploadAddress ticket cannot be decoded. */
    INVALID_UPLOAD_ADDRESS("InvalidUploadAddress", -20012007,
            "The UploadAddress is not base64 JSON with Endpoint, Bucket and FileName, or its endpoint is not a URL or host.",
            "Pass the UploadAddress exactly as CreateUploadVideo/CreateUploadImage returned it."),
    /** The UploadAuth ticket cannot be decoded. */
    INVALID_UPLOAD_AUTH("InvalidUploadAuth", -20012008,
            "The UploadAuth is not base64 JSON with AccessKeyId, AccessKeySecret and SecurityToken.",
            "Pass the UploadAuth exactly as CreateUploadVideo/RefreshUploadVideo returned it."),
    /** A configuration value is out of range. */
    INVALID_CONFIG("InvalidConfig", -20012010,
            "A configuration value is out of range (part size, parallelism, retry policy, intervals).",
            "Fix the value named in the message."),
    /** The call does not apply in the upload's current state. Aliyun's {@code ..._UPLOAD_VOD_STATE}. */
    INVALID_STATE("InvalidState", -20012003,
            "The call does not apply now: no upload is running, one is already running, or it is not paused.",
            "Check the upload's state; start a new upload only after the previous one ended."),
    /** The upload could not be started for an unexpected reason. Aliyun's {@code ..._UPLOAD_FAILED}. */
    UPLOAD_FAILED("UploadFailed", -20012001,
            "The upload could not be started for an unexpected reason (see the log).",
            "Report it with the log; retry."),
    /** Another process is uploading the same file to the same target with the same checkpoint store. */
    UPLOAD_IN_PROGRESS("UploadInProgress", -20012012,
            "Another process (named in the message by host and pid) is uploading the same file to the same target with the same checkpoints right now; the checkpoint is locked.",
            "Wait for that process to finish (or stop it), then run the upload again if it is still needed."),

    // ---- asynchronous failures (onUploadFailed, UploadFailedException)

    /** The CRC-64 storage reports for the object differs from the file's. */
    CRC_MISMATCH("CrcMismatch", 0,
            "The object storage holds does not match the file: its CRC-64 (or size) differs from the file's.",
            "Upload again; if it repeats, check the network path (proxies that rewrite bodies) and the disk."),
    /** Storage reported no CRC-64 for the object, so it could not be verified. */
    CRC_UNAVAILABLE("CrcUnavailable", 0,
            "Storage reported no CRC-64 for the finished object (or no object at all) and no other check was possible (the storage checks no Content-MD5) or CRC-64 was required.",
            "Use an endpoint that reports x-oss-hash-crc64ecma, or drop --require-crc64; check the object by hand."),
    /** The file changed while it was being uploaded. */
    FILE_CHANGED("FileChanged", 0,
            "The file changed (length, modification or change time, or its bytes) while it was being uploaded; the object that was there is kept where the storage allows.",
            "Upload again once the file is final."),
    /** A stream given with a size (--size) had more or fewer bytes. */
    STREAM_SIZE_MISMATCH("StreamSizeMismatch", 0,
            "The stream had more or fewer bytes than the size given for it; its multipart upload was aborted.",
            "Give the right size, or none (the part size then grows on its schedule)."),
    /** Reading the stream failed (or it is beyond what 10,000 parts can hold). */
    STREAM_UNREADABLE("StreamUnreadable", 0,
            "Reading the stream failed (an I/O error of the source), or it grew beyond what 10,000 parts of its schedule can hold; a stream cannot resume, so its multipart upload was aborted.",
            "Fix the source and upload again from the start."),
    /** No usable credentials could be obtained. */
    CREDENTIALS_UNAVAILABLE("CredentialsUnavailable", -20012011,
            "The credentials provider failed, or no new credentials arrived within the configured wait.",
            "Fix the provider (VOD API access, the external command) or refresh the credentials sooner."),
    /**
     * The transfer was stopped before it finished: a transfer kept being interrupted by something other
     * than pause or cancel, an adapter's thread was interrupted, or (the CLI) the user interrupted it.
     */
    INTERRUPTED("Interrupted", 0,
            "The upload was stopped before it finished: a transfer kept being interrupted by something other than pause or cancel, the I/O thread was interrupted, or the user interrupted the command.",
            "Run the upload again; with resume on it continues from its checkpoint."),
    /** A bug: something that should not happen did. */
    UNEXPECTED_ERROR("UnexpectedError", 0,
            "An unexpected error inside the uploader or an adapter (a bug).",
            "Report it with the log.");

    private final String code;
    private final int facadeCode;
    private final String meaning;
    private final String action;

    ErrorCode(String code, int facadeCode, String meaning, String action) {
        this.code = code;
        this.facadeCode = facadeCode;
        this.meaning = meaning;
        this.action = action;
    }

    /** {@return the stable string code, as {@code onUploadFailed} reports it} */
    public String code() {
        return code;
    }

    /** {@return the negative {@code int} the facade returns for this refusal; empty for asynchronous-only codes} */
    public OptionalInt facadeCode() {
        return facadeCode == 0 ? OptionalInt.empty() : OptionalInt.of(facadeCode);
    }

    /** {@return what it means} */
    public String meaning() {
        return meaning;
    }

    /** {@return what the user should do} */
    public String action() {
        return action;
    }

    /**
     * The catalogued code spelled {@code code}, if any (server codes are not catalogued).
     *
     * @param code the failure code
     * @return the entry, or empty
     */
    public static Optional<ErrorCode> fromCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }

    @Override
    public String toString() {
        return code;
    }
}
