package io.vodupload.cli.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

class MediaTypeTest {

    @ParameterizedTest
    @CsvSource({"clip.mp4, VIDEO", "CLIP.MOV, VIDEO", "song.mp3, VIDEO", "noext, VIDEO", "cover.JPG, IMAGE",
        "a.png, IMAGE", "subs.srt, ATTACHED", "subs.vtt, ATTACHED",
        "index.m3u8, M3U8", "Master.M3U8, M3U8"})
    void byExtension_fileName_guessesType(String name, MediaType expected) {
        assertThat(MediaType.byExtension(Path.of(name))).isEqualTo(expected);
    }

    @Test
    void parse_unknownType_throwsNamingIt() {
        assertThatThrownBy(() -> MediaType.parse("movie")).hasMessageContaining("'movie'");
        assertThat(MediaType.parse("Image")).isEqualTo(MediaType.IMAGE);
        assertThat(MediaType.parse("m3u8")).isEqualTo(MediaType.M3U8);
    }

    @Test
    void isVideo_videoAndM3u8_areCreatedAsVideos() {
        assertThat(MediaType.VIDEO.isVideo()).isTrue();
        assertThat(MediaType.M3U8.isVideo()).isTrue();
        assertThat(MediaType.IMAGE.isVideo()).isFalse();
        assertThat(MediaType.ATTACHED.isVideo()).isFalse();
    }
}
