package io.vodupload.cli.wiring;

import com.google.inject.AbstractModule;
import io.vodupload.adapters.ticket.JacksonUploadTicketDecoder;
import io.vodupload.ports.UploadTicketDecoder;

/**
 * Binds the decoder of VOD's base64 JSON tickets ({@code UploadAddress}, {@code UploadAuth}) to the Jackson
 * one in adapters-ticket, a module of its own because every transport needs tickets.
 */
public final class TicketModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(UploadTicketDecoder.class).to(JacksonUploadTicketDecoder.class);
    }
}
