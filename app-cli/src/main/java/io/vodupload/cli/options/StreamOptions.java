package io.vodupload.cli.options;

import io.vodupload.ports.StreamSource;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What {@code vodupload upload -} was asked: the options of any upload (their {@code file} is the SOURCE
 * argument resolved, never read), the stream to read, and its length when {@code --size} gave it.
 * Immutable.
 *
 * @param options the upload's options: target, config, output
 * @param source  the stream, not yet opened
 * @param size    {@code --size}, when given
 */
public record StreamOptions(UploadOptions options, StreamSource source, OptionalLong size) {

    public StreamOptions {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(size, "size");
    }
}
