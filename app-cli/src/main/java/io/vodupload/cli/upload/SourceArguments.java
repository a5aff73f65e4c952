package io.vodupload.cli.upload;

import io.vodupload.adapters.url.UrlSource;
import io.vodupload.cli.CliException;
import io.vodupload.ports.SafeUrl;
import io.vodupload.ports.StreamSource;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What the SOURCE argument of {@code vodupload upload} names when it is not a local file: the one place
 * that maps an argument to a {@link StreamSource}. {@code -} is standard input; an {@code http://} or
 * {@code https://} argument is a URL ({@link UrlSource}, its credentials never shown); every other argument
 * is a path ({@code FileSelector} and the single-file upload take it from there).
 */
public final class SourceArguments {

    /** The argument that names standard input. */
    public static final String STANDARD_INPUT = "-";

    private SourceArguments() {
    }

    /**
     * {@return whether {@code argument} names a stream (standard input or a URL) rather than a path}; decided
     * from the text alone, so that a file's upload loads no URL class
     *
     * @param argument the SOURCE argument as typed
     */
    public static boolean isStream(String argument) {
        return argument.equals(STANDARD_INPUT) || isUrl(argument);
    }

    private static boolean isUrl(String argument) {
        String lower = argument.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /**
     * {@return the argument as messages show it: {@code - (standard input)}, or the URL redacted}
     *
     * @param argument a stream argument
     */
    public static String shown(String argument) {
        return argument.equals(STANDARD_INPUT) ? "- (standard input)" : SafeUrl.redact(argument);
    }

    /**
     * The stream {@code argument} names, or empty when it is a local path; a URL with the default timeouts.
     *
     * @param argument the SOURCE argument as typed
     * @return the stream source, not yet opened
     * @throws CliException (exit 2) when a URL argument is not a valid http(s) URL
     */
    public static Optional<StreamSource> stream(String argument) {
        return stream(argument, Duration.ofSeconds(60), 4);
    }

    /**
     * The stream {@code argument} names, or empty when it is a local path.
     *
     * @param argument   the SOURCE argument as typed
     * @param timeout    a URL's connect and read timeout ({@code --timeout})
     * @param maxResumes how often in a row a URL's download may resume after a network fault without a byte
     *                   gained ({@code --max-retries})
     * @return the stream source, not yet opened
     * @throws CliException (exit 2) when a URL argument is not a valid http(s) URL; the message shows it
     *                      redacted
     */
    public static Optional<StreamSource> stream(String argument, Duration timeout, int maxResumes) {
        if (argument.equals(STANDARD_INPUT)) {
            return Optional.of(new StandardInput());
        }
        if (!isUrl(argument)) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(argument);
        } catch (URISyntaxException e) {
            // the exception's own message quotes the whole argument, credentials and all
            throw CliException.usage("not a valid URL: " + SafeUrl.redact(argument) + " (" + e.getReason()
                    + (e.getIndex() >= 0 ? " at index " + e.getIndex() : "") + ")");
        }
        try {
            return Optional.of(UrlSource.builder(uri).connectTimeout(timeout).readTimeout(timeout)
                    .maxResumes(Math.min(maxResumes, 100)).build());
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    /**
     * {@code source} with {@code fallback} as its content type when it tells none: a URL's response type wins
     * over the one guessed from the key, which still applies when the response has none.
     */
    static StreamSource withContentTypeFallback(StreamSource source, Optional<String> fallback) {
        return new StreamSource() {
            @Override
            public Opened open() throws IOException {
                Opened opened = source.open();
                return new Opened(opened.body(), opened.size(), opened.contentType().or(() -> fallback));
            }

            @Override
            public String describe() {
                return source.describe();
            }

            @Override
            public Optional<String> fileName() {
                return source.fileName();
            }
        };
    }
}
