package dev.newsflow.publish.http;

import dev.newsflow.publish.feed.ArticleWindow;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of publish: feeds ({@code /feeds/...}), the live stream ({@code /stream}), {@code /health/live} and
 * the subscriptions API ({@code /api/v1/subscriptions}, see {@link SubscriptionsApi}),
 * on Jetty 12 core handlers. Stream connections hold no thread: events are written with non-blocking writes from the
 * thread that adds articles to the window, and a single scheduler thread sends the keep-alives.
 */
public final class PublishHttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PublishHttpServer.class);
    private static final int MAX_THREADS = 32;
    private static final int MIN_THREADS = 4;

    private final Options options;
    private final StreamHub hub;
    private final Server server;
    private final ServerConnector connector;
    private final ScheduledExecutorService keepAlives;

    /**
     * How the server runs.
     *
     * @param host        address to listen on
     * @param port        port, 0 for any free one
     * @param keepAlive   interval of stream keep-alive comments
     * @param maxClients  stream clients at most; more get 503
     * @param clientQueue events a stream client may fall behind before it is disconnected
     * @param publicUrl   base URL for links in feeds; empty: from each request
     */
    public record Options(String host, int port, Duration keepAlive, int maxClients, int clientQueue,
                          Optional<String> publicUrl) {
        public Options {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(keepAlive, "keepAlive");
            publicUrl = publicUrl.map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        }
    }

    public PublishHttpServer(Options options, ArticleWindow window) {
        this(options, window, null);
    }

    /**
     * A server that also serves the subscriptions API.
     *
     * @param api the API, or null for none (its paths answer 404)
     */
    public PublishHttpServer(Options options, ArticleWindow window, SubscriptionsApi api) {
        this.options = Objects.requireNonNull(options, "options");
        this.hub = new StreamHub(window, options.maxClients());
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
        threads.setName("publish-http");
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(options.host());
        connector.setPort(options.port());
        // Streams answer their own idle timeouts (the keep-alives find dead peers); this bounds everything else.
        connector.setIdleTimeout(Math.max(30_000, options.keepAlive().toMillis() * 3));
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        server.setHandler(new PublishHandler(window, hub, options, api));
        server.setErrorHandler(new PlainTextErrors());
        server.setStopTimeout(2_000);
        this.keepAlives = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "publish-sse-keepalive");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Binds the port and starts serving. */
    public void start() {
        try {
            server.start();
        } catch (Exception e) {
            close();
            throw new IllegalStateException("cannot start the HTTP server on " + options.host() + ":"
                    + options.port() + ": " + e.getMessage(), e);
        }
        long interval = options.keepAlive().toMillis();
        keepAlives.scheduleAtFixedRate(hub::keepAlive, interval, interval, TimeUnit.MILLISECONDS);
        log.info("Publish HTTP server listening on {}:{} (feeds at /feeds/all.atom, stream at /stream)",
                options.host(), port());
    }

    /** The port bound, or -1 before {@link #start()}. */
    public int port() {
        return connector.getLocalPort();
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    /** Stream clients connected now. */
    public int streamClients() {
        return hub.clients();
    }

    @Override
    public void close() {
        keepAlives.shutdownNow();
        hub.closeAll();
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("Stopping the HTTP server failed: {}", e.toString());
        }
    }
}
