package io.vodupload.cli.options;

/** The four places {@code vodupload upload} can send a file to; the flags name exactly one. */
public enum TargetForm {
    /** The embedded local store ({@code --store DIR}, or nothing). */
    LOCAL,
    /** VOD's upload credentials ({@code --upload-address}, {@code --upload-auth}). */
    TICKET,
    /** An OSS bucket with an AccessKey ({@code --endpoint}, {@code --bucket}, {@code --key}). */
    OSS,
    /** A VOD region: the command creates the upload itself ({@code --vod-region}). */
    VOD
}
