package dev.newsflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithKafka
class EmbeddedKafkaBrokerIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static KafkaBroker sharedBroker;

    @Test
    void shouldInjectTheSharedBrokerIntoFieldsAndParameters(KafkaBroker kafka) {
        assertThat(kafka).isSameAs(sharedBroker);
        assertThat(kafka.bootstrapServers()).isNotBlank();
    }

    @Test
    void shouldDeliverAProducedRecordToAConsumerGroup(KafkaBroker kafka) throws Exception {
        String topic = createTopic(kafka);
        try (KafkaProducer<String, String> producer = producer(kafka, Map.of())) {
            producer.send(new ProducerRecord<>(topic, "greeting", "hello")).get();
        }

        assertThat(consume(kafka, topic, "read_uncommitted", 1)).containsExactly("hello");
    }

    @Test
    void shouldServeTransactionsOnASingleNode(KafkaBroker kafka) throws Exception {
        String topic = createTopic(kafka);
        try (KafkaProducer<String, String> producer = transactionalProducer(kafka)) {
            producer.initTransactions();
            sendInTransaction(producer, topic, "committed", true);
            sendInTransaction(producer, topic, "aborted", false);
            sendInTransaction(producer, topic, "committed later", true);
        }

        assertThat(consume(kafka, topic, "read_committed", 2)).containsExactly("committed", "committed later");
    }

    @Test
    void shouldKeepCommittedRecordsWhenKilledAndRestartedOnTheSameDataDirectory(@TempDir Path dataDirectory)
            throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDirectory(dataDirectory).build().start()) {
            String bootstrapServers = broker.bootstrapServers();
            String topic = createTopic(broker);
            String transactionalId = KafkaBroker.uniqueName("tx");
            try (KafkaProducer<String, String> producer = transactionalProducer(broker, transactionalId)) {
                producer.initTransactions();
                sendInTransaction(producer, topic, "before the crash", true);
            }
            // Killed before its markers are written, the transaction would hang after the restart (see kill()).
            awaitCompleteCommit(broker, transactionalId);

            broker.kill();
            assertThat(broker.isRunning()).isFalse();
            broker.start();

            assertThat(broker.bootstrapServers()).isEqualTo(bootstrapServers);
            assertThat(consume(broker, topic, "read_committed", 1)).containsExactly("before the crash");
        }
        assertThat(dataDirectory.resolve("server.properties")).exists();
    }

    @Test
    void shouldKeepTopicsWhenStoppedAndStartedAgainUntilClosed() throws Exception {
        Path dataDirectory;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().heap("256m").build().start()) {
            dataDirectory = broker.dataDirectory();
            String topic = createTopic(broker);

            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            broker.start();

            try (Admin admin = broker.createAdmin()) {
                assertThat(admin.listTopics().names().get()).contains(topic);
            }
        }
        assertThat(dataDirectory).doesNotExist();
    }

    private static String createTopic(KafkaBroker kafka) throws ExecutionException, InterruptedException {
        String topic = KafkaBroker.uniqueName("topic");
        try (Admin admin = kafka.createAdmin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        return topic;
    }

    private static void sendInTransaction(KafkaProducer<String, String> producer, String topic, String value,
                                          boolean commit) throws Exception {
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, value, value)).get();
        if (commit) {
            producer.commitTransaction();
        } else {
            producer.abortTransaction();
        }
    }

    private static KafkaProducer<String, String> transactionalProducer(KafkaBroker kafka) {
        return transactionalProducer(kafka, KafkaBroker.uniqueName("tx"));
    }

    private static KafkaProducer<String, String> transactionalProducer(KafkaBroker kafka, String transactionalId) {
        return producer(kafka, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId));
    }

    private static void awaitCompleteCommit(KafkaBroker kafka, String transactionalId) {
        try (Admin admin = kafka.createAdmin()) {
            await().atMost(TIMEOUT).until(() -> admin.describeTransactions(List.of(transactionalId))
                    .description(transactionalId).get().state() == TransactionState.COMPLETE_COMMIT);
        }
    }

    private static KafkaProducer<String, String> producer(KafkaBroker kafka, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(extra);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /** The values of the first {@code count} records a new consumer group reads from the topic. */
    private static List<String> consume(KafkaBroker kafka, String topic, String isolationLevel, int count) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, KafkaBroker.uniqueName("group"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(TIMEOUT).pollInSameThread().pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> values.add(record.value()));
                return values.size() >= count;
            });
            consumer.commitSync();
        }
        return values;
    }
}
