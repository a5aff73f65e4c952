package io.vodupload.adapters.oss;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A loopback HTTP server that answers each request with the next scripted response and records what
 * arrived, for wire-level cases the testkit OSS server does not produce on purpose (a wrong CRC header, an
 * HTML 502, an error that echoes the token, paged ListParts). It checks no signature.
 */
final class ScriptedServer implements AutoCloseable {

    /** One request as it arrived. */
    record Recorded(String method, URI uri, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One scripted answer. */
    record Response(int status, Map<String, String> headers, byte[] body) {
        static Response of(int status, String body, String... headerPairs) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 0; i < headerPairs.length; i += 2) {
                headers.put(headerPairs[i], headerPairs[i + 1]);
            }
            return new Response(status, headers, body.getBytes(StandardCharsets.UTF_8));
        }

        static Response error(int status, String code, String message, String extraXml) {
            return of(status, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                    + message + "</Message><RequestId>REQ-" + code + "</RequestId><HostId>h</HostId>" + extraXml
                    + "</Error>", "Content-Type", "application/xml", "x-oss-request-id", "REQ-" + code);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final ConcurrentLinkedQueue<Function<Recorded, Response>> script = new ConcurrentLinkedQueue<>();
    private final List<Recorded> requests = new ArrayList<>();

    ScriptedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Queues the next answer. */
    ScriptedServer then(Response response) {
        script.add(r -> response);
        return this;
    }

    /** Queues the next answer, computed from the request. */
    ScriptedServer then(Function<Recorded, Response> responder) {
        script.add(responder);
        return this;
    }

    synchronized List<Recorded> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            Recorded recorded = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI(), headers, body);
            synchronized (this) {
                requests.add(recorded);
            }
            Function<Recorded, Response> next = script.poll();
            Response response = next == null ? Response.error(500, "NotScripted", "no answer scripted", "")
                    : next.apply(recorded);
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            boolean head = exchange.getRequestMethod().equals("HEAD");
            if (head || response.body().length == 0) {
                exchange.sendResponseHeaders(response.status(), -1);
            } else {
                exchange.sendResponseHeaders(response.status(), response.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
