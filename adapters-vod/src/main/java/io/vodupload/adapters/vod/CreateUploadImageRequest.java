package io.vodupload.adapters.vod;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The parameters of VOD's {@code CreateUploadImage}.
 *
 * @param imageType       {@code default} or {@code cover}
 * @param imageExt        {@code png} (VOD's default), {@code jpg}, {@code jpeg} or {@code gif}
 * @param title           a title, up to 128 characters
 * @param tags            up to 16 tags
 * @param cateId          a category id
 * @param description     up to 1024 characters
 * @param storageLocation a storage address
 * @param userData        custom JSON
 * @param appId           the application id
 */
public record CreateUploadImageRequest(String imageType, Optional<String> imageExt, Optional<String> title,
                                       List<String> tags, OptionalLong cateId, Optional<String> description,
                                       Optional<String> storageLocation, Optional<String> userData,
                                       Optional<String> appId) {

    private static final List<String> TYPES = List.of("default", "cover");
    private static final List<String> EXTS = List.of("png", "jpg", "jpeg", "gif");

    public CreateUploadImageRequest {
        Objects.requireNonNull(imageType, "imageType");
        Objects.requireNonNull(imageExt, "imageExt");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(cateId, "cateId");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(storageLocation, "storageLocation");
        Objects.requireNonNull(userData, "userData");
        Objects.requireNonNull(appId, "appId");
        if (!TYPES.contains(imageType)) {
            throw new IllegalArgumentException("imageType is not default or cover: " + imageType);
        }
        if (imageExt.isPresent() && !EXTS.contains(imageExt.get())) {
            throw new IllegalArgumentException("imageExt is not png, jpg, jpeg or gif: " + imageExt.get());
        }
        if (title.isPresent() && title.get().length() > 128) {
            throw new IllegalArgumentException("title is longer than 128 characters: " + title.get().length());
        }
        tags = List.copyOf(tags);
        if (tags.size() > 16) {
            throw new IllegalArgumentException("more than 16 tags: " + tags.size());
        }
    }

    /** A request for an image of {@code imageType} with extension {@code imageExt}. */
    public static CreateUploadImageRequest of(String imageType, String imageExt) {
        return new CreateUploadImageRequest(imageType, Optional.of(imageExt), Optional.empty(), List.of(),
                OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
