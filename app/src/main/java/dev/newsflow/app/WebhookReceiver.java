package dev.newsflow.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.Json;
import dev.newsflow.contract.StandardWebhooks;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The demo's subscriber: a webhook endpoint on 127.0.0.1 that verifies each delivery's Standard Webhooks
 * signature, drops redeliveries by {@code webhook-id} as a receiver should, and hands each new article on.
 */
final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<String> secrets;
    private final Clock clock;
    private final Consumer<EnrichedArticle> onArticle;
    private final Set<String> seenMessageIds = ConcurrentHashMap.newKeySet();

    private WebhookReceiver(HttpServer server, List<String> secrets, Clock clock, Consumer<EnrichedArticle> onArticle) {
        this.server = server;
        this.secrets = secrets;
        this.clock = clock;
        this.onArticle = onArticle;
    }

    static WebhookReceiver start(String secret, Clock clock, Consumer<EnrichedArticle> onArticle) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        WebhookReceiver receiver = new WebhookReceiver(server, List.of(secret), clock, onArticle);
        server.createContext("/webhooks/articles", receiver::receive);
        server.start();
        return receiver;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/articles";
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var headers = exchange.getRequestHeaders();
            String messageId = headers.getFirst(StandardWebhooks.ID_HEADER);
            boolean authentic = StandardWebhooks.verify(secrets, messageId,
                    headers.getFirst(StandardWebhooks.TIMESTAMP_HEADER),
                    headers.getFirst(StandardWebhooks.SIGNATURE_HEADER), body, clock,
                    StandardWebhooks.DEFAULT_TOLERANCE);
            if (!authentic) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            if (seenMessageIds.add(messageId)) {
                JsonNode event = Json.mapper().readTree(body);
                onArticle.accept(Json.mapper().treeToValue(event.get("data"), EnrichedArticle.class));
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
