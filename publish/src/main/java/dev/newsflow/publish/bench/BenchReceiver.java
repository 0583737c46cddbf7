package dev.newsflow.publish.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.contract.Json;
import dev.newsflow.contract.StandardWebhooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The benchmark's subscriber: one Jetty server on 127.0.0.1, a path per subscription ({@code /hook/<id>}) verified
 * against that subscription's secret, as a real receiver would. It counts requests, verified and rejected signatures
 * and distinct {@code webhook-id}s, and can hand each verified article id with its arrival time to a listener (for
 * latency).
 *
 * <p>Jetty rather than the JDK's HTTP server: the receiver shares the two cores with the service it measures, and
 * the JDK server spent about a quarter of the benchmark's CPU (a thread hand-off and header copies per request).
 * Bodies are read without blocking and verified on the thread that completes them.
 */
final class BenchReceiver implements AutoCloseable {

    /** Larger than any webhook body the benchmark sends; a larger one is answered 413. */
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private static final String PATH_PREFIX = "/hook/";

    /** Told of each verified delivery: article id and {@link System#nanoTime()} when the request arrived. */
    interface Listener {
        void received(String articleId, long arrivedNanos);
    }

    private final Server server;
    private final ServerConnector connector;
    private final Map<String, List<String>> secretsBySubscription;
    private final Listener listener;
    private final Clock clock = Clock.systemUTC();
    private final Set<String> messageIds = ConcurrentHashMap.newKeySet();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong verified = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong firstVerifiedNanos = new AtomicLong();
    private final AtomicLong lastVerifiedNanos = new AtomicLong();

    private BenchReceiver(int threads, Map<String, List<String>> secrets, Listener listener) {
        this.secretsBySubscription = Map.copyOf(secrets);
        this.listener = listener;
        // an acceptor, a selector and Jetty's reserved threads come out of the pool besides the handlers
        QueuedThreadPool pool = new QueuedThreadPool(threads + 4, Math.min(threads, 4));
        pool.setName("bench-receiver");
        pool.setDaemon(true);
        this.server = new Server(pool);
        this.connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setAcceptQueueSize(4096);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                receive(request, response, callback);
                return true;
            }
        });
    }

    /**
     * Starts a receiver for the subscriptions given (id to secret) with up to {@code threads} handler threads; the
     * listener may be null when article ids are not needed (the body is then not parsed).
     */
    static BenchReceiver start(Map<String, String> secrets, int threads, Listener listener) throws IOException {
        Map<String, List<String>> byId = new ConcurrentHashMap<>();
        secrets.forEach((id, secret) -> byId.put(id, List.of(secret)));
        BenchReceiver receiver = new BenchReceiver(threads, byId, listener);
        try {
            receiver.server.start();
        } catch (Exception e) {
            receiver.close();
            throw new IOException("the benchmark's receiver did not start: " + e.getMessage(), e);
        }
        return receiver;
    }

    /** The URL to declare for a subscription. */
    String url(String subscriptionId) {
        return "http://127.0.0.1:" + connector.getLocalPort() + PATH_PREFIX + subscriptionId;
    }

    private void receive(Request request, Response response, Callback callback) {
        long arrived = System.nanoTime();
        requests.incrementAndGet();
        Content.Source.asByteArrayAsync(request, MAX_BODY_BYTES).whenComplete((body, failure) -> {
            if (failure != null) {
                Response.writeError(request, response, callback, failure);
                return;
            }
            try {
                response.setStatus(verify(request, body, arrived) ? 204 : 401);
                callback.succeeded();
            } catch (RuntimeException e) {
                Response.writeError(request, response, callback, e);
            }
        });
    }

    private boolean verify(Request request, byte[] body, long arrived) {
        String path = request.getHttpURI().getPath();
        List<String> secrets = path.startsWith(PATH_PREFIX)
                ? secretsBySubscription.get(path.substring(PATH_PREFIX.length())) : null;
        HttpFields headers = request.getHeaders();
        String messageId = headers.get(StandardWebhooks.ID_HEADER);
        boolean authentic = secrets != null && StandardWebhooks.verify(secrets, messageId,
                headers.get(StandardWebhooks.TIMESTAMP_HEADER), headers.get(StandardWebhooks.SIGNATURE_HEADER), body,
                clock, StandardWebhooks.DEFAULT_TOLERANCE);
        if (!authentic) {
            rejected.incrementAndGet();
            return false;
        }
        verified.incrementAndGet();
        firstVerifiedNanos.compareAndSet(0, arrived);
        lastVerifiedNanos.accumulateAndGet(arrived, Math::max);
        if (messageIds.add(messageId) && listener != null) {
            try {
                JsonNode data = Json.mapper().readTree(body).path("data");
                listener.received(data.path("id").asText(), arrived);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return true;
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
        try {
            server.stop();
        } catch (Exception e) {
            // the benchmark is over; a receiver that does not stop cleanly changes no figure
        }
    }
}
