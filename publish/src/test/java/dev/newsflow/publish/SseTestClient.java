package dev.newsflow.publish;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Server-Sent Events client on {@link HttpClient} that never blocks a thread: lines arrive through a subscriber and
 * are parsed into events and comments.
 */
public final class SseTestClient implements Flow.Subscriber<String>, AutoCloseable {

    /** An event as the client saw it. */
    public record Event(String id, String event, String data) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final AtomicInteger lines = new AtomicInteger();
    private final CompletableFuture<HttpResponse<Void>> response;
    private volatile Flow.Subscription subscription;
    private volatile boolean ended;
    private String id;
    private String event;
    private final List<String> data = new ArrayList<>();

    private SseTestClient(HttpClient client, HttpRequest request) {
        this.response = client.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(this));
    }

    public static SseTestClient connect(HttpClient client, URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
                .header("Accept", "text/event-stream");
        headers.forEach(request::header);
        return new SseTestClient(client, request.build());
    }

    /** Whether the stream started: its opening comment arrived. */
    public boolean connected() {
        return !comments.isEmpty();
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public List<String> eventIds() {
        return events.stream().map(Event::id).toList();
    }

    public List<String> comments() {
        return List.copyOf(comments);
    }

    public boolean ended() {
        return ended;
    }

    CompletableFuture<HttpResponse<Void>> response() {
        return response;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public synchronized void onNext(String line) {
        lines.incrementAndGet();
        if (line.isEmpty()) {
            if (id != null || event != null || !data.isEmpty()) {
                events.add(new Event(id, event, String.join("\n", data)));
            }
            id = null;
            event = null;
            data.clear();
        } else if (line.startsWith(":")) {
            comments.add(line.substring(1).strip());
        } else if (line.startsWith("id:")) {
            id = line.substring(3).strip();
        } else if (line.startsWith("event:")) {
            event = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
            data.add(line.substring(5).strip());
        }
    }

    @Override
    public void onError(Throwable throwable) {
        ended = true;
    }

    @Override
    public void onComplete() {
        ended = true;
    }

    /** Disconnects. */
    @Override
    public void close() {
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
        response.cancel(true);
    }
}
