package dev.newsflow.publish.http;

import dev.newsflow.publish.feed.ArticleQuery;
import dev.newsflow.publish.feed.ArticleWindow;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The stream clients of one server: admission up to a maximum, subscription to the window, keep-alives. */
final class StreamHub {

    private final ArticleWindow window;
    private final int maxClients;
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final AtomicInteger admitted = new AtomicInteger();

    StreamHub(ArticleWindow window, int maxClients) {
        this.window = window;
        this.maxClients = maxClients;
    }

    /** Takes a place for a new client, or says there is none; a place taken is given back when the client ends. */
    boolean admit() {
        while (true) {
            int current = admitted.get();
            if (current >= maxClients) {
                return false;
            }
            if (admitted.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** Subscribes an admitted client to the window after the article it saw last, and starts it. */
    void open(SseClient client, Optional<String> lastEventId, ArticleQuery query) {
        clients.add(client);
        ArticleWindow.Subscription subscription = window.subscribe(lastEventId.orElse(null), query,
                client::onArticle);
        client.start(subscription.missed(), subscription.unsubscribe());
        if (client.isFinished()) {
            clients.remove(client);
        }
    }

    /** Called once per admitted client when it ends: gives its place back. */
    void finished(SseClient client) {
        clients.remove(client);
        admitted.decrementAndGet();
    }

    /** Gives back a place taken by {@link #admit()} for a client that never opened. */
    void release() {
        admitted.decrementAndGet();
    }

    void keepAlive() {
        clients.forEach(SseClient::keepAlive);
    }

    int clients() {
        return admitted.get();
    }

    void closeAll() {
        clients.forEach(client -> client.fail(new java.io.EOFException("the server is stopping")));
    }
}
