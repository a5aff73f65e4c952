package io.vodupload.osswire;

import io.vodupload.ports.SignatureVersion;
import io.vodupload.ports.StorageException;
import io.vodupload.ports.StorageTarget;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an endpoint says about addressing and signing, decided once for every OSS transport, so that one
 * {@code --endpoint} is sent the same way (same host, same path, same signature version) whichever
 * transport sends it. Read from the host alone, without DNS:
 * <ul>
 *   <li><b>Region</b> (for signature V4): {@code oss-<region>.aliyuncs.com}, {@code oss-<region>-internal.aliyuncs.com},
 *       {@code <bucket>.oss-<region>.aliyuncs.com}, and the same under {@code aliyun-inc.com}. The global
 *       acceleration endpoints ({@code oss-accelerate}, {@code oss-accelerate-overseas}) name no region.</li>
 *   <li><b>Path style</b> (automatic): an IPv4 or IPv6 literal, {@code localhost} and any {@code *.localhost}
 *       name, which cannot take a bucket sub-domain. Any other host is addressed virtual-hosted
 *       ({@code <bucket>.<host>}); a host that already starts with {@code <bucket>.} is not prefixed again.</li>
 *   <li><b>Signature</b> (automatic): V4 when a region is known, from the target, the endpoint or the
 *       transport's configured default, in that order; V1 otherwise.</li>
 * </ul>
 *
 * <p>Pure, stateless, thread-safe.
 */
public final class OssEndpoints {

    /** How the bucket is addressed. */
    public enum Addressing {
        /** Path style for IP literals and localhost names, virtual-hosted otherwise. */
        AUTO,
        /** Always {@code host/<bucket>/<key>}. */
        PATH_STYLE,
        /** Always {@code <bucket>.host/<key>}. */
        VIRTUAL_HOSTED
    }

    /** A signature version, resolved. */
    public enum Signature { V1, V4 }

    /**
     * Where and how one request goes.
     *
     * @param service   the endpoint without a bucket sub-domain ({@code scheme://host[:port]}): what a client
     *                  that adds the bucket itself is given
     * @param host      the host name the request is sent to: {@code <bucket>.<service host>} when virtual-hosted,
     *                  the endpoint's host when path style
     * @param pathStyle whether the bucket goes first in the path
     * @param signature the signature version
     * @param region    the V4 region, lower case; empty for V1
     */
    public record Route(URI service, String host, boolean pathStyle, Signature signature,
                        Optional<String> region) {

        public Route {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(signature, "signature");
            Objects.requireNonNull(region, "region");
            if (signature == Signature.V4 && region.isEmpty()) {
                throw new IllegalArgumentException("signature V4 needs a region: " + service);
            }
        }

        /** The {@code Host} header: {@link #host()} with the endpoint's port, when it names one. */
        public String authority() {
            return service.getPort() == -1 ? host : host + ":" + service.getPort();
        }
    }

    /**
     * {@code oss-cn-hangzhou.aliyuncs.com}, {@code oss-cn-hangzhou-internal.aliyuncs.com},
     * {@code bucket.oss-ap-southeast-1.aliyuncs.com}, and the same under {@code aliyun-inc.com}: the
     * region is what lies between {@code oss-} and the optional {@code -internal}.
     */
    private static final Pattern OSS_HOST =
            Pattern.compile("(?:^|\\.)oss-([a-z0-9]+(?:-[a-z0-9]+)*?)(?:-internal)?\\.aliyun(?:cs|-inc)\\.com$");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private OssEndpoints() {
    }

    /**
     * The route of a request for {@code target}.
     *
     * @param operation     the operation and target, for the message of a {@code RegionUnknown} failure
     * @param defaultRegion the transport's configured region, used when neither the target nor the
     *                      endpoint names one
     * @throws IllegalArgumentException when the endpoint is not {@code http} or {@code https}
     * @throws StorageException         {@code FATAL RegionUnknown} when V4 is forced and no region is known
     */
    public static Route route(String operation, StorageTarget target, Addressing addressing, SignatureVersion signing,
                              Optional<String> defaultRegion) {
        URI endpoint = target.endpoint();
        String scheme = endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("endpoint is not http or https: " + endpoint);
        }
        boolean pathStyle = addressing == Addressing.PATH_STYLE
                || (addressing == Addressing.AUTO && isPathStyleHost(endpoint));
        String host = host(endpoint);
        String bucketDot = target.bucket().toLowerCase(Locale.ROOT) + ".";
        String serviceHost = !pathStyle && host.startsWith(bucketDot) ? host.substring(bucketDot.length()) : host;
        URI service = URI.create(scheme + "://" + (serviceHost.contains(":") && !serviceHost.startsWith("[")
                ? "[" + serviceHost + "]" : serviceHost) + (endpoint.getPort() == -1 ? "" : ":" + endpoint.getPort()));
        String requestHost = pathStyle ? host : target.bucket() + "." + serviceHost;

        Optional<String> region = target.region().or(() -> regionOf(endpoint)).or(() -> defaultRegion)
                .map(r -> r.toLowerCase(Locale.ROOT));
        Signature signature;
        if (signing == SignatureVersion.V1) {
            signature = Signature.V1;
        } else if (signing == SignatureVersion.V4 || region.isPresent()) {
            if (region.isEmpty()) {
                throw new StorageException(StorageException.Kind.FATAL, "RegionUnknown", operation
                        + ": signature V4 needs a region; none in the target, the endpoint (" + endpoint
                        + ") or the configuration", null);
            }
            signature = Signature.V4;
        } else {
            signature = Signature.V1;
        }
        return new Route(service, requestHost, pathStyle, signature,
                signature == Signature.V4 ? region : Optional.empty());
    }

    /**
     * The region an OSS host names ({@code cn-hangzhou} for {@code oss-cn-hangzhou.aliyuncs.com} and
     * {@code bucket.oss-cn-hangzhou-internal.aliyun-inc.com}); empty for any other host, including the global
     * acceleration endpoints.
     */
    public static Optional<String> regionOf(URI endpoint) {
        Matcher m = OSS_HOST.matcher(host(endpoint));
        if (!m.find()) {
            return Optional.empty();
        }
        String region = m.group(1);
        if (region.equals("accelerate") || region.equals("accelerate-overseas")) {
            return Optional.empty();
        }
        return Optional.of(region);
    }

    /**
     * Whether the host cannot take a bucket sub-domain, so automatic addressing is path style: an IPv4 or
     * IPv6 literal, {@code localhost} or a {@code *.localhost} name.
     */
    public static boolean isPathStyleHost(URI endpoint) {
        String host = host(endpoint);
        return host.equals("localhost") || host.endsWith(".localhost") || IPV4.matcher(host).matches()
                || host.startsWith("[") || host.contains(":");
    }

    /** The endpoint's host, lower case; empty when it has none. */
    static String host(URI endpoint) {
        String host = endpoint.getHost();
        return host == null ? "" : host.toLowerCase(Locale.ROOT);
    }
}
