package io.vodupload.adapters.vod;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The parameters of VOD's {@code CreateUploadAttachedMedia} (auxiliary media: watermarks, subtitles,
 * materials).
 *
 * @param businessType {@code watermark}, {@code subtitle} or {@code material}
 * @param mediaExt     the file extension (e.g. {@code png}, {@code srt}, {@code vtt})
 * @param title        a title, up to 128 characters
 * @param fileName     the source file name
 * @param fileSize     its size in bytes, when known
 * @param tags         up to 16 tags
 * @param cateId       a category id
 * @param description  up to 1024 characters
 * @param storageLocation a storage address
 * @param userData     custom JSON
 * @param appId        the application id
 */
public record CreateUploadAttachedMediaRequest(String businessType, String mediaExt, Optional<String> title,
                                               Optional<String> fileName, OptionalLong fileSize, List<String> tags,
                                               OptionalLong cateId, Optional<String> description,
                                               Optional<String> storageLocation, Optional<String> userData,
                                               Optional<String> appId) {

    private static final List<String> TYPES = List.of("watermark", "subtitle", "material");

    public CreateUploadAttachedMediaRequest {
        Objects.requireNonNull(businessType, "businessType");
        Objects.requireNonNull(mediaExt, "mediaExt");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(fileSize, "fileSize");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(cateId, "cateId");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(storageLocation, "storageLocation");
        Objects.requireNonNull(userData, "userData");
        Objects.requireNonNull(appId, "appId");
        if (!TYPES.contains(businessType)) {
            throw new IllegalArgumentException("businessType is not watermark, subtitle or material: " + businessType);
        }
        if (mediaExt.isBlank() || mediaExt.contains(".")) {
            throw new IllegalArgumentException("mediaExt must be an extension without '.': \"" + mediaExt + "\"");
        }
        tags = List.copyOf(tags);
        if (tags.size() > 16) {
            throw new IllegalArgumentException("more than 16 tags: " + tags.size());
        }
    }

    /** A request with only the business type and extension. */
    public static CreateUploadAttachedMediaRequest of(String businessType, String mediaExt) {
        return new CreateUploadAttachedMediaRequest(businessType, mediaExt, Optional.empty(), Optional.empty(),
                OptionalLong.empty(), List.of(), OptionalLong.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }
}
