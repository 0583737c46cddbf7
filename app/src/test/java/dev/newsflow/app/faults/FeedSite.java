package dev.newsflow.app.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.newsflow.contract.ArticleId;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.enrich.bench.ArticleMix;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * News sites on 127.0.0.1: {@code feeds} RSS 2.0 feeds whose items (Polish and English prose from
 * {@link ArticleMix}, the whole article in the description) the test adds while ingest polls. Each feed lists its
 * newest {@code window} items with an {@code ETag}, and answers 304 to a poll that already has them all.
 */
final class FeedSite implements AutoCloseable {

    private static final String HOST = "https://faults.newsflow.invalid/";

    /** One feed item as served, with the article id ingest derives from its link. */
    record Item(String id, String guid, String link, String title, String html, String language, ZonedDateTime date) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<List<Item>> feeds = new ArrayList<>();
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final ArticleMix mix;
    private final int window;
    private final Duration responseDelay;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile IntConsumer onRequest = count -> { };

    /**
     * @param responseDelay how long each feed takes to answer, so polls are in flight when ingest is killed
     * @param window        items each feed lists, newest first
     */
    FeedSite(int feedCount, int articleChars, int window, Duration responseDelay, long seed) throws IOException {
        this.mix = ArticleMix.bundled(articleChars, seed);
        this.window = window;
        this.responseDelay = responseDelay;
        for (int i = 0; i < feedCount; i++) {
            feeds.add(new ArrayList<>());
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(executor);
        server.createContext("/feeds/", this::serve);
        server.start();
    }

    int feedCount() {
        return feeds.size();
    }

    /** Adds the next item to the feed; returns its article id. */
    String add(int feed) {
        RawArticle article = mix.next();
        String guid = "faults-" + feed + "-" + article.id();
        String link = HOST + "f" + feed + "/" + article.id();
        String id = ArticleId.of(link, guid).orElseThrow();
        Item item = new Item(id, guid, link, article.title(), article.content(), article.declaredLanguage(),
                ZonedDateTime.now(ZoneOffset.UTC));
        List<Item> items = feeds.get(feed);
        synchronized (items) {
            items.add(item);
        }
        ids.add(id);
        return id;
    }

    /** Adds {@code perFeed} items to every feed. */
    void addToEveryFeed(int perFeed) {
        for (int feed = 0; feed < feeds.size(); feed++) {
            for (int i = 0; i < perFeed; i++) {
                add(feed);
            }
        }
    }

    /** Ids of every item added so far. */
    Set<String> ids() {
        return Set.copyOf(ids);
    }

    int requests() {
        return requests.get();
    }

    /** Runs {@code action} with the number of feed requests so far as each arrives, before it is answered. */
    void onRequest(IntConsumer action) {
        onRequest = action;
    }

    /** Writes the feed list ingest reads ({@code ingest.feeds-file}). */
    Path writeFeedsFile(Path file) throws IOException {
        StringBuilder yaml = new StringBuilder("feeds:\n");
        for (int feed = 0; feed < feeds.size(); feed++) {
            yaml.append("  - id: faults-").append(feed).append('\n')
                    .append("    url: http://127.0.0.1:").append(server.getAddress().getPort())
                    .append("/feeds/").append(feed).append(".xml\n")
                    .append("    full-text: never\n");
        }
        return Files.writeString(file, yaml);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            onRequest.accept(requests.incrementAndGet());
            String path = exchange.getRequestURI().getPath();
            int feed = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1, path.length() - ".xml".length()));
            List<Item> newest;
            int total;
            List<Item> items = feeds.get(feed);
            synchronized (items) {
                total = items.size();
                newest = new ArrayList<>(items.subList(Math.max(0, total - window), total));
            }
            if (!responseDelay.isZero()) {
                // the site's own time to answer, so polls are in flight when ingest dies; not a test wait
                LockSupport.parkNanos(responseDelay.toNanos());
            }
            String etag = "\"" + total + "\"";
            exchange.getResponseHeaders().set("ETag", etag);
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            byte[] body = rss(feed, newest).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static String rss(int feed, List<Item> newest) {
        StringBuilder xml = new StringBuilder(2_048 + newest.size() * 2_048)
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>")
                .append("<title>Fault site ").append(feed).append("</title><link>").append(HOST).append('f')
                .append(feed).append("/</link><description>fault injection feed</description>\n");
        for (int i = newest.size() - 1; i >= 0; i--) {
            Item item = newest.get(i);
            xml.append("<item><title>").append(escape(item.title())).append("</title><link>").append(item.link())
                    .append("</link><guid isPermaLink=\"false\">").append(item.guid()).append("</guid><pubDate>")
                    .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(item.date()))
                    .append("</pubDate><description><![CDATA[").append(item.html().replace("]]>", "]] >"))
                    .append("]]></description></item>\n");
        }
        return xml.append("</channel></rss>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
