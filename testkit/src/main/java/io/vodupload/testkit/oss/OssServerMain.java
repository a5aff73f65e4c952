package io.vodupload.testkit.oss;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an {@link OssServer} as a process, for benchmarks and manual tests. Prints the endpoint as the
 * first line of standard output, then serves until it is terminated.
 *
 * <pre>
 * java -cp testkit.jar:ports.jar io.vodupload.testkit.oss.OssServerMain \
 *     --bucket media --access-key-id ak --access-key-secret sk [--security-token token] \
 *     [--port 0] [--bind 127.0.0.1] [--region cn-hangzhou] [--storage full|checksum] \
 *     [--clock-offset PT5M|300] [--threads 16] [--service-domain oss-test.local] [--link 30ms,10MiB/s,40MiB/s]
 * </pre>
 *
 * The secret and the token may come from the environment instead ({@code OSS_SERVER_ACCESS_KEY_SECRET},
 * {@code OSS_SERVER_SECURITY_TOKEN}), which keeps them out of process listings. Neither is ever printed.
 */
public final class OssServerMain {

    static final String USAGE = String.join("\n",
            "usage: OssServerMain --bucket NAME [--bucket NAME ...] --access-key-id ID --access-key-secret SECRET",
            "                     [--security-token TOKEN] [--port N] [--bind ADDRESS] [--region ID]",
            "                     [--storage full|checksum] [--clock-offset SECONDS|ISO-8601] [--threads N]",
            "                     [--service-domain DOMAIN ...] [--link LATENCYms,PER_CONNECTION/s,TOTAL/s]",
            "  the secret and the token may also come from OSS_SERVER_ACCESS_KEY_SECRET and OSS_SERVER_SECURITY_TOKEN");

    private OssServerMain() {
    }

    /** Starts the server, prints its endpoint, and waits until the process is terminated. */
    public static void main(String[] args) throws InterruptedException {
        OssServer server;
        try {
            server = start(args, System.getenv(), System.out);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("OssServerMain: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "testkit-oss-shutdown"));
        stopped.await();
    }

    /**
     * Parses {@code args}, starts the server and prints its endpoint on {@code out}.
     *
     * @throws IllegalArgumentException naming the bad flag or value
     */
    static OssServer start(String[] args, Map<String, String> env, PrintStream out) {
        OssServer.Builder b = OssServer.builder();
        String accessKeyId = null;
        String secret = env.get("OSS_SERVER_ACCESS_KEY_SECRET");
        String token = env.get("OSS_SERVER_SECURITY_TOKEN");
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new IllegalArgumentException("help requested");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("flag " + flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--bucket":
                    for (String name : value.split(",")) {
                        b.bucket(name.trim());
                    }
                    break;
                case "--access-key-id":
                    accessKeyId = value;
                    break;
                case "--access-key-secret":
                    secret = value;
                    break;
                case "--security-token":
                    token = value;
                    break;
                case "--port":
                    b.port(parseInt(flag, value));
                    break;
                case "--bind":
                    try {
                        b.bindAddress(InetAddress.getByName(value));
                    } catch (UnknownHostException e) {
                        throw new IllegalArgumentException("--bind: unknown address " + value);
                    }
                    break;
                case "--region":
                    b.region(value);
                    break;
                case "--storage":
                    b.storageMode(parseStorage(value));
                    break;
                case "--clock-offset":
                    b.clockOffset(parseDuration(value));
                    break;
                case "--threads":
                    b.threads(parseInt(flag, value));
                    break;
                case "--link":
                    b.link(LinkEmulation.parse(value));
                    break;
                case "--service-domain":
                    b.serviceDomain(value);
                    break;
                default:
                    throw new IllegalArgumentException("unknown flag " + flag);
            }
        }
        if (accessKeyId == null || secret == null) {
            throw new IllegalArgumentException("--access-key-id and --access-key-secret (or OSS_SERVER_ACCESS_KEY_SECRET) are required");
        }
        b.credentials(token == null ? OssCredentials.of(accessKeyId, secret) : OssCredentials.sts(accessKeyId, secret, token));
        OssServer server = b.start();
        out.println(server.endpoint());
        out.flush();
        return server;
    }

    private static int parseInt(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + ": not an integer: " + value);
        }
    }

    private static StorageMode parseStorage(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "full":
                return StorageMode.FULL;
            case "checksum":
            case "checksum-only":
            case "checksum_only":
                return StorageMode.CHECKSUM_ONLY;
            default:
                throw new IllegalArgumentException("--storage: expected full or checksum, got " + value);
        }
    }

    static Duration parseDuration(String value) {
        try {
            return Duration.ofSeconds(Long.parseLong(value));
        } catch (NumberFormatException e) {
            try {
                return Duration.parse(value);
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("--clock-offset: expected seconds or an ISO-8601 duration, got " + value);
            }
        }
    }
}
