package dev.newsflow.support.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.newsflow.support.config.Config;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's operations endpoint, on the JDK's own HTTP server (a scraper and a probe or two: no need for more):
 * <ul>
 *   <li>{@code GET /metrics}: every meter in the Prometheus text format;</li>
 *   <li>{@code GET /health/live}: 200 while the process runs;</li>
 *   <li>{@code GET /health/ready}: 200 when the service says it is ready, else 503 with the reason as text.</li>
 * </ul>
 * Requests are answered one at a time on one daemon thread.
 */
public final class OpsServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpsServer.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;
    private final PrometheusMeterRegistry registry;
    private final Supplier<Readiness> readiness;

    private OpsServer(HttpServer server, PrometheusMeterRegistry registry, Supplier<Readiness> readiness) {
        this.server = server;
        this.registry = registry;
        this.readiness = readiness;
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "newsflow-ops-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", this::metrics);
        server.createContext("/health/live", exchange -> respond(exchange, 200, TEXT, "live\n"));
        server.createContext("/health/ready", this::ready);
        server.createContext("/", exchange -> respond(exchange, 404, TEXT,
                "not found; try /metrics, /health/live or /health/ready\n"));
    }

    /**
     * Starts the endpoint the configuration asks for ({@link OpsSettings#PORT}, {@link OpsSettings#HOST}), or
     * nothing when the port is off.
     *
     * @throws IllegalStateException when the port cannot be bound
     */
    public static Optional<OpsServer> start(Config config, PrometheusMeterRegistry registry,
                                            Supplier<Readiness> readiness) {
        int port = config.get(OpsSettings.PORT);
        if (port < 0) {
            log.info("Ops endpoint off (ops.port)");
            return Optional.empty();
        }
        return Optional.of(start(config.get(OpsSettings.HOST), port, registry, readiness));
    }

    /**
     * Starts the endpoint on {@code host:port} (port 0: any free port, see {@link #port()}).
     *
     * @throws IllegalStateException when the port cannot be bound
     */
    public static OpsServer start(String host, int port, PrometheusMeterRegistry registry,
                                  Supplier<Readiness> readiness) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(readiness, "readiness");
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + " for the ops endpoint"
                    + " (ops.host, ops.port): " + e.getMessage(), e);
        }
        OpsServer ops = new OpsServer(server, registry, readiness);
        server.start();
        log.info("Ops endpoint on http://{}:{}/ (/metrics, /health/live, /health/ready)", host, ops.port());
        return ops;
    }

    /** The port listened on; the chosen one when started with 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The endpoint's base URI on the loopback interface, for tests and tools on this host. */
    public URI localUri() {
        return URI.create("http://127.0.0.1:" + port() + "/");
    }

    private void metrics(HttpExchange exchange) throws IOException {
        if (!isGet(exchange)) {
            return;
        }
        respond(exchange, 200, PROMETHEUS_TEXT, registry.scrape());
    }

    private void ready(HttpExchange exchange) throws IOException {
        if (!isGet(exchange)) {
            return;
        }
        Readiness now;
        try {
            now = readiness.get();
        } catch (RuntimeException e) {
            now = Readiness.notReady("readiness check failed: " + e);
        }
        if (now instanceof Readiness.NotReady notReady) {
            respond(exchange, 503, TEXT, "not ready: " + notReady.reason() + "\n");
        } else {
            respond(exchange, 200, TEXT, "ready\n");
        }
    }

    private static boolean isGet(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        respond(exchange, 405, TEXT, "only GET\n");
        return false;
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Stops listening at once; an answer being written is cut short. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
