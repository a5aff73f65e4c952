package io.vodupload.adapters.oss;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Facts read from an endpoint's host, without DNS: whether it is an IP literal or {@code localhost} (so
 * path-style addressing), and the region an Alibaba Cloud OSS host names (for signature V4).
 *
 * <p>Stateless and thread-safe.
 */
final class Endpoints {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /**
     * {@code oss-cn-hangzhou.aliyuncs.com}, {@code oss-cn-hangzhou-internal.aliyuncs.com},
     * {@code bucket.oss-ap-southeast-1.aliyuncs.com} (and the same under {@code aliyun-inc.com}). The
     * region is the part between {@code oss-} and the optional {@code -internal}.
     */
    private static final Pattern OSS_HOST =
            Pattern.compile("(?:^|\\.)oss-([a-z0-9]+(?:-[a-z0-9]+)*?)(?:-internal)?\\.aliyun(?:cs|-inc)\\.com$");

    private Endpoints() {
    }

    /** Whether the host is an IPv4 or IPv6 literal or {@code localhost}, as SDK1 decides path style. */
    static boolean isIpOrLocalhost(URI endpoint) {
        String host = endpoint.getHost();
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || IPV4.matcher(h).matches() || h.startsWith("[") || h.contains(":");
    }

    /** The region an OSS host names ({@code cn-hangzhou} for {@code oss-cn-hangzhou.aliyuncs.com}). */
    static Optional<String> regionOf(URI endpoint) {
        String host = endpoint.getHost();
        if (host == null) {
            return Optional.empty();
        }
        Matcher m = OSS_HOST.matcher(host.toLowerCase(Locale.ROOT));
        if (!m.find()) {
            return Optional.empty();
        }
        String region = m.group(1);
        // the acceleration endpoints are global: they name no region
        if (region.equals("accelerate") || region.equals("accelerate-overseas")) {
            return Optional.empty();
        }
        return Optional.of(region);
    }
}
