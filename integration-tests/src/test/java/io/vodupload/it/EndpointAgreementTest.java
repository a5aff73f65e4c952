package io.vodupload.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.vodupload.adapters.http.HttpObjectStorage;
import io.vodupload.adapters.oss.OssObjectStorage;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.StorageTarget;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One {@code --endpoint}, one way on the wire: for each endpoint in the table, the raw HTTP transport
 * ({@code adapters-http}) and the aliyun-sdk-oss transport ({@code adapters-oss}) each send a HeadObject to
 * a loopback server, which records the request. Both must send it to the same {@code Host}, with the same
 * path (virtual-hosted {@code /key} or path style {@code /bucket/key}) and the same signature version (and
 * V4 region); the table says what that is.
 *
 * <p>The real OSS host names are used: this class runs in its own JVM (a surefire execution of its own in
 * this module's pom) whose resolver reads {@code endpoint-agreement.hosts}, mapping them to 127.0.0.1. The
 * {@code https} rows go to a TLS server whose certificate (made here with {@code keytool}) names every host
 * of the table; the JVM trusts it through {@code javax.net.ssl.trustStore}, so certificates and host names
 * are verified as in production.
 */
class EndpointAgreementTest {

    private static final Credentials STS = Credentials.sts("STS.agree", "agree-secret", "agree-token", null);
    private static final String BUCKET = "media";
    private static final String KEY = "dir/clip.mp4";
    private static final Pattern V4 = Pattern.compile(
            "^OSS4-HMAC-SHA256 Credential=STS\\.agree/\\d{8}/([a-z0-9-]+)/oss/aliyun_v4_request,.*Signature=[0-9a-f]{64}$");
    private static final Pattern V1 = Pattern.compile("^OSS STS\\.agree:[A-Za-z0-9+/=]+$");

    @TempDir
    static Path dir;

    private static HttpServer plain;
    private static HttpsServer tls;
    private static final List<Seen> seen = new ArrayList<>();

    /** What the server saw of one request. */
    record Seen(String scheme, String host, String path, String signature) {
    }

    @BeforeAll
    static void startServers() throws Exception {
        char[] password = "agreement".toCharArray();
        Path keyStore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=endpoint-agreement", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", new String(password),
                "-ext", "SAN=" + String.join(",", "ip:127.0.0.1", "dns:localhost", "dns:foo.localhost",
                        "dns:media.oss-cn-hangzhou.aliyuncs.com", "dns:media.oss-cn-shanghai.aliyuncs.com",
                        "dns:media.oss-cn-beijing-internal.aliyuncs.com", "dns:media.oss-cn-hangzhou.aliyun-inc.com",
                        "dns:media.oss-cn-shenzhen-internal.aliyun-inc.com",
                        "dns:media.oss-ap-southeast-1.aliyun-inc.com", "dns:media.oss-accelerate.aliyuncs.com",
                        "dns:media.videos.example.com"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile()).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keyStore.toFile())) {
            keys.load(in, password);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", keys.getCertificate("server"));
        Path trustStore = dir.resolve("trust.p12");
        try (OutputStream out = new FileOutputStream(trustStore.toFile())) {
            trust.store(out, password);
        }
        // read when each client builds its TLS context: both transports verify against this store only
        System.setProperty("javax.net.ssl.trustStore", trustStore.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", new String(password));
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");

        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);

        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        plain = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
        plain.createContext("/", e -> record("http", e));
        plain.start();
        tls = HttpsServer.create(new InetSocketAddress(loopback, 0), 0);
        tls.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        tls.createContext("/", e -> record("https", e));
        tls.start();
    }

    @AfterAll
    static void stopServers() {
        plain.stop(0);
        tls.stop(0);
    }

    private static void record(String scheme, HttpExchange e) throws IOException {
        synchronized (seen) {
            seen.add(new Seen(scheme, e.getRequestHeaders().getFirst("Host"), e.getRequestURI().getRawPath(),
                    signature(e.getRequestHeaders().getFirst("Authorization"))));
        }
        e.getResponseHeaders().add("x-oss-request-id", "AGREE");
        e.sendResponseHeaders(404, -1);
        e.close();
    }

    /** {@code V1}, {@code V4 <region>}, or what else came. */
    private static String signature(String authorization) {
        if (authorization == null) {
            return "none";
        }
        Matcher v4 = V4.matcher(authorization);
        if (v4.matches()) {
            return "V4 " + v4.group(1);
        }
        return V1.matcher(authorization).matches() ? "V1" : "other: " + authorization;
    }

    /**
     * endpoint ({@code PORT} is replaced by the server's), the Host expected (without the port), path
     * style or not, the signature expected.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            http://oss-cn-hangzhou.aliyuncs.com:PORT,                  media.oss-cn-hangzhou.aliyuncs.com,            false, V4 cn-hangzhou
            https://oss-cn-hangzhou.aliyuncs.com:PORT,                 media.oss-cn-hangzhou.aliyuncs.com,            false, V4 cn-hangzhou
            oss-cn-hangzhou.aliyuncs.com:PORT,                         media.oss-cn-hangzhou.aliyuncs.com,            false, V4 cn-hangzhou
            https://media.oss-cn-shanghai.aliyuncs.com:PORT,           media.oss-cn-shanghai.aliyuncs.com,            false, V4 cn-shanghai
            http://media.oss-cn-shanghai.aliyuncs.com:PORT,            media.oss-cn-shanghai.aliyuncs.com,            false, V4 cn-shanghai
            http://oss-cn-beijing-internal.aliyuncs.com:PORT,          media.oss-cn-beijing-internal.aliyuncs.com,    false, V4 cn-beijing
            https://oss-cn-beijing-internal.aliyuncs.com:PORT,         media.oss-cn-beijing-internal.aliyuncs.com,    false, V4 cn-beijing
            http://oss-cn-hangzhou.aliyun-inc.com:PORT,                media.oss-cn-hangzhou.aliyun-inc.com,          false, V4 cn-hangzhou
            https://oss-cn-shenzhen-internal.aliyun-inc.com:PORT,      media.oss-cn-shenzhen-internal.aliyun-inc.com, false, V4 cn-shenzhen
            http://media.oss-ap-southeast-1.aliyun-inc.com:PORT,       media.oss-ap-southeast-1.aliyun-inc.com,       false, V4 ap-southeast-1
            https://oss-accelerate.aliyuncs.com:PORT,                  media.oss-accelerate.aliyuncs.com,             false, V1
            https://videos.example.com:PORT,                           media.videos.example.com,                      false, V1
            http://videos.example.com:PORT,                            media.videos.example.com,                      false, V1
            http://127.0.0.1:PORT,                                     127.0.0.1,                                     true,  V1
            https://127.0.0.1:PORT,                                    127.0.0.1,                                     true,  V1
            127.0.0.1:PORT,                                            127.0.0.1,                                     true,  V1
            http://localhost:PORT,                                     localhost,                                     true,  V1
            https://localhost:PORT,                                    localhost,                                     true,  V1
            http://foo.localhost:PORT,                                 foo.localhost,                                 true,  V1
            https://foo.localhost:PORT,                                foo.localhost,                                 true,  V1
            """)
    void headObject_sameEndpoint_bothTransportsSendTheSameHostPathAndSignature(String endpoint, String host,
                                                                              boolean pathStyle, String signature) {
        boolean https = !endpoint.startsWith("http://");
        int port = https ? tls.getAddress().getPort() : plain.getAddress().getPort();
        StorageTarget target = StorageTarget.of(endpoint.replace("PORT", Integer.toString(port)), BUCKET, KEY);

        Seen viaHttp = headThrough(HttpObjectStorage.builder().build(), target);
        Seen viaSdk = headThrough(OssObjectStorage.create(), target);

        Seen expected = new Seen(https ? "https" : "http", host + ":" + port,
                pathStyle ? "/" + BUCKET + "/" + KEY : "/" + KEY, signature);
        assertThat(viaHttp).as("adapters-http").isEqualTo(expected);
        assertThat(viaSdk).as("adapters-oss").isEqualTo(expected);
    }

    private static Seen headThrough(ObjectStorage storage, StorageTarget target) {
        synchronized (seen) {
            seen.clear();
        }
        try (storage) {
            assertThat(storage.headObject(target, STS)).isEqualTo(Optional.empty());
        }
        synchronized (seen) {
            assertThat(seen).hasSize(1);
            return seen.get(0);
        }
    }
}
