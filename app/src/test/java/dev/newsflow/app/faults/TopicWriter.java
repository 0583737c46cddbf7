package dev.newsflow.app.faults;

import dev.newsflow.contract.CloudEvents;
import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.contract.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes articles into the pipeline's topics as the service upstream would (key, serde, CloudEvents headers). */
final class TopicWriter implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;

    TopicWriter(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    void raw(List<RawArticle> articles) {
        for (RawArticle article : articles) {
            producer.send(new ProducerRecord<>(Topics.RAW_ARTICLES.name(), null,
                    article.id().getBytes(StandardCharsets.UTF_8),
                    Topics.RAW_ARTICLES.valueSerde().serializer().serialize(Topics.RAW_ARTICLES.name(), article),
                    CloudEvents.forRaw(article)));
        }
        producer.flush();
    }

    void enriched(List<EnrichedArticle> articles) {
        for (EnrichedArticle article : articles) {
            producer.send(new ProducerRecord<>(Topics.ENRICHED_ARTICLES.name(), null,
                    article.id().getBytes(StandardCharsets.UTF_8),
                    Topics.ENRICHED_ARTICLES.valueSerde().serializer().serialize(Topics.ENRICHED_ARTICLES.name(),
                            article),
                    CloudEvents.forEnriched(article)));
        }
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
