package dev.newsflow.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.Json;
import dev.newsflow.contract.StandardWebhooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook subscriber on 127.0.0.1 for tests: checks every signature, records what it got, and answers as told.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** What the receiver answers to its n-th request (counting from 1). */
    @FunctionalInterface
    public interface Responder {
        Response respond(int requestNumber, CountDownLatch released) throws InterruptedException;

        /** The answer to a request, knowing what it carried; by default by its number alone. */
        default Response respond(int requestNumber, Received request, CountDownLatch released)
                throws InterruptedException {
            return respond(requestNumber, released);
        }
    }

    /** Answers the first request carrying the article with the status given, and every other one with 200. */
    public static Responder failingFirstAttemptOf(String articleId, int status) {
        java.util.Set<String> failed = java.util.concurrent.ConcurrentHashMap.newKeySet();
        return new Responder() {
            @Override
            public Response respond(int requestNumber, CountDownLatch released) {
                return Response.status(200);
            }

            @Override
            public Response respond(int requestNumber, Received request, CountDownLatch released) {
                String id = request.article().id();
                return Response.status(id.equals(articleId) && failed.add(id) ? status : 200);
            }
        };
    }

    public record Response(int status, Map<String, String> headers) {
        public static Response status(int status) {
            return new Response(status, Map.of());
        }
    }

    /**
     * One request as received.
     *
     * @param headers        header names lower-cased, first values
     * @param signatureValid whether the signature verified against the receiver's secrets
     */
    public record Received(Map<String, String> headers, byte[] body, boolean signatureValid) {
        public String messageId() {
            return headers.get(StandardWebhooks.ID_HEADER);
        }

        public JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public EnrichedArticle article() {
            return Json.mapper().convertValue(json().get("data"), EnrichedArticle.class);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<String> secrets;
    private final Responder responder;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);

    private WebhookReceiver(List<String> secrets, Responder responder) throws IOException {
        this.secrets = secrets;
        this.responder = responder;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static WebhookReceiver start(List<String> secrets, Responder responder) {
        try {
            return new WebhookReceiver(secrets, responder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers every request with this status. */
    public static Responder always(int status) {
        return (number, released) -> Response.status(status);
    }

    /** Answers the n-th request with the n-th status, and later ones with the last. */
    public static Responder statuses(int... statuses) {
        return (number, released) -> Response.status(statuses[Math.min(number, statuses.length) - 1]);
    }

    /** Never answers until the receiver is closed. */
    public static Responder hanging() {
        return (number, released) -> {
            released.await();
            return Response.status(200);
        };
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public int requestCount() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int number = requests.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            boolean valid = StandardWebhooks.verify(secrets, headers.get(StandardWebhooks.ID_HEADER),
                    headers.get(StandardWebhooks.TIMESTAMP_HEADER), headers.get(StandardWebhooks.SIGNATURE_HEADER),
                    body, Clock.systemUTC(), StandardWebhooks.DEFAULT_TOLERANCE);
            Received request = new Received(Map.copyOf(headers), body, valid);
            received.add(request);
            Response response = responder.respond(number, request, released);
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(response.status(), -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
