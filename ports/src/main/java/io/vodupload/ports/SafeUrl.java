package io.vodupload.ports;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shows a URL (an HTTP(S) source, a JDBC database) without the credentials it may carry, so that it can go
 * into an event, a message, a log line, a checkpoint or a database row. Two places are hidden:
 *
 * <ul>
 *   <li>the password of the user-info: {@code https://u:s3cret@host/a.mp4} shows as
 *       {@code https://u:***@host/a.mp4} (the user name stays, as a key id does);</li>
 *   <li>the value of every parameter whose name says it is a credential, any case, after {@code ?} or
 *       {@code &} (a value ends at {@code &} or {@code #}), or after {@code ;} (a JDBC property, ending at
 *       {@code ;}, {@code &} or {@code #}); in a message that quotes a URL, a value also ends at white space,
 *       {@code "}, {@code <} or {@code >}, which a URL never holds raw: names that contain {@code password}, {@code passwd}, {@code pwd},
 *       {@code secret}, {@code token}, {@code signature}, {@code credential} or {@code apikey}/{@code api_key}/
 *       {@code api-key}, and the names {@code sig}, {@code key}, {@code auth} and {@code auth_key}. That
 *       covers presigned OSS ({@code Signature}, {@code security-token}, {@code x-oss-security-token},
 *       {@code x-oss-signature}, {@code x-oss-credential}), S3 ({@code X-Amz-Signature},
 *       {@code X-Amz-Credential}, {@code X-Amz-Security-Token}), CDN ({@code auth_key}), Azure ({@code sig})
 *       and OAuth ({@code access_token}) URLs. Key ids ({@code OSSAccessKeyId}, {@code AWSAccessKeyId}),
 *       expiry times and every other parameter stay visible.</li>
 * </ul>
 *
 * <pre>{@code
 * SafeUrl.redact("https://cdn.example.com/a.mp4?OSSAccessKeyId=LTAI&Expires=1&Signature=abc%3D")
 *     // "https://cdn.example.com/a.mp4?OSSAccessKeyId=LTAI&Expires=1&Signature=***"
 * }</pre>
 *
 * <p>A library's message may quote a URL, or part of one; {@link #secretsIn} lists the hidden values (as
 * written and percent-decoded) and {@link #scrub} blanks them out of any text.
 *
 * <p>Stateless and thread-safe.
 */
public final class SafeUrl {

    /** What a hidden value is shown as. */
    public static final String MASK = "***";

    private static final String NAME_CHAR = "[^=&;?#/\\s]";
    private static final String SECRET_NAME = "(?:" + NAME_CHAR + "*(?:password|passwd|pwd|secret|token|signature"
            + "|credential|apikey|api_key|api-key)" + NAME_CHAR + "*|sig|key|auth|auth_key)";
    /** A parameter after {@code ?} or {@code &}: its value runs to the next {@code &} or {@code #}. */
    private static final Pattern QUERY_PARAMETER =
            Pattern.compile("(?i)([?&]\\s*" + SECRET_NAME + "\\s*=)([^&#\\s\"<>]*)");
    /** A property after {@code ;} (JDBC, matrix parameters): its value runs to the next {@code ;}, {@code &} or {@code #}. */
    private static final Pattern SEMICOLON_PARAMETER =
            Pattern.compile("(?i)(;\\s*" + SECRET_NAME + "\\s*=)([^;&#\\s\"<>]*)");
    /** The user-info's password runs to the authority's last {@code @}, so a raw {@code @} in it is hidden too. */
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/?#@:\\s]*):([^/?#\\s]*)@");

    private SafeUrl() {
    }

    /**
     * {@code url} with every credential value replaced by {@value #MASK}; everything else as it was.
     *
     * @param url a URL, or any text that holds one
     * @return the URL, safe to show
     * @throws NullPointerException when {@code url} is null
     */
    public static String redact(String url) {
        Objects.requireNonNull(url, "url");
        String result = USER_INFO_PASSWORD.matcher(url)
                .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ":" + MASK + "@"));
        result = QUERY_PARAMETER.matcher(result).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        return SEMICOLON_PARAMETER.matcher(result).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    }

    /**
     * {@return whether {@code url} holds a credential that {@link #redact} hides}
     *
     * @param url a URL
     */
    public static boolean hasSecrets(String url) {
        return !redact(url).equals(url);
    }

    /**
     * The credential values {@code url} holds, each as written and percent-decoded, so that they can be
     * scrubbed from a library's message. Empty values are left out.
     *
     * @param url a URL
     * @return the values, longest first
     */
    public static List<String> secretsIn(String url) {
        Objects.requireNonNull(url, "url");
        Set<String> secrets = new LinkedHashSet<>();
        Matcher userInfo = USER_INFO_PASSWORD.matcher(url);
        while (userInfo.find()) {
            addWithDecoded(secrets, userInfo.group(2));
        }
        // the parameters are read from the text with the password already hidden, as redact does
        String withoutPassword = USER_INFO_PASSWORD.matcher(url)
                .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ":" + MASK + "@"));
        for (Pattern parameter : List.of(QUERY_PARAMETER, SEMICOLON_PARAMETER)) {
            Matcher m = parameter.matcher(withoutPassword);
            while (m.find()) {
                addWithDecoded(secrets, m.group(2));
            }
        }
        secrets.remove(MASK);
        List<String> longestFirst = new ArrayList<>(secrets);
        longestFirst.sort((a, b) -> Integer.compare(b.length(), a.length()));
        return List.copyOf(longestFirst);
    }

    /**
     * {@code text} with every one of {@code secrets} replaced by {@value #MASK}, the longest first (so a
     * secret that holds another is hidden whole), and with every URL in it {@linkplain #redact redacted}.
     *
     * @param text    any text, such as a library's exception message; {@code null} gives {@code ""}
     * @param secrets the values to hide, from {@link #secretsIn}
     * @return the text, safe to show
     */
    public static String scrub(String text, Collection<String> secrets) {
        if (text == null) {
            return "";
        }
        List<String> longestFirst = new ArrayList<>(secrets);
        longestFirst.sort((a, b) -> Integer.compare(b.length(), a.length()));
        String result = text;
        for (String secret : longestFirst) {
            if (!secret.isEmpty()) {
                result = result.replace(secret, MASK);
            }
        }
        return redact(result);
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
            // not valid percent-encoding: the raw form is all a library could show
        }
    }
}
