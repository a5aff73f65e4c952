package io.vodupload.adapters.vod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodupload.ports.Credentials;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.QueuedFileInfo;
import io.vodupload.ports.Ticket;
import io.vodupload.testkit.vod.FakeVodServer;
import io.vodupload.testkit.vod.VodAction;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VodTicketSourceTest {

    private static final Instant NOW = Instant.parse("2025-03-01T08:00:00Z");
    private static final String AK = "test-app-server-ak";
    private static final String SK = "appServerSecret";

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final FakeVodServer server = FakeVodServer.builder().accessKey(AK, SK).clock(clock).start();
    private final VodApiClient client = VodApiClient.builder().endpoint(server.endpoint())
            .credentials(Credentials.of(AK, SK)).clock(clock).build();
    private final VodTicketSource tickets = new VodTicketSource(client, new TestTicketDecoder(), clock);

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static QueuedFileInfo file(Map<String, String> vodInfo) {
        return QueuedFileInfo.ticketed("1", Path.of("/videos/holiday clip.mp4"), vodInfo, ObjectMetadata.EMPTY, 12_345);
    }

    @Test
    void open_createsOneVideoWithTheFilesVodInfo_andRefreshKeepsItsTarget() throws Exception {
        Ticket opened = tickets.open(file(Map.of("Title", "Holiday", "CateId", "1000", "Tags", "a, b")));

        assertThat(server.calls(VodAction.CREATE_UPLOAD_VIDEO)).isEqualTo(1);
        assertThat(server.lastParameters(VodAction.CREATE_UPLOAD_VIDEO).orElseThrow())
                .containsEntry("Title", "Holiday").containsEntry("FileName", "holiday clip.mp4")
                .containsEntry("CateId", "1000").containsEntry("Tags", "a,b").containsEntry("FileSize", "12345");
        assertThat(opened.videoId()).isPresent();
        assertThat(opened.toString()).doesNotContain(opened.credentials().current().accessKeySecret());

        Ticket refreshed = tickets.refresh(opened.videoId().get());

        assertThat(server.calls(VodAction.REFRESH_UPLOAD_VIDEO)).isEqualTo(1);
        assertThat(server.calls(VodAction.CREATE_UPLOAD_VIDEO)).isEqualTo(1);
        assertThat(refreshed.target()).isEqualTo(opened.target());
        assertThat(refreshed.videoId()).isEqualTo(opened.videoId());
        assertThat(refreshed.credentials().current().accessKeySecret())
                .isNotEqualTo(opened.credentials().current().accessKeySecret());
    }

    @Test
    void request_noTitle_usesTheFileNameWithoutItsExtension() {
        assertThat(VodTicketSource.request(file(Map.of())).title()).isEqualTo("holiday clip");
    }

    @Test
    void request_cateIdNotANumber_isRefusedNamingIt() {
        assertThatThrownBy(() -> VodTicketSource.request(file(Map.of("CateId", "music"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CateId is not a number: music");
    }
}
