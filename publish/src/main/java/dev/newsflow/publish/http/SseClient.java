package dev.newsflow.publish.http;

import dev.newsflow.publish.feed.ArticleQuery;
import dev.newsflow.publish.feed.SseEvents;
import dev.newsflow.publish.feed.WindowEntry;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Server-Sent Events connection. Events are queued (at most {@code capacity} beyond the replay) and written
 * without blocking, one write at a time, in batches; no thread waits for the client. A client that falls
 * {@code capacity} events behind is disconnected, so it holds no more memory than that and delays nobody.
 */
final class SseClient extends IteratingCallback {

    private static final Logger log = LoggerFactory.getLogger(SseClient.class);
    /** Bytes written per write at most (one event may be larger and goes alone). */
    private static final int BATCH_BYTES = 64 * 1024;

    private final String name;
    private final Response response;
    private final Callback completion;
    private final ArticleQuery query;
    private final int capacity;
    private final Consumer<SseClient> onFinished;
    private final ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean finished = new AtomicBoolean();
    /** Touched only in process(), which IteratingCallback runs one at a time. */
    private final ArrayDeque<byte[]> first = new ArrayDeque<>();
    private final ArrayDeque<WindowEntry> replay = new ArrayDeque<>();
    private volatile boolean started;
    private volatile Runnable unsubscribe = () -> { };

    SseClient(String name, Response response, Callback completion, ArticleQuery query, int capacity,
              Consumer<SseClient> onFinished) {
        this.name = name;
        this.response = response;
        this.completion = completion;
        this.query = query;
        this.capacity = capacity;
        this.onFinished = onFinished;
    }

    String name() {
        return name;
    }

    /** Starts writing: the opening comment, the replay, then whatever arrived live meanwhile. */
    void start(List<WindowEntry> missed, Runnable unsubscribe) {
        this.unsubscribe = unsubscribe;
        first.add(SseEvents.OPEN);
        replay.addAll(missed);
        started = true;
        if (finished.get()) {
            unsubscribe.run();
            return;
        }
        iterate();
    }

    /** An article arrived in the window: queued if this client wants it. Called on the window's thread. */
    void onArticle(WindowEntry entry) {
        if (query.test(entry.article())) {
            enqueue(entry.event());
        }
    }

    /** A comment, unless events are waiting anyway: keeps proxies from closing the connection, finds dead peers. */
    void keepAlive() {
        if (queued.get() == 0) {
            enqueue(SseEvents.KEEP_ALIVE);
        }
    }

    private void enqueue(byte[] event) {
        if (finished.get()) {
            return;
        }
        if (queued.incrementAndGet() > capacity) {
            log.warn("Stream client {} fell {} events behind; disconnecting it", name, capacity);
            fail(new SlowClientException(name + " fell " + capacity + " events behind"));
            return;
        }
        queue.add(event);
        if (started) {
            iterate();
        }
    }

    @Override
    protected Action process() {
        if (finished.get()) {
            return Action.SUCCEEDED;
        }
        List<byte[]> batch = new ArrayList<>();
        int size = 0;
        while (!first.isEmpty() && (batch.isEmpty() || size + first.peek().length <= BATCH_BYTES)) {
            byte[] bytes = first.poll();
            batch.add(bytes);
            size += bytes.length;
        }
        while (!replay.isEmpty() && (batch.isEmpty() || size + replay.peek().event().length <= BATCH_BYTES)) {
            byte[] bytes = replay.poll().event();
            batch.add(bytes);
            size += bytes.length;
        }
        if (replay.isEmpty()) {
            byte[] next;
            while ((batch.isEmpty() || size < BATCH_BYTES) && (next = queue.poll()) != null) {
                queued.decrementAndGet();
                batch.add(next);
                size += next.length;
            }
        }
        if (batch.isEmpty()) {
            return Action.IDLE;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        batch.forEach(buffer::put);
        buffer.flip();
        response.write(false, buffer, this);
        return Action.SCHEDULED;
    }

    @Override
    protected void onCompleteFailure(Throwable cause) {
        finish(cause);
    }

    @Override
    protected void onCompleteSuccess() {
        finish(null);
    }

    /** Ends the connection: the client went away, fell behind, or the server stops. */
    void fail(Throwable cause) {
        abort(cause);
        finish(cause);
    }

    boolean isFinished() {
        return finished.get();
    }

    private void finish(Throwable cause) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        if (started) {
            unsubscribe.run();
        }
        queue.clear();
        onFinished.accept(this);
        if (cause == null) {
            completion.succeeded();
        } else {
            log.debug("Stream client {} ended: {}", name, cause.toString());
            completion.failed(cause);
        }
    }

    /** The client did not read fast enough. */
    static final class SlowClientException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SlowClientException(String message) {
            super(message, null, false, false);
        }
    }
}
