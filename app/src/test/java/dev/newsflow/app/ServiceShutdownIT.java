package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.contract.ArticleId;
import dev.newsflow.contract.CloudEvents;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.contract.Topics;
import dev.newsflow.kafka.KafkaBroker;
import dev.newsflow.kafka.WithKafka;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher in a child JVM ({@code newsflow enrich --config FILE}) against the test broker: ready on its ops
 * endpoint, stopped by SIGTERM while raw articles stream in, exits 0 within 10 s, and once restarted has enriched
 * every article exactly once.
 */
@WithKafka
class ServiceShutdownIT {

    private static final Pattern OPS_PORT = Pattern.compile("Ops endpoint on http://[^:]+:(\\d+)/");
    private static final Pattern ENRICHED = Pattern.compile(
            "(?m)^newsflow_enrich_articles_enriched_total\\{service=\"enrich\"} (\\S+)$");
    private static final int ARTICLES = 400;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> children = new ArrayList<>();

    @TempDir
    Path directory;

    @AfterEach
    void killChildren() {
        children.forEach(Process::destroyForcibly);
    }

    @Test
    void shouldDrainCommitAndExitZeroOnSigtermWithoutLosingOrDuplicatingAnArticle(KafkaBroker kafka)
            throws Exception {
        String group = KafkaBroker.uniqueName("enrich-sigterm");
        Path config = Files.writeString(directory.resolve("enrich.yaml"), """
                kafka:
                  bootstrap.servers: %s
                enrich:
                  group-id: %s
                  instance-id: %s
                  languages: [pl, en]
                  max-poll-records: 5
                ops:
                  port: 0
                  host: 127.0.0.1
                """.formatted(kafka.bootstrapServers(), group, group));

        Process first = launch(config, directory.resolve("first.log"));
        URI ops = awaitReady(first, directory.resolve("first.log"));
        List<String> ids = new ArrayList<>();
        CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> produce(kafka, "sigterm", ids));
        await().atMost(Duration.ofSeconds(60)).until(() -> enriched(ops) >= 20);

        long begun = System.nanoTime();
        first.destroy(); // SIGTERM
        boolean exited = first.waitFor(10, TimeUnit.SECONDS);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun);
        System.out.printf("enrich stopped %d ms after SIGTERM%n", tookMillis);
        assertThat(exited).as("exited within 10 s of SIGTERM; log:%n%s", log("first.log")).isTrue();
        assertThat(first.exitValue()).as("exit status; log:%n%s", log("first.log")).isZero();
        assertThat(log("first.log")).contains("SIGTERM: stopping enrich", "enrich stopped in");
        producing.get(60, TimeUnit.SECONDS);

        Process second = launch(config, directory.resolve("second.log"));
        awaitReady(second, directory.resolve("second.log"));
        Map<String, Integer> copies = readEnriched(kafka, Set.copyOf(ids));
        second.destroy();
        assertThat(second.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).isZero();

        assertThat(copies).as("every article enriched").containsOnlyKeys(ids);
        assertThat(copies.values()).as("each exactly once").containsOnly(1);
    }

    @Test
    void shouldServeHealthAndMetricsAndExitZeroOnSigtermForIngestAndPublish(KafkaBroker kafka) throws Exception {
        String group = KafkaBroker.uniqueName("sigterm");
        try (SampleSite site = SampleSite.start();
             WebhookReceiver receiver = WebhookReceiver.start(Demo.newSecret(), java.time.Clock.systemUTC(),
                     article -> { })) {
            StringBuilder feeds = new StringBuilder("feeds:\n");
            for (SampleSite.SampleFeed feed : SampleSite.FEEDS) {
                feeds.append("  - id: ").append(feed.id()).append("\n    url: ").append(site.url(feed.path()))
                        .append('\n');
            }
            Path feedsFile = Files.writeString(directory.resolve("feeds.yaml"), feeds);
            Path ingestConfig = Files.writeString(directory.resolve("ingest.yaml"), """
                    kafka:
                      bootstrap.servers: %s
                    ingest:
                      group-id: %s
                      instance-id: %s
                      feeds-file: %s
                      fetch.allow-private-addresses: true
                    ops:
                      port: 0
                      host: 127.0.0.1
                    """.formatted(kafka.bootstrapServers(), group + "-ingest", group + "-ingest", feedsFile));
            Path publishConfig = Files.writeString(directory.resolve("publish.yaml"), """
                    kafka:
                      bootstrap.servers: %s
                    publish:
                      subscriptions: [{id: %s, url: "%s", secret: "%s"}]
                      allow-private-targets: true
                      http: {host: 127.0.0.1, port: 0}
                    ops:
                      port: 0
                      host: 127.0.0.1
                    """.formatted(kafka.bootstrapServers(), group, receiver.url(), "whsec_"
                    + java.util.Base64.getEncoder().encodeToString(new byte[24])));

            for (String service : List.of("ingest", "publish")) {
                Path config = service.equals("ingest") ? ingestConfig : publishConfig;
                Process process = launch(service, config, directory.resolve(service + ".log"));
                URI ops = awaitReady(process, directory.resolve(service + ".log"));
                assertThat(get(ops.resolve("health/live")).statusCode()).isEqualTo(200);
                assertThat(get(ops.resolve("metrics")).body()).as(service + " metrics")
                        .contains("newsflow_" + service + "_", "jvm_memory_used_bytes");

                long begun = System.nanoTime();
                process.destroy(); // SIGTERM
                boolean exited = process.waitFor(10, TimeUnit.SECONDS);
                System.out.printf("%s stopped %d ms after SIGTERM%n", service,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun));
                assertThat(exited).as("%s exited within 10 s; log:%n%s", service, log(service + ".log")).isTrue();
                assertThat(process.exitValue()).as("%s exit status; log:%n%s", service, log(service + ".log"))
                        .isZero();
            }
        }
    }

    private Process launch(Path config, Path log) throws IOException {
        return launch("enrich", config, log);
    }

    private Process launch(String service, Path config, Path log) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                Newsflow.class.getName(), service, "--config", config.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(new File(System.getProperty("user.dir")));
        builder.environment().keySet().removeIf(name -> name.startsWith("NEWSFLOW_"));
        Process process = builder.start();
        children.add(process);
        return process;
    }

    /** Waits for the ops endpoint's port in the log, then for /health/ready to answer 200. */
    private URI awaitReady(Process process, Path log) {
        URI[] ops = new URI[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            assertThat(process.isAlive()).as("child alive; log:%n%s", Files.readString(log)).isTrue();
            Matcher port = OPS_PORT.matcher(Files.readString(log));
            if (port.find()) {
                ops[0] = URI.create("http://127.0.0.1:" + port.group(1) + "/");
            }
            return ops[0] != null;
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> get(ops[0].resolve("health/ready")).statusCode() == 200);
        return ops[0];
    }

    private double enriched(URI ops) throws IOException, InterruptedException {
        Matcher matcher = ENRICHED.matcher(get(ops.resolve("metrics")).body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String log(String name) throws IOException {
        return Files.readString(directory.resolve(name));
    }

    /** Streams raw articles, a few milliseconds apart, so the SIGTERM comes while they flow. */
    private static void produce(KafkaBroker kafka, String batch, List<String> ids) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < ARTICLES; i++) {
                String url = "https://example.com/" + batch + "/" + i + "/" + System.nanoTime();
                String id = ArticleId.of(url, null).orElseThrow();
                RawArticle article = RawArticle.builder().id(id).feedId("sigterm-feed").url(url)
                        .title("Markets steady in London as investors wait " + i)
                        .content("<p>LONDON (Reuters) - British shares were steady on Tuesday as investors waited "
                                + "for the Bank of England's decision on interest rates, traders said.</p>")
                        .fetched(Instant.now()).declaredLanguage("en").build();
                producer.send(new ProducerRecord<>(Topics.RAW_ARTICLES.name(), null,
                        id.getBytes(StandardCharsets.UTF_8),
                        Topics.RAW_ARTICLES.valueSerde().serializer().serialize("", article),
                        CloudEvents.forRaw(article)));
                synchronized (ids) {
                    ids.add(id);
                }
                if (i % 10 == 9) {
                    producer.flush();
                    // a steady stream rather than one burst; not a wait for a result
                    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                }
            }
        }
    }

    /** How many committed copies of each wanted article the enriched topic holds, once all are there. */
    private static Map<String, Integer> readEnriched(KafkaBroker kafka, Set<String> wanted) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, KafkaBroker.uniqueName("sigterm-reader"));
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, Integer> copies = new ConcurrentHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.ENRICHED_ARTICLES.name()));
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                count(consumer, wanted, copies);
                return copies.keySet().containsAll(wanted);
            });
            // a duplicate would be committed by now: poll on a little to catch one
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < until) {
                count(consumer, wanted, copies);
            }
        }
        return new HashMap<>(copies);
    }

    private static void count(KafkaConsumer<String, byte[]> consumer, Set<String> wanted,
                              Map<String, Integer> copies) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            Optional.ofNullable(record.key()).filter(wanted::contains)
                    .ifPresent(key -> copies.merge(key, 1, Integer::sum));
        }
    }
}
