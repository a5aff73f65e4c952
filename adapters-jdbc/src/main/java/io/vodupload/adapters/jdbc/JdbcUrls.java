package io.vodupload.adapters.jdbc;

import io.vodupload.ports.SafeUrl;
import java.util.List;

/**
 * Shows a JDBC URL without the secrets it may hold, so that it can go into a message, a log line or an
 * event: the project's one URL redaction, {@link SafeUrl}, under the name the JDBC code uses. A URL can
 * carry a password in two places, and both are hidden:
 *
 * <ul>
 *   <li>a parameter whose name says it is secret ({@code password}, {@code sslpassword}, {@code pwd},
 *       {@code passwd}, {@code secret}, {@code token}, any case; the full list is {@link SafeUrl}'s), after
 *       {@code ?}, {@code &} or {@code ;}: {@code jdbc:postgresql://db/q?user=u&password=s3cret} shows as
 *       {@code jdbc:postgresql://db/q?user=u&password=***};</li>
 *   <li>the user-info of the authority: {@code jdbc:postgresql://u:s3cret@db/q} shows as
 *       {@code jdbc:postgresql://u:***@db/q}.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class JdbcUrls {

    /** What a hidden value is shown as. */
    public static final String MASK = SafeUrl.MASK;

    private JdbcUrls() {
    }

    /**
     * {@code url} with every password-like value replaced by {@value #MASK}; everything else as it was.
     *
     * @throws NullPointerException when {@code url} is null
     */
    public static String redact(String url) {
        return SafeUrl.redact(url);
    }

    /**
     * The secret values {@code url} holds, as written and URL-decoded, so that they can be scrubbed from
     * a driver's message. Empty values are left out.
     */
    static List<String> secretsIn(String url) {
        return SafeUrl.secretsIn(url);
    }

    /** {@code text} with every one of {@code secrets} replaced by {@value #MASK}, longest first. */
    static String scrub(String text, List<String> secrets) {
        if (text == null) {
            return null;
        }
        return SafeUrl.scrub(text, secrets);
    }
}
