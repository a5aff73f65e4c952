package io.vodupload.osswire;

import io.vodupload.ports.StorageTarget;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PartDigestsTest {

    private static final StorageTarget MEDIA = StorageTarget.of("http://127.0.0.1:9000", "media", "a.mp4");

    @Test
    void needsContentMd5_beforeAnyAnswer_isTrue() {
        assertThat(new PartDigests().needsContentMd5(MEDIA)).isTrue();
    }

    @Test
    void needsContentMd5_afterAnAnswerWithCrc64_isFalseForEveryKeyOfThatBucket() {
        PartDigests digests = new PartDigests();

        assertThat(digests.answered(MEDIA, true, true)).isTrue();

        assertThat(digests.needsContentMd5(StorageTarget.of("http://127.0.0.1:9000", "media", "other.mp4"))).isFalse();
    }

    @Test
    void needsContentMd5_afterAnswersWithoutCrc64_staysTrue() {
        PartDigests digests = new PartDigests();

        assertThat(digests.answered(MEDIA, true, false)).isTrue();
        assertThat(digests.answered(MEDIA, true, false)).isTrue();

        assertThat(digests.needsContentMd5(MEDIA)).isTrue();
    }

    @Test
    void needsContentMd5_anotherBucketOrEndpoint_isTrue() {
        PartDigests digests = new PartDigests();

        assertThat(digests.answered(MEDIA, true, true)).isTrue();

        assertThat(digests.needsContentMd5(StorageTarget.of("http://127.0.0.1:9000", "other", "a.mp4"))).isTrue();
        assertThat(digests.needsContentMd5(StorageTarget.of("http://127.0.0.1:9001", "media", "a.mp4"))).isTrue();
    }

    @Test
    void answered_sentWithoutMd5AndAnsweredWithoutCrc64_isUncheckedAndTheBucketNeedsMd5Again() {
        PartDigests digests = new PartDigests();
        digests.answered(MEDIA, true, true);

        boolean checked = digests.answered(MEDIA, false, false);

        assertThat(checked).isFalse();
        assertThat(digests.needsContentMd5(MEDIA)).isTrue();
    }
}
