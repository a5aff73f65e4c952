package io.vodupload.cli;

import io.vodupload.adapters.vod.CreateUploadAttachedMediaRequest;
import io.vodupload.adapters.vod.CreateUploadImageRequest;
import io.vodupload.adapters.vod.CreateUploadVideoRequest;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The metadata VOD's create actions take ({@code --title}, {@code --description}, {@code --tags}, …), shared
 * by {@code upload --vod-region} and {@code create-upload}. Values are checked by the ports' request records,
 * whose messages name the bad value.
 */
public final class MediaOptions {

    @Option(names = "--title", paramLabel = "TITLE", description = "Title (required for videos; up to 128 characters).")
    String title;

    @Option(names = "--description", paramLabel = "TEXT", description = "Description (up to 1024 characters).")
    String description;

    @Option(names = "--tags", paramLabel = "TAG,TAG", description = "Up to 16 comma-separated tags.")
    String tags;

    @Option(names = "--cate-id", paramLabel = "ID", description = "Category id.")
    Long cateId;

    @Option(names = "--cover-url", paramLabel = "URL", description = "Cover image URL (videos).")
    String coverUrl;

    @Option(names = "--template-group-id", paramLabel = "ID", description = "Transcoding template group (videos).")
    String templateGroupId;

    @Option(names = "--workflow-id", paramLabel = "ID", description = "Workflow (videos; wins over the template group).")
    String workflowId;

    @Option(names = "--storage-location", paramLabel = "ADDR", description = "VOD storage address.")
    String storageLocation;

    @Option(names = "--user-data", paramLabel = "JSON", description = "Custom JSON passed to VOD.")
    String userData;

    @Option(names = "--app-id", paramLabel = "ID", description = "VOD application id (app-1000000 style).")
    String appId;

    @Option(names = "--image-type", paramLabel = "TYPE", description = "Image type: default or cover (images).")
    String imageType;

    @Option(names = "--business-type", paramLabel = "TYPE",
            description = "Attached media kind: watermark, subtitle or material (default: subtitle for subtitle files, else material).")
    String businessType;

    /** The flags given, for "only with --vod-region" messages. */
    List<String> flagsGiven() {
        List<String> given = new ArrayList<>();
        addIf(given, title, "--title");
        addIf(given, description, "--description");
        addIf(given, tags, "--tags");
        addIf(given, cateId, "--cate-id");
        addIf(given, coverUrl, "--cover-url");
        addIf(given, templateGroupId, "--template-group-id");
        addIf(given, workflowId, "--workflow-id");
        addIf(given, storageLocation, "--storage-location");
        addIf(given, userData, "--user-data");
        addIf(given, appId, "--app-id");
        addIf(given, imageType, "--image-type");
        addIf(given, businessType, "--business-type");
        return given;
    }

    private static void addIf(List<String> list, Object value, String flag) {
        if (value != null) {
            list.add(flag);
        }
    }

    List<String> tagList() {
        if (tags == null || tags.isBlank()) {
            return List.of();
        }
        return Arrays.stream(tags.split(",")).map(String::trim).toList();
    }

    /** CreateUploadVideo's parameters for {@code fileName}. */
    CreateUploadVideoRequest videoRequest(String fileName, OptionalLong fileSize) {
        if (title == null) {
            throw CliException.usage("--title is required to create a video (CreateUploadVideo)");
        }
        return request(() -> new CreateUploadVideoRequest(title, fileName, fileSize,
                Optional.ofNullable(description), Optional.ofNullable(coverUrl), optional(cateId), tagList(),
                Optional.ofNullable(templateGroupId), Optional.ofNullable(workflowId),
                Optional.ofNullable(storageLocation), Optional.ofNullable(userData), Optional.ofNullable(appId)));
    }

    /** CreateUploadImage's parameters for an image with extension {@code ext}. */
    CreateUploadImageRequest imageRequest(String ext) {
        String extension = ext.toLowerCase(Locale.ROOT);
        return request(() -> new CreateUploadImageRequest(imageType == null ? "default" : imageType,
                Optional.of(extension), Optional.ofNullable(title), tagList(), optional(cateId),
                Optional.ofNullable(description), Optional.ofNullable(storageLocation),
                Optional.ofNullable(userData), Optional.ofNullable(appId)));
    }

    /** CreateUploadAttachedMedia's parameters for {@code fileName} with extension {@code ext}. */
    CreateUploadAttachedMediaRequest attachedRequest(String fileName, String ext, OptionalLong fileSize) {
        String type = businessType != null ? businessType
                : java.util.Set.of("srt", "vtt", "ass", "ssa", "ttml", "lrc").contains(ext) ? "subtitle" : "material";
        return request(() -> new CreateUploadAttachedMediaRequest(type, ext, Optional.ofNullable(title),
                Optional.of(fileName), fileSize, tagList(), optional(cateId), Optional.ofNullable(description),
                Optional.ofNullable(storageLocation), Optional.ofNullable(userData), Optional.ofNullable(appId)));
    }

    private static OptionalLong optional(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private static <T> T request(java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }
}
