package io.vodupload.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vodupload.adapters.vod.CreateUploadVideoRequest;
import io.vodupload.adapters.vod.VodApiClient;
import io.vodupload.adapters.vod.VodApiException;
import io.vodupload.adapters.vod.VodUploadApi;
import io.vodupload.adapters.vod.VodUploadTicket;
import io.vodupload.ports.Credentials;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An app server that issues upload tickets: it holds the AccessKey (never the client), calls VOD's
 * {@code CreateUploadVideo} and {@code RefreshUploadVideo} through {@code vodupload-adapters-vod}, and
 * answers its clients with the VideoId, {@code UploadAddress} and {@code UploadAuth} they upload with
 * ({@link SeedFlowExample}, or a phone app on the short-video SDK).
 *
 * <ul>
 *   <li>{@code POST /upload-tickets?title=…&fileName=…}: a new video, its tickets;</li>
 *   <li>{@code POST /upload-tickets/<videoId>/refresh}: new credentials for the same upload address,
 *       after the client's {@code onUploadTokenExpired}.</li>
 * </ul>
 *
 * Each answers {@code {"VideoId":…,"UploadAddress":…,"UploadAuth":…}}; a refusal of VOD becomes 502 with
 * VOD's code (never its message, which may carry the string it signed). A real app server authenticates
 * its users and checks that a refresh is for a video the caller created; that part is left out here.
 *
 * <pre>
 * java io.vodupload.examples.AppServerExample 8080 cn-shanghai
 * </pre>
 *
 * with the AccessKey in {@code ALIBABA_CLOUD_ACCESS_KEY_ID} and {@code ALIBABA_CLOUD_ACCESS_KEY_SECRET}.
 */
public final class AppServerExample implements AutoCloseable {

    private static final Pattern REFRESH = Pattern.compile("/upload-tickets/([^/]+)/refresh");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final VodUploadApi vod;
    private final HttpServer http;
    private final ExecutorService threads;

    private AppServerExample(VodUploadApi vod, HttpServer http, ExecutorService threads) {
        this.vod = vod;
        this.http = http;
        this.threads = threads;
    }

    public static void main(String[] args) throws IOException {
        Credentials keys = Credentials.of(System.getenv("ALIBABA_CLOUD_ACCESS_KEY_ID"),
                System.getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET"));
        VodApiClient vod = VodApiClient.builder().region(args[1]).credentials(keys).build();
        AppServerExample server = start(vod, new InetSocketAddress(Integer.parseInt(args[0])));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            vod.close();
        }));
        System.out.println("issuing tickets at " + server.endpoint());
    }

    /** Serves tickets from {@code vod} at {@code address} until {@link #close()}. */
    public static AppServerExample start(VodUploadApi vod, InetSocketAddress address) throws IOException {
        HttpServer http = HttpServer.create(address, 0);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        http.setExecutor(threads);
        AppServerExample server = new AppServerExample(Objects.requireNonNull(vod, "vod"), http, threads);
        http.createContext("/upload-tickets", server::handle);
        http.start();
        return server;
    }

    /** {@return where the server listens, {@code http://host:port/}} */
    public URI endpoint() {
        InetSocketAddress a = http.getAddress();
        return URI.create("http://" + a.getHostString() + ":" + a.getPort() + "/");
    }

    @Override
    public void close() {
        http.stop(0);
        threads.shutdown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                answer(exchange, 405, Map.of("Code", "MethodNotAllowed"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            Matcher refresh = REFRESH.matcher(path);
            try {
                if (path.equals("/upload-tickets")) {
                    Map<String, String> query = query(exchange.getRequestURI());
                    String title = query.get("title");
                    String fileName = query.get("fileName");
                    if (title == null || fileName == null) {
                        answer(exchange, 400, Map.of("Code", "MissingParameter"));
                        return;
                    }
                    answer(exchange, 200, tickets(vod.createUploadVideo(CreateUploadVideoRequest.of(title, fileName))));
                } else if (refresh.matches()) {
                    answer(exchange, 200, tickets(vod.refreshUploadVideo(refresh.group(1))));
                } else {
                    answer(exchange, 404, Map.of("Code", "NotFound"));
                }
            } catch (VodApiException e) {
                answer(exchange, 502, Map.of("Code", e.errorCode()));
            } catch (IllegalArgumentException e) {
                answer(exchange, 400, Map.of("Code", "InvalidParameter"));
            }
        }
    }

    private static Map<String, String> tickets(VodUploadTicket ticket) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("VideoId", ticket.mediaId());
        body.put("UploadAddress", ticket.uploadAddress());
        body.put("UploadAuth", ticket.uploadAuth());
        return body;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private static void answer(HttpExchange exchange, int status, Map<String, String> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
