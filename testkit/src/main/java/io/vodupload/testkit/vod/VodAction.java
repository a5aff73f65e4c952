package io.vodupload.testkit.vod;

import java.util.Optional;

/**
 * The VOD OpenAPI actions {@link FakeVodServer} answers, by their wire names ({@code Action=...}).
 */
public enum VodAction {
    CREATE_UPLOAD_VIDEO("CreateUploadVideo"),
    REFRESH_UPLOAD_VIDEO("RefreshUploadVideo"),
    CREATE_UPLOAD_IMAGE("CreateUploadImage"),
    CREATE_UPLOAD_ATTACHED_MEDIA("CreateUploadAttachedMedia");

    private final String wireName;

    VodAction(String wireName) {
        this.wireName = wireName;
    }

    /** The value of the {@code Action} parameter, e.g. {@code CreateUploadVideo}. */
    public String wireName() {
        return wireName;
    }

    /** The action whose wire name is {@code name} (case-sensitive, as VOD is), or empty. */
    public static Optional<VodAction> fromWireName(String name) {
        for (VodAction action : values()) {
            if (action.wireName.equals(name)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
