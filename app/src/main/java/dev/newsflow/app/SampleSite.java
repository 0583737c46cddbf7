package dev.newsflow.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The demo's news site on 127.0.0.1: the bundled sample feeds and article pages, with {@code {{BASE_URL}}} in
 * them replaced by the site's address so links point back here.
 */
final class SampleSite implements AutoCloseable {

    private static final String ROOT = "/demo/site";
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            ".xml", "application/rss+xml; charset=utf-8",
            ".atom", "application/atom+xml; charset=utf-8",
            ".html", "text/html; charset=utf-8");

    /** The bundled feeds: id, title and path on the site. */
    static final List<SampleFeed> FEEDS = List.of(
            new SampleFeed("przykladowy-portal-swiat", "Przykładowy Portal — Świat", "/feeds/swiat.xml", "pl"),
            new SampleFeed("example-wire-world", "Example Wire — World", "/feeds/world.atom", "en"));

    private final HttpServer server;

    private SampleSite(HttpServer server) {
        this.server = server;
    }

    static SampleSite start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        SampleSite site = new SampleSite(server);
        server.createContext("/", site::serve);
        server.start();
        return site;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String url(String path) {
        return baseUrl() + path;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.contains("..") || !"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body;
            try (InputStream resource = SampleSite.class.getResourceAsStream(ROOT + path)) {
                if (resource == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                body = new String(resource.readAllBytes(), StandardCharsets.UTF_8)
                        .replace("{{BASE_URL}}", baseUrl()).getBytes(StandardCharsets.UTF_8);
            }
            String extension = path.substring(Math.max(0, path.lastIndexOf('.')));
            exchange.getResponseHeaders().set("Content-Type",
                    CONTENT_TYPES.getOrDefault(extension, "application/octet-stream"));
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    record SampleFeed(String id, String title, String path, String language) {
    }
}
