package dev.newsflow.app.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.enrich.bench.ArticleMix;
import dev.newsflow.enrich.service.EnrichService;
import dev.newsflow.enrich.service.EnrichSettings;
import dev.newsflow.ingest.IngestService;
import dev.newsflow.publish.PublishService;
import dev.newsflow.publish.PublishSettings;
import dev.newsflow.support.bench.Timings;
import dev.newsflow.support.config.Config;
import dev.newsflow.support.kafka.KafkaSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * End-to-end latency: a local web server publishes feed items at a stated rate; ingest polls the feeds, enrich
 * enriches, publish delivers to a local webhook subscriber; each item's time from being published in its feed to
 * its webhook arriving is taken. Polling dominates it by design (a feed is read every {@code pollInterval}), so the
 * figure is given with the interval. All on one broker the caller provides, with the real services in-process.
 */
public final class EndToEndBenchmark {

    private static final int ITEMS_PER_FEED = 20;
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private EndToEndBenchmark() {
    }

    /** What to run: items per second over how many feeds, for how long, each feed polled this often. */
    public record Options(int rate, int feeds, Duration duration, Duration pollInterval) {
        public Options {
            if (rate < 1 || feeds < 1 || duration.isNegative() || duration.isZero() || pollInterval.isZero()) {
                throw new IllegalArgumentException("rate, feeds, duration and poll interval must be positive");
            }
        }
    }

    /**
     * Runs and returns {@code key=value} lines; {@code webhookReceiver} starts a subscriber on 127.0.0.1 that calls
     * back with each delivered article and returns its URL and secret (the launcher's demo receiver).
     */
    public static String run(Options options, String bootstrapServers, Path workDirectory,
                             WebhookReceiverFactory webhookReceiver, PrintStream progress) throws Exception {
        Clock clock = Clock.systemUTC();
        ArticleMix mix = ArticleMix.bundled(5_000, 7);
        FeedServer feeds = FeedServer.start(options.feeds());
        Map<String, Long> publishedAt = new ConcurrentHashMap<>();
        Timings latencies = new Timings();
        Consumer<EnrichedArticle> onDelivered = article -> {
            Long published = publishedAt.remove(article.article().url());
            if (published != null) {
                latencies.add(System.nanoTime() - published);
            }
        };
        try (feeds; WebhookReceiverFactory.Receiver receiver = webhookReceiver.start(onDelivered)) {
            Map<String, Object> kafka = Map.of(KafkaSettings.BOOTSTRAP_SERVERS.name(), bootstrapServers,
                    KafkaSettings.PARTITIONS.name(), 4);
            Config enrichConfig = Config.of(EnrichSettings.all(), List.of(KafkaSettings.PASS_THROUGH_PREFIX),
                    merged(kafka, Map.of(EnrichSettings.THREADS.name(), 2)));
            Config publishConfig = Config.of(PublishSettings.settings(), List.of(KafkaSettings.PASS_THROUGH_PREFIX),
                    merged(kafka, Map.of(PublishSettings.SUBSCRIPTIONS.name(), List.of(Map.of("id", "bench",
                                    "url", receiver.url(), "secret", receiver.secret())),
                            PublishSettings.ALLOW_PRIVATE_TARGETS.name(), true,
                            PublishSettings.HTTP_ENABLED.name(), false)));
            Config ingestConfig = Config.of(IngestService.settings(), List.of(KafkaSettings.PASS_THROUGH_PREFIX),
                    merged(kafka, ingestSettings(feeds, options, workDirectory)));
            try (EnrichService enrich = EnrichService.builder().config(enrichConfig)
                    .enrichment(EnrichSettings.enricher(enrichConfig, clock)::enrich).clock(clock).build();
                 PublishService publish = PublishService.builder(publishConfig).clock(clock).build();
                 IngestService ingest = IngestService.create(ingestConfig, clock)) {
                enrich.start();
                publish.start();
                ingest.start();
                progress.printf(Locale.ROOT, "end to end: %d items/s over %d feeds for %d s, feeds polled every "
                        + "%d ms ...%n", options.rate(), options.feeds(), options.duration().toSeconds(),
                        options.pollInterval().toMillis());
                long interval = 1_000_000_000L / options.rate();
                long start = System.nanoTime();
                long end = start + options.duration().toNanos();
                // Items of the first quarter (at most 5 s) warm up the services (group joins, JIT) and are not timed.
                long warmUpEnd = start + Math.min(options.duration().toNanos() / 4, Duration.ofSeconds(5).toNanos());
                long sent = 0;
                long timed = 0;
                for (long next = System.nanoTime(); next < end; next += interval) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    RawArticle article = mix.next();
                    String url = feeds.publish((int) (sent % options.feeds()), article, clock);
                    if (System.nanoTime() >= warmUpEnd) {
                        publishedAt.put(url, System.nanoTime());
                        timed++;
                    }
                    sent++;
                    if (sent % Math.max(1, options.rate() * 5L) == 0) {
                        progress.printf(Locale.ROOT, "  published %,d, delivered %,d%n", sent, latencies.size());
                    }
                }
                long drainUntil = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (latencies.size() < timed && System.nanoTime() < drainUntil) {
                    LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                }
                StringBuilder report = new StringBuilder();
                line(report, "e2e.rate", options.rate());
                line(report, "e2e.feeds", options.feeds());
                line(report, "e2e.pollIntervalMs", options.pollInterval().toMillis());
                line(report, "e2e.published", sent);
                line(report, "e2e.timed", timed);
                line(report, "e2e.timedDelivered", latencies.size());
                line(report, "e2e.latencyMs.p50", format(latencies.percentile(50) / 1e6));
                line(report, "e2e.latencyMs.p99", format(latencies.percentile(99) / 1e6));
                line(report, "e2e.latencyMs.max", format(latencies.percentile(100) / 1e6));
                return report.toString();
            }
        }
    }

    /** Starts a webhook subscriber calling back with each article delivered. */
    @FunctionalInterface
    public interface WebhookReceiverFactory {
        Receiver start(Consumer<EnrichedArticle> onArticle) throws IOException;

        /** A running subscriber: where it listens and the secret deliveries must be signed with. */
        interface Receiver extends AutoCloseable {
            String url();

            String secret();

            @Override
            void close();
        }
    }

    private static Map<String, Object> ingestSettings(FeedServer feeds, Options options, Path workDirectory)
            throws IOException {
        StringBuilder list = new StringBuilder("feeds:\n");
        for (int i = 0; i < options.feeds(); i++) {
            list.append("  - id: bench-").append(i).append('\n')
                    .append("    url: ").append(feeds.url(i)).append('\n');
        }
        Path feedsFile = Files.writeString(workDirectory.resolve("bench-feeds.yaml"), list);
        Map<String, Object> values = new HashMap<>();
        values.put("ingest.feeds-file", feedsFile.toString());
        values.put("ingest.poll-interval", options.pollInterval().toMillis() + "ms");
        values.put("ingest.poll.min-interval", options.pollInterval().toMillis() + "ms");
        values.put("ingest.poll.jitter", 0.0);
        values.put("ingest.fetch.trusted-hosts", List.of("127.0.0.1")); // the generated feeds
        values.put("ingest.fetch.per-host-spacing", "0s");
        values.put("ingest.fetch.per-host-concurrency", Math.max(2, Math.min(options.feeds(), 64)));
        values.put("ingest.full-text", "never");
        return values;
    }

    private static Map<String, Object> merged(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> all = new HashMap<>(a);
        all.putAll(b);
        return all;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static void line(StringBuilder report, String key, Object value) {
        report.append(key).append('=').append(value).append('\n');
    }

    /** RSS feeds on 127.0.0.1 whose newest items the generator adds; each keeps its last few items. */
    private static final class FeedServer implements AutoCloseable {
        private final HttpServer server;
        private final List<Deque<String>> items = new ArrayList<>();

        private FeedServer(HttpServer server, int feeds) {
            this.server = server;
            for (int i = 0; i < feeds; i++) {
                items.add(new ArrayDeque<>());
            }
        }

        static FeedServer start(int feeds) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FeedServer feedServer = new FeedServer(server, feeds);
            server.createContext("/feeds/", feedServer::serve);
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
            server.start();
            return feedServer;
        }

        String url(int feed) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/feeds/" + feed + ".xml";
        }

        /** Adds the article as the feed's newest item; returns its link. */
        String publish(int feed, RawArticle article, Clock clock) {
            String link = "http://127.0.0.1:" + server.getAddress().getPort() + "/articles/" + article.id();
            String item = "<item><title>" + escape(article.title()) + "</title><link>" + link + "</link><guid>" + link
                    + "</guid><pubDate>" + RFC_1123.format(clock.instant()) + "</pubDate><description>"
                    + escape(article.content()) + "</description></item>";
            Deque<String> feedItems = items.get(feed);
            synchronized (feedItems) {
                feedItems.addFirst(item);
                while (feedItems.size() > ITEMS_PER_FEED) {
                    feedItems.removeLast();
                }
            }
            return link;
        }

        private void serve(HttpExchange exchange) throws IOException {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                int feed;
                try {
                    feed = Integer.parseInt(path.substring("/feeds/".length(), path.length() - ".xml".length()));
                } catch (RuntimeException e) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                if (feed < 0 || feed >= items.size()) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                StringBuilder rss = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\">"
                        + "<channel><title>Bench feed " + feed + "</title><link>http://127.0.0.1/</link>"
                        + "<description>bench</description>");
                Deque<String> feedItems = items.get(feed);
                synchronized (feedItems) {
                    feedItems.forEach(rss::append);
                }
                byte[] body = rss.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        }

        private static String escape(String text) {
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }

        @Override
        public void close() {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }
}
