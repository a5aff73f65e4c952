package io.vodupload.cli.options;

import io.vodupload.adapters.vod.CreateUploadAttachedMediaRequest;
import io.vodupload.adapters.vod.CreateUploadImageRequest;
import io.vodupload.adapters.vod.CreateUploadVideoRequest;
import io.vodupload.cli.CliException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The metadata VOD's create actions take, as the flags give it ({@code --title}, {@code --description},
 * {@code --tags}, ...). The values are checked once, by the VOD request records, whose messages name the bad
 * value; a bad one is exit 2. Immutable.
 */
public record MediaFields(Optional<String> title, Optional<String> description, Optional<String> tags,
                          OptionalLong cateId, Optional<String> coverUrl, Optional<String> templateGroupId,
                          Optional<String> workflowId, Optional<String> storageLocation, Optional<String> userData,
                          Optional<String> appId, Optional<String> imageType, Optional<String> businessType) {

    public MediaFields {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(cateId, "cateId");
        Objects.requireNonNull(coverUrl, "coverUrl");
        Objects.requireNonNull(templateGroupId, "templateGroupId");
        Objects.requireNonNull(workflowId, "workflowId");
        Objects.requireNonNull(storageLocation, "storageLocation");
        Objects.requireNonNull(userData, "userData");
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(imageType, "imageType");
        Objects.requireNonNull(businessType, "businessType");
    }

    /**
     * These fields with {@code title} when none was given: a video created for a file is titled by the file's
     * base name without its extension unless {@code --title} says otherwise. VOD's 128-character limit is
     * kept by cutting a longer name.
     */
    public MediaFields withTitleIfAbsent(String title) {
        if (this.title.isPresent()) {
            return this;
        }
        String t = title.codePointCount(0, title.length()) > 128
                ? title.substring(0, title.offsetByCodePoints(0, 128)) : title;
        return new MediaFields(Optional.of(t), description, tags, cateId, coverUrl, templateGroupId, workflowId,
                storageLocation, userData, appId, imageType, businessType);
    }

    /** A file's base name without its extension ({@code clip} for {@code clip.mp4}), the default title. */
    public static String defaultTitle(java.nio.file.Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The flags given, for "only with --vod-region" messages. */
    public List<String> flagsGiven() {
        List<String> given = new ArrayList<>();
        title.ifPresent(v -> given.add("--title"));
        description.ifPresent(v -> given.add("--description"));
        tags.ifPresent(v -> given.add("--tags"));
        cateId.ifPresent(v -> given.add("--cate-id"));
        coverUrl.ifPresent(v -> given.add("--cover-url"));
        templateGroupId.ifPresent(v -> given.add("--template-group-id"));
        workflowId.ifPresent(v -> given.add("--workflow-id"));
        storageLocation.ifPresent(v -> given.add("--storage-location"));
        userData.ifPresent(v -> given.add("--user-data"));
        appId.ifPresent(v -> given.add("--app-id"));
        imageType.ifPresent(v -> given.add("--image-type"));
        businessType.ifPresent(v -> given.add("--business-type"));
        return given;
    }

    /** {@code --tags}, split at commas. */
    public List<String> tagList() {
        if (tags.isEmpty() || tags.get().isBlank()) {
            return List.of();
        }
        return Arrays.stream(tags.get().split(",")).map(String::trim).toList();
    }

    /** CreateUploadVideo's parameters for {@code fileName}. */
    public CreateUploadVideoRequest videoRequest(String fileName, OptionalLong fileSize) {
        String t = title.orElseThrow(() ->
                CliException.usage("--title is required to create a video (CreateUploadVideo)"));
        return request(() -> new CreateUploadVideoRequest(t, fileName, fileSize, description, coverUrl, cateId,
                tagList(), templateGroupId, workflowId, storageLocation, userData, appId));
    }

    /** CreateUploadImage's parameters for an image with extension {@code ext}. */
    public CreateUploadImageRequest imageRequest(String ext) {
        String extension = ext.toLowerCase(Locale.ROOT);
        return request(() -> new CreateUploadImageRequest(imageType.orElse("default"), Optional.of(extension), title,
                tagList(), cateId, description, storageLocation, userData, appId));
    }

    /** CreateUploadAttachedMedia's parameters for {@code fileName} with extension {@code ext}. */
    public CreateUploadAttachedMediaRequest attachedRequest(String fileName, String ext, OptionalLong fileSize) {
        String type = businessType.orElse(MediaType.isSubtitleExtension(ext) ? "subtitle" : "material");
        return request(() -> new CreateUploadAttachedMediaRequest(type, ext, title, Optional.of(fileName), fileSize,
                tagList(), cateId, description, storageLocation, userData, appId));
    }

    private static <T> T request(Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }
}
