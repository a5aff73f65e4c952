package io.vodupload.cli;

import com.google.inject.AbstractModule;
import io.vodupload.adapters.http.JacksonUploadTicketDecoder;
import io.vodupload.ports.UploadTicketDecoder;

/**
 * Binds the decoder of VOD's base64 JSON tickets ({@code UploadAddress}, {@code UploadAuth}) to the Jackson
 * one in adapters-http. Separate from {@link HttpStorageModule} because every transport needs tickets.
 */
public final class TicketModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(UploadTicketDecoder.class).to(JacksonUploadTicketDecoder.class);
    }
}
