package io.vodupload.cli.options;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What kind of VOD media a file is ({@code --type}): it decides which VOD action creates its upload
 * ({@code CreateUploadVideo}, {@code CreateUploadImage} or {@code CreateUploadAttachedMedia}) and whether its
 * credentials can be refreshed (videos only, VOD's rule).
 */
public enum MediaType {
    /** Video or audio: {@code CreateUploadVideo}; refreshable with {@code RefreshUploadVideo}. */
    VIDEO("video"),
    /** An image: {@code CreateUploadImage}; not refreshable. */
    IMAGE("image"),
    /** Auxiliary media (watermark, subtitle, material): {@code CreateUploadAttachedMedia}; not refreshable. */
    ATTACHED("attached"),
    /**
     * An HLS package: the playlist and every file it references, uploaded as one unit (docs/sources.md).
     * VOD creates it with {@code CreateUploadVideo} for the playlist (VOD's M3U8 flow), so it refreshes as a
     * video does.
     */
    M3U8("m3u8");

    private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "bmp", "webp",
            "heic", "tif", "tiff");
    private static final Set<String> ATTACHED_EXTENSIONS = Set.of("srt", "vtt", "ass", "ssa", "ttml", "lrc");

    private final String flagValue;

    MediaType(String flagValue) {
        this.flagValue = flagValue;
    }

    /** The value as {@code --type} takes it. */
    public String flagValue() {
        return flagValue;
    }

    /**
     * Parses a {@code --type} value.
     *
     * @throws IllegalArgumentException naming {@code value} when it is not video, image, attached or m3u8
     */
    public static MediaType parse(String value) {
        for (MediaType t : values()) {
            if (t.flagValue.equalsIgnoreCase(value.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("--type must be video, image, attached or m3u8: '" + value + "'");
    }

    /**
     * The type a file has by its extension: images and subtitles by theirs, {@code .m3u8} an HLS package,
     * anything else is a video.
     */
    public static MediaType byExtension(Path file) {
        String ext = extension(file).orElse("");
        if (ext.equals("m3u8")) {
            return M3U8;
        }
        if (IMAGE_EXTENSIONS.contains(ext)) {
            return IMAGE;
        }
        if (ATTACHED_EXTENSIONS.contains(ext)) {
            return ATTACHED;
        }
        return VIDEO;
    }

    /** Whether VOD creates it with {@code CreateUploadVideo} and refreshes it with {@code RefreshUploadVideo}. */
    public boolean isVideo() {
        return this == VIDEO || this == M3U8;
    }

    /** Whether {@code ext} (lower case, no dot) is a subtitle's, which VOD takes as attached media. */
    public static boolean isSubtitleExtension(String ext) {
        return ATTACHED_EXTENSIONS.contains(ext);
    }

    /** The lower-case extension of {@code file}'s name, without the dot. */
    public static Optional<String> extension(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return Optional.empty();
        }
        String s = name.toString();
        int dot = s.lastIndexOf('.');
        return dot <= 0 || dot == s.length() - 1 ? Optional.empty()
                : Optional.of(s.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
