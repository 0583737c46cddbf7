package dev.newsflow.publish.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.newsflow.contract.Json;
import dev.newsflow.contract.StandardWebhooks;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's subscriber: one JDK HTTP server on 127.0.0.1 with a pool of handler threads, a path per
 * subscription ({@code /hook/<id>}) verified against that subscription's secret, as a real receiver would. It counts
 * requests, verified and rejected signatures and distinct {@code webhook-id}s, and can hand each verified article id
 * with its arrival time to a listener (for latency).
 */
final class BenchReceiver implements AutoCloseable {

    private static final String MAX_IDLE_CONNECTIONS = "sun.net.httpserver.maxIdleConnections";

    /** Told of each verified delivery: article id and {@link System#nanoTime()} when the request arrived. */
    interface Listener {
        void received(String articleId, long arrivedNanos);
    }

    private final HttpServer server;
    private final ExecutorService handlers;
    private final Map<String, List<String>> secretsBySubscription;
    private final Listener listener;
    private final Clock clock = Clock.systemUTC();
    private final Set<String> messageIds = ConcurrentHashMap.newKeySet();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong verified = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong firstVerifiedNanos = new AtomicLong();
    private final AtomicLong lastVerifiedNanos = new AtomicLong();

    private BenchReceiver(HttpServer server, ExecutorService handlers, Map<String, List<String>> secrets,
                          Listener listener) {
        this.server = server;
        this.handlers = handlers;
        this.secretsBySubscription = Map.copyOf(secrets);
        this.listener = listener;
    }

    /**
     * Starts a receiver for the subscriptions given (id to secret) with {@code threads} handler threads; the listener
     * may be null when article ids are not needed (the body is then not parsed).
     */
    static BenchReceiver start(Map<String, String> secrets, int threads, Listener listener) throws IOException {
        // The receiver stands for S subscribers, each of which would keep the connections of its own subscription
        // open; the JDK server closes kept-alive connections beyond 200 idle ones, which S x max-in-flight exceeds.
        // Read once, when the first server of the JVM is created.
        if (System.getProperty(MAX_IDLE_CONNECTIONS) == null) {
            System.setProperty(MAX_IDLE_CONNECTIONS, "20000");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        AtomicInteger number = new AtomicInteger();
        ExecutorService handlers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "bench-receiver-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Map<String, List<String>> byId = new ConcurrentHashMap<>();
        secrets.forEach((id, secret) -> byId.put(id, List.of(secret)));
        BenchReceiver receiver = new BenchReceiver(server, handlers, byId, listener);
        server.setExecutor(handlers);
        server.createContext("/hook/", receiver::receive);
        server.start();
        return receiver;
    }

    /** The URL to declare for a subscription. */
    String url(String subscriptionId) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook/" + subscriptionId;
    }

    private void receive(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        try (exchange) {
            requests.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            List<String> secrets = secretsBySubscription.get(path.substring(path.lastIndexOf('/') + 1));
            var headers = exchange.getRequestHeaders();
            String messageId = headers.getFirst(StandardWebhooks.ID_HEADER);
            boolean authentic = secrets != null && StandardWebhooks.verify(secrets, messageId,
                    headers.getFirst(StandardWebhooks.TIMESTAMP_HEADER),
                    headers.getFirst(StandardWebhooks.SIGNATURE_HEADER), body, clock,
                    StandardWebhooks.DEFAULT_TOLERANCE);
            if (!authentic) {
                rejected.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            verified.incrementAndGet();
            firstVerifiedNanos.compareAndSet(0, arrived);
            lastVerifiedNanos.accumulateAndGet(arrived, Math::max);
            if (messageIds.add(messageId) && listener != null) {
                JsonNode data = Json.mapper().readTree(body).path("data");
                listener.received(data.path("id").asText(), arrived);
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    long requests() {
        return requests.get();
    }

    long verified() {
        return verified.get();
    }

    long rejected() {
        return rejected.get();
    }

    /** Verified deliveries with distinct {@code webhook-id}s: each (subscription, article) counted once. */
    long distinct() {
        return messageIds.size();
    }

    long firstVerifiedNanos() {
        return firstVerifiedNanos.get();
    }

    long lastVerifiedNanos() {
        return lastVerifiedNanos.get();
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
        try {
            handlers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
