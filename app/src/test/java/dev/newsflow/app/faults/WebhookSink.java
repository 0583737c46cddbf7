package dev.newsflow.app.faults;

import com.sun.net.httpserver.HttpServer;
import dev.newsflow.contract.Json;
import dev.newsflow.contract.StandardWebhooks;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

/**
 * A webhook receiver on 127.0.0.1 that keeps the {@code webhook-id} and article id of every request as it arrives
 * (before answering, so a sender killed while waiting for the answer still counts) and answers 204, after a set
 * delay if told, as a receiver that does some work would.
 */
final class WebhookSink implements AutoCloseable {

    /** One request: its {@code webhook-id} header and the id of the article in its body. */
    record Delivery(String webhookId, String articleId) {
    }

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private volatile IntConsumer onArrival = count -> { };

    WebhookSink(Duration answerDelay) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String articleId = Json.mapper().readTree(body).at("/data/id").asText();
                deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst(StandardWebhooks.ID_HEADER),
                        articleId));
                onArrival.accept(deliveries.size());
                if (!answerDelay.isZero()) {
                    // a receiver's own work, so deliveries are in flight when publish is killed; not a test wait
                    LockSupport.parkNanos(answerDelay.toNanos());
                }
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
    }

    /**
     * Runs {@code action} in the request's thread with the number of requests so far, as each request arrives and
     * before it is answered: a kill there comes while the sender waits for the answer.
     */
    void onArrival(IntConsumer action) {
        onArrival = action;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    int count() {
        return deliveries.size();
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Article ids that arrived at least once. */
    Set<String> articles() {
        return deliveries.stream().map(Delivery::articleId).collect(Collectors.toSet());
    }

    /** What a receiver that drops repeated {@code webhook-id}s keeps: per article, how many distinct ids it got. */
    Map<String, Integer> keptAfterDedup() {
        return deliveries.stream().collect(Collectors.groupingBy(Delivery::articleId,
                Collectors.collectingAndThen(Collectors.mapping(Delivery::webhookId, Collectors.toSet()), Set::size)));
    }

    /** {@code webhook-id}s that came with more than one article: a receiver deduplicating by them would lose one. */
    Set<String> sharedWebhookIds() {
        return deliveries.stream().collect(Collectors.groupingBy(Delivery::webhookId,
                        Collectors.mapping(Delivery::articleId, Collectors.toSet())))
                .entrySet().stream().filter(entry -> entry.getValue().size() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
