package io.vodupload.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UploadTicketTest {

    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    /** Decodes "endpoint|bucket|key" and "region" (or "" for none); "bad" fails. */
    private static final UploadTicketDecoder DECODER = new UploadTicketDecoder() {
        @Override
        public UploadAddress decodeAddress(String text) {
            if (text.equals("bad")) {
                throw new TicketFormatException("UploadAddress is not base64 (3 characters)");
            }
            String[] f = text.split("\\|");
            return new UploadAddress(f[0], f[1], f[2]);
        }

        @Override
        public UploadAuth decodeAuth(String text, Instant now) {
            if (text.equals("bad")) {
                throw new TicketFormatException("UploadAuth has neither ExpireUTCTime nor Expiration");
            }
            return new UploadAuth(Credentials.of("id", "secret"), text.isEmpty() ? Optional.empty() : Optional.of(text));
        }
    };

    @Test
    void decode_validTickets_giveTheTargetInTheTicketsRegion() {
        UploadTicket t = UploadTicket.decode(DECODER, "https://oss-cn-shanghai.aliyuncs.com|b|k.mp4", "cn-shanghai",
                NOW, Optional.empty());

        assertThat(t.target().endpoint()).isEqualTo(URI.create("https://oss-cn-shanghai.aliyuncs.com"));
        assertThat(t.target().bucket()).isEqualTo("b");
        assertThat(t.target().key()).isEqualTo("k.mp4");
        assertThat(t.target().region()).contains("cn-shanghai");
    }

    @Test
    void decode_regionGiven_winsOverTheTicketsOwn() {
        UploadTicket t = UploadTicket.decode(DECODER, "https://oss.example|b|k", "cn-shanghai", NOW,
                Optional.of("ap-southeast-1"));

        assertThat(t.target().region()).contains("ap-southeast-1");
    }

    @Test
    void decode_badAddress_namesTheAddressWithTheDecodersMessage() {
        TicketFormatException e = catchThrowableOfType(TicketFormatException.class,
                () -> UploadTicket.decode(DECODER, "bad", "bad", NOW, Optional.empty()));

        assertThat(e.ticket()).contains(TicketFormatException.Ticket.UPLOAD_ADDRESS);
        assertThat(e).hasMessage("UploadAddress is not base64 (3 characters)");
    }

    @Test
    void decode_badAuth_namesTheAuth() {
        TicketFormatException e = catchThrowableOfType(TicketFormatException.class,
                () -> UploadTicket.decode(DECODER, "https://oss.example|b|k", "bad", NOW, Optional.empty()));

        assertThat(e.ticket()).contains(TicketFormatException.Ticket.UPLOAD_AUTH);
        assertThat(e).hasMessage("UploadAuth has neither ExpireUTCTime nor Expiration");
    }

    @Test
    void decode_addressWhoseEndpointIsNoUrl_namesTheAddress() {
        TicketFormatException e = catchThrowableOfType(TicketFormatException.class,
                () -> UploadTicket.decode(DECODER, "ftp://x y|b|k", "", NOW, Optional.empty()));

        assertThat(e.ticket()).contains(TicketFormatException.Ticket.UPLOAD_ADDRESS);
    }

    @Test
    void decode_missingAuth_namesTheAuth() {
        TicketFormatException e = catchThrowableOfType(TicketFormatException.class,
                () -> UploadTicket.decode(DECODER, "https://oss.example|b|k", null, NOW, Optional.empty()));

        assertThat(e.ticket()).contains(TicketFormatException.Ticket.UPLOAD_AUTH);
        assertThat(e).hasMessage("uploadAuth is missing");
    }

    @Test
    void forFileName_knownAndUnknownExtensions_giveTheTypeOrNone() {
        assertThat(ObjectMetadata.forFileName("clip.mp4").contentType()).contains("video/mp4");
        assertThat(ObjectMetadata.forFileName("notes.unknownext")).isEqualTo(ObjectMetadata.EMPTY);
    }
}
