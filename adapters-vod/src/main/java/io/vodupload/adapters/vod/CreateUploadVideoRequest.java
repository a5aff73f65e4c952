package io.vodupload.adapters.vod;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The parameters of VOD's {@code CreateUploadVideo}. Limits as VOD documents them: title ≤ 128
 * characters, description ≤ 1024, at most 16 tags of ≤ 32 characters each, a file name with an extension.
 *
 * @param title           required, 1..128 characters
 * @param fileName        the source file name, with an extension
 * @param fileSize        the file size in bytes, when known
 * @param description     up to 1024 characters
 * @param coverUrl        a cover image URL
 * @param cateId          a category id
 * @param tags            up to 16 tags
 * @param templateGroupId a transcoding template group
 * @param workflowId      a workflow (wins over the template group)
 * @param storageLocation a storage address
 * @param userData        custom JSON
 * @param appId           the application id ({@code app-1000000} style)
 */
public record CreateUploadVideoRequest(String title, String fileName, OptionalLong fileSize,
                                       Optional<String> description, Optional<String> coverUrl,
                                       OptionalLong cateId, List<String> tags, Optional<String> templateGroupId,
                                       Optional<String> workflowId, Optional<String> storageLocation,
                                       Optional<String> userData, Optional<String> appId) {

    public CreateUploadVideoRequest {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(fileSize, "fileSize");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(coverUrl, "coverUrl");
        Objects.requireNonNull(cateId, "cateId");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(templateGroupId, "templateGroupId");
        Objects.requireNonNull(workflowId, "workflowId");
        Objects.requireNonNull(storageLocation, "storageLocation");
        Objects.requireNonNull(userData, "userData");
        Objects.requireNonNull(appId, "appId");
        if (title.isBlank() || title.length() > 128) {
            throw new IllegalArgumentException("title must be 1..128 characters: \"" + title + "\"");
        }
        int dot = fileName.lastIndexOf('.');
        if (fileName.isBlank() || dot < 0 || dot == fileName.length() - 1) {
            throw new IllegalArgumentException("fileName has no extension: \"" + fileName + "\"");
        }
        if (description.isPresent() && description.get().length() > 1024) {
            throw new IllegalArgumentException("description is longer than 1024 characters: "
                    + description.get().length());
        }
        tags = List.copyOf(tags);
        if (tags.size() > 16) {
            throw new IllegalArgumentException("more than 16 tags: " + tags.size());
        }
        for (String tag : tags) {
            if (tag.isBlank() || tag.length() > 32 || tag.contains(",")) {
                throw new IllegalArgumentException("tag must be 1..32 characters without ',': \"" + tag + "\"");
            }
        }
    }

    /** A request with only the required title and file name. */
    public static CreateUploadVideoRequest of(String title, String fileName) {
        return new CreateUploadVideoRequest(title, fileName, OptionalLong.empty(), Optional.empty(),
                Optional.empty(), OptionalLong.empty(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }
}
