package dev.newsflow.publish.bench;

import dev.newsflow.contract.CloudEvents;
import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.contract.Tag;
import dev.newsflow.contract.TagType;
import dev.newsflow.contract.Topics;
import dev.newsflow.publish.PublishService;
import dev.newsflow.publish.PublishSettings;
import dev.newsflow.publish.SubscriptionStats;
import dev.newsflow.support.bench.Pacer;
import dev.newsflow.support.bench.Timings;
import dev.newsflow.support.config.Config;
import dev.newsflow.support.kafka.KafkaSettings;
import dev.newsflow.support.kafka.TopicCreator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The publish service measured on a Kafka broker it is given, in three phases, each with a fresh service:
 * <ol>
 *   <li><b>deliveries</b>: a backlog of N enriched articles, each wanted by all S webhook subscriptions, is delivered
 *       to one local receiver ({@link BenchReceiver}) that verifies every Standard Webhooks signature; signed
 *       deliveries per second are counted from the first verified delivery to the last (so group joining is not in
 *       the figure), and the receiver checks none is lost, duplicated or forged;</li>
 *   <li><b>latency</b>: articles produced at a fixed rate to the enriched topic for 1..10 subscriptions; the time
 *       from just before {@code send()} to the verified request arriving at the receiver, p50, p90, p99, max;</li>
 *   <li><b>stream</b>: C Server-Sent Events clients on {@code /stream?tag=...}, run by {@link SseLoadClients} in a
 *       child JVM (the clients' sockets would otherwise double this process's file descriptors), held while articles
 *       flow at a fixed rate; every client must get every event; the server's thread count is taken with all of
 *       them connected.</li>
 * </ol>
 * Figures are printed as {@code key=value} lines as they are measured; progress goes to {@code progress}. The
 * service, the broker (when embedded) and the receiver share this JVM and the machine's cores with whatever else
 * runs, so the load average is printed with the figures.
 */
public final class PublishBenchmark {

    static final String DELIVERIES_TAG = "bench-deliveries";
    static final String LATENCY_TAG = "bench-latency";
    static final String STREAM_TAG = "bench-stream";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);
    private static final Duration WARM_UP = Duration.ofSeconds(2);
    private static final Instant FETCHED = Instant.parse("2026-01-01T00:00:00Z");

    private PublishBenchmark() {
    }

    /** Which phases run. */
    public enum Phase { DELIVERIES, LATENCY, STREAM }

    /** What to run. */
    public record Options(List<Phase> phases, int subscriptions, int articles, int receiverThreads,
                          int latencySubscriptions, int latencyRate, Duration latencyDuration, boolean transactional,
                          int streamClients, int streamRate, Duration streamDuration, Duration timeout) {
        public Options {
            phases = List.copyOf(phases);
            Objects.requireNonNull(latencyDuration, "latencyDuration");
            Objects.requireNonNull(streamDuration, "streamDuration");
            Objects.requireNonNull(timeout, "timeout");
            if (phases.isEmpty()) {
                throw new IllegalArgumentException("no phase to run");
            }
            if (subscriptions < 1 || subscriptions > 1000 || articles < 1 || receiverThreads < 1) {
                throw new IllegalArgumentException("subscriptions 1..1000, articles >= 1, receiver threads >= 1");
            }
            if (latencySubscriptions < 1 || latencySubscriptions > 100 || latencyRate < 1
                    || latencyDuration.isNegative() || latencyDuration.isZero()) {
                throw new IllegalArgumentException("latency subscriptions 1..100, rate >= 1, duration > 0");
            }
            if (streamClients < 1 || streamRate < 1 || streamDuration.isNegative() || streamDuration.isZero()) {
                throw new IllegalArgumentException("stream clients >= 1, rate >= 1, duration > 0");
            }
        }

        /** 100 subscriptions x 2,000 articles; 500 articles/s for 20 s to 10 subscriptions; 10,000 stream clients. */
        public static Options defaults() {
            return new Options(List.of(Phase.values()), 100, 2_000, 8, 10, 500, Duration.ofSeconds(20), false,
                    10_000, 10, Duration.ofSeconds(20), Duration.ofMinutes(10));
        }

        public Options withPhases(List<Phase> value) {
            return new Options(value, subscriptions, articles, receiverThreads, latencySubscriptions, latencyRate,
                    latencyDuration, transactional, streamClients, streamRate, streamDuration, timeout);
        }

        public Options withSubscriptions(int value) {
            return new Options(phases, value, articles, receiverThreads, latencySubscriptions, latencyRate,
                    latencyDuration, transactional, streamClients, streamRate, streamDuration, timeout);
        }

        public Options withArticles(int value) {
            return new Options(phases, subscriptions, value, receiverThreads, latencySubscriptions, latencyRate,
                    latencyDuration, transactional, streamClients, streamRate, streamDuration, timeout);
        }

        public Options withReceiverThreads(int value) {
            return new Options(phases, subscriptions, articles, value, latencySubscriptions, latencyRate,
                    latencyDuration, transactional, streamClients, streamRate, streamDuration, timeout);
        }

        public Options withLatencySubscriptions(int value) {
            return new Options(phases, subscriptions, articles, receiverThreads, value, latencyRate,
                    latencyDuration, transactional, streamClients, streamRate, streamDuration, timeout);
        }

        public Options withLatencyRate(int value) {
            return new Options(phases, subscriptions, articles, receiverThreads, latencySubscriptions, value,
                    latencyDuration, transactional, streamClients, streamRate, streamDuration, timeout);
        }

        public Options withLatencyDuration(Duration value) {
            return new Options(phases, subscriptions, articles, receiverThreads, latencySubscriptions, latencyRate,
                    value, transactional, streamClients, streamRate, streamDuration, timeout);
        }

        /** Each latency article in its own transaction, as a read_committed subscriber sees enrich's output. */
        public Options withTransactional(boolean value) {
            return new Options(phases, subscriptions, articles, receiverThreads, latencySubscriptions, latencyRate,
                    latencyDuration, value, streamClients, streamRate, streamDuration, timeout);
        }

        public Options withStreamClients(int value) {
            return new Options(phases, subscriptions, articles, receiverThreads, latencySubscriptions, latencyRate,
                    latencyDuration, transactional, value, streamRate, streamDuration, timeout);
        }

        public Options withStreamRate(int value) {
            return new Options(phases, subscriptions, articles, receiverThreads, latencySubscriptions, latencyRate,
                    latencyDuration, transactional, streamClients, value, streamDuration, timeout);
        }

        public Options withStreamDuration(Duration value) {
            return new Options(phases, subscriptions, articles, receiverThreads, latencySubscriptions, latencyRate,
                    latencyDuration, transactional, streamClients, streamRate, value, timeout);
        }

        /** How long each phase may wait for its deliveries or events before it fails. */
        public Options withTimeout(Duration value) {
            return new Options(phases, subscriptions, articles, receiverThreads, latencySubscriptions, latencyRate,
                    latencyDuration, transactional, streamClients, streamRate, streamDuration, value);
        }
    }

    /**
     * Runs the phases against the broker at {@code bootstrapServers}, printing {@code key=value} lines to {@code out}
     * as each figure is measured.
     *
     * @throws IllegalStateException when a phase does not complete within the timeout or the service fails
     */
    public static void run(Options options, String bootstrapServers, PrintStream out, PrintStream progress) {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        line(out, "java", System.getProperty("java.version"));
        line(out, "cores", Runtime.getRuntime().availableProcessors());
        line(out, "maxHeapMb", Runtime.getRuntime().maxMemory() / 1024 / 1024);
        line(out, "loadAverage.start", loadAverage());
        Config topics = config(bootstrapServers, List.of(), false, 0);
        TopicCreator.ensureTopics(KafkaSettings.clientProperties(topics), List.of(Topics.ENRICHED_ARTICLES,
                Topics.DEAD_LETTER, Topics.SUBSCRIPTIONS, Topics.DELIVERIES_FAILED),
                topics.get(KafkaSettings.PARTITIONS), topics.get(KafkaSettings.REPLICATION_FACTOR));
        try {
            if (options.phases().contains(Phase.DELIVERIES)) {
                deliveries(options, bootstrapServers, out, progress);
            }
            if (options.phases().contains(Phase.LATENCY)) {
                latency(options, bootstrapServers, out, progress);
            }
            if (options.phases().contains(Phase.STREAM)) {
                stream(options, bootstrapServers, out, progress);
            }
        } catch (IOException e) {
            throw new IllegalStateException("benchmark I/O failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        line(out, "loadAverage.end", loadAverage());
    }

    // ---------------------------------------------------------------------------------------------- deliveries

    private static void deliveries(Options options, String bootstrap, PrintStream out, PrintStream progress)
            throws IOException {
        int subscriptions = options.subscriptions();
        long expected = (long) subscriptions * options.articles();
        Map<String, String> secrets = secrets("deliveries", subscriptions);
        try (BenchReceiver receiver = BenchReceiver.start(secrets, options.receiverThreads(), null);
             KafkaProducer<String, byte[]> producer = producer(bootstrap, 5, null)) {
            progress.printf(Locale.ROOT, "deliveries: producing %,d articles for %d subscriptions (%,d signed "
                    + "deliveries) ...%n", options.articles(), subscriptions, expected);
            for (int i = 0; i < options.articles(); i++) {
                send(producer, article("d-" + i, DELIVERIES_TAG));
            }
            producer.flush();
            Config config = config(bootstrap, subscriptions(secrets, receiver, DELIVERIES_TAG), false, 0);
            long cpuStart = processCpuNanos();
            long[] ticksStart = userAndSystemTicks();
            long startedAt = System.nanoTime();
            try (PublishService service = PublishService.builder(config).build()) {
                service.start();
                progress.printf(Locale.ROOT, "deliveries: service started with %d workers in %d ms%n", subscriptions,
                        (System.nanoTime() - startedAt) / 1_000_000);
                await("deliveries", receiver::distinct, expected, service, options.timeout(), progress);
                long cpu = processCpuNanos() - cpuStart;
                double seconds = (receiver.lastVerifiedNanos() - receiver.firstVerifiedNanos()) / 1e9;
                long retried = service.stats().values().stream().mapToLong(SubscriptionStats::retried).sum();
                long deadLettered = service.stats().values().stream().mapToLong(SubscriptionStats::deadLettered)
                        .sum();
                line(out, "deliveries.subscriptions", subscriptions);
                line(out, "deliveries.articles", options.articles());
                line(out, "deliveries.expected", expected);
                line(out, "deliveries.receiverThreads", options.receiverThreads());
                line(out, "deliveries.requests", receiver.requests());
                line(out, "deliveries.verified", receiver.verified());
                line(out, "deliveries.rejected", receiver.rejected());
                line(out, "deliveries.distinct", receiver.distinct());
                line(out, "deliveries.duplicates", receiver.verified() - receiver.distinct());
                line(out, "deliveries.lost", expected - receiver.distinct());
                line(out, "deliveries.retried", retried);
                line(out, "deliveries.deadLettered", deadLettered);
                line(out, "deliveries.seconds", format(seconds));
                line(out, "deliveries.perSecond", format((receiver.distinct() - 1) / Math.max(seconds, 1e-9)));
                line(out, "deliveries.perSecondFromStart", format(receiver.distinct()
                        / ((receiver.lastVerifiedNanos() - startedAt) / 1e9)));
                line(out, "deliveries.cpuMsPerDelivery", format(cpu / 1e6 / expected));
                long[] ticks = userAndSystemTicks();
                long user = ticks[0] - ticksStart[0];
                long system = ticks[1] - ticksStart[1];
                if (ticks[0] >= 0 && user + system > 0) {
                    line(out, "deliveries.cpuKernelShare", format((double) system / (user + system)));
                }
                line(out, "deliveries.jvmThreads", ManagementFactory.getThreadMXBean().getThreadCount());
                line(out, "deliveries.loadAverage", loadAverage());
            }
        }
    }

    // ------------------------------------------------------------------------------------------------- latency

    private static void latency(Options options, String bootstrap, PrintStream out, PrintStream progress)
            throws IOException, InterruptedException {
        int subscriptions = options.latencySubscriptions();
        Map<String, String> secrets = secrets("latency", subscriptions);
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Timings timings = new Timings();
        BenchReceiver.Listener listener = (articleId, arrived) -> {
            Long sent = sentAt.get(articleId);
            if (sent != null && !articleId.startsWith("w-")) {
                timings.add(arrived - sent);
            }
        };
        String transactionalId = options.transactional() ? "bench-publish-" + System.nanoTime() : null;
        try (BenchReceiver receiver = BenchReceiver.start(secrets, options.receiverThreads(), listener);
             KafkaProducer<String, byte[]> producer = producer(bootstrap, 0, transactionalId)) {
            if (transactionalId != null) {
                producer.initTransactions();
            }
            Config config = config(bootstrap, subscriptions(secrets, receiver, LATENCY_TAG), false, 0);
            try (PublishService service = PublishService.builder(config).build()) {
                service.start();
                progress.printf(Locale.ROOT, "latency: warming up %d subscriptions for %d s ...%n", subscriptions,
                        WARM_UP.toSeconds());
                long warm = paced(producer, "w-", options.latencyRate(), WARM_UP, sentAt, options.transactional());
                await("latency warm-up", receiver::distinct, warm * subscriptions, service, options.timeout(),
                        progress);
                long before = receiver.distinct();
                long loadBefore = System.nanoTime();
                progress.printf(Locale.ROOT, "latency: %d articles/s for %d s to %d subscriptions%s ...%n",
                        options.latencyRate(), options.latencyDuration().toSeconds(), subscriptions,
                        options.transactional() ? ", one transaction each" : "");
                long produceStart = System.nanoTime();
                long sent = paced(producer, "l-", options.latencyRate(), options.latencyDuration(), sentAt,
                        options.transactional());
                double produceSeconds = (System.nanoTime() - produceStart) / 1e9;
                long expected = sent * subscriptions;
                await("latency", () -> receiver.distinct() - before, expected, service, options.timeout(),
                        progress);
                line(out, "latency.subscriptions", subscriptions);
                line(out, "latency.transactional", options.transactional());
                line(out, "latency.rate", options.latencyRate());
                line(out, "latency.articles", sent);
                line(out, "latency.producedPerSecond", format(sent / produceSeconds));
                line(out, "latency.deliveries", timings.size());
                line(out, "latency.lost", expected - (receiver.distinct() - before));
                line(out, "latency.rejected", receiver.rejected());
                line(out, "latency.produceToReceivedMs.p50", format(timings.percentile(50) / 1e6));
                line(out, "latency.produceToReceivedMs.p90", format(timings.percentile(90) / 1e6));
                line(out, "latency.produceToReceivedMs.p99", format(timings.percentile(99) / 1e6));
                line(out, "latency.produceToReceivedMs.max", format(timings.percentile(100) / 1e6));
                line(out, "latency.loadAverage", loadAverage());
                progress.printf(Locale.ROOT, "latency: done in %d s%n", (System.nanoTime() - loadBefore) / 1_000_000_000);
            }
        }
    }

    /** Sends at {@code rate} per second for {@code duration}; returns how many were sent. */
    private static long paced(KafkaProducer<String, byte[]> producer, String prefix, int rate, Duration duration,
                              Map<String, Long> sentAt, boolean transactional) {
        long sent = Pacer.run(rate, duration, count -> {
            EnrichedArticle article = article(prefix + count, LATENCY_TAG);
            if (transactional) {
                producer.beginTransaction();
            }
            if (sentAt != null) {
                sentAt.put(article.id(), System.nanoTime());
            }
            send(producer, article);
            if (transactional) {
                producer.commitTransaction();
            }
        });
        producer.flush();
        return sent;
    }

    // -------------------------------------------------------------------------------------------------- stream

    private static void stream(Options options, String bootstrap, PrintStream out, PrintStream progress)
            throws IOException, InterruptedException {
        int clients = options.streamClients();
        Config config = config(bootstrap, List.of(), true, clients);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (PublishService service = PublishService.builder(config).build();
             KafkaProducer<String, byte[]> producer = producer(bootstrap, 0, null)) {
            service.start();
            int port = service.httpPort().orElseThrow();
            int threadsBefore = threads.getThreadCount();
            long fdsBefore = openFileDescriptors();
            progress.printf(Locale.ROOT, "stream: opening %,d clients in a child JVM ...%n", clients);
            Process child = new ProcessBuilder(javaExecutable(), "-Xmx512m", "-XX:+UseSerialGC", "-cp",
                    System.getProperty("java.class.path"), SseLoadClients.class.getName(), "127.0.0.1",
                    Integer.toString(port), "/stream?tag=" + STREAM_TAG, Integer.toString(clients))
                    .redirectErrorStream(false).start();
            LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = pump(child.getInputStream(), lines::add, "sse-clients-out");
            Thread errors = pump(child.getErrorStream(), progress::println, "sse-clients-err");
            try (Writer commands = new java.io.OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
                Map<String, String> ready = awaitLine(lines, "ready", child, options.timeout());
                int opened = Integer.parseInt(ready.get("opened"));
                int threadsConnected = threads.getThreadCount();
                long fdsConnected = openFileDescriptors();
                progress.printf(Locale.ROOT, "stream: %,d clients opened; %d articles/s for %d s ...%n", opened,
                        options.streamRate(), options.streamDuration().toSeconds());
                long produceStart = System.nanoTime();
                long sent = 0;
                long interval = 1_000_000_000L / options.streamRate();
                long end = produceStart + options.streamDuration().toNanos();
                int threadsPeak = threadsConnected;
                for (long next = produceStart; next < end; next += interval) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    send(producer, article("s-" + sent, STREAM_TAG));
                    sent++;
                    threadsPeak = Math.max(threadsPeak, threads.getThreadCount());
                }
                producer.flush();
                commands.write("expect " + sent + "\n");
                commands.flush();
                Map<String, String> done = awaitLine(lines, "done", child, options.timeout());
                double seconds = (System.nanoTime() - produceStart) / 1e9;
                long total = Long.parseLong(done.get("eventsTotal"));
                line(out, "stream.clients", clients);
                line(out, "stream.clientsOpened", opened);
                line(out, "stream.connectMs", ready.get("connectMs"));
                line(out, "stream.clientsOpenAtEnd", done.get("open"));
                line(out, "stream.clientsWithEveryEvent", done.get("complete"));
                line(out, "stream.clientsEnded", done.get("ended"));
                line(out, "stream.rate", options.streamRate());
                line(out, "stream.events", sent);
                line(out, "stream.eventsPerClientMin", done.get("eventsMin"));
                line(out, "stream.eventsPerClientMax", done.get("eventsMax"));
                line(out, "stream.eventsDelivered", total);
                line(out, "stream.eventsDeliveredPerSecond", format(total / seconds));
                line(out, "stream.serverJvmThreadsBefore", threadsBefore);
                line(out, "stream.serverJvmThreadsConnected", threadsConnected);
                line(out, "stream.serverJvmThreadsPeak", threadsPeak);
                line(out, "stream.serverOpenFdsBefore", fdsBefore);
                line(out, "stream.serverOpenFdsConnected", fdsConnected);
                line(out, "stream.serverHeapUsedMb", (Runtime.getRuntime().totalMemory()
                        - Runtime.getRuntime().freeMemory()) / 1024 / 1024);
                line(out, "stream.loadAverage", loadAverage());
            } finally {
                if (!child.waitFor(10, TimeUnit.SECONDS)) {
                    child.destroy();
                    child.waitFor(5, TimeUnit.SECONDS);
                }
                reader.join(2_000);
                errors.join(2_000);
            }
        }
    }

    private static Thread pump(java.io.InputStream stream, java.util.function.Consumer<String> sink, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String text; (text = reader.readLine()) != null; ) {
                    sink.accept(text);
                }
            } catch (IOException e) {
                // the child ended
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Waits for the child's line starting with {@code word} and returns its {@code key=value} fields. */
    private static Map<String, String> awaitLine(LinkedBlockingQueue<String> lines, String word, Process child,
                                                 Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String text = lines.poll(200, TimeUnit.MILLISECONDS);
            if (text == null) {
                if (!child.isAlive() && lines.isEmpty()) {
                    throw new IllegalStateException("the stream clients' JVM exited with " + child.exitValue()
                            + " before '" + word + "'");
                }
                continue;
            }
            if (text.startsWith(word + " ")) {
                Map<String, String> fields = new LinkedHashMap<>();
                for (String field : text.substring(word.length() + 1).split(" ")) {
                    int equals = field.indexOf('=');
                    if (equals > 0) {
                        fields.put(field.substring(0, equals), field.substring(equals + 1));
                    }
                }
                return fields;
            }
        }
        throw new IllegalStateException("the stream clients did not report '" + word + "' within " + timeout);
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /** Secrets for {@code count} subscriptions, derived from their ids. */
    private static Map<String, String> secrets(String prefix, int count) {
        Map<String, String> secrets = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String id = String.format(Locale.ROOT, "bench-%s-%03d", prefix, i);
            String key = String.format(Locale.ROOT, "%-32s", "secret of " + id);
            secrets.put(id, "whsec_" + Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8)));
        }
        return secrets;
    }

    private static List<Map<String, Object>> subscriptions(Map<String, String> secrets, BenchReceiver receiver,
                                                           String tag) {
        List<Map<String, Object>> declared = new ArrayList<>();
        secrets.forEach((id, secret) -> declared.add(Map.of("id", id, "url", receiver.url(id), "secret", secret,
                "filter", Map.of("tags", List.of(tag)))));
        return declared;
    }

    /**
     * The service's configuration: the subscriptions declared (which replace those declared by the phase before),
     * loopback targets allowed, HTTP only for the stream phase.
     */
    private static Config config(String bootstrap, List<Map<String, Object>> subscriptions, boolean http,
                                 int streamClients) {
        Map<String, Object> values = new HashMap<>();
        values.put(KafkaSettings.BOOTSTRAP_SERVERS.name(), bootstrap);
        values.put(PublishSettings.SUBSCRIPTIONS.name(), subscriptions);
        values.put(PublishSettings.ALLOW_PRIVATE_TARGETS.name(), true);
        values.put(PublishSettings.HTTP_ENABLED.name(), http);
        values.put(PublishSettings.HTTP_HOST.name(), "127.0.0.1");
        values.put(PublishSettings.HTTP_PORT.name(), 0);
        if (http) {
            values.put(PublishSettings.STREAM_MAX_CLIENTS.name(), streamClients + 100);
        }
        return Config.of(PublishSettings.settings(), List.of(KafkaSettings.PASS_THROUGH_PREFIX), values);
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap, int lingerMs, String transactionalId) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "newsflow-bench-publish");
        if (transactionalId != null) {
            properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<String, byte[]> producer, EnrichedArticle article) {
        byte[] value = Topics.ENRICHED_ARTICLES.valueSerde().serializer()
                .serialize(Topics.ENRICHED_ARTICLES.name(), article);
        producer.send(new ProducerRecord<>(Topics.ENRICHED_ARTICLES.name(), null, article.id(), value,
                CloudEvents.forEnriched(article)));
    }

    /** A small enriched article with one tag; about 1 KB as JSON. */
    static EnrichedArticle article(String id, String tag) {
        RawArticle raw = RawArticle.builder()
                .id(id).feedId("bench").feedTitle("Benchmark feed")
                .url("https://news.example/bench/" + id).canonicalUrl("https://news.example/bench/" + id)
                .title("Benchmark article " + id).content("<p>Body of benchmark article " + id + ".</p>")
                .fetched(FETCHED)
                .build();
        Tag benchTag = new Tag(tag, "Benchmark", TagType.PLACE, 1, 0.9, List.of());
        return EnrichedArticle.of(raw, "en", "Body of benchmark article " + id + ".", "", List.of(benchTag),
                List.of(), Instant.now());
    }

    /** Waits until {@code count} reaches {@code expected}, printing progress; fails on timeout or a failed service. */
    private static void await(String what, LongSupplier count, long expected, PublishService service,
                              Duration timeout, PrintStream progress) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextReport = start + PROGRESS_EVERY.toNanos();
        while (count.getAsLong() < expected) {
            if (service.failure().isPresent()) {
                throw new IllegalStateException(what + ": the publish service failed", service.failure().get());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + ": only " + count.getAsLong() + " of " + expected
                        + " deliveries within " + timeout);
            }
            if (System.nanoTime() > nextReport) {
                progress.printf(Locale.ROOT, "  %s: %,d of %,d (%.0f s)%n", what, count.getAsLong(), expected,
                        (System.nanoTime() - start) / 1e9);
                nextReport += PROGRESS_EVERY.toNanos();
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    /** The 1, 5 and 15 minute load averages of the machine, as {@code uptime} shows them. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + "/" + fields[1] + "/" + fields[2];
        } catch (IOException | RuntimeException e) {
            return format(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** This process's user and kernel CPU ticks from {@code /proc/self/stat}; -1s where there is none. */
    private static long[] userAndSystemTicks() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }

    private static long openFileDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static void line(PrintStream out, String key, Object value) {
        out.println(key + "=" + value);
        out.flush();
    }
}
