package dev.newsflow.app;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.enrich.Enricher;
import dev.newsflow.enrich.service.EnrichService;
import dev.newsflow.enrich.service.EnrichSettings;
import dev.newsflow.ingest.IngestService;
import dev.newsflow.ingest.PollSummary;
import dev.newsflow.kafka.EmbeddedKafkaBroker;
import dev.newsflow.publish.PublishService;
import dev.newsflow.publish.PublishSettings;
import dev.newsflow.support.config.Config;
import dev.newsflow.support.kafka.KafkaSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline on one machine: an embedded Kafka broker, the sample site, ingest, enrich, publish and a
 * webhook subscriber that prints what it receives.
 */
final class Demo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Demo.class);
    private static final List<String> KAFKA = List.of(KafkaSettings.PASS_THROUGH_PREFIX);

    /**
     * @param once    exit after every sample article was delivered
     * @param json    print JSON lines instead of readable blocks
     * @param timeout how long {@code once} waits for the deliveries
     */
    record Options(boolean once, boolean json, Duration timeout) {
    }

    private final Options options;
    private final PrintStream status;
    private final Clock clock = Clock.systemUTC();
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final Set<String> delivered = ConcurrentHashMap.newKeySet();

    private Demo(Options options, PrintStream status) {
        this.options = options;
        this.status = status;
    }

    static int run(Options options, PrintStream out, PrintStream err) {
        ArticlePrinter printer = new ArticlePrinter(out, options.json());
        try (Demo demo = new Demo(options, err)) {
            CountDownLatch interrupted = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                interrupted.countDown();
                demo.close();
            }, "newsflow-demo-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            int exitCode = demo.start(printer, interrupted);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is already closing everything
            }
            return exitCode;
        } catch (IOException | RuntimeException e) {
            log.error("Demo failed: {}", e.toString(), e);
            err.println("newsflow demo: failed: " + e.getMessage());
            return Newsflow.FAILED;
        }
    }

    private int start(ArticlePrinter printer, CountDownLatch interrupted) throws IOException {
        Path workDirectory = Files.createTempDirectory("newsflow-demo-");
        own(() -> deleteRecursively(workDirectory));
        status.println("newsflow demo: starting Kafka (single-node KRaft broker in a child JVM) ...");
        EmbeddedKafkaBroker broker = own(EmbeddedKafkaBroker.builder()
                .dataDirectory(workDirectory.resolve("kafka")).build().start());
        String bootstrapServers = broker.bootstrapServers();
        status.println("newsflow demo: Kafka is up at " + bootstrapServers);

        SampleSite site = own(SampleSite.start());
        String secret = newSecret();
        WebhookReceiver receiver = own(WebhookReceiver.start(secret, clock, article -> {
            if (delivered.add(article.id())) {
                printer.print(article);
            }
        }));
        status.println("newsflow demo: sample feeds at " + site.baseUrl() + ", webhook subscriber at "
                + receiver.url());

        Config enrichConfig = enrichConfig(bootstrapServers);
        Enricher enricher = EnrichSettings.enricher(enrichConfig, clock);
        EnrichService enrich = own(EnrichService.builder().config(enrichConfig)
                .enrichment(enricher::enrich).clock(clock).build());
        enrich.start();
        PublishService publish = own(PublishService.builder(publishConfig(bootstrapServers, receiver.url(), secret))
                .clock(clock).build());
        publish.start();
        publish.httpPort().ifPresent(port -> status.println("newsflow demo: feeds at http://127.0.0.1:" + port
                + "/feeds/all.atom (also .rss, .json; /feeds/tag/Q159.atom, ...), live stream at http://127.0.0.1:"
                + port + "/stream"));
        IngestService ingest = own(IngestService.create(ingestConfig(bootstrapServers, site, workDirectory), clock));

        PollSummary summary = ingest.pollOnce();
        status.println("newsflow demo: ingest " + summary);
        summary.failures().forEach(failure -> status.println("newsflow demo:   feed failed: " + failure));

        if (options.once()) {
            return awaitDeliveries(summary.articlesPublished(), enrich, interrupted);
        }
        ingest.start();
        status.println("newsflow demo: running; Ctrl-C stops it");
        awaitQuietly(interrupted, Long.MAX_VALUE);
        return Newsflow.OK;
    }

    private int awaitDeliveries(int expected, EnrichService enrich, CountDownLatch interrupted) {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        while (delivered.size() < expected && System.nanoTime() < deadline && enrich.isRunning()) {
            if (awaitQuietly(interrupted, 100)) {
                return Newsflow.FAILED;
            }
        }
        if (delivered.size() < expected) {
            status.println("newsflow demo: only " + delivered.size() + " of " + expected
                    + " articles were delivered within " + options.timeout()
                    + (enrich.isRunning() ? "" : "; enrich stopped: " + enrich.failure()));
            return Newsflow.FAILED;
        }
        status.println("newsflow demo: all " + expected + " sample articles delivered");
        return Newsflow.OK;
    }

    private static boolean awaitQuietly(CountDownLatch latch, long millis) {
        try {
            return latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    static Config enrichConfig(String bootstrapServers) {
        return Config.of(EnrichSettings.all(), KAFKA, Map.of(KafkaSettings.BOOTSTRAP_SERVERS.name(), bootstrapServers,
                KafkaSettings.PARTITIONS.name(), 1));
    }

    static Config publishConfig(String bootstrapServers, String webhookUrl, String secret) {
        Map<String, Object> subscription = Map.of("id", "demo-subscriber", "url", webhookUrl, "secret", secret);
        return Config.of(PublishSettings.settings(), KAFKA, Map.of(
                KafkaSettings.BOOTSTRAP_SERVERS.name(), bootstrapServers,
                KafkaSettings.PARTITIONS.name(), 1,
                PublishSettings.SUBSCRIPTIONS.name(), List.of(subscription),
                PublishSettings.ALLOW_PRIVATE_TARGETS.name(), true,
                PublishSettings.HTTP_HOST.name(), "127.0.0.1",
                PublishSettings.HTTP_PORT.name(), 0));
    }

    static Config ingestConfig(String bootstrapServers, SampleSite site, Path workDirectory)
            throws IOException {
        StringBuilder feeds = new StringBuilder("feeds:\n");
        for (SampleSite.SampleFeed feed : SampleSite.FEEDS) {
            feeds.append("  - id: ").append(feed.id()).append('\n')
                    .append("    url: ").append(site.url(feed.path())).append('\n')
                    .append("    title: \"").append(feed.title()).append("\"\n")
                    .append("    language: ").append(feed.language()).append('\n');
        }
        Path feedsFile = Files.writeString(workDirectory.resolve("feeds.yaml"), feeds);
        Map<String, Object> values = new HashMap<>();
        values.put(KafkaSettings.BOOTSTRAP_SERVERS.name(), bootstrapServers);
        values.put(KafkaSettings.PARTITIONS.name(), 1);
        values.put("ingest.feeds-file", feedsFile.toString());
        values.put("ingest.poll-interval", "1m");
        values.put("ingest.fetch.trusted-hosts", List.of("127.0.0.1")); // the sample site; other hosts stay refused
        // The sample feeds' own articles are short; only a lead of a few lines should send ingest to the page.
        values.put("ingest.full-text.min-chars", 400);
        return Config.of(IngestService.settings(), KAFKA, values);
    }

    static String newSecret() {
        byte[] key = new byte[24];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private <T extends AutoCloseable> T own(T resource) {
        resources.push(resource);
        return resource;
    }

    /** Closes in reverse order of start: ingest, publish, enrich, then the servers and the broker. */
    @Override
    public synchronized void close() {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("Closing {} failed: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
