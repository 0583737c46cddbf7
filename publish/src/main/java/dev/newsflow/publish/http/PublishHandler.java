package dev.newsflow.publish.http;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.publish.feed.ArticleWindow;
import dev.newsflow.publish.feed.FeedValidators;
import dev.newsflow.publish.feed.FeedWriter;
import dev.newsflow.publish.feed.Route;
import dev.newsflow.publish.feed.WindowEntry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes requests (see {@link Route}) to feeds, the stream and health, with the safety headers on every answer. */
final class PublishHandler extends Handler.Abstract {

    static final HttpField CSP = new HttpField("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    static final HttpField NOSNIFF = new HttpField("X-Content-Type-Options", "nosniff");
    static final HttpField NO_REFERRER = new HttpField("Referrer-Policy", "no-referrer");
    static final String PLAIN_TEXT = "text/plain; charset=utf-8";
    private static final String NOT_FOUND = """
            not found; try /feeds/all.atom, /feeds/tag/{id}.rss, /feeds/source/{id}.json, /feeds/language/{code}.atom \
            or /stream
            """;

    private static final Logger log = LoggerFactory.getLogger(PublishHandler.class);

    private final ArticleWindow window;
    private final StreamHub hub;
    private final PublishHttpServer.Options options;
    private final AtomicLong clientNumbers = new AtomicLong();
    /** The subscriptions API, or null. */
    private final SubscriptionsApi api;

    PublishHandler(ArticleWindow window, StreamHub hub, PublishHttpServer.Options options, SubscriptionsApi api) {
        this.api = api;
        this.window = window;
        this.hub = hub;
        this.options = options;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        addSafetyHeaders(response.getHeaders());
        if (api != null && SubscriptionsApi.claims(Request.getPathInContext(request))) {
            api.handle(request, response, callback);
            return true;
        }
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            plainText(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "method not allowed; use GET\n");
            return true;
        }
        Map<String, List<String>> parameters;
        try {
            parameters = parameters(Request.extractQueryParameters(request, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            plainText(response, callback, HttpStatus.BAD_REQUEST_400, "malformed query string\n");
            return true;
        }
        Route route = Route.of(Request.getPathInContext(request), parameters,
                request.getHeaders().get("Last-Event-ID"));
        if (route instanceof Route.Feed feed) {
            feed(request, response, callback, feed);
        } else if (route instanceof Route.Stream stream) {
            stream(request, response, callback, stream);
        } else if (route instanceof Route.Health) {
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            plainText(response, callback, HttpStatus.OK_200, "ok\n");
        } else if (route instanceof Route.BadRequest bad) {
            plainText(response, callback, HttpStatus.BAD_REQUEST_400, bad.message() + "\n");
        } else {
            plainText(response, callback, HttpStatus.NOT_FOUND_404, NOT_FOUND);
        }
        return true;
    }

    private void feed(Request request, Response response, Callback callback, Route.Feed feed) {
        List<EnrichedArticle> entries = window.newest(feed.query(), feed.query().limit()).stream()
                .map(WindowEntry::article).toList();
        String etag = FeedValidators.etag(feed.format(), entries);
        Optional<Instant> lastModified = FeedValidators.lastModified(entries);
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.ETAG, etag);
        lastModified.ifPresent(instant -> headers.put(HttpHeader.LAST_MODIFIED, FeedValidators.httpDate(instant)));
        headers.put(HttpHeader.CACHE_CONTROL, "public, max-age=30");
        if (FeedValidators.notModified(request.getHeaders().get(HttpHeader.IF_NONE_MATCH),
                request.getHeaders().get(HttpHeader.IF_MODIFIED_SINCE), etag, lastModified)) {
            response.setStatus(HttpStatus.NOT_MODIFIED_304);
            callback.succeeded();
            return;
        }
        String self = url(request, true);
        String home = url(request, false);
        FeedWriter.Page page = new FeedWriter.Page("newsflow: " + feed.query().describe(),
                "Enriched and attributed news articles from newsflow: " + feed.query().describe(), self, home,
                entries);
        byte[] body = FeedWriter.write(page, feed.format()).getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpStatus.OK_200);
        headers.put(HttpHeader.CONTENT_TYPE, feed.format().contentType());
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private void stream(Request request, Response response, Callback callback, Route.Stream stream) {
        if (!hub.admit()) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "10");
            plainText(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503,
                    "too many stream clients; try again later\n");
            return;
        }
        HttpFields.Mutable headers = response.getHeaders();
        response.setStatus(HttpStatus.OK_200);
        headers.put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        headers.put(HttpHeader.CACHE_CONTROL, "no-cache, no-store");
        headers.put("X-Accel-Buffering", "no");
        if (request.getMethod().equals("HEAD")) {
            hub.release();
            callback.succeeded();
            return;
        }
        String name = "#" + clientNumbers.incrementAndGet() + " " + Request.getRemoteAddr(request) + ":"
                + Request.getRemotePort(request);
        SseClient client = new SseClient(name, response, callback, stream.query(), options.clientQueue(),
                hub::finished);
        // Keep-alives detect dead peers; an idle stream is normal and must not time out.
        request.addIdleTimeoutListener(timeout -> false);
        request.addFailureListener(client::fail);
        try {
            hub.open(client, stream.lastEventId(), stream.query());
        } catch (RuntimeException e) {
            log.warn("Could not open stream client {}", name, e);
            client.fail(e);
        }
        log.debug("Stream client {} connected for {}", name, stream.query().describe());
    }

    /** This request's URL (with its query when {@code withQuery}, else the site root), on the public URL if set. */
    private String url(Request request, boolean withQuery) {
        String base = options.publicUrl().orElseGet(() -> {
            var uri = request.getHttpURI();
            return uri.getScheme() + "://" + uri.getAuthority();
        });
        if (!withQuery) {
            return base + "/";
        }
        String pathQuery = request.getHttpURI().getPathQuery();
        return base + pathQuery;
    }

    static void addSafetyHeaders(HttpFields.Mutable headers) {
        headers.put(CSP);
        headers.put(NOSNIFF);
        headers.put(NO_REFERRER);
    }

    /** A plain-text answer; the text is ours, never the request's. */
    static void plainText(Response response, Callback callback, int status, String text) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, PLAIN_TEXT);
        Content.Sink.write(response, true, text, callback);
    }

    private static Map<String, List<String>> parameters(Fields fields) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (Fields.Field field : fields) {
            parameters.put(field.getName(), List.copyOf(field.getValues()));
        }
        return parameters;
    }
}
