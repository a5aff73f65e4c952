package io.vodupload.ports;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A source of bytes that is not a seekable local file: standard input, an {@link InputStream} the caller
 * holds, an HTTP(S) URL. The uploader reads it once, from the start to the end, in part-sized pieces it
 * keeps in memory until each part is stored; it never writes the bytes to disk.
 *
 * <p>A stream upload cannot be resumed by a new process: the bytes already read are gone. When it fails
 * or is canceled, its multipart upload is aborted.
 *
 * <p><b>Secrets:</b> {@link #describe()} is what events, messages, logs and checkpoints show of the
 * source; it must never hold a credential (a URL's password, a presigned {@code Signature}, a
 * {@code security-token}).
 */
public interface StreamSource {

    /**
     * Opens the bytes. Called once per upload, from the thread that starts the upload; the uploader reads
     * {@link Opened#body()} to its end (or until the upload fails) and then closes it.
     *
     * @return the body, with its size and content type when the source knows them
     * @throws IOException when the source cannot be opened; the message must not hold a secret
     */
    Opened open() throws IOException;

    /**
     * {@return the source as events and messages show it, with any credential redacted}
     */
    String describe();

    /**
     * {@return a name the object may take when the caller gives no key (a URL's last path segment,
     * decoded), or empty when the source has none (standard input)}
     */
    default Optional<String> fileName() {
        return Optional.empty();
    }

    /**
     * An opened source.
     *
     * @param body        the bytes, read once to the end
     * @param size        the number of bytes, when known before they are read (a {@code Content-Length},
     *                    a size the caller gave)
     * @param contentType the content type the source tells (a URL's response {@code Content-Type}), if any
     */
    record Opened(InputStream body, OptionalLong size, Optional<String> contentType) {

        /**
         * Checks the components; a bad one throws, naming the value.
         *
         * @param body        the bytes
         * @param size        the number of bytes, {@code >= 0} when present
         * @param contentType the content type, if any
         */
        public Opened {
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(size, "size");
            Objects.requireNonNull(contentType, "contentType");
            if (size.isPresent() && size.getAsLong() < 0) {
                throw new IllegalArgumentException("size < 0: " + size.getAsLong());
            }
        }
    }
}
