package io.vodupload.adapters.http;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an endpoint host says about addressing and region. Stateless.
 */
final class OssEndpoints {

    /** {@code oss-<region>.aliyuncs.com} and {@code oss-<region>-internal.aliyuncs.com}. */
    private static final Pattern REGIONAL = Pattern.compile("^oss-([a-z0-9-]+?)(-internal)?\\.aliyuncs\\.com$");
    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");

    private OssEndpoints() {
    }

    /**
     * The region of an OSS regional endpoint ({@code oss-cn-hangzhou.aliyuncs.com} → {@code cn-hangzhou}),
     * empty for any other host (including the global acceleration endpoints, which name no region).
     */
    static Optional<String> regionOf(URI endpoint) {
        String host = host(endpoint);
        Matcher m = REGIONAL.matcher(host);
        if (!m.matches()) {
            return Optional.empty();
        }
        String region = m.group(1);
        if (region.equals("accelerate") || region.equals("accelerate-overseas")) {
            return Optional.empty();
        }
        return Optional.of(region);
    }

    /** Whether the host is an IP literal or {@code localhost}, which cannot take a bucket sub-domain. */
    static boolean isIpOrLocalhost(URI endpoint) {
        String host = host(endpoint);
        return host.equals("localhost") || host.endsWith(".localhost") || IPV4.matcher(host).matches()
                || host.startsWith("[") || host.contains(":");
    }

    static String host(URI endpoint) {
        String host = endpoint.getHost();
        return host == null ? "" : host.toLowerCase(Locale.ROOT);
    }
}
