package dev.newsflow.ingest.bench;

import dev.newsflow.contract.FeedState;
import dev.newsflow.contract.SeenArticle;
import dev.newsflow.contract.TopicSpec;
import dev.newsflow.contract.Topics;
import dev.newsflow.ingest.IngestService;
import dev.newsflow.ingest.IngestSettings;
import dev.newsflow.ingest.feed.FeedDefinition;
import dev.newsflow.ingest.feed.FeedList;
import dev.newsflow.ingest.fulltext.FullTextMode;
import dev.newsflow.support.config.Config;
import dev.newsflow.support.kafka.KafkaSettings;
import dev.newsflow.support.kafka.TopicCreator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A benchmark harness of ingest in steady state: can one instance keep N feeds on their poll cycle, and at what
 * CPU and heap cost? It serves N synthetic RSS feeds from a local server spread over many loopback hosts
 * ({@link FeedServer}), seeds ingest's state as a long-running instance would have it (each feed's ETag, its next
 * poll spread evenly over one cycle, and the items it carries already seen), runs {@link IngestService#start()} for
 * the duration, and reports the polls per second, CPU per poll, heap and records produced. Most polls answer
 * {@code 304}; a fraction find a new item and answer {@code 200}, producing one record each.
 *
 * <p>With {@code bootstrapServers} the service runs exactly as configured from a {@link Config}, on Kafka (a fresh
 * broker is best: the seed goes into the contract's topics {@code news.feed-state} and {@code news.ingest.seen},
 * and ingest reads all of them at start); without, it writes to a store that only counts, which measures ingest
 * without Kafka's share. Run it in a JVM of its own (e.g. {@code -Xmx512m}) so the heap figures are ingest's.
 */
public final class IngestBenchmark {

    private IngestBenchmark() {
    }

    /**
     * What to benchmark. The default serves 10,000 feeds on a 90 s cycle: 111 polls/s, the rate of 100,000 feeds on a
     * 15-minute cycle.
     *
     * @param feeds              synthetic feeds served and polled
     * @param cycle              each feed's poll interval ({@code ingest.poll-interval}, also the minimum)
     * @param duration           how long ingest runs, warm-up included
     * @param warmUp             the first part of the run, left out of rates, CPU and lateness
     * @param changedFraction    fraction of polls that find a new item (200); the rest answer 304
     * @param itemsPerFeed       items each feed carries (a 200 carries one new item and the previous ones)
     * @param hosts              distinct loopback hosts the feeds are spread over (feed i on host i % hosts)
     * @param fetchParallelism   {@code ingest.fetch.parallelism}
     * @param perHostConcurrency {@code ingest.fetch.per-host-concurrency}
     * @param perHostSpacing     {@code ingest.fetch.per-host-spacing}
     * @param jitter             {@code ingest.poll.jitter}
     * @param progressEvery      how often a progress line is printed
     */
    public record Options(int feeds, Duration cycle, Duration duration, Duration warmUp, double changedFraction,
                          int itemsPerFeed, int hosts, int fetchParallelism, int perHostConcurrency,
                          Duration perHostSpacing, double jitter, Duration progressEvery) {

        public Options {
            Objects.requireNonNull(cycle, "cycle");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(warmUp, "warmUp");
            Objects.requireNonNull(perHostSpacing, "perHostSpacing");
            Objects.requireNonNull(progressEvery, "progressEvery");
            List<String> problems = new ArrayList<>();
            if (feeds < 1) {
                problems.add("feeds must be at least 1, got " + feeds);
            }
            if (hosts < 1 || hosts > 250 * 256) {
                problems.add("hosts must be between 1 and 64000, got " + hosts);
            }
            if (itemsPerFeed < 1) {
                problems.add("itemsPerFeed must be at least 1, got " + itemsPerFeed);
            }
            if (!(changedFraction >= 0 && changedFraction <= 1)) {
                problems.add("changedFraction must be between 0 and 1, got " + changedFraction);
            }
            if (cycle.toMillis() < 1 || duration.toMillis() < 1 || progressEvery.toMillis() < 1) {
                problems.add("cycle, duration and progressEvery must be positive");
            }
            if (warmUp.isNegative() || warmUp.compareTo(duration) >= 0) {
                problems.add("warmUp must be at least 0 and shorter than the duration, got " + warmUp);
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
        }

        /** 10,000 feeds, 90 s cycle, 3 minutes with 30 s warm-up, 5% changed, 10 items, 1,000 hosts. */
        public static Options defaults() {
            return new Options(10_000, Duration.ofSeconds(90), Duration.ofMinutes(3), Duration.ofSeconds(30), 0.05,
                    10, 1_000, 16, 2, Duration.ofSeconds(1), 0.1, Duration.ofSeconds(10));
        }

        public Options withFeeds(int count) {
            return new Options(count, cycle, duration, warmUp, changedFraction, itemsPerFeed, hosts,
                    fetchParallelism, perHostConcurrency, perHostSpacing, jitter, progressEvery);
        }

        public Options withCycle(Duration length) {
            return new Options(feeds, length, duration, warmUp, changedFraction, itemsPerFeed, hosts,
                    fetchParallelism, perHostConcurrency, perHostSpacing, jitter, progressEvery);
        }

        public Options withDuration(Duration total, Duration warmUpPart) {
            return new Options(feeds, cycle, total, warmUpPart, changedFraction, itemsPerFeed, hosts,
                    fetchParallelism, perHostConcurrency, perHostSpacing, jitter, progressEvery);
        }

        public Options withChanges(double fraction, int items) {
            return new Options(feeds, cycle, duration, warmUp, fraction, items, hosts, fetchParallelism,
                    perHostConcurrency, perHostSpacing, jitter, progressEvery);
        }

        public Options withHosts(int count) {
            return new Options(feeds, cycle, duration, warmUp, changedFraction, itemsPerFeed, count,
                    fetchParallelism, perHostConcurrency, perHostSpacing, jitter, progressEvery);
        }

        public Options withFetching(int parallelism, int perHost, Duration spacing) {
            return new Options(feeds, cycle, duration, warmUp, changedFraction, itemsPerFeed, hosts, parallelism,
                    perHost, spacing, jitter, progressEvery);
        }

        public Options withProgressEvery(Duration every) {
            return new Options(feeds, cycle, duration, warmUp, changedFraction, itemsPerFeed, hosts,
                    fetchParallelism, perHostConcurrency, perHostSpacing, jitter, every);
        }

        /** Polls per second the feeds need: feeds / cycle (jitter stretches the cycle by half of it on average). */
        public double requiredPollsPerSecond() {
            return feeds / (cycle.toMillis() / 1000.0);
        }
    }

    /**
     * What the run measured. Server-side counts and CPU cover the measured window (after warm-up); what ingest
     * handled and wrote covers the whole run, so that {@code records} can be checked against
     * {@code expectedRecords}.
     *
     * @param kafka                whether ingest wrote to Kafka (else to a counting store)
     * @param feeds                feeds polled
     * @param hosts                loopback hosts they were spread over
     * @param cycle                each feed's poll interval
     * @param requiredPollsPerSecond feeds / cycle
     * @param measuredSeconds      length of the measured window
     * @param polls                requests the server answered in the window
     * @param pollsPerSecond       polls / measuredSeconds
     * @param notModified          304s in the window
     * @param changed              200s in the window
     * @param otherResponses       anything else in the window (404: a bug)
     * @param latenessP50Ms        how late polls started after their due time, median, in the window
     * @param latenessP99Ms        the same, 99th percentile
     * @param latenessMaxMs        the same, maximum
     * @param keptUp               whether ingest kept its schedule: lateness p99 at most 5 s, and still running
     * @param cpuMsPerPoll         CPU of this JVM per poll (ingest, its Kafka clients, GC and the feed server)
     * @param ingestCpuMsPerPoll   the same without the feed server's thread
     * @param brokerCpuMsPerPoll   CPU of child processes (the embedded broker) per poll; -1 when there is none
     * @param coresUsed            CPU seconds of this JVM per second of the window
     * @param openSeconds          how long ingest took to open: read the seen and feed-state topics
     * @param liveHeapMaxMb        largest heap in use right after a GC during the run
     * @param heapAfterGcMb        heap in use after a full GC at the end of the run, ingest still open
     * @param heapMaxMb            the JVM's maximum heap ({@code -Xmx})
     * @param handledPolls         feed states ingest wrote during the run (one per poll it finished)
     * @param handledChanged       of which polls answered 200
     * @param failedPolls          of which polls failed (see the log)
     * @param records              raw articles ingest produced during the run
     * @param expectedRecords      items ingest had not seen in the 200s the server sent during the run; equals
     *                             {@code records} but for 200s still in flight when ingest was closed
     * @param failure              why ingest stopped early, or null
     */
    public record Report(boolean kafka, int feeds, int hosts, Duration cycle, double requiredPollsPerSecond,
                         double measuredSeconds, long polls, double pollsPerSecond, long notModified, long changed,
                         long otherResponses, long latenessP50Ms, long latenessP99Ms, long latenessMaxMs,
                         boolean keptUp, double cpuMsPerPoll, double ingestCpuMsPerPoll, double brokerCpuMsPerPoll,
                         double coresUsed, double openSeconds, double liveHeapMaxMb, double heapAfterGcMb,
                         double heapMaxMb, long handledPolls, long handledChanged, long failedPolls, long records,
                         long expectedRecords, String failure) {

        /** One {@code key=value} line per figure. */
        @Override
        public String toString() {
            Map<String, Object> lines = new LinkedHashMap<>();
            lines.put("store", kafka ? "kafka" : "counting (no Kafka)");
            lines.put("feeds", feeds);
            lines.put("hosts", hosts);
            lines.put("cycle", cycle.toSeconds() + "s");
            lines.put("requiredPollsPerSecond", format(requiredPollsPerSecond, 1));
            lines.put("measuredSeconds", format(measuredSeconds, 1));
            lines.put("polls", polls);
            lines.put("pollsPerSecond", format(pollsPerSecond, 1));
            lines.put("notModified", notModified);
            lines.put("changed", changed);
            lines.put("otherResponses", otherResponses);
            lines.put("latenessP50Ms", latenessP50Ms);
            lines.put("latenessP99Ms", latenessP99Ms);
            lines.put("latenessMaxMs", latenessMaxMs);
            lines.put("keptUp", keptUp);
            lines.put("cpuMsPerPoll", format(cpuMsPerPoll, 3));
            lines.put("ingestCpuMsPerPoll", format(ingestCpuMsPerPoll, 3));
            lines.put("brokerCpuMsPerPoll", brokerCpuMsPerPoll < 0 ? "n/a" : format(brokerCpuMsPerPoll, 3));
            lines.put("coresUsed", format(coresUsed, 2));
            lines.put("openSeconds", format(openSeconds, 1));
            lines.put("liveHeapMaxMb", format(liveHeapMaxMb, 1));
            lines.put("heapAfterGcMb", format(heapAfterGcMb, 1));
            lines.put("heapMaxMb", format(heapMaxMb, 0));
            lines.put("handledPolls", handledPolls);
            lines.put("handledChanged", handledChanged);
            lines.put("failedPolls", failedPolls);
            lines.put("records", records);
            lines.put("expectedRecords", expectedRecords);
            if (failure != null) {
                lines.put("failure", failure);
            }
            StringBuilder text = new StringBuilder();
            lines.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
            return text.toString();
        }

        private static String format(double value, int decimals) {
            return String.format(Locale.ROOT, "%." + decimals + "f", value);
        }
    }

    /**
     * Runs the benchmark.
     *
     * @param bootstrapServers Kafka to write to, or null to run ingest on a store that only counts
     * @param progress         where a progress line goes every {@link Options#progressEvery()}
     */
    public static Report run(Options options, String bootstrapServers, PrintStream progress) {
        String runId = Long.toString(System.currentTimeMillis(), 36);
        Path directory;
        try {
            directory = Files.createTempDirectory("newsflow-bench-ingest");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (FeedServer server = new FeedServer(runId, options.feeds(), options.hosts(), options.itemsPerFeed(),
                options.changedFraction())) {
            return run(options, bootstrapServers, progress, runId, directory, server);
        } finally {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
                Files.deleteIfExists(directory);
            } catch (IOException e) {
                progress.println("cannot delete " + directory + ": " + e.getMessage());
            }
        }
    }

    private static Report run(Options options, String bootstrapServers, PrintStream progress, String runId,
                              Path directory, FeedServer server) {
        boolean kafka = bootstrapServers != null;
        Config config = config(options, bootstrapServers, runId, writeFeedList(options, server, directory));
        progress.printf(Locale.ROOT, "Serving %d feeds on %d loopback hosts; %.1f polls/s needed; %s%n",
                options.feeds(), options.hosts(), options.requiredPollsPerSecond(),
                kafka ? "ingest writes to Kafka at " + bootstrapServers : "ingest writes to a counting store");

        // the state of a long-running instance: ETags, polls due evenly over one cycle, current items seen
        long seedStart = System.nanoTime();
        Instant now = Instant.now();
        SplittableRandom random = new SplittableRandom(7);
        Map<String, FeedState> states = new HashMap<>();
        for (int feed = 0; feed < options.feeds(); feed++) {
            Instant due = now.plusMillis((long) (random.nextDouble() * options.cycle().toMillis()));
            states.put(server.feedId(feed), server.seededState(feed, due, due.minus(options.cycle())));
        }
        // the seen-markers are made as they are written, so the harness holds no copy of them next to ingest's
        java.util.function.Consumer<java.util.function.Consumer<SeenArticle>> seen = marker -> {
            for (int feed = 0; feed < options.feeds(); feed++) {
                for (String[] item : server.seededItems(feed)) {
                    marker.accept(new SeenArticle(item[0], item[1], List.of(server.feedId(feed)),
                            now.minus(options.cycle())));
                }
            }
        };
        CountingArticleStore counting = null;
        if (kafka) {
            seedKafka(config, states, seen);
            states = null;
        } else {
            counting = new CountingArticleStore(seen, states);
        }
        progress.printf(Locale.ROOT, "Seeded %d feed states and %d seen articles in %.1f s%n", options.feeds(),
                options.feeds() * (long) options.itemsPerFeed(), seconds(System.nanoTime() - seedStart));

        // the feed list is handed over in code: FeedList.load refuses YAML over 3 MB (SnakeYAML's code point
        // limit), about 40,000 feeds, and the file written above is for reference
        List<FeedDefinition> definitions = new ArrayList<>(options.feeds());
        for (int feed = 0; feed < options.feeds(); feed++) {
            definitions.add(new FeedDefinition(server.feedId(feed), server.feedUri(feed), null, null,
                    FullTextMode.NEVER, true));
        }
        IngestService.Builder builder = IngestService.builder(IngestSettings.from(config), Clock.systemUTC())
                .feeds(new FeedList(definitions));
        IngestService ingest = kafka ? builder.build() : builder.store(counting).build();
        Measure measure = new Measure(server);
        Map<TopicPartition, Long> startOffsets = Map.of();
        String failure = null;
        double heapAfterGc;
        double openSeconds;
        try {
            long openStart = System.nanoTime();
            ingest.open();
            openSeconds = seconds(System.nanoTime() - openStart);
            progress.printf(Locale.ROOT, "Ingest opened in %.1f s%n", openSeconds);
            if (kafka) {
                startOffsets = endOffsets(config, List.of(Topics.RAW_ARTICLES.name(), Topics.FEED_STATE.name()));
            }
            server.lookUpStatesWith(ingest::feedState);
            long runStart = System.nanoTime();
            long warmUpEnd = runStart + options.warmUp().toNanos();
            long end = runStart + options.duration().toNanos();
            ingest.start();
            boolean measuring = false;
            long lastTick = runStart;
            long lastRequests = 0;
            while (System.nanoTime() < end && ingest.isRunning()) {
                long nextTick = Math.min(end, lastTick + options.progressEvery().toNanos());
                if (!measuring) {
                    nextTick = Math.min(nextTick, warmUpEnd);
                }
                sleepUntil(nextTick);
                long tick = System.nanoTime();
                measure.sampleHeap();
                if (!measuring && tick >= warmUpEnd) {
                    measuring = true;
                    measure.begin();
                }
                long requests = server.requests.get();
                long[] late = server.takeLatenessWindow();
                progress.printf(Locale.ROOT,
                        "t=%4.0fs%s polls=%d (%.1f/s) 304=%d 200=%d late mean/max=%d/%d ms liveHeap=%.0f MB%n",
                        seconds(tick - runStart), measuring ? "" : " (warm-up)", requests,
                        (requests - lastRequests) / seconds(tick - lastTick), server.notModified.get(),
                        server.ok.get(), late[1], late[2], measure.liveHeapMb());
                lastTick = tick;
                lastRequests = requests;
            }
            measure.end();
            failure = ingest.failure().map(Throwable::toString).orElse(null);
            heapAfterGc = heapAfterGcMb();
        } finally {
            ingest.close();
        }

        long handledPolls;
        long handledChanged;
        long failedPolls;
        long records;
        if (kafka) {
            Counts counts = countKafka(config, startOffsets);
            handledPolls = counts.polls;
            handledChanged = counts.changed;
            failedPolls = counts.failed;
            records = counts.records;
        } else {
            CountingArticleStore.Tally tally = counting.tally();
            handledPolls = tally.polls.get();
            handledChanged = tally.changed.get();
            failedPolls = tally.failed.get();
            records = tally.records.get();
        }
        server.close();
        int[] lateness = server.latenessSamples();
        Arrays.sort(lateness);
        long polls = measure.polls();
        long p99 = percentile(lateness, 0.99);
        return new Report(kafka, options.feeds(), options.hosts(), options.cycle(),
                options.requiredPollsPerSecond(), measure.seconds(), polls, polls / measure.seconds(),
                measure.notModified(), measure.changed(), measure.other(), percentile(lateness, 0.5), p99,
                lateness.length == 0 ? 0 : lateness[lateness.length - 1], failure == null && p99 <= 5000,
                perPoll(measure.processCpuNanos(), polls), perPoll(measure.processCpuNanos() - measure.serverCpuNanos(),
                polls), measure.childCpuNanos() < 0 ? -1 : perPoll(measure.childCpuNanos(), polls),
                measure.processCpuNanos() / 1e9 / measure.seconds(), openSeconds, measure.liveHeapMaxMb(),
                heapAfterGc, Runtime.getRuntime().maxMemory() / 1024.0 / 1024.0, handledPolls, handledChanged,
                failedPolls, records, server.newItems.get(), failure);
    }

    private static Path writeFeedList(Options options, FeedServer server, Path directory) {
        Path file = directory.resolve("feeds.yaml");
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writer.write("feeds:\n");
            for (int feed = 0; feed < options.feeds(); feed++) {
                writer.write("  - id: " + server.feedId(feed) + "\n    url: " + server.feedUri(feed) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the feed list " + file, e);
        }
        return file;
    }

    private static Config config(Options options, String bootstrapServers, String runId, Path feedList) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("ingest.feeds-file", feedList.toString());
        String cycle = options.cycle().toMillis() + "ms";
        values.put("ingest.poll-interval", cycle);
        values.put("ingest.poll.min-interval", cycle);
        values.put("ingest.poll.max-interval", Math.max(options.cycle().toMillis(), Duration.ofHours(6).toMillis())
                + "ms");
        values.put("ingest.poll.max-backoff", Math.max(options.cycle().toMillis(), Duration.ofHours(24).toMillis())
                + "ms");
        values.put("ingest.poll.jitter", options.jitter());
        values.put("ingest.fetch.parallelism", options.fetchParallelism());
        values.put("ingest.fetch.per-host-concurrency", options.perHostConcurrency());
        values.put("ingest.fetch.per-host-spacing", options.perHostSpacing().toMillis() + "ms");
        values.put("ingest.fetch.allow-private-addresses", true);
        values.put("ingest.full-text", "never");
        values.put("ingest.instance-id", "bench-" + runId);
        if (bootstrapServers != null) {
            values.put("kafka.bootstrap.servers", bootstrapServers);
        }
        return Config.of(IngestService.settings(), List.of(KafkaSettings.PASS_THROUGH_PREFIX), values);
    }

    /** Writes the seeded feed states and seen-markers to the contract's topics, as a previous instance left them. */
    private static void seedKafka(Config config, Map<String, FeedState> states,
                                  java.util.function.Consumer<java.util.function.Consumer<SeenArticle>> seen) {
        Map<String, Object> client = KafkaSettings.clientProperties(config);
        TopicCreator.ensureTopics(client, List.<TopicSpec<?, ?>>of(Topics.RAW_ARTICLES, Topics.INGEST_SEEN,
                Topics.FEED_STATE), config.get(KafkaSettings.PARTITIONS), config.get(KafkaSettings.REPLICATION_FACTOR));
        Map<String, Object> properties = new HashMap<>(client);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        var stateSerializer = Topics.FEED_STATE.valueSerde().serializer();
        var seenSerializer = Topics.INGEST_SEEN.valueSerde().serializer();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(),
                new ByteArraySerializer())) {
            seen.accept(marker -> producer.send(new ProducerRecord<>(Topics.INGEST_SEEN.name(), marker.id(),
                    seenSerializer.serialize(Topics.INGEST_SEEN.name(), marker))));
            states.forEach((id, state) -> producer.send(new ProducerRecord<>(Topics.FEED_STATE.name(), id,
                    stateSerializer.serialize(Topics.FEED_STATE.name(), state))));
            producer.flush();
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(Config config) {
        Map<String, Object> properties = new HashMap<>(KafkaSettings.clientProperties(config));
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        return new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static Map<TopicPartition, Long> endOffsets(Config config, List<String> topics) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            return consumer.endOffsets(partitions, Duration.ofSeconds(30));
        }
    }

    private static final class Counts {
        long polls;
        long changed;
        long failed;
        long records;
    }

    /** Counts the committed raw articles and feed states written since the start offsets. */
    private static Counts countKafka(Config config, Map<TopicPartition, Long> startOffsets) {
        Counts counts = new Counts();
        var stateDeserializer = Topics.FEED_STATE.valueSerde().deserializer();
        CountingArticleStore.Tally tally = new CountingArticleStore.Tally();
        try (KafkaConsumer<String, byte[]> consumer = consumer(config)) {
            consumer.assign(startOffsets.keySet());
            startOffsets.forEach(consumer::seek);
            Map<TopicPartition, Long> ends = consumer.endOffsets(startOffsets.keySet(), Duration.ofSeconds(30));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.topic().equals(Topics.RAW_ARTICLES.name())) {
                        counts.records++;
                    } else if (record.value() != null) {
                        tally.count(stateDeserializer.deserialize(record.topic(), record.value()));
                    }
                }
            }
        }
        counts.polls = tally.polls.get();
        counts.changed = tally.changed.get();
        counts.failed = tally.failed.get();
        return counts;
    }

    /** Counters and CPU at the start and end of the measured window, and the live heap seen during the run. */
    private static final class Measure {
        private final FeedServer server;
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private long[] start;
        private long[] stop;
        private double liveHeapMaxMb;
        private double liveHeapMb;

        Measure(FeedServer server) {
            this.server = server;
        }

        /** {nanoTime, requests, 304, 200, other, process CPU, server CPU, children CPU}. */
        private long[] snapshot() {
            return new long[] {System.nanoTime(), server.requests.get(), server.notModified.get(), server.ok.get(),
                    server.other.get(), os.getProcessCpuTime(), threads.getThreadCpuTime(server.threadId()),
                    childCpuNanosNow()};
        }

        void begin() {
            start = snapshot();
            server.recordLateness(true);
        }

        void end() {
            if (start == null) {
                begin();
            }
            stop = snapshot();
            server.recordLateness(false);
        }

        double seconds() {
            return Math.max(1e-3, IngestBenchmark.seconds(stop[0] - start[0]));
        }

        long polls() {
            return stop[1] - start[1];
        }

        long notModified() {
            return stop[2] - start[2];
        }

        long changed() {
            return stop[3] - start[3];
        }

        long other() {
            return stop[4] - start[4];
        }

        long processCpuNanos() {
            return stop[5] - start[5];
        }

        long serverCpuNanos() {
            return stop[6] - start[6];
        }

        long childCpuNanos() {
            return start[7] < 0 || stop[7] < 0 ? -1 : stop[7] - start[7];
        }

        /** The heap in use right after the last collection of each heap pool (the live set, roughly). */
        void sampleHeap() {
            long used = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                    used += pool.getCollectionUsage().getUsed();
                }
            }
            liveHeapMb = used / 1024.0 / 1024.0;
            liveHeapMaxMb = Math.max(liveHeapMaxMb, liveHeapMb);
        }

        double liveHeapMb() {
            return liveHeapMb;
        }

        double liveHeapMaxMb() {
            return liveHeapMaxMb;
        }

        private static long childCpuNanosNow() {
            List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
            if (children.isEmpty()) {
                return -1;
            }
            long total = 0;
            for (ProcessHandle child : children) {
                Optional<Duration> cpu = child.info().totalCpuDuration();
                if (cpu.isPresent()) {
                    total += cpu.get().toNanos();
                }
            }
            return total;
        }
    }

    private static double heapAfterGcMb() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return (runtime.totalMemory() - runtime.freeMemory()) / 1024.0 / 1024.0;
    }

    private static long percentile(int[] sorted, double fraction) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(fraction * sorted.length) - 1)];
    }

    private static double perPoll(long nanos, long polls) {
        return polls == 0 ? 0 : nanos / 1e6 / polls;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void sleepUntil(long nanoTime) {
        long remaining = nanoTime - System.nanoTime();
        if (remaining <= 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(remaining);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while benchmarking", e);
        }
    }
}
