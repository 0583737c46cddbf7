package dev.newsflow.enrich.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.contract.ArticleId;
import dev.newsflow.contract.CloudEvents;
import dev.newsflow.contract.DeadLetters;
import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.contract.Topics;
import dev.newsflow.kafka.KafkaBroker;
import dev.newsflow.kafka.WithKafka;
import dev.newsflow.support.config.Config;
import dev.newsflow.support.kafka.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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

@WithKafka
class EnrichServiceIT {

    private static final Clock CLOCK = Clock.systemUTC();

    private final List<EnrichService> services = new ArrayList<>();

    @AfterEach
    void closeServices() {
        services.forEach(EnrichService::close);
    }

    @Test
    void shouldEnrichEveryRawArticleOnceAndDeadLetterPoisonRecords(KafkaBroker kafka) {
        String group = KafkaBroker.uniqueName("enrich");
        EnrichService service = start(kafka, group);
        List<String> ids = produceArticles(kafka, "batch-one", 30);
        produceRaw(kafka, "poison-key", "{\"id\": \"this is not a raw article".getBytes(StandardCharsets.UTF_8));
        List<String> more = produceArticles(kafka, "batch-two", 5);

        Map<String, List<ConsumerRecord<String, EnrichedArticle>>> enriched = readEnrichedUntil(kafka,
                ids.size() + more.size(), ids, more);

        assertThat(enriched).containsOnlyKeys(concat(ids, more));
        assertThat(enriched.values()).allSatisfy(copies -> assertThat(copies).hasSize(1));
        ConsumerRecord<String, EnrichedArticle> first = enriched.get(ids.get(0)).get(0);
        assertThat(first.value().language()).isEqualTo("en");
        assertThat(first.value().sources()).anySatisfy(source -> assertThat(source.name()).isEqualTo("Reuters"));
        assertThat(first.value().tags()).anySatisfy(tag -> assertThat(tag.id()).isEqualTo("Q84"));
        assertThat(CloudEvents.header(first.headers(), CloudEvents.TYPE)).isEqualTo(CloudEvents.ENRICHED_ARTICLE_TYPE);
        assertThat(CloudEvents.header(first.headers(), CloudEvents.SPEC_VERSION)).isEqualTo("1.0");

        ConsumerRecord<byte[], byte[]> deadLetter = readDeadLetter(kafka, "poison-key");
        assertThat(header(deadLetter, DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.RAW_ARTICLES.name());
        assertThat(header(deadLetter, DeadLetters.STAGE)).isEqualTo("enrich");
        assertThat(header(deadLetter, DeadLetters.EXCEPTION_MESSAGE)).contains("RawArticle");
        assertThat(service.isRunning()).isTrue();
    }

    @Test
    void shouldDeadLetterAnArticleTooLargeToWriteAndGoOn(KafkaBroker kafka) {
        String group = KafkaBroker.uniqueName("enrich");
        start(kafka, group, Map.of(EnrichSettings.MAX_RECORD_BYTES.name(), 20_000), article -> { });
        String url = "https://example.com/huge/" + System.nanoTime();
        String hugeId = ArticleId.of(url, null).orElseThrow();
        RawArticle huge = RawArticle.builder().id(hugeId).feedId("it-feed").url(url)
                .title("A very long report").content("<p>" + "Markets were calm. ".repeat(1_500) + "</p>")
                .fetched(Instant.now()).build();
        produceRaw(kafka, hugeId, Topics.RAW_ARTICLES.valueSerde().serializer().serialize("", huge));
        List<String> after = produceArticles(kafka, "after-huge", 3);

        Map<String, List<ConsumerRecord<String, EnrichedArticle>>> enriched = readEnrichedUntil(kafka, 3, after);

        assertThat(enriched).containsOnlyKeys(after);
        ConsumerRecord<byte[], byte[]> deadLetter = readDeadLetter(kafka, hugeId);
        assertThat(header(deadLetter, DeadLetters.EXCEPTION_MESSAGE)).contains(hugeId, "enrich.max-record-bytes");
    }

    @Test
    void shouldContinueWhereItStoppedAfterARestart(KafkaBroker kafka) {
        String group = KafkaBroker.uniqueName("enrich");
        EnrichService first = start(kafka, group);
        List<String> before = produceArticles(kafka, "before-restart", 10);
        await().atMost(Duration.ofSeconds(60)).until(() -> first.enrichedCount() >= 10);
        first.close();

        List<String> after = produceArticles(kafka, "after-restart", 10);
        List<String> enrichedAfterRestart = new CopyOnWriteArrayList<>();
        start(kafka, group, article -> enrichedAfterRestart.add(article.id()));

        await().atMost(Duration.ofSeconds(60)).until(() -> enrichedAfterRestart.containsAll(after));
        Map<String, List<ConsumerRecord<String, EnrichedArticle>>> enriched = readEnrichedUntil(kafka, 20, before, after);
        assertThat(enriched.values()).allSatisfy(copies -> assertThat(copies).hasSize(1));
        assertThat(enrichedAfterRestart).as("the restarted service enriched only what was new")
                .doesNotContainAnyElementsOf(before);
    }

    @Test
    void shouldEnrichEachArticleOnceWithSeveralThreadsAcrossARestart(KafkaBroker kafka) {
        String group = KafkaBroker.uniqueName("enrich");
        Set<String> committedIds = ConcurrentHashMap.newKeySet();
        EnrichService first = start(kafka, group, Map.of(EnrichSettings.THREADS.name(), 3),
                article -> committedIds.add(article.id()));
        List<String> before = produceArticles(kafka, "threads-before", 20);
        await().atMost(Duration.ofSeconds(60)).until(() -> committedIds.containsAll(before));
        assertThat(first.isRunning()).isTrue();
        first.close();
        assertThat(first.isRunning()).isFalse();

        start(kafka, group, Map.of(EnrichSettings.THREADS.name(), 2), article -> committedIds.add(article.id()));
        List<String> after = produceArticles(kafka, "threads-after", 10);

        Map<String, List<ConsumerRecord<String, EnrichedArticle>>> enriched = readEnrichedUntil(kafka, 30, before, after);
        assertThat(enriched).containsOnlyKeys(concat(before, after));
        assertThat(enriched.values()).allSatisfy(copies -> assertThat(copies).hasSize(1));
    }

    @Test
    void shouldLetASecondInstanceTakeOverThePartitionsOfOneThatStops(KafkaBroker kafka) {
        String group = KafkaBroker.uniqueName("enrich");
        Set<String> byFirst = ConcurrentHashMap.newKeySet();
        Set<String> bySecond = ConcurrentHashMap.newKeySet();
        EnrichService first = start(kafka, group, Map.of(EnrichSettings.INSTANCE_ID.name(), group + "-a"),
                article -> byFirst.add(article.id()));
        EnrichService second = start(kafka, group, Map.of(EnrichSettings.INSTANCE_ID.name(), group + "-b"),
                article -> bySecond.add(article.id()));
        List<String> before = produceArticles(kafka, "two-instances", 20);
        await().atMost(Duration.ofSeconds(60)).until(() -> union(byFirst, bySecond).containsAll(before));

        first.close();
        List<String> after = produceArticles(kafka, "one-left", 20);

        await().atMost(Duration.ofSeconds(90)).until(() -> bySecond.containsAll(after));
        assertThat(second.isRunning()).isTrue();
        Map<String, List<ConsumerRecord<String, EnrichedArticle>>> enriched = readEnrichedUntil(kafka, 40, before, after);
        assertThat(enriched).containsOnlyKeys(concat(before, after));
        assertThat(enriched.values()).as("each article exactly once").allSatisfy(copies -> assertThat(copies).hasSize(1));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private EnrichService start(KafkaBroker kafka, String group) {
        return start(kafka, group, article -> { });
    }

    private EnrichService start(KafkaBroker kafka, String group, java.util.function.Consumer<EnrichedArticle> onCommitted) {
        return start(kafka, group, Map.of(), onCommitted);
    }

    private EnrichService start(KafkaBroker kafka, String group, Map<String, Object> settings,
                                java.util.function.Consumer<EnrichedArticle> onCommitted) {
        Map<String, Object> values = new HashMap<>(settings);
        values.put(KafkaSettings.BOOTSTRAP_SERVERS.name(), kafka.bootstrapServers());
        values.put(EnrichSettings.GROUP_ID.name(), group);
        values.putIfAbsent(EnrichSettings.INSTANCE_ID.name(), group);
        values.putIfAbsent(KafkaSettings.PARTITIONS.name(), 4);
        values.put(EnrichSettings.LANGUAGES.name(), List.of("pl", "en", "de"));
        Config config = Config.of(EnrichSettings.all(), List.of(KafkaSettings.PASS_THROUGH_PREFIX), values);
        EnrichService service = EnrichService.builder().config(config)
                .enrichment(EnrichSettings.enricher(config, CLOCK)::enrich).clock(CLOCK).onCommitted(onCommitted).build();
        services.add(service);
        service.start();
        return service;
    }

    /** English articles citing Reuters and naming London; ids unique to this call. */
    private static List<String> produceArticles(KafkaBroker kafka, String batch, int count) {
        List<String> ids = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
            for (int i = 0; i < count; i++) {
                String url = "https://example.com/" + batch + "/" + i + "/" + System.nanoTime();
                String id = ArticleId.of(url, null).orElseThrow();
                RawArticle article = RawArticle.builder().id(id).feedId("it-feed").url(url).canonicalUrl(url)
                        .title("Markets steady in London as investors wait for rates decision " + i)
                        .content("<p>LONDON (Reuters) - British shares were steady on Tuesday as investors waited "
                                + "for the Bank of England's decision on interest rates, traders said.</p>"
                                + "<p>The pound rose against the dollar, according to Reuters data.</p>")
                        .fetched(Instant.now()).declaredLanguage("en").build();
                producer.send(new ProducerRecord<>(Topics.RAW_ARTICLES.name(), null, id.getBytes(StandardCharsets.UTF_8),
                        Topics.RAW_ARTICLES.valueSerde().serializer().serialize("", article), CloudEvents.forRaw(article)));
                ids.add(id);
            }
        }
        return ids;
    }

    private static void produceRaw(KafkaBroker kafka, String key, byte[] value) {
        try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
            producer.send(new ProducerRecord<>(Topics.RAW_ARTICLES.name(), key.getBytes(StandardCharsets.UTF_8), value));
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(KafkaBroker kafka) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @SafeVarargs
    private static Map<String, List<ConsumerRecord<String, EnrichedArticle>>> readEnrichedUntil(
            KafkaBroker kafka, int expected, List<String>... idLists) {
        List<String> wanted = new ArrayList<>();
        for (List<String> ids : idLists) {
            wanted.addAll(ids);
        }
        Map<String, List<ConsumerRecord<String, EnrichedArticle>>> byId = new ConcurrentHashMap<>();
        try (KafkaConsumer<String, EnrichedArticle> consumer = new KafkaConsumer<>(readCommitted(kafka),
                new StringDeserializer(), Topics.ENRICHED_ARTICLES.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.ENRICHED_ARTICLES.name()));
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                for (ConsumerRecord<String, EnrichedArticle> record : consumer.poll(Duration.ofMillis(200))) {
                    if (wanted.contains(record.key())) {
                        byId.computeIfAbsent(record.key(), key -> new CopyOnWriteArrayList<>()).add(record);
                    }
                }
                return byId.size() >= expected;
            });
            // Anything duplicated would already be there: the enriched copies are committed together.
            consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                if (wanted.contains(record.key())) {
                    byId.computeIfAbsent(record.key(), key -> new CopyOnWriteArrayList<>()).add(record);
                }
            });
        }
        return byId;
    }

    private static ConsumerRecord<byte[], byte[]> readDeadLetter(KafkaBroker kafka, String key) {
        List<ConsumerRecord<byte[], byte[]>> found = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(readCommitted(kafka),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTER.name()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && key.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                        found.add(record);
                    }
                }
                return !found.isEmpty();
            });
        }
        return found.get(0);
    }

    private static Properties readCommitted(KafkaBroker kafka) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, KafkaBroker.uniqueName("reader"));
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return properties;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
