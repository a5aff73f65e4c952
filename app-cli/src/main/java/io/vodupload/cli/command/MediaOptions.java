package io.vodupload.cli.command;

import io.vodupload.cli.options.MediaFields;
import picocli.CommandLine.Option;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The metadata VOD's create actions take ({@code --title}, {@code --description}, {@code --tags}, …), shared
 * by {@code upload --vod-region} and {@code create-upload}. Parsing only: {@link #value()} hands them on as
 * an immutable {@link MediaFields}.
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

    /** The flags as given, as a value. */
    public MediaFields value() {
        return new MediaFields(Optional.ofNullable(title), Optional.ofNullable(description), Optional.ofNullable(tags),
                cateId == null ? OptionalLong.empty() : OptionalLong.of(cateId), Optional.ofNullable(coverUrl),
                Optional.ofNullable(templateGroupId), Optional.ofNullable(workflowId),
                Optional.ofNullable(storageLocation), Optional.ofNullable(userData), Optional.ofNullable(appId),
                Optional.ofNullable(imageType), Optional.ofNullable(businessType));
    }
}
