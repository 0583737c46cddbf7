package dev.newsflow.publish;

import static dev.newsflow.publish.TestArticles.OTHER_SECRET;
import static dev.newsflow.publish.TestArticles.SECRET;
import static dev.newsflow.publish.TestArticles.article;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.contract.CloudEvents;
import dev.newsflow.contract.DeadLetters;
import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.Json;
import dev.newsflow.contract.Topics;
import dev.newsflow.kafka.KafkaBroker;
import dev.newsflow.kafka.WithKafka;
import dev.newsflow.publish.subscription.FailedDelivery;
import dev.newsflow.publish.subscription.SubscriptionState;
import dev.newsflow.publish.webhook.WebhookMessages;
import dev.newsflow.support.config.Config;
import dev.newsflow.support.kafka.KafkaSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publish service against a real broker: transactional input, three subscribers (one filtered, one failing),
 * dead-lettering and a restart.
 */
@WithKafka
class PublishServiceIT {

    private static final Logger log = LoggerFactory.getLogger(PublishServiceIT.class);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Everything goes to one partition, so the order of the input is the order of delivery. */
    private static final int PARTITION = 0;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String all = "all-" + run;
    private final String tagged = "tagged-" + run;
    private final String failing = "failing-" + run;
    private final List<String> deliveredToListener = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @TempDir
    Path directory;

    @AfterEach
    void closeResources() throws Exception {
        for (int index = resources.size() - 1; index >= 0; index--) {
            resources.get(index).close();
        }
    }

    @Test
    void shouldDeliverCommittedArticlesToEachSubscriberOnceAndResumeAfterARestart(KafkaBroker kafka)
            throws IOException {
        WebhookReceiver allReceiver = receiver(WebhookReceiver.always(200));
        WebhookReceiver taggedReceiver = receiver(WebhookReceiver.always(204));
        WebhookReceiver failingReceiver = receiver(WebhookReceiver.always(503));
        Config config = config(kafka, allReceiver, taggedReceiver, failingReceiver);

        PublishService service = start(config);
        EnrichedArticle a1 = article(id("a1"), "pap", "pl", List.of("Q36"), List.of());
        EnrichedArticle a2 = article(id("a2"), "pap", "pl", List.of(), List.of());
        EnrichedArticle a3 = article(id("a3"), "wire", "en", List.of("Q36"), List.of());
        EnrichedArticle aborted = article(id("aborted"), "pap", "pl", List.of("Q36"), List.of());
        EnrichedArticle a4 = article(id("a4"), "pap", "en", List.of("Q36", "Q1"), List.of());
        byte[] poison = "{\"id\": \"this is not an enriched article\"".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> producer = transactionalProducer(kafka)) {
            producer.beginTransaction();
            send(producer, a1);
            send(producer, a2);
            send(producer, a3);
            producer.commitTransaction();
            producer.beginTransaction();
            send(producer, aborted);
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            send(producer, a4);
            producer.send(new ProducerRecord<>(Topics.ENRICHED_ARTICLES.name(), PARTITION, bytes(id("poison")), poison));
            producer.commitTransaction();
        }

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(articleIds(allReceiver)).containsExactlyInAnyOrder(a1.id(), a2.id(), a3.id(), a4.id());
            assertThat(articleIds(taggedReceiver)).containsExactlyInAnyOrder(a1.id(), a3.id(), a4.id());
        });
        // The failing subscriber has not yet made its second attempt at a3 (due 4 to 6 s after the first): it
        // delayed nobody.
        assertThat(failingReceiver.requestCount()).isLessThanOrEqualTo(1);

        assertThat(allReceiver.received()).allSatisfy(received -> assertThat(received.signatureValid()).isTrue());
        assertThat(taggedReceiver.received()).allSatisfy(received -> assertThat(received.signatureValid()).isTrue());
        assertThat(mine(allReceiver)).extracting(WebhookReceiver.Received::messageId).containsExactlyInAnyOrder(
                messageId(all, a1), messageId(all, a2), messageId(all, a3), messageId(all, a4));
        assertThat(mine(taggedReceiver)).extracting(WebhookReceiver.Received::messageId).containsExactlyInAnyOrder(
                messageId(tagged, a1), messageId(tagged, a3), messageId(tagged, a4));
        assertThat(deliveredToListener).contains(all + " " + a4.id(), tagged + " " + a4.id());

        List<ConsumerRecord<byte[], byte[]>> deadLetters = await().atMost(PATIENCE)
                .until(() -> deadLetters(kafka), letters -> letters.size() == 3);
        assertThat(deadLetters).filteredOn(letter -> new String(letter.key(), StandardCharsets.UTF_8)
                        .equals(id("poison")))
                .hasSize(3)
                .allSatisfy(letter -> {
                    assertThat(letter.value()).isEqualTo(poison);
                    assertThat(header(letter.headers(), DeadLetters.STAGE)).isEqualTo("publish.webhook");
                    assertThat(header(letter.headers(), DeadLetters.SOURCE_TOPIC))
                            .isEqualTo(Topics.ENRICHED_ARTICLES.name());
                    assertThat(header(letter.headers(), DeadLetters.SOURCE_PARTITION)).isEqualTo("0");
                    assertThat(header(letter.headers(), DeadLetters.SOURCE_OFFSET)).isNotBlank();
                    assertThat(header(letter.headers(), DeadLetters.EXCEPTION_CLASS)).endsWith("SerializationException");
                })
                .extracting(letter -> header(letter.headers(), SubscriptionWorker.SUBSCRIPTION_HEADER))
                .containsExactlyInAnyOrder(all, tagged, failing);
        // The delivery that exhausted its attempts is kept in news.deliveries.failed, not dead-lettered.
        List<FailedDelivery> failed = await().atMost(PATIENCE).until(
                () -> service.subscriptionOperations().orElseThrow().failed(failing), list -> !list.isEmpty());
        assertThat(failed).singleElement().satisfies(delivery -> {
            assertThat(delivery.article()).isEqualTo(a3);
            assertThat(delivery.subscriptionId()).isEqualTo(failing);
            assertThat(delivery.attempts()).isEqualTo(2);
            assertThat(delivery.lastError()).contains("HTTP 503");
        });
        assertThat(failingReceiver.received()).hasSize(2)
                .extracting(WebhookReceiver.Received::messageId).containsOnly(messageId(failing, a3));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(service.stats().get(failing).state())
                .isEqualTo(WorkerState.RUNNING));
        assertThat(service.isRunning()).isTrue();
        assertThat(service.failure()).isEmpty();
        log.info("Stats before the restart: {}", service.stats().values());

        long closing = System.nanoTime();
        service.close();
        log.info("PublishService closed in {} ms", Duration.ofNanos(System.nanoTime() - closing).toMillis());
        assertThat(service.stats().values()).allSatisfy(stats ->
                assertThat(stats.state()).isEqualTo(WorkerState.STOPPED));
        assertThat(service.isRunning()).isFalse();
        assertThat(service.failure()).isEmpty();

        PublishService restarted = start(config);
        EnrichedArticle a5 = article(id("a5"), "pap", "pl", List.of("Q36"), List.of());
        try (KafkaProducer<byte[], byte[]> producer = transactionalProducer(kafka)) {
            producer.beginTransaction();
            send(producer, a5);
            producer.commitTransaction();
        }
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(articleIds(allReceiver)).containsExactlyInAnyOrder(a1.id(), a2.id(), a3.id(), a4.id(), a5.id());
            assertThat(articleIds(taggedReceiver)).containsExactlyInAnyOrder(a1.id(), a3.id(), a4.id(), a5.id());
        });
        assertThat(failingReceiver.received()).hasSize(2);
        assertThat(deadLetters(kafka)).hasSize(3);
        assertThat(restarted.stats().get(all)).extracting(SubscriptionStats::delivered, SubscriptionStats::deadLettered)
                .containsExactly(1L, 0L);
    }

    @Test
    void shouldDisableAGoneSubscriptionDurablyAndKeepRunning(KafkaBroker kafka) throws IOException {
        WebhookReceiver goneReceiver = receiver(WebhookReceiver.always(410));
        String gone = "gone-" + run;
        Path file = Files.writeString(directory.resolve("gone.yaml"), """
                kafka:
                  bootstrap.servers: %s
                publish:
                  allow-private-targets: true
                  http: {enabled: false}
                  subscriptions:
                    - {id: %s, url: "%s", secret: %s}
                """.formatted(kafka.bootstrapServers(), gone, goneReceiver.url(), SECRET));
        Config config = Config.load(PublishSettings.settings(), List.of(KafkaSettings.PASS_THROUGH_PREFIX),
                Optional.of(file), Map.of());

        PublishService service = start(config);
        assertThat(service.isRunning()).isTrue();
        try (KafkaProducer<byte[], byte[]> producer = transactionalProducer(kafka)) {
            producer.beginTransaction();
            send(producer, article(id("for-gone"), "pap", "pl", List.of(), List.of()));
            producer.commitTransaction();
        }

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                service.subscriptionOperations().orElseThrow().get(gone).orElseThrow().state())
                .isEqualTo(SubscriptionState.DISABLED));
        assertThat(service.subscriptionOperations().orElseThrow().get(gone).orElseThrow().stateReason())
                .startsWith("410 Gone at ");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(service.stats().get(gone).state())
                .isEqualTo(WorkerState.DISABLED));
        assertThat(service.isRunning()).as("a service without active subscriptions still runs").isTrue();
        assertThat(service.failure()).isEmpty();
        service.close();

        PublishService restarted = start(config);
        assertThat(restarted.subscriptionOperations().orElseThrow().get(gone).orElseThrow().state())
                .as("disabled after a restart, though the configuration declares it")
                .isEqualTo(SubscriptionState.DISABLED);
        assertThat(restarted.stats().get(gone).state()).isEqualTo(WorkerState.DISABLED);
        assertThat(goneReceiver.requestCount()).isEqualTo(1);
    }

    private PublishService start(Config config) {
        PublishService service = PublishService.builder(config)
                .onDelivered((subscription, article) -> deliveredToListener.add(subscription.id() + " " + article.id()))
                .build();
        resources.add(service);
        service.start();
        return service;
    }

    private Config config(KafkaBroker kafka, WebhookReceiver allReceiver, WebhookReceiver taggedReceiver,
                          WebhookReceiver failingReceiver) throws IOException {
        Path file = Files.writeString(directory.resolve("publish.yaml"), """
                kafka:
                  bootstrap.servers: %s
                publish:
                  allow-private-targets: true
                  http: {host: 127.0.0.1, port: 0}
                  webhook:
                    timeout: 2s
                    retry-schedule: [0s, 5s]
                    max-attempts: 2
                  subscriptions:
                    - id: %s
                      url: %s
                      secret: %s
                    - id: %s
                      url: %s
                      secrets: [%s, %s]
                      filter: {tags: [Q36]}
                    - id: %s
                      url: %s
                      secret: %s
                      filter: {feeds: [wire]}
                """.formatted(kafka.bootstrapServers(),
                all, allReceiver.url(), SECRET,
                tagged, taggedReceiver.url(), OTHER_SECRET, SECRET,
                failing, failingReceiver.url(), SECRET));
        return Config.load(PublishSettings.settings(), List.of(KafkaSettings.PASS_THROUGH_PREFIX), Optional.of(file),
                Map.of());
    }

    private WebhookReceiver receiver(WebhookReceiver.Responder responder) {
        WebhookReceiver receiver = WebhookReceiver.start(List.of(SECRET), responder);
        resources.add(receiver);
        return receiver;
    }

    private KafkaProducer<byte[], byte[]> transactionalProducer(KafkaBroker kafka) {
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, KafkaBroker.uniqueName("publish-it")),
                new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
        return producer;
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, EnrichedArticle article) {
        producer.send(new ProducerRecord<>(Topics.ENRICHED_ARTICLES.name(), PARTITION, null, bytes(article.id()),
                Json.writeBytes(article), CloudEvents.forEnriched(article)));
    }

    /** This run's dead letters, read from the start of the topic. */
    private List<ConsumerRecord<byte[], byte[]>> deadLetters(KafkaBroker kafka) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DEAD_LETTER.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(letters::add);
            }
            return letters.stream()
                    .filter(letter -> letter.key() != null
                            && new String(letter.key(), StandardCharsets.UTF_8).startsWith(run))
                    .toList();
        }
    }

    /** This run's requests to the receiver. */
    private List<WebhookReceiver.Received> mine(WebhookReceiver receiver) {
        return receiver.received().stream().filter(received -> received.article().id().startsWith(run)).toList();
    }

    private List<String> articleIds(WebhookReceiver receiver) {
        return mine(receiver).stream().map(received -> received.article().id()).toList();
    }

    private static String messageId(String subscriptionId, EnrichedArticle article) {
        return WebhookMessages.messageId(subscriptionId,
                CloudEvents.header(CloudEvents.forEnriched(article), CloudEvents.ID));
    }

    private String id(String name) {
        return run + "-" + name;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(Headers headers, String name) {
        return CloudEvents.header(headers, name);
    }
}
