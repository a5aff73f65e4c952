package io.vodupload.adapters.jdbc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shows a JDBC URL without the secrets it may hold, so that it can go into a message, a log line or an
 * event. A URL can carry a password in two places, and both are hidden:
 *
 * <ul>
 *   <li>a parameter whose name says it is secret ({@code password}, {@code sslpassword}, {@code pwd},
 *       {@code passwd}, {@code secret}, {@code token}, any case), after {@code ?}, {@code &} or {@code ;}:
 *       {@code jdbc:postgresql://db/q?user=u&password=s3cret} shows as
 *       {@code jdbc:postgresql://db/q?user=u&password=***};</li>
 *   <li>the user-info of the authority: {@code jdbc:postgresql://u:s3cret@db/q} shows as
 *       {@code jdbc:postgresql://u:***@db/q}.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class JdbcUrls {

    /** What a hidden value is shown as. */
    public static final String MASK = "***";

    private static final String SECRET_NAME = "[^=&;?#/]*(?:password|passwd|pwd|secret|token)[^=&;?#/]*";
    private static final Pattern SECRET_PARAMETER =
            Pattern.compile("(?i)([?&;]\\s*" + SECRET_NAME + "\\s*=)([^&;#]*)");
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/?#@:]*):([^/?#@]*)@");

    private JdbcUrls() {
    }

    /**
     * {@code url} with every password-like value replaced by {@value #MASK}; everything else as it was.
     *
     * @throws NullPointerException when {@code url} is null
     */
    public static String redact(String url) {
        Objects.requireNonNull(url, "url");
        String noParameters = SECRET_PARAMETER.matcher(url).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        return USER_INFO_PASSWORD.matcher(noParameters).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ":" + MASK + "@"));
    }

    /**
     * The secret values {@code url} holds, as written and URL-decoded, so that they can be scrubbed from
     * a driver's message. Empty values are left out.
     */
    static List<String> secretsIn(String url) {
        Objects.requireNonNull(url, "url");
        Set<String> secrets = new LinkedHashSet<>();
        Matcher parameters = SECRET_PARAMETER.matcher(url);
        while (parameters.find()) {
            addWithDecoded(secrets, parameters.group(2));
        }
        Matcher userInfo = USER_INFO_PASSWORD.matcher(url);
        while (userInfo.find()) {
            addWithDecoded(secrets, userInfo.group(2));
        }
        return List.copyOf(secrets);
    }

    /** {@code text} with every one of {@code secrets} replaced by {@value #MASK}, longest first. */
    static String scrub(String text, List<String> secrets) {
        if (text == null) {
            return null;
        }
        List<String> longestFirst = new ArrayList<>(secrets);
        longestFirst.sort((a, b) -> Integer.compare(b.length(), a.length()));
        String result = text;
        for (String secret : longestFirst) {
            if (!secret.isEmpty()) {
                result = result.replace(secret, MASK);
            }
        }
        return result;
    }

    private static void addWithDecoded(Set<String> secrets, String raw) {
        String value = raw.strip();
        if (value.isEmpty()) {
            return;
        }
        secrets.add(value);
        try {
            secrets.add(URLDecoder.decode(value, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            // not valid percent-encoding: the raw form is all a driver could show
        }
    }
}
